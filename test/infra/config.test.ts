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
  ["a pool in one AZ", (v) => { pools(v)[0].availabilityZones = ["us-east-1a"]; }, "workerpools:pools[0].availabilityZones", /at least 2 AZs/],
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
  ["an unknown kubelet key", (v) => { pools(v)[0].kubelet = { maxPod: 50 }; }, "workerpools:pools[0].kubelet", /unknown key "maxPod"/],
  ["a pool newer than the control plane", (v) => { pools(v)[0].kubernetesVersion = "1.36"; }, "workerpools:pools[0].kubernetesVersion", /newer/],
  ["AL2 on 1.33+", (v) => { pools(v)[0].os = "AL2"; }, "workerpools:pools[0].os", /AL2/],
  ["duplicate pool names", (v) => { pools(v)[2].name = "system"; }, "workerpools:pools[2].name", /duplicate pool name "system"/],
  ["a misspelt taint effect", (v) => { pools(v)[0].taints = [{ key: "a", value: "b", effect: "NoSchedul" }]; }, "workerpools:pools[0].taints[0].effect", /NoSchedule/],
  ["a CIDR that is not a CIDR", (v) => { (cluster(v).network as PoolLike).vpcCidr = "10.40.0.0/33"; }, "workerpools:cluster.network.vpcCidr", /IPv4 CIDR/],
  ["a public endpoint open to 0.0.0.0/0", (v) => { cluster(v).endpoint = { publicAccessCidrs: ["0.0.0.0/0"] }; }, "workerpools:cluster.endpoint.publicAccessCidrs[0]", /whole internet/],
  ["empty instance types", (v) => { pools(v)[0].instanceTypes = []; }, "workerpools:pools[0].instanceTypes", /at least one/],
  ["an unknown instance type", (v) => { pools(v)[0].instanceTypes = ["m6i.lrage"]; }, "workerpools:pools[0].instanceTypes[0]", /unknown instance type "m6i.lrage"/],
  ["waves naming a missing pool", (v) => { (v.patching as PoolLike).waves = [["sytem"]]; }, "workerpools:patching.waves[0][0]", /no pool named "sytem"/],
  ["a wrong type", (v) => { pools(v)[0].scaling = { min: "3", max: 6, desired: 3 }; }, "workerpools:pools[0].scaling.min", /expected number/],
  ["a coredns pool that does not exist", (v) => { (v.addons as Record<string, PoolLike>).coredns.pool = "nope"; }, "workerpools:addons.coredns.pool", /no pool named "nope"/],
  ["a pinned AMI without release", (v) => { pools(v)[0].ami = { channel: "pinned" }; }, "workerpools:pools[0].ami.releaseVersion", /required with channel pinned/],
  ["an unknown IPVS scheduler", (v) => { v.kubeProxy = { mode: "ipvs", ipvsScheduler: "roundrobin" }; }, "workerpools:kubeProxy.ipvsScheduler", /"rr"/],
  ["a typo in a top-level key", (v) => { cluster(v).deletionProtect = true; }, "workerpools:cluster", /unknown key "deletionProtect"/],
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
