import { KARPENTER_CPU_BAND_STARTS, KarpenterPoolArgs, matchInstanceTypes, planKarpenterPool, shareLimits, splitCpuBands } from "../../components/autoscaling";
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
const pool = (over: Partial<KarpenterPoolArgs> = {}): KarpenterPoolArgs => ({
  cluster, subnets, instanceRequirements: BROAD, limits: { cpu: 1000, memory: "4000Gi" }, ami: { channel: "pinned", releaseVersion: "1.35.0-20251120" }, ...over,
});
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

describe.each([false, true])("a broad requirement (prefix delegation %s)", (prefixDelegation) => {
  const bs = bands({ prefixDelegation });
  it("splits into more than one NodePool, at most one per fixed band, covering exactly the matched types", () => {
    expect(bs.length).toBeGreaterThan(1);
    expect(bs.length).toBeLessThanOrEqual(KARPENTER_CPU_BAND_STARTS.length);
    expect(bs.flatMap((b) => b.args.instanceTypes).sort()).toEqual(matchInstanceTypes(BROAD, "x86_64").sort());
    for (const b of bs) expect(listed(b.nodePool)).toEqual(b.args.instanceTypes);
  });
  it("gives each band's EC2NodeClass maxPods = our formula's minimum over exactly its types, and neighbours different ones", () => {
    const values = bs.map((b) => at(b.nodeClass, "kubelet.maxPods") as number);
    bs.forEach((b, i) => expect(values[i]).toBe(computeMaxPods({ instanceTypes: listed(b.nodePool), prefixDelegation }, "x").value));
    values.slice(1).forEach((v, i) => expect(v).not.toBe(values[i]));
  });
  it("narrows each NodePool to its vCPUs by Gt/Lt on instance-cpu, within the pool's range, and names it by them", () => {
    for (const b of bs) {
      const req = Object.fromEntries(requirements(b.nodePool).map((r) => [`${r.key} ${r.operator}`, r.values]));
      const min = b.cpu?.min ?? 1;
      expect(req["karpenter.k8s.aws/instance-cpu Gt"]).toEqual([String(min - 1)]);
      expect(b.args.instanceTypes.every((t) => vcpus(t) >= min && (b.cpu?.max === undefined || vcpus(t) <= b.cpu.max))).toBe(true);
      expect(b.name).toBe(`default-cpu${min}-${b.cpu?.max ?? "up"}`);
      expect(at(b.nodePool, "template.metadata.labels")).toMatchObject({ "workerpools/pool": "default" });
      expect(at(b.nodeClass, "tags")).toMatchObject({ "workerpools/pool": "default" });
    }
    expect(bs[0].cpu?.min).toBe(2);
    expect(bs[bs.length - 1].cpu?.max).toBeUndefined();
  });
  it("shares the limits so the NodePools together stay within the pool's, and weights the smallest band first", () => {
    const cpu = bs.reduce((n, b) => n + Number(at(b.nodePool, "limits.cpu")), 0);
    expect(cpu).toBeLessThanOrEqual(1000);
    expect(cpu).toBeGreaterThan(1000 - bs.length);
    expect(bs.map((b) => at(b.nodePool, "weight"))).toEqual(bs.map((_, i) => bs.length - i));
  });
});

describe("a narrow requirement", () => {
  it("keeps one NodePool named as the pool, with the limits and cpu range as written and no weight", () => {
    const bs = bands({ instanceRequirements: { categories: ["m"], generations: { min: 6 }, cpu: { min: 4, max: 8 } } });
    expect(bs.map((b) => b.name)).toEqual(["default"]);
    expect(at(bs[0].nodePool, "limits")).toEqual({ cpu: "1000", memory: "4000Gi" });
    expect(bs[0].nodePool.spec).not.toHaveProperty("weight");
    expect(at(bs[0].nodePool, "template.spec.nodeClassRef.name")).toBe("default");
  });
  it("keeps one NodePool when every size gets the same maxPods (an explicit maxPods)", () => {
    expect(bands({ kubelet: { maxPods: 58 } }).map((b) => b.name)).toEqual(["default"]);
  });
});

describe("splitCpuBands and shareLimits", () => {
  const types = ["m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge", "m5.8xlarge"];
  it("merges neighbouring bands whose maxPods agree", () => {
    const b = splitCpuBands("p", types, undefined, (ts) => (ts.some((t) => vcpus(t) > 30) ? 250 : 110));
    expect(b.map((x) => [x.name, x.instanceTypes])).toEqual([["p-cpu1-30", types.slice(0, 4)], ["p-cpu31-up", ["m5.8xlarge"]]]);
  });
  it("rounds shares down (the sum never exceeds the limit) and keeps one NodePool's limits as written", () => {
    expect(shareLimits({ cpu: 1000, memory: "4000Gi" }, 3)).toEqual({ cpu: "333333m", memory: "1365333Mi" });
    expect(shareLimits({ cpu: "100", memory: "64Gi" }, 4)).toEqual({ cpu: "25", memory: "16Gi" });
    expect(shareLimits({ cpu: 7 }, 1)).toEqual({ cpu: 7 });
    expect(shareLimits({ cpu: "lots" }, 2)).toBeUndefined();
  });
  it("warns at limits when a band's share is below the vCPUs of some of its types", () => {
    const r = planKarpenterPool(pool({ limits: { cpu: 100 } }), ctx, AT);
    expect(r.ok && r.warnings.find((w) => w.path === `${AT}.limits`)?.message).toMatch(/never launches/);
  });
});
