/**
 * The example stacks examples/stacks/Pulumi.{odcr,capacity-block,efa}.yaml (after the terraform-aws-eks-blueprints
 * targeted-odcr, ml-capacity-block and nvidia-gpu-efa patterns), planned whole: the launch template's capacity
 * reservation, market type, EFA interfaces and placement; the node group's capacity type; the placement group and the
 * EFA security group rules; the policy pack's one-AZ verdict.
 */
import * as path from "node:path";
import { PlanResource, evaluatePolicies, hasMandatoryViolation, readStackFile, runPlan, summarizePools } from "../../tools/plan";
import type { PoolSummary } from "../../tools/plan";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, PLACEMENT_GROUP_TYPE, SECURITY_GROUP_EGRESS_RULE_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE, SECURITY_GROUP_TYPE } from "../../components/core";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");

interface Planned { readonly resources: PlanResource[]; readonly pools: PoolSummary[] }
const plans = new Map<string, Planned>();

beforeAll(async () => {
  for (const stack of ["odcr", "capacity-block", "efa"]) {
    const run = await runPlan(readStackFile(EXAMPLES, stack), { now: NOW });
    if (!run.ok) throw new Error(`${stack}: ${run.errors.map((e) => `${e.path}: ${e.message}`).join("\n")}`);
    plans.set(stack, { resources: run.resources, pools: summarizePools(run.config) });
  }
}, 240_000);

const planOf = (stack: string): Planned => {
  const p = plans.get(stack);
  if (!p) throw new Error(`${stack} not planned`);
  return p;
};
const named = (stack: string, type: string, name: string): PlanResource => {
  const r = planOf(stack).resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`${stack}: no ${type} named ${name}`);
  return r;
};

/** The EFA pieces every example's GPU pool has: 32 interfaces (p5/p5e), the placement group, the self-referencing rules. */
function expectEfa(stack: string, pool: string): void {
  const lt = named(stack, LAUNCH_TEMPLATE_TYPE, `${pool}-lt`);
  const nics = lt.inputs.networkInterfaces;
  if (!Array.isArray(nics)) throw new Error("no networkInterfaces");
  expect(nics).toHaveLength(32);
  expect(nics[0]).toMatchObject({ networkCardIndex: 0, deviceIndex: 0, interfaceType: "efa" });
  expect(nics.slice(1).every((n) => typeof n === "object" && n !== null && "interfaceType" in n && n.interfaceType === "efa-only")).toBe(true);
  expect(nics[31]).toMatchObject({ networkCardIndex: 31, deviceIndex: 1, interfaceType: "efa-only", securityGroups: [`${pool}-efa-id`] });
  expect(nics[0]).toMatchObject({ securityGroups: [expect.stringContaining("offline-stand-in"), `${pool}-efa-id`] });
  expect(lt.inputs.vpcSecurityGroupIds).toBeUndefined();
  const pg = named(stack, PLACEMENT_GROUP_TYPE, `${pool}-pg`);
  expect(pg.inputs.strategy).toBe("cluster");
  expect(lt.propertyDependencies.placement).toEqual([pg.urn]);
  const group = named(stack, SECURITY_GROUP_TYPE, `${pool}-efa`);
  for (const rule of [named(stack, SECURITY_GROUP_INGRESS_RULE_TYPE, `${pool}-efa-in`), named(stack, SECURITY_GROUP_EGRESS_RULE_TYPE, `${pool}-efa-out`)]) {
    expect(rule.inputs).toMatchObject({ ipProtocol: "-1", securityGroupId: `${pool}-efa-id`, referencedSecurityGroupId: `${pool}-efa-id` });
    expect(rule.propertyDependencies.referencedSecurityGroupId).toEqual([group.urn]);
  }
  expect(named(stack, NODE_GROUP_TYPE, pool).inputs.subnetIds).toHaveLength(1);
}

describe("Pulumi.odcr.yaml (targeted-odcr)", () => {
  it("targets the reservation group from the launch template of an ON_DEMAND node group that lists its type", () => {
    const lt = named("odcr", LAUNCH_TEMPLATE_TYPE, "odcr-lt").inputs;
    expect(lt.capacityReservationSpecification).toEqual({ capacityReservationTarget: { capacityReservationResourceGroupArn: "arn:aws:resource-groups:us-west-2:111122223333:group/targeted-odcr-p5-odcr" } });
    expect(lt.instanceMarketOptions).toBeUndefined();
    expect(named("odcr", NODE_GROUP_TYPE, "odcr").inputs).toMatchObject({ capacityType: "ON_DEMAND", instanceTypes: ["p5.48xlarge"], amiType: "AL2023_x86_64_NVIDIA" });
    expectEfa("odcr", "odcr");
  });

  it("shows the reservation, EFA and placement group in the pool section, and what only EC2 checks", () => {
    const pool = planOf("odcr").pools.find((p) => p.name === "odcr");
    expect(pool?.capacity).toMatchObject({ capacityType: "ON_DEMAND", efaInterfaces: { efa: 1, efaOnly: 31 }, placementGroup: "cluster" });
    expect(pool?.capacity?.notes[0]).toMatch(/EC2 checks at launch .* matches the pool's instance type \(p5\.48xlarge\) and AZ \(us-west-2a\)/);
    expect(planOf("odcr").pools.find((p) => p.name === "default")?.capacity).toBeUndefined();
  });
});

describe("Pulumi.capacity-block.yaml (ml-capacity-block, EKS capacity-blocks-mng)", () => {
  it("sets market type capacity-block, the block's id and the type on the launch template; CAPACITY_BLOCK on the node group", () => {
    const lt = named("capacity-block", LAUNCH_TEMPLATE_TYPE, "cbr-lt").inputs;
    expect(lt.capacityReservationSpecification).toEqual({ capacityReservationTarget: { capacityReservationId: "cr-02168da1478b509e0" } });
    expect(lt.instanceMarketOptions).toEqual({ marketType: "capacity-block" });
    expect(lt.instanceType).toBe("p5e.48xlarge");
    const ng = named("capacity-block", NODE_GROUP_TYPE, "cbr").inputs;
    expect(ng.capacityType).toBe("CAPACITY_BLOCK");
    expect(ng.instanceTypes).toBeUndefined();
    expectEfa("capacity-block", "cbr");
  });
});

describe("Pulumi.efa.yaml (nvidia-gpu-efa)", () => {
  it("lists p5.48xlarge's 32 EFA interfaces, the cluster placement group and the EFA rules", () => {
    expect(named("efa", NODE_GROUP_TYPE, "nvidia-efa").inputs.capacityType).toBe("ON_DEMAND");
    expect(named("efa", LAUNCH_TEMPLATE_TYPE, "nvidia-efa-lt").inputs.capacityReservationSpecification).toBeUndefined();
    expectEfa("efa", "nvidia-efa");
  });
});

describe("the policy pack on the examples", () => {
  it.each(["odcr", "capacity-block", "efa"])("%s: the one-AZ GPU pool passes EKS-NG-005 with its reason; no mandatory violation", (stack) => {
    const results = evaluatePolicies(planOf(stack).resources, {}, { now: NOW });
    const pool = stack === "efa" ? "nvidia-efa" : stack === "odcr" ? "odcr" : "cbr";
    const ng005 = results.filter((r) => r.ruleId === "EKS-NG-005" && r.name === pool);
    expect(ng005).toEqual([expect.objectContaining({ passed: true, passedBecause: expect.stringMatching(new RegExp(`cluster placement group ${pool}-pg`)) })]);
    expect(hasMandatoryViolation(results)).toBe(false);
  });
});
