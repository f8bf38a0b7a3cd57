/** Stack config checks across pools and against the deployed state, through loadStackConfig, at the paths users write. */
import * as path from "node:path";
import { ConfigIssue } from "../../components/core";
import type { VersionState } from "../../components/patching";
import { LoadResult, loadStackConfig } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
type Values = Record<string, unknown>;
type Rec = Record<string, unknown>;
const devValues = (): Values => structuredClone(readStackFile(ROOT, "dev").values);
const pools = (v: Values): Rec[] => v.pools as Rec[];
const cluster = (v: Values): Rec => v.cluster as Rec;
const NOW = new Date("2026-12-01T00:00:00Z");
const load = (v: Values, deployed?: VersionState): LoadResult => loadStackConfig(v, NOW, { region: "us-east-1", deployed });
const errors = (r: LoadResult): ConfigIssue[] => (r.ok ? [] : r.errors);
const warnings = (r: LoadResult): ConfigIssue[] => r.warnings;
const DEPLOYED: VersionState = {
  controlPlane: "1.35",
  pools: { system: { kubernetesVersion: "1.35" }, general: { kubernetesVersion: "1.35" }, batch: { kubernetesVersion: "1.35" } },
  creationAvailabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
};

describe("version downgrades (deployed versions from the previous deploy or --baseline)", () => {
  it("the dev stack against what it deployed: no issue", () => {
    const r = load(devValues(), DEPLOYED);
    expect(errors(r)).toEqual([]);
  });

  it("refuses a control plane downgrade at workerpools:cluster.kubernetesVersion (once: pools that follow it are not repeated)", () => {
    const v = devValues();
    cluster(v).kubernetesVersion = "1.34";
    const e = errors(load(v, DEPLOYED)).filter((i) => /deployed/.test(i.message));
    expect(e).toEqual([{ path: "workerpools:cluster.kubernetesVersion", message: expect.stringMatching(/EKS cannot downgrade a cluster, got 1\.34/) }]);
  });

  it("refuses a pool downgrade at the pool's kubernetesVersion", () => {
    const v = devValues();
    pools(v)[2].kubernetesVersion = "1.34";
    expect(errors(load(v, DEPLOYED))).toEqual([{ path: "workerpools:pools[2].kubernetesVersion", message: expect.stringMatching(/pool "batch" runs Kubernetes 1\.35 \(deployed\); EKS cannot downgrade/) }]);
  });

  it("without a deployed state nothing is compared (a first deploy may pick any supported version)", () => {
    const v = devValues();
    pools(v)[2].kubernetesVersion = "1.34";
    expect(load(v).ok).toBe(true);
  });
});

describe("an AZ added to an existing cluster", () => {
  it("is planned, with a warning at the AZ: pools may use it, the control plane does not", () => {
    const v = devValues();
    cluster(v).network = { vpcCidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"] };
    const r = load(v, DEPLOYED);
    expect(r.ok).toBe(true);
    expect(warnings(r).filter((w) => w.path.startsWith("workerpools:cluster.network"))).toEqual([{
      path: "workerpools:cluster.network.availabilityZones[3]", severity: "warning",
      message: expect.stringMatching(/^us-east-1d is not one of the AZs the cluster was created in \(us-east-1a, us-east-1b, us-east-1c\)/),
    }]);
  });

  it("with brought subnets, at the first subnet of the new AZ", () => {
    const v = devValues();
    cluster(v).network = { vpcId: "vpc-1", privateSubnets: ["a", "b", "c", "d"].map((z) => ({ id: `subnet-0${z}`, az: `us-east-1${z}` })) };
    const w = warnings(load(v, DEPLOYED)).filter((i) => i.path.startsWith("workerpools:cluster.network"));
    expect(w.map((i) => i.path)).toEqual(["workerpools:cluster.network.privateSubnets[3].az"]);
  });

  it("refuses a config that keeps fewer than 2 of the creation AZs", () => {
    const v = devValues();
    cluster(v).network = { vpcCidr: "10.40.0.0/16", availabilityZones: ["us-east-1a", "us-east-1d", "us-east-1e"] };
    for (const p of pools(v)) delete p.availabilityZones;
    expect(errors(load(v, DEPLOYED)).map((i) => i.path)).toContain("workerpools:cluster.network");
  });
});

describe("auto-repair off: the reason is optional", () => {
  it("a pool may turn it off without a reason (policy EKS-NG-003 judges it)", () => {
    const v = devValues();
    pools(v)[2].autoRepair = { enabled: false };
    const r = load(v);
    expect(errors(r)).toEqual([]);
  });

  it("fleet-wide off takes a reason, which pools that follow it carry", () => {
    const v = devValues();
    v.patching = { ...(v.patching as Rec), autoRepair: { enabled: false, reason: "nodes are replaced nightly" } };
    pools(v)[0].autoRepair = { enabled: true };
    const r = load(v);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    expect(r.config.pools.map((p) => p.args.autoRepair)).toEqual([
      { enabled: true },
      { enabled: false, reason: "nodes are replaced nightly" },
      { enabled: false, reason: "nodes are replaced nightly" },
    ]);
  });
});

describe("root volume IOPS and throughput in stack config", () => {
  it("io2 without iops is refused at the key", () => {
    const v = devValues();
    pools(v)[1].rootVolume = { sizeGiB: 100, type: "io2" };
    expect(errors(load(v)).map((i) => i.path)).toEqual(["workerpools:pools[1].rootVolume.iops"]);
  });

  it("gp3 with iops and throughput is accepted and kept", () => {
    const v = devValues();
    pools(v)[1].rootVolume = { sizeGiB: 100, type: "gp3", iops: 6000, throughput: 500 };
    const r = load(v);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    expect(r.config.pools[1].args.rootVolume).toEqual({ sizeGiB: 100, type: "gp3", iops: 6000, throughput: 500 });
  });

  it("a fractional iops is a type error", () => {
    const v = devValues();
    pools(v)[1].rootVolume = { type: "gp3", iops: 3000.5 };
    expect(errors(load(v)).map((i) => i.path)).toContain("workerpools:pools[1].rootVolume.iops");
  });
});

describe("across pools", () => {
  it("warns past EKS's 30 managed node groups, counting per-zone pools per AZ", () => {
    const v = devValues();
    for (let i = 0; i < 9; i++) pools(v).push({ name: `zonal-${i}`, instanceTypes: ["m6i.large"], layout: "per-zone", scaling: { min: 3, max: 6, desired: 3 } });
    const r = load(v);
    expect(r.ok).toBe(true);
    expect(warnings(r).filter((w) => w.path === "workerpools:pools")).toEqual([
      { path: "workerpools:pools", severity: "warning", message: expect.stringMatching(/^32 managed node groups .*past EKS's default quota of 30/) },
    ]);
  });

  it("warns at a NoExecute taint of the CoreDNS pool, and only there", () => {
    const v = devValues();
    (pools(v)[0].taints as Rec[]).push({ key: "dedicated", value: "system", effect: "NoExecute" });
    pools(v)[2].taints = [{ key: "workload", value: "batch", effect: "NoExecute" }];
    const w = warnings(load(v)).filter((i) => /CoreDNS/.test(i.message));
    expect(w.map((i) => i.path)).toEqual(["workerpools:pools[0].taints[1]"]);
  });
});
