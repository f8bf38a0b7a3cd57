/** The AWS types `aws:defaultTags` reaches: shipped data, regenerated from the installed @pulumi/aws. */
import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_TAGGABLE_TYPES_SOURCE, isTaggableAwsType } from "../../components/facts";
import { TAGGABLE_TYPES_FILE, renderTaggableTypes } from "../../tools/gen";

const ROOT = path.resolve(__dirname, "../..");

describe("AWS taggable types", () => {
  it("is the committed file, regenerated from the installed @pulumi/aws (npx tsx tools/gen/aws-taggable-types.ts)", () => {
    const committed: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, TAGGABLE_TYPES_FILE), "utf8"));
    expect(committed).toEqual(renderTaggableTypes(path.join(ROOT, "node_modules", "@pulumi", "aws")));
    expect(AWS_TAGGABLE_TYPES_SOURCE).toMatch(/^@pulumi\/aws \d+\.\d+\.\d+$/);
  });

  it.each([
    ["aws:ec2/vpc:Vpc", true], ["aws:eks/nodeGroup:NodeGroup", true], ["aws:iam/role:Role", true], ["aws:ec2/launchTemplate:LaunchTemplate", true],
    ["aws:ec2/routeTableAssociation:RouteTableAssociation", false], ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", false],
    ["aws:autoscaling/tag:Tag", false], ["eks:index:Cluster", false], ["kubernetes:storage.k8s.io/v1:StorageClass", false],
  ])("%s taggable: %s", (type, taggable) => {
    expect(isTaggableAwsType(type)).toBe(taggable);
  });
});
