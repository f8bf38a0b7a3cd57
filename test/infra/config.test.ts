/** Stack config: the dev stack is valid; every SPEC §6 bad input is refused with its config path. */
import * as path from "node:path";
import { loadStackConfig, LoadResult } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
const devValues = (): Record<string, unknown> => structuredClone(readStackFile(ROOT, "dev").values);

interface PoolLike { [k: string]: unknown }
const pools = (v: Record<string, unknown>): PoolLike[] => v.pools as PoolLike[];
const cluster = (v: Record<string, unknown>): Record<string, unknown> => v.cluster as Record<string, unknown>;

function errorsOf(r: LoadResult) {
  if (r.ok) throw new Error("expected the config to be refused");
  return r.errors;
}

describe("the dev stack", () => {
  it("is valid and resolves three pools in two waves", () => {
    const r = loadStackConfig(devValues());
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    expect(r.config.pools.map((p) => p.name)).toEqual(["system", "general", "batch"]);
    expect(r.config.patching.waves).toEqual([["system"], ["general", "batch"]]);
    expect(r.config.availabilityZones).toHaveLength(3);
  });
});

type Mutation = (v: Record<string, unknown>) => void;
const CASES: [string, Mutation, string, RegExp][] = [
  ["a pool with no AZ", (v) => { pools(v)[0].availabilityZones = []; }, "workerpools:pools[0].availabilityZones", /at least one AZ/],
  ["min > max", (v) => { pools(v)[0].scaling = { min: 5, max: 3, desired: 3 }; }, "workerpools:pools[0].scaling.min", /must be <= max \(3\), got 5/],
  ["desired outside [min, max]", (v) => { pools(v)[1].scaling = { min: 3, max: 6, desired: 9 }; }, "workerpools:pools[1].scaling.desired", /within \[min, max\] = \[3, 6\], got 9/],
  ["maxUnavailable above a node group's size (per-zone: 12 over 3 zones is 4 each)", (v) => { pools(v)[1].update = { maxUnavailable: 5 }; }, "workerpools:pools[1].update.maxUnavailable", /node group's max size \(4\), got 5/],
  ["both maxUnavailable and maxUnavailablePercentage", (v) => { pools(v)[1].update = { maxUnavailable: 1, maxUnavailablePercentage: 20 }; }, "workerpools:pools[1].update", /exactly one/],
  ["a taint key in a namespace EKS reserves", (v) => { pools(v)[0].taints = [{ key: "kubernetes.io/role", value: "x", effect: "NoSchedule" }]; }, "workerpools:pools[0].taints[0].key", /EKS refuses/],
  ["a node label the kubelet refuses to set", (v) => { pools(v)[0].labels = { "kubernetes.io/role": "system" }; }, "workerpools:pools[0].labels.kubernetes.io/role", /.+/],
  ["a taint listed twice", (v) => { pools(v)[0].taints = [{ key: "a", value: "b", effect: "NoSchedule" }, { key: "a", value: "c", effect: "NoSchedule" }]; }, "workerpools:pools[0].taints[1]", /listed twice/],
  ["AL2 on any version", (v) => { cluster(v).kubernetesVersion = "1.32"; pools(v)[0].os = "AL2"; }, "workerpools:pools[0].os", /bootstrap\.sh/],
  ["a pinned AMI release for another Kubernetes minor", (v) => { pools(v)[0].ami = { channel: "pinned", releaseVersion: "1.30.0-20240101" }; }, "workerpools:pools[0].ami.releaseVersion", /1\.35/],
  ["node group names colliding across pools", (v) => { pools(v).push({ name: "general-us-east-1a", instanceTypes: ["m6i.large"] }); }, "workerpools:pools[3].name", /same name as one of pool "general"/],
  ["an unknown kubelet key", (v) => { pools(v)[0].kubelet = { maxPod: 50 }; }, "workerpools:pools[0].kubelet.maxPod", /unknown key "maxPod" \(did you mean "maxPods"\?\)/],
  ["a pool newer than the control plane", (v) => { pools(v)[0].kubernetesVersion = "1.36"; }, "workerpools:pools[0].kubernetesVersion", /newer/],
  ["AL2 on 1.33+", (v) => { pools(v)[0].os = "AL2"; }, "workerpools:pools[0].os", /AL2/],
  ["duplicate pool names", (v) => { pools(v)[2].name = "system"; }, "workerpools:pools[2].name", /duplicate pool name "system"/],
  ["a misspelt taint effect", (v) => { pools(v)[0].taints = [{ key: "a", value: "b", effect: "NoSchedul" }]; }, "workerpools:pools[0].taints[0].effect", /NoSchedule/],
  ["a CIDR that is not a CIDR", (v) => { (cluster(v).network as PoolLike).vpcCidr = "10.40.0.0/33"; }, "workerpools:cluster.network.vpcCidr", /IPv4 CIDR/],
  ["empty instance types", (v) => { pools(v)[0].instanceTypes = []; }, "workerpools:pools[0].instanceTypes", /at least one/],
  ["an unknown instance type", (v) => { pools(v)[0].instanceTypes = ["m6i.lrage"]; }, "workerpools:pools[0].instanceTypes[0]", /unknown instance type "m6i.lrage"/],
  ["waves naming a missing pool", (v) => { (v.patching as PoolLike).waves = [["sytem"]]; }, "workerpools:patching.waves[0][0]", /no pool named "sytem"/],
  ["a wrong type", (v) => { pools(v)[0].scaling = { min: "3", max: 6, desired: 3 }; }, "workerpools:pools[0].scaling.min", /expected number/],
  ["a coredns pool that does not exist", (v) => { (v.addons as Record<string, PoolLike>).coredns.pool = "nope"; }, "workerpools:addons.coredns.pool", /no pool named "nope"/],
  ["a pinned AMI without release", (v) => { pools(v)[0].ami = { channel: "pinned" }; }, "workerpools:pools[0].ami.releaseVersion", /required with channel pinned/],
  ["an unknown IPVS scheduler", (v) => { v.kubeProxy = { mode: "ipvs", ipvsScheduler: "roundrobin" }; }, "workerpools:kubeProxy.ipvsScheduler", /"rr"/],
  ["a typo in a top-level key", (v) => { cluster(v).deletionProtect = true; }, "workerpools:cluster.deletionProtect", /unknown key "deletionProtect" \(did you mean "deletionProtection"\?\)/],
  ["a taint key over 63 characters", (v) => { pools(v)[1].taints = [{ key: `example.com/${"k".repeat(60)}`, effect: "NoSchedule" }]; }, "workerpools:pools[1].taints[0].key", /at most 63 characters, prefix included/],
  ["more than 50 taints", (v) => { pools(v)[1].taints = Array.from({ length: 51 }, (_, i) => ({ key: `t${i}`, effect: "NoSchedule" })); }, "workerpools:pools[1].taints", /at most 50 taints per node group, got 51/],
  ["a pool name whose node group name EKS refuses", (v) => { pools(v)[0].name = "p".repeat(60); }, "workerpools:pools[0].name", /gets an 8-character Pulumi suffix: 68 characters, over EKS's 63/],
  ["a typo in a workerpools key", (v) => { v.kubelets = {}; }, "workerpools:kubelets", /unknown key "kubelets" \(did you mean "kubelet"\?\)/],
  ["an AZ of another region", (v) => { cluster(v).network = { vpcCidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "us-west-2b"] }; }, "workerpools:cluster.network.availabilityZones[1]", /is in us-west-2, but the first AZ is in us-east-1/],
  ["a bare AZ letter", (v) => { cluster(v).network = { vpcCidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "b"] }; }, "workerpools:cluster.network.availabilityZones[1]", /not an availability zone name/],
  ["a duplicate cluster AZ", (v) => { cluster(v).network = { vpcCidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "us-east-1a", "us-east-1c"] }; }, "workerpools:cluster.network.availabilityZones[1]", /listed twice/],
  ["a VPC CIDR with spaces", (v) => { cluster(v).network = { vpcCidr: " 10.40.0.0/16 ", availabilityZones: ["us-east-1a", "us-east-1b"] }; }, "workerpools:cluster.network.vpcCidr", /canonically .*10\.40\.0\.0\/16/],
  ["a VPC CIDR with leading zeros", (v) => { cluster(v).network = { vpcCidr: "010.040.000.000/16", availabilityZones: ["us-east-1a", "us-east-1b"] }; }, "workerpools:cluster.network.vpcCidr", /canonically .*10\.40\.0\.0\/16/],
  ["a subnet in two AZs", (v) => { cluster(v).network = { vpcId: "vpc-1", privateSubnets: [{ id: "subnet-0a", az: "us-east-1a" }, { id: "subnet-0a", az: "us-east-1b" }, { id: "subnet-0c", az: "us-east-1c" }] }; }, "workerpools:cluster.network.privateSubnets[1].az", /already listed in us-east-1a/],
  ["an admin ARN with a space", (v) => { cluster(v).admins = ["arn:aws:iam::111122223333:role/platform admin"]; }, "workerpools:cluster.admins[0]", /not an IAM role or user ARN/],
];

describe("bad input is refused with the config path", () => {
  it.each(CASES)("%s", (_title, mutate, expectedPath, message) => {
    const values = devValues();
    mutate(values);
    const errors = errorsOf(loadStackConfig(values));
    const hit = errors.find((e) => e.path === expectedPath);
    expect(hit).toBeDefined();
    expect(hit?.message).toMatch(message);
  });

  it("reports every problem at once", () => {
    const values = devValues();
    pools(values)[0].scaling = { min: 5, max: 3, desired: 3 };
    pools(values)[1].instanceTypes = [];
    pools(values)[2].name = "system";
    const paths = errorsOf(loadStackConfig(values)).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([
      "workerpools:pools[0].scaling.min", "workerpools:pools[1].instanceTypes", "workerpools:pools[2].name",
    ]));
  });

  it("treats SPOT with a single instance type as a warning, not an error", () => {
    const values = devValues();
    pools(values)[2].instanceTypes = ["c6i.2xlarge"];
    const r = loadStackConfig(values);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ path: "workerpools:pools[2].instanceTypes", severity: "warning" })]));
  });
});

describe("EKS support dates, judged at a given moment", () => {
  const version = (now: string) => loadStackConfig(devValues(), new Date(now));
  const versionWarnings = (r: LoadResult) => r.warnings.filter((w) => w.path === "workerpools:cluster.kubernetesVersion");

  it("says nothing well inside standard support", () => {
    expect(versionWarnings(version("2026-11-22T00:00:00Z"))).toEqual([]);
  });
  it("warns within 60 days of the end of standard support (1.35: 2027-03-27)", () => {
    expect(versionWarnings(version("2027-02-01T00:00:00Z"))[0]?.message).toMatch(/leaves EKS standard support in 54 days/);
  });
  it("warns in extended support", () => {
    expect(versionWarnings(version("2027-06-01T00:00:00Z"))[0]?.message).toMatch(/extended support/);
  });
  it("refuses a version past extended support", () => {
    expect(errorsOf(version("2028-06-01T00:00:00Z")).map((e) => e.path)).toContain("workerpools:cluster.kubernetesVersion");
  });
});

describe("legal but risky settings are planned, for the policy pack to judge (SPEC §6)", () => {
  it.each<[string, Mutation]>([
    ["a public endpoint open to the internet", (v) => { cluster(v).endpoint = { privateAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }; }],
    ["a public endpoint covering the internet in two halves", (v) => { cluster(v).endpoint = { privateAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }; }],
    ["a pool name longer than 32 characters (EKS allows 63)", (v) => { pools(v)[0].name = "system-pool-for-critical-addons-and-dns"; (v.addons as { coredns: { pool: string } }).coredns.pool = "system-pool-for-critical-addons-and-dns"; (v.patching as { waves: string[][] }).waves[0] = ["system-pool-for-critical-addons-and-dns"]; }],
    ["a pool in one AZ (EKS-NG-005 judges it)", (v) => { pools(v)[0].availabilityZones = ["us-east-1a"]; }],
    ["an IMDS hop limit of 2 (EKS-NODE-002 judges it)", (v) => { pools(v)[0].metadataHopLimit = 2; }],
    ["an admin role with a path", (v) => { cluster(v).admins = ["arn:aws:iam::111122223333:role/teams/platform/admin"]; }],
  ])("accepts %s", (_name, mutate) => {
    const values = devValues();
    mutate(values);
    const r = loadStackConfig(values);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});

describe("the stack's region", () => {
  const load = (region: string) => loadStackConfig(devValues(), undefined, { region });
  it("accepts AZs of aws:region", () => expect(load("us-east-1").ok).toBe(true));
  it("refuses AZs of another region, at each AZ", () => {
    const r = load("us-west-2");
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["workerpools:cluster.network.availabilityZones[0]"]));
  });
  it("refuses a region AWS does not have", () => {
    const r = load("us-east-9");
    expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(expect.arrayContaining([expect.stringMatching(/^aws:region: "us-east-9" is not an AWS region/)]));
  });
});

describe("a huge map is refused in a few lines (validators stop after 20 problems per object)", () => {
  it.each<[string, (v: Record<string, unknown>, map: Record<string, string>) => void, string]>([
    ["100,000 unknown eviction signals", (v, m) => { pools(v)[0].kubelet = { evictionHard: m }; }, "workerpools:pools[0].kubelet.evictionHard"],
    ["100,000 unknown kubelet fields in extra", (v, m) => { pools(v)[0].kubelet = { extra: m }; }, "workerpools:pools[0].kubelet.extra"],
    ["100,000 unknown keys", (v, m) => { pools(v)[0].rootVolume = m; }, "workerpools:pools[0].rootVolume"],
    ["100,000 invalid labels", (v, m) => { pools(v)[0].labels = Object.fromEntries(Object.keys(m).map((k) => [`-${k}`, "x"])); }, "workerpools:pools[0].labels"],
  ])("%s", (_name, mutate, at) => {
    const values = devValues();
    mutate(values, Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, "x"])));
    const errors = errorsOf(loadStackConfig(values));
    expect(errors.length).toBeLessThanOrEqual(25);
    expect(errors.every((e) => e.path.startsWith(at.replace(/\.(evictionHard|extra)$/, "")))).toBe(true);
    expect(JSON.stringify(errors).length).toBeLessThan(60_000);
    expect(errors.some((e) => /were not checked|more unknown keys/.test(e.message))).toBe(true);
  });
});

describe("workerpools:autoscaling.clusterAutoscaler", () => {
  const withAutoscaler = (o: Record<string, unknown>): Record<string, unknown> => ({ ...devValues(), autoscaling: { clusterAutoscaler: { enabled: true, ...o } } });

  it("is off by default and resolves its defaults", () => {
    const r = loadStackConfig(devValues());
    if (!r.ok) throw new Error("dev stack invalid");
    expect(r.config.autoscaling.clusterAutoscaler).toEqual({ enabled: false, version: "auto", expander: "priority", pool: "system" });
  });

  it.each([
    ["a missing pool", { pool: "nope" }, "workerpools:autoscaling.clusterAutoscaler.pool", /no pool named "nope"/],
    ["auto on a minor without a chart", { version: "auto" }, "workerpools:autoscaling.clusterAutoscaler.version", /no Cluster Autoscaler chart is known for Kubernetes 1\.26/],
    ["an unknown expander", { expander: "random" }, "workerpools:autoscaling.clusterAutoscaler.expander", /.+/],
  ])("refuses %s at its path", (name, o, path, message) => {
    const v = withAutoscaler(o);
    if (name === "auto on a minor without a chart") (v.cluster as Record<string, unknown>).kubernetesVersion = "1.26";
    const errors = errorsOf(loadStackConfig(v, new Date("2024-01-01T00:00:00Z")));
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("refuses a pool with min 0 for it to run on", () => {
    const v = withAutoscaler({ pool: "batch" });
    pools(v)[2].scaling = { min: 0, max: 3, desired: 0 };
    expect(errorsOf(loadStackConfig(v))).toContainEqual({ path: "workerpools:autoscaling.clusterAutoscaler.pool", message: expect.stringMatching(/workerpools:pools\[2\]\.scaling\.min is 0/) });
  });
});
