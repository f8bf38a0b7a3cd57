import { formatCidr, parseCidr, subnetOf } from "../../components/core";
import { planEgress, planZoneSubnets, resolveCreateVpcArgs, validateVpcCidr } from "../../components/network";
import { planNodeGroups, splitEvenly } from "../../components/worker-pool";

describe("cidr", () => {
  it.each(["10.40.0.0/16", "0.0.0.0/0", "192.168.1.128/25"])("round-trips %s", (c) => {
    const parsed = parseCidr(c);
    expect(parsed && formatCidr(parsed)).toBe(c);
  });
  it.each(["10.40.0.1/16", "10.40.0.0/33", "300.1.1.1/8", "10.0.0.0", "abc"])("refuses %s", (c) => {
    expect(parseCidr(c)).toBeUndefined();
  });
  it("splits a /16 into /19 blocks", () => {
    const vpc = parseCidr("10.40.0.0/16");
    if (!vpc) throw new Error("parse");
    expect(formatCidr(subnetOf(vpc, 19, 2) ?? vpc)).toBe("10.40.64.0/19");
    expect(subnetOf(vpc, 19, 8)).toBeUndefined();
  });
});

describe("planZoneSubnets", () => {
  const toRange = (c: string) => {
    const p = parseCidr(c);
    if (!p) throw new Error(c);
    return [p.base, p.base + 2 ** (32 - p.prefix)] as const;
  };

  it.each([[2], [3], [4], [6]])("gives %i AZs disjoint subnets inside the VPC", (n) => {
    const azs = Array.from({ length: n }, (_, i) => `us-east-1${"abcdef"[i]}`);
    const zones = planZoneSubnets("10.40.0.0/16", azs);
    const ranges = zones.flatMap((z) => [toRange(z.privateCidr), toRange(z.publicCidr)]).sort((a, b) => a[0] - b[0]);
    const [lo, hi] = toRange("10.40.0.0/16");
    ranges.forEach(([s, e], i) => {
      expect(s).toBeGreaterThanOrEqual(lo);
      expect(e).toBeLessThanOrEqual(hi);
      if (i > 0) expect(s).toBeGreaterThanOrEqual(ranges[i - 1][1]);
    });
  });

  it("gives 3 AZs /19 private and /22 public subnets from a /16", () => {
    const zones = planZoneSubnets("10.40.0.0/16", ["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(zones.map((z) => z.privateCidr)).toEqual(["10.40.0.0/19", "10.40.32.0/19", "10.40.64.0/19"]);
    expect(zones.map((z) => z.publicCidr)).toEqual(["10.40.192.0/22", "10.40.196.0/22", "10.40.200.0/22"]);
  });

  it("keeps every subnet where it was when AZs are added, removed or reordered", () => {
    const three = planZoneSubnets("10.40.0.0/16", ["us-east-1a", "us-east-1b", "us-east-1c"]);
    const other = planZoneSubnets("10.40.0.0/16", ["us-east-1c", "us-east-1b", "us-east-1d", "us-east-1e", "us-east-1f"]);
    for (const z of three.slice(1)) expect(other.find((o) => o.az === z.az)).toEqual(z);
  });

  it("refuses a VPC too small for /24 private subnets and AZ names without a slot letter", () => {
    expect(validateVpcCidr("10.0.0.0/22", ["us-east-1a", "us-east-1b"], "n")[0]).toMatchObject({ path: "n.vpcCidr", message: expect.stringMatching(/\/21/) });
    expect(validateVpcCidr("10.0.0.0/21", ["us-east-1a", "us-east-1b"], "n")).toEqual([]);
    expect(validateVpcCidr("10.0.0.0/16", ["us-east-1a", "us-east-1z"], "n")).toEqual([expect.objectContaining({ path: "n.availabilityZones[1]" })]);
  });
});

describe("zone spreading", () => {
  it.each([[7, 3, [3, 2, 2]], [3, 3, [1, 1, 1]], [0, 2, [0, 0]], [5, 2, [3, 2]]])("splitEvenly(%i, %i)", (t, n, want) => {
    expect(splitEvenly(t, n)).toEqual(want);
  });

  const subnets = ["a", "b", "c"].map((az) => ({ id: `subnet-${az}`, az }));

  it("spread: one node group over every AZ with the pool's counts", () => {
    const groups = planNodeGroups("spread", ["a", "b", "c"], subnets, { min: 3, max: 6, desired: 3 });
    expect(groups).toHaveLength(1);
    expect(groups[0].subnetIds).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
  });

  it.each([
    [{ min: 0, max: 20, desired: 2 }], [{ min: 3, max: 12, desired: 3 }], [{ min: 1, max: 4, desired: 4 }], [{ min: 5, max: 7, desired: 6 }],
  ])("per-zone: one group per AZ, counts summing to the pool's and min <= desired <= max in each (%o)", (scaling) => {
    const groups = planNodeGroups("per-zone", ["a", "b", "c"], subnets, scaling);
    expect(groups.map((g) => g.availabilityZones)).toEqual([["a"], ["b"], ["c"]]);
    expect(groups.reduce((s, g) => s + g.scaling.min, 0)).toBe(scaling.min);
    expect(groups.reduce((s, g) => s + g.scaling.desired, 0)).toBe(scaling.desired);
    for (const g of groups) {
      expect(g.scaling.min).toBeLessThanOrEqual(g.scaling.desired);
      expect(g.scaling.desired).toBeLessThanOrEqual(g.scaling.max);
      expect(g.scaling.max).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("planEgress (natGateways)", () => {
  const azs = ["us-east-1b", "us-east-1a", "us-east-1c"];
  it("perAz: a NAT gateway in every AZ, each AZ's private route table using its own", () => {
    expect(planEgress(azs, "perAz")).toEqual({
      natGatewayAzs: azs, routeVia: { "us-east-1a": "us-east-1a", "us-east-1b": "us-east-1b", "us-east-1c": "us-east-1c" },
    });
  });
  it("single: one NAT gateway in the first AZ listed, used by every private route table", () => {
    expect(planEgress(azs, "single")).toEqual({
      natGatewayAzs: ["us-east-1b"], routeVia: { "us-east-1a": "us-east-1b", "us-east-1b": "us-east-1b", "us-east-1c": "us-east-1b" },
    });
  });
  it("defaults to perAz", () => {
    expect(resolveCreateVpcArgs({ vpcCidr: "10.0.0.0/16", availabilityZones: azs, clusterName: "c" })).toMatchObject({ natGateways: "perAz", tags: {} });
  });
});
