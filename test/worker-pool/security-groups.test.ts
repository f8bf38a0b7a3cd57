/**
 * `securityGroupIds` and `remoteAccess`: the launch template's security group list (the cluster's always first when a list
 * is set, none when neither key is given), the key pair, the SSH ingress sources, every refusal with its path, the
 * EC2 quota as data, and the stack config paths users write.
 */
import * as path from "node:path";
import * as TOML from "smol-toml";
import {
  SECURITY_GROUP_ID, WorkerPoolArgs, planNodeAccess, planWorkerPool, renderPoolUserData, resolveWorkerPoolArgs, validateNodeAccess,
  validateWorkerPool,
} from "../../components/worker-pool";
import { eksLimit, eksLimitSource } from "../../components/facts";
import { isRecord } from "../../components/core";
import { loadStackConfig } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const AT = "workerpools:pools[0]";
const CLUSTER_SG = "sg-0c0c0c0c0c0c0c0c0";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35", clusterSecurityGroupId: CLUSTER_SG, vpcId: "vpc-0123456789abcdef0" };
const subnets = ["a", "b"].map((az) => ({ id: `subnet-${az}`, az }));
const pool = (over: Partial<WorkerPoolArgs> = {}) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over });
const sg = (n: number): string => `sg-${n.toString(16).padStart(17, "0")}`;
const [A, B, C] = [sg(0xa), sg(0xb), sg(0xc)];
const errorsOf = (over: Partial<WorkerPoolArgs>) => validateNodeAccess(pool(over), AT).filter((i) => i.severity !== "warning");
const warningsOf = (over: Partial<WorkerPoolArgs>) => validateNodeAccess(pool(over), AT).filter((i) => i.severity === "warning");

describe("defaults", () => {
  it("resolve to no extra groups and no SSH; remoteAccess gets no sources unless given", () => {
    const r = pool();
    expect(r.securityGroupIds).toEqual([]);
    expect(r.remoteAccess).toBeUndefined();
    expect(pool({ remoteAccess: { ec2SshKey: "ops" } }).remoteAccess).toEqual({ ec2SshKey: "ops", sourceSecurityGroupIds: [] });
  });
});

describe("planNodeAccess", () => {
  it("lists no security group and no key when neither key is given (EKS attaches the cluster security group)", () => {
    expect(planNodeAccess(pool())).toEqual({});
    expect(planWorkerPool(pool()).access).toEqual({});
  });

  it.each<[string, Partial<WorkerPoolArgs>, string[]]>([
    ["extra groups", { securityGroupIds: [A, B] }, ["cluster", A, B]],
    ["SSH sources", { remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [C] } }, ["cluster", "ssh"]],
    ["both", { securityGroupIds: [A], remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [B, C] } }, ["cluster", A, "ssh"]],
  ])("with %s lists the cluster security group first, then the extra ones, then the pool's SSH group", (_, over, expected) => {
    const groups = planNodeAccess(pool(over)).securityGroups ?? [];
    expect(groups.map((g) => (g.kind === "extra" ? g.id : g.kind))).toEqual(expected);
  });

  it("puts the key pair in keyName and the sources on the SSH group; a key alone lists no group", () => {
    expect(planNodeAccess(pool({ remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [B, C] } }))).toMatchObject({ keyName: "ops", ssh: { sourceSecurityGroupIds: [B, C] } });
    expect(planNodeAccess(pool({ remoteAccess: { ec2SshKey: "ops" } }))).toEqual({ keyName: "ops" });
  });
});

describe("validation", () => {
  it("accepts 8- and 17-digit ids and refuses anything else, at the index written", () => {
    expect(SECURITY_GROUP_ID.test("sg-0123abcd")).toBe(true);
    expect(SECURITY_GROUP_ID.test("sg-0123456789abcdef0")).toBe(true);
    const issues = errorsOf({ securityGroupIds: [A, "sg-0abc", "SG-0123456789ABCDEF0", "subnet-0123abcd"] });
    expect(issues.map((i) => i.path)).toEqual([`${AT}.securityGroupIds[1]`, `${AT}.securityGroupIds[2]`, `${AT}.securityGroupIds[3]`]);
    expect(issues[0].message).toMatch(/"sg-0abc" is not a security group id: sg- and 8 or 17 lowercase hex digits/);
  });

  it("refuses an id listed twice, and the cluster security group listed as an extra one", () => {
    expect(errorsOf({ securityGroupIds: [A, B, A] })).toEqual([{ path: `${AT}.securityGroupIds[2]`, message: `${A} is listed twice` }]);
    expect(errorsOf({ securityGroupIds: [CLUSTER_SG] })).toEqual([expect.objectContaining({ path: `${AT}.securityGroupIds[0]`, message: expect.stringMatching(/is the cluster security group/) })]);
    expect(errorsOf({ remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [B, B, "sg-x"] } }).map((i) => i.path))
      .toEqual([`${AT}.remoteAccess.sourceSecurityGroupIds[1]`, `${AT}.remoteAccess.sourceSecurityGroupIds[2]`]);
  });

  it("ships EC2's quota of security groups per network interface as data with its source (default 5, at most 16)", () => {
    expect(eksLimit("securityGroupsPerNetworkInterface")).toBe(5);
    expect(eksLimit("securityGroupsPerNetworkInterfaceMax")).toBe(16);
    expect(eksLimitSource("securityGroupsPerNetworkInterface")).toMatch(/docs\.aws\.amazon\.com\/vpc\/latest\/userguide\/amazon-vpc-limits\.html/);
  });

  it("counts the cluster and SSH groups: 5 in all passes, 6 warns (default quota), 17 is refused", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => sg(0x100 + i));
    expect(validateNodeAccess(pool({ securityGroupIds: ids(4) }), AT)).toEqual([]);
    const ssh = { ec2SshKey: "ops", sourceSecurityGroupIds: [C] };
    expect(warningsOf({ securityGroupIds: ids(4), remoteAccess: ssh })).toEqual([{
      path: `${AT}.securityGroupIds`, severity: "warning",
      message: expect.stringMatching(/would get 6 security groups \(the cluster security group, 4 listed and the pool's SSH security group\), over EC2's default quota of 5 .*L-2AFB9258, adjustable to 16/),
    }]);
    expect(errorsOf({ securityGroupIds: ids(16) })).toEqual([{ path: `${AT}.securityGroupIds`, message: expect.stringMatching(/17 security groups .* at most 16 even with a raised quota: list at most 15/) }]);
  });

  it.each([["empty", ""], ["over 255 characters", "k".repeat(256)], ["non-ASCII", "clé"]])("refuses a key pair name that is %s", (_, ec2SshKey) => {
    expect(errorsOf({ remoteAccess: { ec2SshKey } })).toEqual([{ path: `${AT}.remoteAccess.ec2SshKey`, message: expect.stringMatching(/must name an EC2 key pair: 1-255 printable ASCII characters/) }]);
  });

  it("warns that a key without sources opens no port 22 (never 0.0.0.0/0 as EKS's own remoteAccess would)", () => {
    expect(warningsOf({ remoteAccess: { ec2SshKey: "ops" } })).toEqual([{
      path: `${AT}.remoteAccess.sourceSecurityGroupIds`, severity: "warning", message: expect.stringMatching(/no port 22 ingress is added .*0\.0\.0\.0\/0/),
    }]);
    expect(errorsOf({ remoteAccess: { ec2SshKey: "ops" } })).toEqual([]);
  });

  it("refuses a list without the cluster security group, and SSH sources without the cluster's VPC", () => {
    const bare = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
    const args = (over: Partial<WorkerPoolArgs>) => resolveWorkerPoolArgs({ cluster: bare, subnets, instanceTypes: ["m6i.large"], ...over });
    expect(validateNodeAccess(args({ securityGroupIds: [A] }), AT)).toEqual([{ path: `${AT}.securityGroupIds`, message: expect.stringMatching(/needs the cluster's security group .*nodes without the cluster security group cannot reach the control plane/) }]);
    expect(validateNodeAccess(args({ remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [B] } }), AT)).toEqual([
      { path: `${AT}.remoteAccess.sourceSecurityGroupIds`, message: expect.stringMatching(/^needs the cluster's security group \(cluster\.clusterSecurityGroupId/) },
      { path: `${AT}.remoteAccess.sourceSecurityGroupIds`, message: expect.stringMatching(/^needs the cluster's VPC \(cluster\.vpcId/) },
    ]);
    expect(validateNodeAccess(args({ remoteAccess: { ec2SshKey: "ops" } }), AT).filter((i) => i.severity !== "warning")).toEqual([]);
  });

  it("is part of the pool's validation", () => {
    expect(validateWorkerPool(pool({ securityGroupIds: ["sg-nope"] }), AT).map((i) => i.path)).toContain(`${AT}.securityGroupIds[0]`);
  });
});

describe("Bottlerocket SSH", () => {
  const settingsOf = (over: Partial<WorkerPoolArgs>) => {
    const a = pool({ os: "BOTTLEROCKET", ...over });
    const doc = TOML.parse(renderPoolUserData(a, planWorkerPool(a), { name: "c", apiServerEndpoint: "https://e", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" }));
    return isRecord(doc.settings) ? doc.settings : {};
  };

  it("enables the admin container (Bottlerocket's SSH server) with a key pair, and not otherwise", () => {
    expect(settingsOf({ remoteAccess: { ec2SshKey: "ops" } })["host-containers"]).toEqual({ admin: { enabled: true } });
    expect(settingsOf({})["host-containers"]).toBeUndefined();
    expect(settingsOf({ securityGroupIds: [A] })["host-containers"]).toBeUndefined();
  });
});

describe("stack config", () => {
  const ROOT = path.resolve(__dirname, "../..");
  const dev = (): Record<string, unknown> => structuredClone(readStackFile(ROOT, "dev").values);
  const withPool0 = (extra: Record<string, unknown>) => {
    const v = dev();
    const pools = v.pools as Record<string, unknown>[];
    pools[0] = { ...pools[0], ...extra };
    return v;
  };

  it("plans extra groups and SSH (legal: policies judge SSH), warning only where no source opens port 22", () => {
    const r = loadStackConfig(withPool0({ securityGroupIds: [A], remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [B] } }), new Date("2026-12-01T00:00:00Z"));
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    expect(r.config.pools[0].args).toMatchObject({ securityGroupIds: [A], remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [B] } });
    expect(r.warnings.filter((w) => w.path.startsWith("workerpools:pools[0]"))).toEqual([]);
  });

  it("refuses bad ids at the path written, and a misspelt key with a suggestion", () => {
    const r = loadStackConfig(withPool0({ securityGroupIds: ["sg-0abc"], remoteAccess: { ec2SshKey: "ops", sourceSecurityGroups: [B] } }), new Date("2026-12-01T00:00:00Z"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: "workerpools:pools[0].remoteAccess.sourceSecurityGroups", message: expect.stringMatching(/did you mean "sourceSecurityGroupIds"/) }),
    ]));
    const semantic = loadStackConfig(withPool0({ securityGroupIds: [A, "sg-0abc"] }), new Date("2026-12-01T00:00:00Z"));
    expect(semantic.ok ? [] : semantic.errors.map((e) => e.path)).toEqual(["workerpools:pools[0].securityGroupIds[1]"]);
  });
});
