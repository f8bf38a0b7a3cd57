/**
 * The pool's node role (`nodeRole.additionalPolicyArns`), its volume key (`rootVolume.kmsKeyArn`) and its tags: the pure
 * plan, every refusal and warning with its path, and the defaults.
 */
import {
  NODE_ROLE_POLICIES, POOL_TAG_KEYS, WORKER_POOL_DEFAULTS, WorkerPoolArgs, planBlockDevices, planNodeRole, planPoolTags, resolveWorkerPoolArgs,
  validateNodeRole, validatePoolTags, validateVolumeKey, validateWorkerPool,
} from "../../components/worker-pool";

const AT = "workerpools:pools[0]";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b"].map((az) => ({ id: `subnet-${az}`, az }));
const pool = (over: Partial<WorkerPoolArgs> = {}) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over });
const S3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const OWN = "arn:aws:iam::111122223333:policy/nodes-extra";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const extra = (...arns: string[]) => pool({ nodeRole: { additionalPolicyArns: arns } });

describe("defaults", () => {
  it("resolve to no additional policies, no volume key and no tags", () => {
    const r = pool();
    expect(r.nodeRole).toEqual({ additionalPolicyArns: [] });
    expect(r.rootVolume.kmsKeyArn).toBeUndefined();
    expect(r.tags).toEqual({});
    expect(WORKER_POOL_DEFAULTS.nodeRole).toEqual({ additionalPolicyArns: [] });
  });
});

describe("the node role's policies", () => {
  it("are the required ones, then each additional one once, in the order given", () => {
    expect(planNodeRole(pool())).toEqual({ kind: "created", policyArns: [...NODE_ROLE_POLICIES], additionalPolicyArns: [] });
    expect(planNodeRole(extra(S3, OWN, S3, NODE_ROLE_POLICIES[0]))).toEqual({ kind: "created", policyArns: [...NODE_ROLE_POLICIES, S3, OWN], additionalPolicyArns: [S3, OWN] });
  });

  it("are not planned for an existing role", () => {
    expect(planNodeRole(pool({ nodeRoleArn: "arn:aws:iam::111122223333:role/nodes" }))).toEqual({ kind: "existing" });
  });

  it("accept IAM managed policy ARNs of every partition", () => {
    expect(validateNodeRole(extra(S3, OWN, "arn:aws-cn:iam::aws:policy/ReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/x"), AT)).toEqual([]);
  });

  it.each([
    ["a role ARN", "arn:aws:iam::111122223333:role/x"],
    ["a policy name", "AmazonS3ReadOnlyAccess"],
    ["an unknown partition", "arn:aws-iso:iam::aws:policy/x"],
  ])("refuse %s at its index", (_, arn) => {
    expect(validateNodeRole(extra(S3, arn), AT)).toEqual([
      { path: `${AT}.nodeRole.additionalPolicyArns[1]`, message: expect.stringMatching(/is not an IAM managed policy ARN: .*partition aws, aws-cn, aws-us-gov/) },
    ]);
  });

  it("ignore a required policy listed again, and a duplicate, with a warning each", () => {
    expect(validateNodeRole(extra(NODE_ROLE_POLICIES[1], S3, S3), AT)).toEqual([
      { path: `${AT}.nodeRole.additionalPolicyArns[0]`, severity: "warning", message: "AmazonEKS_CNI_Policy is attached to every node role already; ignored" },
      { path: `${AT}.nodeRole.additionalPolicyArns[2]`, severity: "warning", message: `${S3} is listed twice; attached once` },
    ]);
  });

  it("are refused beside nodeRoleArn (an existing role is its owner's)", () => {
    const issues = validateNodeRole(pool({ nodeRoleArn: "arn:aws:iam::111122223333:role/nodes", nodeRole: { additionalPolicyArns: [S3] } }), AT);
    expect(issues).toEqual([{ path: `${AT}.nodeRole.additionalPolicyArns`, message: expect.stringMatching(/cannot be combined with nodeRoleArn/) }]);
  });

  it("warn past IAM's default 10 policies per role and refuse past 20", () => {
    const arns = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::111122223333:policy/p${i}`);
    expect(validateNodeRole(extra(...arns(6)), AT)).toEqual([]);
    expect(validateNodeRole(extra(...arns(7)), AT)).toEqual([{ path: `${AT}.nodeRole.additionalPolicyArns`, severity: "warning", message: expect.stringMatching(/11 managed policies .*default quota is 10/) }]);
    expect(validateNodeRole(extra(...arns(17)), AT)).toEqual([{ path: `${AT}.nodeRole.additionalPolicyArns`, message: expect.stringMatching(/21 managed policies .*at most 20/) }]);
  });

  it("broad policies are legal (policy EKS-IAM-001 judges them)", () => {
    expect(validateWorkerPool(extra("arn:aws:iam::aws:policy/AdministratorAccess"), AT).filter((i) => i.path.includes("nodeRole"))).toEqual([]);
  });
});

describe("the volume key", () => {
  it("goes on the AL2023 root volume, and on both Bottlerocket volumes", () => {
    expect(planBlockDevices(pool({ rootVolume: { kmsKeyArn: KEY } })).map((d) => [d.deviceName, d.kmsKeyId])).toEqual([["/dev/xvda", KEY]]);
    expect(planBlockDevices(pool({ os: "BOTTLEROCKET", rootVolume: { kmsKeyArn: KEY } })).map((d) => [d.deviceName, d.kmsKeyId])).toEqual([["/dev/xvda", KEY], ["/dev/xvdb", KEY]]);
    expect(planBlockDevices(pool()).some((d) => "kmsKeyId" in d)).toBe(false);
  });

  it("takes a key ARN or an alias ARN, in the stack's region when known", () => {
    expect(validateVolumeKey(KEY, "k", "us-east-1")).toEqual([]);
    expect(validateVolumeKey("arn:aws:kms:us-east-1:111122223333:alias/eks/ebs", "k", "us-east-1")).toEqual([]);
    expect(validateVolumeKey(KEY, "k")).toEqual([]);
    expect(validateVolumeKey(undefined, "k", "us-east-1")).toEqual([]);
  });

  it.each([
    ["a bare key id", "1234abcd-12ab-34cd-56ef-1234567890ab", /is not a KMS key ARN/],
    ["an alias name", "alias/eks/ebs", /is not a KMS key ARN/],
    ["a key of another region", KEY.replace("us-east-1", "eu-west-1"), /the key is in eu-west-1, but the stack's nodes are in us-east-1/],
  ])("refuses %s at rootVolume.kmsKeyArn", (_, arn, message) => {
    const issues = validateWorkerPool(pool({ rootVolume: { kmsKeyArn: arn } }), AT, undefined, "us-east-1").filter((i) => i.path.includes("kmsKeyArn"));
    expect(issues).toEqual([{ path: `${AT}.rootVolume.kmsKeyArn`, message: expect.stringMatching(message) }]);
  });
});

describe("the pool's tags", () => {
  it("go under the pool tags, which win", () => {
    expect(planPoolTags(pool({ tags: { team: "a" } }), "p")).toEqual({ team: "a", "workerpools/pool": "p", "workerpools/layout": "spread" });
    expect(POOL_TAG_KEYS).toEqual(["workerpools/pool", "workerpools/layout"]);
  });

  it("refuse the pool tags' own keys and what AWS refuses, at the key", () => {
    expect(validatePoolTags({ "workerpools/pool": "x", "aws:x": "y" }, `${AT}.tags`).map((i) => i.path)).toEqual([`${AT}.tags.workerpools/pool`, `${AT}.tags.aws:x`]);
  });

  it("count the two pool tags against the 50-tag limit", () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
    expect(validatePoolTags(tags(48), `${AT}.tags`)).toEqual([]);
    expect(validatePoolTags(tags(49), `${AT}.tags`)).toEqual([{ path: `${AT}.tags`, message: expect.stringMatching(/would carry 51/) }]);
  });
});
