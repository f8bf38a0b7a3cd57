/**
 * The change review of capacity changes: a new reservation target, EFA interfaces or a placement group are launch
 * template fields (components/facts/data/managed-node-update.json launchTemplateVersionFields), so they roll the pool;
 * a capacity type change replaces the node group (ForceNew); a Capacity Block node group rolled at a desired size
 * above 0 is a hazard with the scale-to-zero way around it (EKS User Guide, capacity-blocks-mng).
 */
import { ReviewResource, reviewChanges } from "../../tools/review";
import { LAUNCH_TEMPLATE_VERSION_FIELDS } from "../../components/facts";
import { planEfaInterfaces } from "../../components/worker-pool";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const CR = "cr-02168da1478b509e0";
const launchTemplate = (inputs: Record<string, unknown> = {}): ReviewResource => ({
  type: LAUNCH_TEMPLATE_TYPE, name: "gpu-lt", inputs: { userData: "", tags: { "workerpools/pool": "gpu" }, ...inputs },
});
const nodeGroup = (inputs: Record<string, unknown> = {}): ReviewResource => ({
  type: NODE_GROUP_TYPE, name: "gpu", ignoreChanges: ["scalingConfig.desiredSize"],
  inputs: {
    amiType: "AL2023_x86_64_NVIDIA", capacityType: "ON_DEMAND", instanceTypes: ["p5.48xlarge"], launchTemplate: { id: "gpu-lt-id", version: "1" },
    scalingConfig: { minSize: 2, maxSize: 2, desiredSize: 2 }, subnetIds: ["subnet-a"], tags: { "workerpools/pool": "gpu" }, version: "1.35", ...inputs,
  },
});
const reviewOf = (ltAfter: Record<string, unknown>, ltBefore: Record<string, unknown>, ngAfter: Record<string, unknown> = {}, ngBefore: Record<string, unknown> = {}) =>
  reviewChanges([launchTemplate(ltAfter), nodeGroup(ngAfter)], [launchTemplate(ltBefore), nodeGroup(ngBefore)]).pools[0];

describe("capacity changes in the launch template", () => {
  it("are tabled as new launch template versions", () => {
    for (const f of ["capacityReservationSpecification", "instanceMarketOptions", "networkInterfaces", "placement", "instanceType"]) expect(LAUNCH_TEMPLATE_VERSION_FIELDS).toContain(f);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ["another reservation", { capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: CR } } }, { capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: "cr-0aaaaaaaaaaaaaaaa" } } }, "capacityReservationSpecification"],
    ["EFA turned on", { networkInterfaces: planEfaInterfaces(32) }, {}, "networkInterfaces"],
    ["a placement group added", { placement: { groupName: "gpu-pg" } }, {}, "placement"],
  ])("%s rolls every node of the pool", (_, after, before, field) => {
    const p = reviewOf(after, before);
    expect(p.launchTemplate).toEqual([expect.objectContaining({ field, effect: "roll" })]);
    const c = p.nodeGroups[0].consequence;
    expect(c.kind).toBe("roll");
    if (c.kind === "roll") expect(c.because).toEqual([`launch template ${field}`]);
  });

  it("a capacity type change replaces the node group", () => {
    const c = reviewOf({}, {}, { capacityType: "CAPACITY_BLOCK" }).nodeGroups[0].consequence;
    expect(c).toMatchObject({ kind: "replace", because: ["capacityType"] });
  });
});

describe("a Capacity Block node group rolled", () => {
  const block = { capacityType: "CAPACITY_BLOCK" };
  it("at desired 2: a hazard naming EKS's desired-0 rule and the scale-to-zero command", () => {
    const g = reviewOf({ placement: { groupName: "gpu-pg" } }, {}, block, block).nodeGroups[0];
    expect(g.hazards).toEqual([expect.objectContaining({
      kind: "refused", field: "launchTemplate.version", configKey: "scaling.desired",
      message: expect.stringMatching(/Capacity Block node group at desired size 2: EKS wants the desired size at 0/),
      fix: expect.stringMatching(/minSize=0,maxSize=2,desiredSize=0/),
    })]);
  });

  it("at desired 0, or an ON_DEMAND pool: no hazard", () => {
    const zero = { ...block, scalingConfig: { minSize: 0, maxSize: 2, desiredSize: 0 } };
    expect(reviewOf({ placement: { groupName: "gpu-pg" } }, {}, zero, zero).nodeGroups[0].hazards).toBeUndefined();
    expect(reviewOf({ placement: { groupName: "gpu-pg" } }, {}).nodeGroups[0].hazards).toBeUndefined();
  });
});
