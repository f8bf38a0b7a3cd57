/**
 * EKS-NG-005 on one-AZ pools that are one AZ on purpose: what the plan shows (placement group, Capacity Block, reservation
 * id), and the plan's report of it; EKS-KUBELET-008 on a Capacity Block node group (its type is on the launch template).
 */
import { ALL_RULES, findRule } from "../../policies/rules";
import type { RuleResource, StackRule } from "../../policies/rule";
import { al2023UserData, res, run } from "./policy-fixtures";
import { PlanResource, evaluatePolicies, renderPolicyResults } from "../../tools/plan";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, PLACEMENT_GROUP_TYPE, SUBNET_TYPE } from "../../components/core";

const SA = res(SUBNET_TYPE, { availabilityZone: "us-east-1a" }, "a");
const SB = res(SUBNET_TYPE, { availabilityZone: "us-east-1b" }, "b");

const rule = (): StackRule => {
  const r = ALL_RULES.find((x) => x.id === "EKS-NG-005");
  if (r?.kind !== "stack") throw new Error("EKS-NG-005 is a stack rule");
  return r;
};

/** A pool "gpu" node group in `subnets`, with its launch template (by property dependency). */
function group(subnets: readonly RuleResource[], template: RuleResource, props: Record<string, unknown> = {}): RuleResource {
  return res(NODE_GROUP_TYPE, { clusterName: "c", capacityType: "ON_DEMAND", subnetIds: subnets.map((s) => `${s.name}-id`), tags: { "workerpools/pool": "gpu" }, ...props }, "gpu",
    { subnetIds: subnets.map((s) => s.urn), launchTemplate: [template.urn] });
}
const clusterGroup = res(PLACEMENT_GROUP_TYPE, { strategy: "cluster" }, "gpu-pg");
const spreadGroup = res(PLACEMENT_GROUP_TYPE, { strategy: "spread" }, "gpu-spread");
const ltIn = (pg: RuleResource): RuleResource => res(LAUNCH_TEMPLATE_TYPE, { placement: { groupName: `${pg.name}-name` } }, "gpu-lt", { placement: [pg.urn] });
const plainLt = res(LAUNCH_TEMPLATE_TYPE, {}, "gpu-lt");
const reason = (resources: readonly RuleResource[]): string => {
  const v = rule().check(resources, { now: new Date("2026-12-01T00:00:00Z") })[0].verdict;
  return "passedBecause" in v ? v.passedBecause : JSON.stringify(v);
};

describe("EKS-NG-005, a pool in one AZ", () => {
  it("passes in a cluster placement group, and says why", () => {
    const lt = ltIn(clusterGroup);
    const resources = [SA, clusterGroup, lt, group([SA], lt)];
    expect(run(rule(), resources)).toEqual({ violations: [], decided: 1, undecided: 0, notApplicable: 0 });
    expect(reason(resources)).toBe('pool "gpu" (node groups gpu) is in one AZ on purpose: launch template gpu-lt places the nodes in cluster placement group gpu-pg (each lives in one AZ)');
  });

  it("passes in a Capacity Block or one Capacity Reservation, with the reason", () => {
    expect(reason([SA, plainLt, group([SA], plainLt, { capacityType: "CAPACITY_BLOCK" })])).toMatch(/node group gpu runs in a Capacity Block/);
    const odcr = res(LAUNCH_TEMPLATE_TYPE, { capacityReservationSpecification: { capacityReservationTarget: { capacityReservationId: "cr-02168da1478b509e0" } } }, "gpu-lt");
    expect(reason([SA, odcr, group([SA], odcr)])).toMatch(/targets Capacity Reservation cr-02168da1478b509e0/);
  });

  it("still fails without a reason: no placement group, a spread placement group, a resource group target", () => {
    const rg = res(LAUNCH_TEMPLATE_TYPE, { capacityReservationSpecification: { capacityReservationTarget: { capacityReservationResourceGroupArn: "arn:aws:resource-groups:us-east-1:111122223333:group/odcr" } } }, "gpu-lt");
    for (const resources of [[SA, plainLt, group([SA], plainLt)], [SA, spreadGroup, ltIn(spreadGroup), group([SA], ltIn(spreadGroup))], [SA, rg, group([SA], rg)]]) {
      expect(run(rule(), resources).violations).toEqual([expect.stringMatching(/pool "gpu" \(node groups gpu\) spans 1 AZ \(us-east-1a\)/)]);
    }
  });

  it("passes over two AZs whatever its launch template says", () => {
    const lt = ltIn(clusterGroup);
    expect(run(rule(), [SA, SB, clusterGroup, lt, group([SA, SB], lt)])).toEqual({ violations: [], decided: 1, undecided: 0, notApplicable: 0 });
  });
});

describe("the plan's policy report", () => {
  it("lists the pass with its reason", () => {
    const lt = ltIn(clusterGroup);
    const asPlanned = (r: RuleResource): PlanResource => ({
      urn: r.urn, type: r.type, name: r.name, parent: "", dependencies: [], ignoreChanges: [], inputs: { ...r.props },
      propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, [...v]])),
    });
    const results = evaluatePolicies([SA, clusterGroup, lt, group([SA], lt)].map(asPlanned), {}, { rules: [rule()] });
    expect(results).toEqual([expect.objectContaining({ ruleId: "EKS-NG-005", passed: true, passedBecause: expect.stringMatching(/cluster placement group gpu-pg/) })]);
    expect(renderPolicyResults(results)).toContain('no violations\n  [passed] EKS-NG-005 eks-pool-multi-az  aws:eks/nodeGroup:NodeGroup gpu\n      pool "gpu"');
  });
});

describe("EKS-KUBELET-008 on a Capacity Block node group", () => {
  it("reads the one type from the launch template when the node group lists none", () => {
    const maxPods = findRule("EKS-KUBELET-008");
    if (!maxPods) throw new Error("no EKS-KUBELET-008");
    const lt = res(LAUNCH_TEMPLATE_TYPE, { userData: al2023UserData({ maxPods: 58 }), instanceType: "m6i.large" }, "lt");
    const ng = res(NODE_GROUP_TYPE, { clusterName: "c", capacityType: "CAPACITY_BLOCK", launchTemplate: { id: "lt-id", version: "1" } }, "ng", { launchTemplate: [lt.urn] });
    expect(run(maxPods, [lt, ng]).violations.join("\n")).toMatch(/more than the 29 pod IPs the VPC CNI can give on m6i\.large/);
  });
});
