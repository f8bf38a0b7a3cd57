/** IAM policy ARNs and KMS key / alias ARNs: what parses, into which parts, and what does not. */
import { parseKmsKeyArn, parsePolicyArn } from "../../components/core";

describe("parsePolicyArn", () => {
  it.each([
    ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", { partition: "aws", account: "aws", name: "AmazonS3ReadOnlyAccess" }],
    ["arn:aws-cn:iam::111122223333:policy/team/nodes-extra", { partition: "aws-cn", account: "111122223333", name: "nodes-extra" }],
    ["arn:aws-us-gov:iam::aws:policy/service-role/AmazonEC2RoleforSSM", { partition: "aws-us-gov", account: "aws", name: "AmazonEC2RoleforSSM" }],
  ])("%s", (arn, parts) => expect(parsePolicyArn(arn)).toEqual(parts));

  it.each([
    ["a role ARN", "arn:aws:iam::aws:role/Admin"],
    ["an unknown partition", "arn:aws-iso:iam::aws:policy/ReadOnlyAccess"],
    ["a short account id", "arn:aws:iam::1234:policy/x"],
    ["a region in an IAM ARN", "arn:aws:iam:us-east-1:aws:policy/x"],
    ["a bare policy name", "AmazonS3ReadOnlyAccess"],
    ["a name with a space", "arn:aws:iam::aws:policy/Read Only"],
  ])("refuses %s", (_, arn) => expect(parsePolicyArn(arn)).toBeUndefined());
});

describe("parseKmsKeyArn", () => {
  it.each([
    ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", { partition: "aws", region: "eu-west-1", account: "111122223333", kind: "key", id: "1234abcd-12ab-34cd-56ef-1234567890ab" }],
    ["arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", { partition: "aws", region: "us-east-1", account: "111122223333", kind: "key", id: "mrk-1234abcd12ab34cd56ef1234567890ab" }],
    ["arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/eks/nodes", { partition: "aws-us-gov", region: "us-gov-west-1", account: "111122223333", kind: "alias", id: "eks/nodes" }],
  ])("%s", (arn, parts) => expect(parseKmsKeyArn(arn)).toEqual(parts));

  it.each([
    ["a bare key id", "1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["an alias name", "alias/eks/nodes"],
    ["a key id that is not a UUID", "arn:aws:kms:eu-west-1:111122223333:key/not-a-key"],
    ["another service", "arn:aws:s3:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["no region", "arn:aws:kms::111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
  ])("refuses %s", (_, arn) => expect(parseKmsKeyArn(arn)).toBeUndefined());
});
