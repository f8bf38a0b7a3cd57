import * as fs from "fs";
import * as path from "path";
import { errorsOf } from "../../components/core";
import { InstanceFacts, KNOWN_INSTANCE_TYPES, instanceTypesSource, lookupInstanceType } from "../../components/facts";
import {
  computeMaxPods,
  eksMaxPodsCap,
  eniMaxPods,
  prefixDelegationMaxPods,
  recommendedMaxPods,
} from "../../components/kubelet";

const GOLDEN = path.join(__dirname, "..", "golden", "eni-max-pods", "eni-max-pods.txt");

/** Data rows of the AWS table: `<type> <max pods>`, `#` lines are comments. */
function goldenRows(): Array<{ type: string; maxPods: number }> {
  return fs
    .readFileSync(GOLDEN, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [type, value] = line.split(/\s+/);
      return { type, maxPods: Number(value) };
    });
}

function facts(type: string): InstanceFacts {
  const f = lookupInstanceType(type);
  if (f === undefined) throw new Error(`test needs ${type} in the instance table`);
  return f;
}

describe("instance table", () => {
  it("names its sources", () => {
    expect(instanceTypesSource.repo).toBe("awslabs/amazon-eks-ami");
    expect(instanceTypesSource.path).toBe("nodeadm/internal/kubelet/instance-info.jsonl");
    expect(instanceTypesSource.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(instanceTypesSource.supplements.map((s) => s.repo)).toEqual(["aws/karpenter-provider-aws"]);
  });

  it("lists every type once and knows common ones", () => {
    expect(new Set(KNOWN_INSTANCE_TYPES).size).toBe(KNOWN_INSTANCE_TYPES.length);
    expect(KNOWN_INSTANCE_TYPES.length).toBeGreaterThan(1000);
    expect(lookupInstanceType("m5.large")).toEqual({
      instanceType: "m5.large", maxEnis: 3, ipv4PerEni: 10, vcpus: 2, memoryMiB: 8192, hypervisor: "nitro", architecture: "x86_64",
    });
    expect(lookupInstanceType("a1.metal")).toMatchObject({ hypervisor: "none", architecture: "arm64" });
    expect(lookupInstanceType("m5.huge")).toBeUndefined();
  });
});

describe("eniMaxPods against the AWS eni-max-pods.txt table", () => {
  const rows = goldenRows();
  const known = rows.filter((r) => lookupInstanceType(r.type) !== undefined);

  it("agrees with every row whose type is in the table", () => {
    const mismatches = known
      .map((r) => ({ ...r, ours: eniMaxPods(facts(r.type)) }))
      .filter((r) => r.ours !== r.maxPods);
    expect(rows).toHaveLength(1098);
    expect(known).toHaveLength(1092);
    expect(mismatches).toEqual([]);
  });

  it("misses only the retired f1 and p3 types (see golden SOURCE.md)", () => {
    const absent = rows.filter((r) => lookupInstanceType(r.type) === undefined).map((r) => r.type);
    expect(absent.sort()).toEqual(["f1.16xlarge", "f1.2xlarge", "f1.4xlarge", "p3.16xlarge", "p3.2xlarge", "p3.8xlarge"]);
  });
});

describe("per-type formulas", () => {
  it.each([
    // EKS User Guide: m5.large, VPC CNI 1.9.0, no prefix delegation → 29.
    ["m5.large", false, 29, 29],
    // max-pods-calculator.sh with prefix delegation: m5.large → 110 (raw 3 × (9 × 16) + 2 = 434).
    ["m5.large", true, 110, 434],
    ["t3.small", false, 11, 11],
    ["t3.small", true, 110, 146],
    // CNI without prefixes: 8 × 29 + 2 = 234, over the 110 cap of a 16 vCPU type.
    ["m5.4xlarge", false, 110, 234],
    // Xen: the calculator never uses prefixes.
    ["c4.large", true, 29, 29],
    // Bare metal: no hypervisor, so no prefixes either; 96 vCPUs → cap 250.
    ["c5.metal", true, 250, 737],
    // 72 vCPUs, Nitro.
    ["c5.18xlarge", true, 250, 11762],
    // 36 vCPUs: the 250 cap is above the ENI value.
    ["c5.9xlarge", false, 234, 234],
  ])("%s, prefix delegation %s → %i (raw %i)", (type, prefixDelegation, value, raw) => {
    const r = recommendedMaxPods(facts(type), { prefixDelegation });
    expect(r).toMatchObject({ type, value, raw });
    expect(r.formula).toContain(`= ${raw}`);
  });

  it("raw formulas", () => {
    expect(eniMaxPods({ maxEnis: 3, ipv4PerEni: 10 })).toBe(29);
    expect(prefixDelegationMaxPods({ maxEnis: 3, ipv4PerEni: 10 })).toBe(434);
    expect(eniMaxPods({ maxEnis: 3, ipv4PerEni: 10 }, true)).toBe(20);
    expect(prefixDelegationMaxPods({ maxEnis: 3, ipv4PerEni: 10 }, true)).toBe(290);
  });

  it.each([
    [1, 110],
    [29, 110],
    [30, 110],
    [31, 250],
    [96, 250],
  ])("cap for %i vCPUs is %i (calculator: CPU_COUNT -gt 30)", (vcpus, cap) => {
    expect(eksMaxPodsCap(vcpus)).toBe(cap);
  });

  it("cap none keeps the raw value", () => {
    expect(recommendedMaxPods(facts("m5.large"), { prefixDelegation: true, cap: "none" })).toMatchObject({ value: 434, raw: 434 });
  });

  it("unknown vCPUs take the low cap", () => {
    const f: InstanceFacts = { instanceType: "x.test", maxEnis: 8, ipv4PerEni: 30, hypervisor: "nitro" };
    expect(recommendedMaxPods(f, {})).toMatchObject({ value: 110, raw: 234 });
    expect(recommendedMaxPods(f, {}).formula).toContain("vCPUs unknown");
  });
});

describe("computeMaxPods", () => {
  const at = "workerpools:pools[0]";

  it("takes the smallest over the types", () => {
    const r = computeMaxPods({ instanceTypes: ["m5.xlarge", "m5.large"], prefixDelegation: false }, at);
    expect(r.value).toBe(29);
    expect(r.rawValue).toBe(29);
    expect(r.perType.map((p) => [p.type, p.value])).toEqual([["m5.xlarge", 58], ["m5.large", 29]]);
    expect(r.issues).toEqual([]);
    expect(r.inputs).toEqual({ instanceTypes: ["m5.xlarge", "m5.large"], prefixDelegation: false, customNetworking: false, cap: "managed-node-group" });
    expect(r.formula).toContain("smallest over the instance types");
  });

  it("gives both the capped and the raw value", () => {
    const r = computeMaxPods({ instanceTypes: ["c5.xlarge", "m5.large"], prefixDelegation: true }, at);
    expect(r.value).toBe(110);
    expect(r.rawValue).toBe(434);
    const none = computeMaxPods({ instanceTypes: ["c5.xlarge", "m5.large"], prefixDelegation: true, cap: "none" }, at);
    expect(none.value).toBe(434);
    expect(none.perType.map((p) => p.value)).toEqual([898, 434]);
  });

  it("applies custom networking", () => {
    expect(computeMaxPods({ instanceTypes: ["m5.large"], prefixDelegation: false, customNetworking: true }, at).value).toBe(20);
  });

  it("reports unknown types at their path and leaves them out", () => {
    const r = computeMaxPods({ instanceTypes: ["m5.large", "m5.huge"], prefixDelegation: false }, at);
    expect(r.value).toBe(29);
    expect(errorsOf(r.issues)).toEqual([
      { path: `${at}.instanceTypes[1]`, message: expect.stringContaining('unknown instance type "m5.huge"') },
    ]);
  });

  it("has no value when no type is known", () => {
    const r = computeMaxPods({ instanceTypes: ["nope.large"], prefixDelegation: false }, at);
    expect(r.value).toBeUndefined();
    expect(r.rawValue).toBeUndefined();
    expect(r.perType).toEqual([]);
    expect(r.issues).toHaveLength(1);
  });

  it("warns when a known type lacks vCPUs or hypervisor", () => {
    // The shipped table has 286 types without vCPU data (see components/facts/data/instance-types.json); one suffices.
    const partial = KNOWN_INSTANCE_TYPES.find((t) => lookupInstanceType(t)?.vcpus === undefined);
    expect(partial).toBeDefined();
    if (partial === undefined) return;
    const r = computeMaxPods({ instanceTypes: [partial], prefixDelegation: true }, at);
    expect(errorsOf(r.issues)).toEqual([]);
    expect(r.issues.map((i) => [i.path, i.severity])).toEqual([
      [`${at}.instanceTypes[0]`, "warning"],
      [`${at}.instanceTypes[0]`, "warning"],
    ]);
    expect(r.value).toBe(Math.min(110, eniMaxPods(facts(partial))));
  });
});
