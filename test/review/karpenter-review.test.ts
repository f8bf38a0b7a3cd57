/**
 * The change review of karpenter pools, from whole-plan runs of examples/stacks/Pulumi.karpenter.yaml (one managed, one
 * karpenter pool) against the same stack with one field changed: drift (a new AMI pin, a kubelet field in spec.kubelet, a
 * sysctl in the user data, a label) replaces the nodes within the disruption budgets, a freeze window's `nodes: "0"` holds
 * them; limits and budgets replace nothing; a new pool launches on demand, a removed one is drained.
 */
import * as path from "node:path";
import { PlanResource, StackFile, readStackFile, renderChangeReview, runPlan } from "../../tools/plan";
import { KarpenterPoolReview, reviewChanges, reviewKarpenterPools } from "../../tools/review";
import { EC2_NODE_CLASS_TYPE, NODE_POOL_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");
type Pool = Record<string, unknown>;
let file: StackFile;
let baseline: PlanResource[] = [];

async function planWith(edit: (pools: Pool[], values: Record<string, unknown>) => void): Promise<PlanResource[]> {
  const values = structuredClone(file.values);
  edit(values.pools as Pool[], values);
  const run = await runPlan({ ...file, values }, { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return run.resources;
}
const fields = (k: KarpenterPoolReview) => k.changes.map((c) => [c.field, c.before, c.after, c.effect]);
const karpenterPool = (pools: Pool[]): Pool => pools.find((p) => p.provisioner === "karpenter") as Pool;
async function review(edit: (pools: Pool[], values: Record<string, unknown>) => void): Promise<KarpenterPoolReview> {
  const r = reviewChanges(await planWith(edit), baseline);
  // The example's broad requirement is split into one NodePool per vCPU band: each band sees the same change.
  const reviews = r.karpenterPools ?? [];
  expect(reviews.length).toBeGreaterThan(1);
  const same = (k: KarpenterPoolReview) => [k.pool, k.kind, k.effect, fields(k)];
  for (const k of reviews) expect(same(k)).toEqual(same(reviews[0]));
  return reviews[0];
}

beforeAll(async () => {
  file = readStackFile(DIR, "karpenter");
  baseline = await planWith(() => undefined);
}, 120_000);

describe("karpenter pool change review (whole plan)", () => {
  it("an unchanged plan: no change, nothing replaced", () => {
    const r = reviewChanges(baseline, baseline);
    const kinds = r.karpenterPools?.map((k) => [k.pool, k.kind]) ?? [];
    expect(kinds.length).toBeGreaterThan(1);
    expect(new Set(kinds.map((k) => k.join(" ")))).toEqual(new Set(["default none"]));
    expect(r.nodesReplaced).toBe(0);
  });

  it("a new AMI pin changes amiSelectorTerms: every node drifts, at most 10% at a time", async () => {
    const k = await review((pools) => { karpenterPool(pools).ami = { channel: "pinned", releaseVersion: "1.35.0-20251205" }; });
    expect(fields(k)).toEqual([["ec2NodeClass.amiSelectorTerms", [{ alias: "al2023@v20251120" }], [{ alias: "al2023@v20251205" }], "roll"]]);
    expect(k.kind).toBe("drift");
    expect(k.budgets).toMatch(/^10%/);
    expect(k.effect).toMatch(/^drift: .*\b10%/);
    expect(k.changes[0].why).toMatch(/amiSelectorTerms resolve drift \(a new pinned alias: every node\)/);
  });

  it("a kubelet field Karpenter types (spec.kubelet) drifts; so does a sysctl in the user data", async () => {
    const k = await review((pools) => {
      Object.assign(karpenterPool(pools), { kubelet: { imageGCHighThresholdPercent: 80 }, kernel: { sysctls: { "vm.max_map_count": "262144" } } });
    });
    expect(fields(k)).toEqual([
      ["ec2NodeClass.kubelet.imageGCHighThresholdPercent", undefined, 80, "roll"],
      ["ec2NodeClass.kubelet.imageGCLowThresholdPercent", undefined, 75, "roll"],
      ["ec2NodeClass.userData.kernel.sysctls.vm.max_map_count", undefined, "262144", "roll"],
    ]);
    expect(k.changes[2].why).toMatch(/userData is a static EC2NodeClass field/);
  });

  it("a label is in the NodePool template hash: drift", async () => {
    const k = await review((pools) => { karpenterPool(pools).labels = { team: "web" }; });
    expect(fields(k)).toEqual([["nodePool.template.metadata.labels.team", undefined, "web", "roll"]]);
    expect(k.kind).toBe("drift");
  });

  it("limits and disruption are behavioural: no node replaced", async () => {
    const k = await review((pools) => { Object.assign(karpenterPool(pools), { limits: { cpu: 2000 }, disruption: { consolidationPolicy: "WhenEmpty", consolidateAfter: "5m", expireAfter: "720h" } }); });
    expect(k.kind).toBe("no-replace");
    expect(k.changes.map((c) => [c.field, c.effect])).toEqual([
      ["nodePool.disruption.consolidateAfter", "in-place"], ["nodePool.disruption.consolidationPolicy", "in-place"], ["nodePool.limits.cpu", "in-place"],
    ]);
    expect(k.effect).toMatch(/^no node replaced/);
  });

  it("a freeze window adds a nodes \"0\" budget (no node replaced by itself), and a drift during it names the hold", async () => {
    const freeze = (values: Record<string, unknown>) => { values.patching = { ...(values.patching as object), freeze: [{ from: "2026-12-24T00:00:00Z", to: "2026-12-26T00:00:00Z" }] }; };
    const frozen = await review((_, values) => freeze(values));
    expect(frozen.kind).toBe("no-replace");
    expect(frozen.changes.map((c) => c.field)).toEqual(["nodePool.disruption.budgets"]);
    const k = await review((pools, values) => { freeze(values); karpenterPool(pools).ami = { channel: "pinned", releaseVersion: "1.35.0-20251205" }; });
    expect(k.kind).toBe("drift");
    expect(k.budgets).toMatch(/^10%.*"0".*`0 0 24 12 \*`.*48h/);
    expect(k.effect).toMatch(/^drift: .*\b10%.*"0".*`0 0 24 12 \*`.*48h.*hold/);
  });

  it("a new pool launches on demand, a removed one is drained; the text review says so", async () => {
    const current = await planWith((pools) => { karpenterPool(pools).name = "batch"; });
    const r = reviewChanges(current, baseline);
    const kinds = r.karpenterPools?.map((k) => `${k.pool} ${k.kind}`) ?? [];
    expect(new Set(kinds)).toEqual(new Set(["batch create", "default delete"]));
    expect(kinds.filter((k) => k === "batch create")).toHaveLength(kinds.length / 2);
    const text = renderChangeReview(r, "main");
    expect(text).toMatch(/karpenter pool batch \(NodePool karpenter-batch-cpu\d+-\d+-nodepool\): new pool: Karpenter launches its nodes on demand/);
    expect(text).toMatch(/karpenter pool default \(NodePool karpenter-default-cpu\d+-\d+-nodepool\): pool removed: the NodePool is deleted, and Karpenter drains and terminates its nodes/);
  });
});

describe("requirements (checked against node labels, not hashed)", () => {
  const nodePool = (values: string[]) => ({
    type: NODE_POOL_TYPE, name: "np", inputs: { metadata: { name: "p" }, spec: { template: { spec: {
      nodeClassRef: { name: "p" }, requirements: [{ key: "node.kubernetes.io/instance-type", operator: "In", values }],
    } } } },
  });
  const nodeClass = { type: EC2_NODE_CLASS_TYPE, name: "nc", inputs: { metadata: { name: "p" }, spec: { role: "r" } } };
  it.each([
    ["types only added: no node drifts", ["m5.large"], ["m5.large", "m6i.large"], "no-replace"],
    ["a type removed: its nodes drift", ["m5.large", "m6i.large"], ["m6i.large"], "drift"],
  ])("%s", (_, before, after, kind) => {
    const [k] = reviewKarpenterPools([nodePool(after), nodeClass], [nodePool(before), nodeClass]);
    expect(k.kind).toBe(kind);
    expect(k.changes.map((c) => c.field)).toEqual(["nodePool.template.spec.requirements[node.kubernetes.io/instance-type In]"]);
  });

  it("lists are hashed as sets: the same types in another order are no change", () => {
    const [k] = reviewKarpenterPools([nodePool(["m6i.large", "m5.large"]), nodeClass], [nodePool(["m5.large", "m6i.large"]), nodeClass]);
    expect([k.kind, k.changes]).toEqual(["none", []]);
  });

  it("a budget limited to other reasons does not pace drift", () => {
    const budgets = [{ nodes: "1", reasons: ["Empty"] }, { nodes: "20%" }];
    const np = { ...nodePool(["m5.large"]), inputs: { ...nodePool(["m5.large"]).inputs, spec: { ...(nodePool(["m5.large"]).inputs.spec), disruption: { budgets } } } };
    const changed = { ...nodeClass, inputs: { ...nodeClass.inputs, spec: { role: "r", tags: { team: "web" } } } };
    const [k] = reviewKarpenterPools([np, changed], [np, nodeClass]);
    expect(k.changes.map((c) => [c.field, c.effect])).toEqual([["ec2NodeClass.tags.team", "roll"]]);
    expect(k.budgets).toBe("20%");
    expect(k.effect).toMatch(/^drift: .*\b20%/);
  });
});
