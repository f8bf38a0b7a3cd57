/**
 * ARN shapes this library takes from users: IAM managed policy ARNs and KMS key / alias ARNs. Pure parsers; the
 * validators that use them name the config path and what would be valid.
 */

/** The AWS partitions an ARN may name (commercial, China, GovCloud (US)). */
export const AWS_PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;
export type AwsPartition = (typeof AWS_PARTITIONS)[number];

const PARTITION = `(${AWS_PARTITIONS.join("|")})`;
const ACCOUNT = "(\\d{12})";

/** An IAM managed policy ARN: `arn:<partition>:iam::<account | aws>:policy/<path/>name`. */
export interface PolicyArn {
  readonly partition: AwsPartition;
  /** A 12-digit account id, or `aws` for AWS managed policies. */
  readonly account: string;
  /** The policy name (the ARN's last segment). */
  readonly name: string;
}

// IAM: policy names are 1-128 of [\w+=,.@-]; paths are `/`-separated segments of printable ASCII without `/`.
const POLICY_ARN = new RegExp(`^arn:${PARTITION}:iam::(aws|\\d{12}):policy/((?:[\\x21-\\x2e\\x30-\\x7e]+/)*)([\\w+=,.@-]{1,128})$`);

/** The parts of an IAM managed policy ARN, or undefined when `arn` is not one. */
export function parsePolicyArn(arn: string): PolicyArn | undefined {
  const m = POLICY_ARN.exec(arn);
  return m ? { partition: m[1] as AwsPartition, account: m[2], name: m[4] } : undefined;
}

/** A KMS key ARN (`…:key/<key id>`) or alias ARN (`…:alias/<name>`). */
export interface KmsKeyArn {
  readonly partition: AwsPartition;
  readonly region: string;
  readonly account: string;
  readonly kind: "key" | "alias";
  /** The key id (a UUID, or `mrk-` and 32 hex digits for a multi-Region key), or the alias name without `alias/`. */
  readonly id: string;
}

const KEY_ID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
// KMS alias names: 1-256 of [A-Za-z0-9/_-] after `alias/`.
const KMS_ARN = new RegExp(`^arn:${PARTITION}:kms:([a-z]{2}(?:-[a-z]+)+-\\d+):${ACCOUNT}:(?:key/${KEY_ID}|alias/([A-Za-z0-9/_-]{1,256}))$`);

/** The parts of a KMS key or alias ARN, or undefined when `arn` is neither. */
export function parseKmsKeyArn(arn: string): KmsKeyArn | undefined {
  const m = KMS_ARN.exec(arn);
  if (!m) return undefined;
  const [, partition, region, account, keyId, alias] = m;
  return keyId !== undefined
    ? { partition: partition as AwsPartition, region, account, kind: "key", id: keyId }
    : { partition: partition as AwsPartition, region, account, kind: "alias", id: alias };
}
