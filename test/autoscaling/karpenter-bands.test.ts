import { KARPENTER_BAND_SUFFIX_MAX, KARPENTER_CPU_BAND_STARTS, KarpenterPoolArgs, matchInstanceTypes, planKarpenterPool, shareLimits, splitCpuBands } from "../../components/autoscaling";
import { computeMaxPods } from "../../components/kubelet";
import { lookupInstanceType } from "../../components/facts";
import { dig } from "../fixtures/plan-resources";

const cluster = { name: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", serviceCidr: "172.20.0.0/16", kubernetesVersion: "1.35" };
const subnets = ["us-east-1a", "us-east-1b"].map((az) => ({ id: `subnet-${az}`, az }));
const nodeCluster = { name: "c", apiServerEndpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const AT = "workerpools:pools[1]";
const ctx = { name: "default", clusterName: "c", cluster: nodeCluster, roleName: "node", now: new Date("2026-12-01T00:00:00Z") };
/** Karpenter's getting-started NodePool: c, m, r of generation 3 and later (with 2 vCPUs or more). */
const BROAD = { categories: ["c", "m", "r"], generations: { min: 3 }, cpu: { min: 2 } };
/** Nitro types only: without Xen's gen-3/4 types (whose few ENIs set every band's minimum), prefix delegation changes maxPods. */
const MODERN = { categories: ["c", "m", "r"], generations: { min: 6 }, cpu: { min: 2 } };
const pool = (over: Partial<KarpenterPoolArgs> = {}): KarpenterPoolArgs => ({
  cluster, subnets, instanceRequirements: BROAD, limits: { cpu: 1000, memory: "4000Gi" }, ami: { channel: "pinned", releaseVersion: "1.35.0-20251120" }, ...over,
});
const names = (over: Partial<KarpenterPoolArgs> = {}): string[] => bands(over).map((b) => b.name);
function bands(over: Partial<KarpenterPoolArgs> = {}) {
  const r = planKarpenterPool(pool(over), ctx, AT);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.pool.bands;
}
type Manifest = { readonly spec: Readonly<Record<string, unknown>> };
const at = (m: Manifest, path: string): unknown => dig(m.spec, path);
const requirements = (np: Manifest) => at(np, "template.spec.requirements") as { key: string; operator: string; values: string[] }[];
const listed = (np: Manifest): string[] => requirements(np).find((r) => r.key === "node.kubernetes.io/instance-type")?.values ?? [];
const vcpus = (t: string): number => lookupInstanceType(t)?.vcpus ?? 0;

const maxPodsOf = (b: { nodeClass: Manifest }): number => at(b.nodeClass, "kubelet.maxPods") as number;

describe.each([false, true])("a Nitro requirement (prefix delegation %s)", (prefixDelegation) => {
  const bs = bands({ instanceRequirements: MODERN, prefixDelegation });
  it("splits into one NodePool per fixed band its types fall in, covering exactly the matched types", () => {
    expect(bs.map((b) => b.name)).toEqual(["default-cpu1-3", "default-cpu4-15", "default-cpu16-30", "default-cpu31-up"]);
    expect(bs.flatMap((b) => b.args.instanceTypes).sort()).toEqual(matchInstanceTypes(MODERN, "x86_64").sort());
    for (const b of bs) expect(listed(b.nodePool)).toEqual(b.args.instanceTypes);
  });
  it("gives each band's EC2NodeClass maxPods = our formula's minimum over exactly its types", () => {
    for (const b of bs) expect(maxPodsOf(b)).toBe(computeMaxPods({ instanceTypes: listed(b.nodePool), prefixDelegation }, "x").value);
  });
  it("narrows each NodePool to its fixed band by Gt/Lt on instance-cpu, within the pool's range, and names it by the fixed band", () => {
    bs.forEach((b, i) => {
      const req = Object.fromEntries(requirements(b.nodePool).map((r) => [`${r.key} ${r.operator}`, r.values]));
      const start = KARPENTER_CPU_BAND_STARTS[i];
      const end = i + 1 < KARPENTER_CPU_BAND_STARTS.length ? KARPENTER_CPU_BAND_STARTS[i + 1] - 1 : undefined;
      expect(req["karpenter.k8s.aws/instance-cpu Gt"]).toEqual([String(Math.max(start, 2) - 1)]);
      expect(req["karpenter.k8s.aws/instance-cpu Lt"]).toEqual(end === undefined ? undefined : [String(end + 1)]);
      expect(b.args.instanceTypes.every((t) => vcpus(t) >= start && (end === undefined || vcpus(t) <= end))).toBe(true);
      expect(at(b.nodePool, "template.metadata.labels")).toMatchObject({ "workerpools/pool": "default" });
      expect(at(b.nodePool, "template.spec.nodeClassRef.name")).toBe(b.name);
      expect(at(b.nodeClass, "tags")).toMatchObject({ "workerpools/pool": "default" });
    });
  });
  it("shares the limits so the NodePools together stay within the pool's, and weights the smallest band first", () => {
    const cpu = bs.reduce((n, b) => n + Number(at(b.nodePool, "limits.cpu")), 0);
    expect(cpu).toBeLessThanOrEqual(1000);
    expect(cpu).toBeGreaterThan(1000 - bs.length);
    expect(bs.map((b) => at(b.nodePool, "weight"))).toEqual(bs.map((_, i) => bs.length - i));
  });
});

describe("the two prefix delegation cases", () => {
  it("really differ: prefix delegation raises maxPods of the bands below 16 vCPUs (16-30 are at the 110 cap either way)", () => {
    const off = bands({ instanceRequirements: MODERN, prefixDelegation: false }).map(maxPodsOf);
    const on = bands({ instanceRequirements: MODERN, prefixDelegation: true }).map(maxPodsOf);
    expect(on.slice(0, 2).every((v, i) => v > off[i])).toBe(true);
    expect([on[2], off[2]]).toEqual([110, 110]);
  });
  it("a broad requirement with Xen types still splits by band, at most one NodePool per band", () => {
    const bs = bands();
    expect(bs.length).toBeLessThanOrEqual(KARPENTER_CPU_BAND_STARTS.length);
    for (const b of bs) expect(maxPodsOf(b)).toBe(computeMaxPods({ instanceTypes: listed(b.nodePool), prefixDelegation: false }, "x").value);
  });
});

describe("band names depend only on the fixed bands (a renamed NodePool is deleted with its nodes)", () => {
  const all = ["default-cpu1-3", "default-cpu4-15", "default-cpu16-30", "default-cpu31-up"];
  it("do not change when cpu.min/max move within bands", () => {
    const req = (cpu: { min?: number; max?: number }) => ({ instanceRequirements: { ...MODERN, cpu } });
    expect(names(req({ min: 2 }))).toEqual(all);
    expect(names(req({ min: 2, max: 400 }))).toEqual(all);
    expect(names(req({ min: 2, max: 48 }))).toEqual(all);
    expect(names(req({ min: 4, max: 48 }))).toEqual(all.slice(1));
    expect(names(req({ min: 8, max: 20 }))).toEqual(["default-cpu4-15", "default-cpu16-30"]);
    expect(names(req({ min: 4, max: 30 }))).toEqual(["default-cpu4-15", "default-cpu16-30"]);
  });
  it("do not change when prefix delegation toggles or maxPods is set (no merging of neighbours)", () => {
    expect(names({ instanceRequirements: MODERN, prefixDelegation: true })).toEqual(all);
    expect(names({ instanceRequirements: MODERN, kubelet: { maxPods: 58 } })).toEqual(all);
  });
  it("keep the old band's name when a pool widens from one band to two", () => {
    const narrow = { categories: ["m"], generations: { min: 6 }, cpu: { min: 4, max: 8 } };
    expect(names({ instanceRequirements: narrow })).toEqual(["default-cpu4-15"]);
    expect(names({ instanceRequirements: { ...narrow, cpu: { min: 4, max: 16 } } })).toEqual(["default-cpu4-15", "default-cpu16-30"]);
  });
});

describe("a narrow requirement", () => {
  it("gets the one band it matches, band-named, with the limits as written, the pool's cpu range and no weight", () => {
    const bs = bands({ instanceRequirements: { categories: ["m"], generations: { min: 6 }, cpu: { min: 4, max: 8 } } });
    expect(bs.map((b) => [b.name, b.cpu])).toEqual([["default-cpu4-15", { min: 4, max: 8 }]]);
    expect(at(bs[0].nodePool, "limits")).toEqual({ cpu: "1000", memory: "4000Gi" });
    expect(bs[0].nodePool.spec).not.toHaveProperty("weight");
    expect(at(bs[0].nodePool, "template.spec.nodeClassRef.name")).toBe("default-cpu4-15");
    expect(bs[0].nodeClass.metadata.name).toBe("default-cpu4-15");
    const r = planKarpenterPool(pool({ instanceRequirements: { categories: ["m"], generations: { min: 6 }, cpu: { min: 4, max: 8 } } }), ctx, AT);
    expect(r.ok && r.warnings.filter((w) => w.path === `${AT}.limits`)).toEqual([]);
  });
});

describe("pool names and the 63-character label limit", () => {
  const named = (n: number) => planKarpenterPool(pool({ instanceRequirements: MODERN }), { ...ctx, name: "p".repeat(n) }, AT);
  it("accepts a name whose longest band name (<pool>-cpu16-30) is 63 characters", () => {
    expect(KARPENTER_BAND_SUFFIX_MAX).toBe("-cpu16-30".length);
    const r = named(63 - KARPENTER_BAND_SUFFIX_MAX);
    expect(r.ok && Math.max(...r.pool.bands.map((b) => b.name.length))).toBe(63);
  });
  it("refuses at name one character more, naming the limit and why, whichever bands the pool has", () => {
    const r = named(64 - KARPENTER_BAND_SUFFIX_MAX);
    expect(r.ok).toBe(false);
    const issue = !r.ok ? r.issues.find((i) => i.path === `${AT}.name`) : undefined;
    expect(issue?.message).toMatch(/karpenter\.sh\/nodepool.*at most 63 characters.*at most 54/);
    const narrow = planKarpenterPool(pool({ instanceRequirements: { categories: ["m"], generations: { min: 6 }, cpu: { max: 2 } } }), { ...ctx, name: "p".repeat(55) }, AT);
    expect(!narrow.ok && narrow.issues.map((i) => i.path)).toEqual([`${AT}.name`]);
  });
});

describe("splitCpuBands, shareLimits and the limits warning", () => {
  const types = ["m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge", "m5.8xlarge"];
  it("names bands by the fixed band, never the clipped range, and clips only the requirement values", () => {
    const b = splitCpuBands("p", types, { min: 2, max: 20 });
    expect(b.map((x) => [x.name, x.cpu, x.instanceTypes])).toEqual([
      ["p-cpu1-3", { min: 2, max: 3 }, ["m5.large"]], ["p-cpu4-15", { min: 4, max: 15 }, ["m5.xlarge", "m5.2xlarge"]],
      ["p-cpu16-30", { min: 16, max: 20 }, ["m5.4xlarge"]], ["p-cpu31-up", { min: 31, max: 20 }, ["m5.8xlarge"]],
    ].filter((x) => (x[2] as string[]).length > 0));
  });
  it("rounds shares down (the sum never exceeds the limit) and keeps one NodePool's limits as written", () => {
    expect(shareLimits({ cpu: 1000, memory: "4000Gi" }, 3)).toEqual({ cpu: "333333m", memory: "1365333Mi" });
    expect(shareLimits({ cpu: "100", memory: "64Gi" }, 4)).toEqual({ cpu: "25", memory: "16Gi" });
    expect(shareLimits({ cpu: 7 }, 1)).toEqual({ cpu: 7 });
    expect(shareLimits({ cpu: "lots" }, 2)).toBeUndefined();
  });
  const limitWarnings = (limits: KarpenterPoolArgs["limits"]) => {
    const r = planKarpenterPool(pool({ instanceRequirements: MODERN, limits }), ctx, AT);
    return r.ok ? r.warnings.filter((w) => w.path === `${AT}.limits`).map((w) => w.message) : [];
  };
  it("warns once per split pool that each band reaches only its share", () => {
    const w = limitWarnings({ cpu: 2000, memory: "8000Gi" });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/each of default-cpu1-3, .*default-cpu31-up reaches only its share, cpu 500, memory 2000Gi, not the pool's cpu 2000, memory 8000Gi/);
    expect(w[0]).not.toMatch(/never launches/);
  });
  it("names the bands whose share is below some of their types' vCPUs in that one warning", () => {
    const w = limitWarnings({ cpu: 100 });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/reaches only its share, cpu 25, not the pool's cpu 100; default-cpu31-up's share is below the vCPUs of \d+ of its types .* never launches/);
  });
});
