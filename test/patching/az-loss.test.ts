import { AzLossNodeGroup, AzLossPool, assessAzLoss, azLossCase } from "../../components/patching";
import type { Scaling } from "../../components/worker-pool";
import { planNodeGroups } from "../../components/worker-pool";

const AZ3 = ["az-a", "az-b", "az-c"];
const AZ2 = ["az-a", "az-b"];

const spread = (azs: string[], scaling: Scaling, systemPods?: AzLossPool["systemPods"]): AzLossPool => ({
  name: "pool",
  layout: "spread",
  scaling,
  nodeGroups: [{ name: "pool", availabilityZones: azs, scaling }],
  ...(systemPods ? { systemPods } : {}),
});

/** Per-zone node groups placed by the library's own splitter. */
const perZone = (azs: string[], scaling: Scaling, systemPods?: AzLossPool["systemPods"]): AzLossPool => ({
  name: "pool",
  layout: "per-zone",
  scaling,
  nodeGroups: planNodeGroups("per-zone", azs, azs.map((az) => ({ id: az, az })), scaling).map(
    (g): AzLossNodeGroup => ({ name: `pool-${g.suffix}`, availabilityZones: g.availabilityZones, scaling: g.scaling }),
  ),
  ...(systemPods ? { systemPods } : {}),
});

describe("spread layout", () => {
  it("3 AZs, 3 nodes: one node lost, the group relaunches it elsewhere", () => {
    const r = assessAzLoss(spread(AZ3, { min: 3, max: 6, desired: 3 }));
    expect(r.cases.map((c) => c.lostAz)).toEqual(AZ3);
    for (const c of r.cases) expect(c).toMatchObject({ nodesLost: 1, nodesLeft: 2, restoredNodes: 3, maxNodesWithoutAz: 6 });
    expect(r.worst?.fractionOfDesired).toBeCloseTo(2 / 3);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].lostAzs).toEqual(AZ3);
    expect(r.warnings[0].message).toBe("losing any one of az-a, az-b, az-c leaves 2 node(s), below the minimum 3 until replacements in the other AZs are Ready");
  });

  it("2 AZs, 5 nodes: the worst case loses ceil(5 / 2) = 3", () => {
    const c = azLossCase(spread(AZ2, { min: 2, max: 10, desired: 5 }), "az-a");
    expect(c).toMatchObject({ nodesLost: 3, nodesLeft: 2, fractionOfDesired: 0.4, restoredNodes: 5 });
  });

  it("no warning when the nodes left meet the minimum", () => {
    expect(assessAzLoss(spread(AZ3, { min: 2, max: 6, desired: 6 })).warnings).toEqual([]);
  });

  it("an AZ the pool does not use costs nothing", () => {
    expect(azLossCase(spread(AZ2, { min: 1, max: 4, desired: 2 }), "az-z")).toMatchObject({ nodesLost: 0, nodesLeft: 2 });
  });

  it("an empty pool keeps its whole (zero) capacity", () => {
    const r = assessAzLoss(spread(AZ3, { min: 0, max: 20, desired: 0 }));
    expect(r.worst).toMatchObject({ nodesLeft: 0, fractionOfDesired: 1 });
    expect(r.warnings).toEqual([]);
  });

  it("CoreDNS alone on a 1-node spread pool has no node after losing that node's AZ", () => {
    const r = assessAzLoss(spread(AZ2, { min: 1, max: 2, desired: 1 }, { name: "CoreDNS", nodes: 2 }));
    expect(r.worst?.nodesLeft).toBe(0);
    expect(r.warnings.map((w) => w.message)).toContain("losing any one of az-a, az-b leaves no node for CoreDNS until replacements are Ready");
  });
});

describe("per-zone layout", () => {
  it("3 AZs, 7 nodes split 3/2/2: losing a zone loses its nodes only", () => {
    const pool = perZone(AZ3, { min: 3, max: 12, desired: 7 });
    const r = assessAzLoss(pool);
    expect(r.cases.map((c) => [c.lostAz, c.nodesLost, c.nodesLeft])).toEqual([["az-a", 3, 4], ["az-b", 2, 5], ["az-c", 2, 5]]);
    expect(r.worst).toMatchObject({ lostAz: "az-a", nodesLeft: 4, restoredNodes: 4, maxNodesWithoutAz: 8 });
    expect(r.worst?.fractionOfDesired).toBeCloseTo(4 / 7);
    expect(r.warnings).toEqual([]);
  });

  it("2 AZs: below the minimum until an autoscaler grows the other zone", () => {
    const r = assessAzLoss(perZone(AZ2, { min: 4, max: 8, desired: 4 }));
    expect(r.worst).toMatchObject({ nodesLeft: 2, restoredNodes: 2, maxNodesWithoutAz: 4 });
    expect(r.warnings[0].message).toBe("losing any one of az-a, az-b leaves 2 node(s), below the minimum 4 until an autoscaler grows the other zones (on their own they stay at 2)");
  });

  it("2 AZs with max sizes too small: the shortfall lasts", () => {
    const r = assessAzLoss(perZone(AZ2, { min: 4, max: 4, desired: 4 }));
    expect(r.warnings[0].message).toContain("the other zones' max sizes allow only 2; raise them or use layout spread");
  });

  it("warns when CoreDNS replicas would share the only node left", () => {
    const r = assessAzLoss(perZone(AZ2, { min: 2, max: 4, desired: 2 }, { name: "CoreDNS", nodes: 2 }));
    expect(r.warnings.map((w) => w.message)).toContain(
      "losing any one of az-a, az-b leaves 1 node(s) for 2 CoreDNS replicas; they share a node, so one more node failure takes CoreDNS down",
    );
  });
});
