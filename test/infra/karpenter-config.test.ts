/** Stack config of Karpenter: the spec's example loads; misplaced fields, a wrong controller pool and no-match requirements are refused with paths. */
import * as path from "node:path";
import { loadStackConfig, LoadResult } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
type V = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- stack values edited field by field
const BURST = {
  name: "burst", provisioner: "karpenter",
  instanceRequirements: { categories: ["c", "m"], generations: { min: 6 }, cpu: { min: 4, max: 32 } },
  capacityTypes: ["SPOT", "ON_DEMAND"], limits: { cpu: 1000, memory: "4000Gi" },
  disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "5m", expireAfter: "720h" },
};
function withKarpenter(edit: (v: V) => void = () => undefined): V {
  const v = structuredClone(readStackFile(ROOT, "dev").values) as V;
  v.autoscaling = { karpenter: { enabled: true, pool: "system", interruptionQueue: true } };
  (v.pools as V[]).push(structuredClone(BURST));
  edit(v);
  return v;
}
const errors = (r: LoadResult) => (r.ok ? [] : r.errors);

describe("the Cluster Autoscaler beside karpenter pools", () => {
  const both = (pool: string) => withKarpenter((v) => { v.autoscaling.clusterAutoscaler = { enabled: true, pool }; });

  it("discovers the managed pools only: a karpenter pool (no node group) is not refused", () => {
    expect(errors(loadStackConfig(both("system")))).toEqual([]);
  });

  it("refuses a karpenter pool as the autoscaler's own pool", () => {
    expect(errors(loadStackConfig(both("burst")))).toEqual([
      { path: "workerpools:autoscaling.clusterAutoscaler.pool", message: expect.stringMatching(/"burst" is a karpenter pool; the Cluster Autoscaler runs on a managed pool/) },
    ]);
  });
});

describe("workerpools:autoscaling.karpenter", () => {
  it("loads the SPEC §11.4 example", () => {
    const r = loadStackConfig(withKarpenter());
    expect(errors(r)).toEqual([]);
    if (!r.ok) return;
    const burst = r.config.pools.find((p) => p.name === "burst");
    expect(burst?.provisioner).toBe("karpenter");
    expect(r.config.autoscaling.karpenter).toMatchObject({ enabled: true, pool: "system", interruptionQueue: true });
  });

  it.each<[string, (v: V) => void, string, RegExp]>([
    ["a karpenter field on a managed pool", (v) => { v.pools[0].limits = { cpu: 10 }; }, "workerpools:pools[0].limits", /only for provisioner: karpenter/],
    ["a node group field on a karpenter pool", (v) => { v.pools[3].scaling = { min: 1, max: 2, desired: 1 }; }, "workerpools:pools[3].scaling", /managed node group field/],
    ["a karpenter pool without limits", (v) => { delete v.pools[3].limits; }, "workerpools:pools[3].limits", /required/],
    ["requirements that match no shipped type", (v) => { v.pools[3].instanceRequirements = { categories: ["zz"] }; }, "workerpools:pools[3].instanceRequirements", /matches no x86_64 instance type/],
    ["a karpenter pool as the controller's pool", (v) => { v.autoscaling.karpenter.pool = "burst"; }, "workerpools:autoscaling.karpenter.pool", /must run on a managed pool/],
    ["a controller pool that scales to zero", (v) => { v.pools[0].scaling = { min: 0, max: 3, desired: 1 }; }, "workerpools:autoscaling.karpenter.pool", /min >= 1/],
    ["no controller pool", (v) => { delete v.autoscaling.karpenter.pool; }, "workerpools:autoscaling.karpenter.pool", /required/],
    ["a version without shipped CRDs", (v) => { v.autoscaling.karpenter.version = "1.15.1"; }, "workerpools:autoscaling.karpenter.version", /shipped release is 1\.14\.1/],
    ["a karpenter pool with karpenter off", (v) => { v.autoscaling.karpenter.enabled = false; }, "workerpools:pools[3].provisioner", /enabled: true/],
    ["a consolidateAfter Karpenter's CRD refuses", (v) => { v.pools[3].disruption.consolidateAfter = "5 minutes"; }, "workerpools:pools[3](NodePool).spec.disruption.consolidateAfter", /pattern/],
    ["a karpenter pool name too long for its NodePools' names", (v) => { v.pools[3].name = "b".repeat(55); }, "workerpools:pools[3].name", /karpenter\.sh\/nodepool.*at most 63 characters.*at most 54 characters/],
    ["a managed pool without instance types", (v) => { delete v.pools[1].instanceTypes; }, "workerpools:pools[1].instanceTypes", /at least one/],
  ])("refuses %s", (_name, edit, at, message) => {
    expect(errors(loadStackConfig(withKarpenter(edit)))).toContainEqual({ path: at, message: expect.stringMatching(message) });
  });
});
