/**
 * The WorkerPool component under Pulumi's mock runtime (mocks set first, then the component loaded): a Capacity Block
 * pool with EFA, an ODCR pool and a cluster-placement-group pool; what each registers and what the launch template says.
 */
import type { PlanResource } from "../../tools/plan";
import { CLUSTER_SG, VPC, cluster, namedIn, planWorkerPools, subnets } from "./wiring-fixtures";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, PLACEMENT_GROUP_TYPE, SECURITY_GROUP_EGRESS_RULE_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE, SECURITY_GROUP_TYPE } from "../../components/core";

const EXTRA = "sg-0aaaaaaaaaaaaaaaa";
const CR = "cr-02168da1478b509e0";
let resources: PlanResource[] = [];

beforeAll(async () => {
  const base = { cluster, subnets, availabilityZones: ["us-east-1a"], nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", devicePlugins: { nvidia: true } };
  resources = await planWorkerPools((WorkerPool) => {
    new WorkerPool("cb", {
      ...base, instanceTypes: ["p4d.24xlarge"], capacityType: "CAPACITY_BLOCK", capacityReservation: { id: CR }, efa: true, placementGroup: "cluster",
      securityGroupIds: [EXTRA],
    });
    new WorkerPool("odcr", { ...base, instanceTypes: ["m6i.large"], capacityReservation: { id: CR, preference: "capacity-reservations-only" } });
    new WorkerPool("pg", { ...base, instanceTypes: ["c6i.large"], placementGroup: "cluster" });
  });
});

const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);

describe("a Capacity Block pool with EFA", () => {
  it("targets the block with market type capacity-block and sets the type on the launch template, none on the node group", () => {
    const lt = named(LAUNCH_TEMPLATE_TYPE, "cb-lt").inputs;
    expect(lt.capacityReservationSpecification).toEqual({ capacityReservationTarget: { capacityReservationId: CR } });
    expect(lt.instanceMarketOptions).toEqual({ marketType: "capacity-block" });
    expect(lt.instanceType).toBe("p4d.24xlarge");
    const ng = named(NODE_GROUP_TYPE, "cb").inputs;
    expect(ng.capacityType).toBe("CAPACITY_BLOCK");
    expect(ng.instanceTypes).toBeUndefined();
  });

  it("lists 4 EFA interfaces (p4d's), the groups on them and none in vpcSecurityGroupIds", () => {
    const lt = named(LAUNCH_TEMPLATE_TYPE, "cb-lt");
    expect(lt.inputs.vpcSecurityGroupIds).toBeUndefined();
    expect(lt.inputs.networkInterfaces).toEqual([
      { networkCardIndex: 0, deviceIndex: 0, interfaceType: "efa", deleteOnTermination: "true", securityGroups: [CLUSTER_SG, EXTRA, "cb-efa-id"] },
      ...[1, 2, 3].map((card) => ({ networkCardIndex: card, deviceIndex: 1, interfaceType: "efa-only", deleteOnTermination: "true", securityGroups: ["cb-efa-id"] })),
    ]);
    expect(lt.propertyDependencies.networkInterfaces).toEqual(expect.arrayContaining([named(SECURITY_GROUP_TYPE, "cb-efa").urn]));
  });

  it("places the nodes in its cluster placement group (by property dependency)", () => {
    const pg = named(PLACEMENT_GROUP_TYPE, "cb-pg");
    expect(pg.inputs).toMatchObject({ strategy: "cluster", tags: { "workerpools/pool": "cb" } });
    const lt = named(LAUNCH_TEMPLATE_TYPE, "cb-lt");
    expect(lt.inputs.placement).toEqual({ groupName: expect.any(String) });
    expect(lt.propertyDependencies.placement).toEqual([pg.urn]);
  });

  it("creates the EFA security group in the cluster's VPC with all-traffic self ingress and egress", () => {
    const group = named(SECURITY_GROUP_TYPE, "cb-efa");
    expect(group.inputs).toMatchObject({ vpcId: VPC, tags: { "workerpools/pool": "cb" } });
    for (const [type, name] of [[SECURITY_GROUP_INGRESS_RULE_TYPE, "cb-efa-in"], [SECURITY_GROUP_EGRESS_RULE_TYPE, "cb-efa-out"]]) {
      const rule = named(type, name);
      expect(rule.inputs).toMatchObject({ securityGroupId: "cb-efa-id", referencedSecurityGroupId: "cb-efa-id", ipProtocol: "-1" });
      expect(rule.inputs.cidrIpv4).toBeUndefined();
      expect(rule.propertyDependencies.referencedSecurityGroupId).toEqual([group.urn]);
    }
  });
});

describe("an ODCR pool and a placement-group pool", () => {
  it("ODCR: the target and preference, the node group's types, no market type, no interfaces, no placement", () => {
    const lt = named(LAUNCH_TEMPLATE_TYPE, "odcr-lt").inputs;
    expect(lt.capacityReservationSpecification).toEqual({ capacityReservationPreference: "capacity-reservations-only", capacityReservationTarget: { capacityReservationId: CR } });
    expect([lt.instanceMarketOptions, lt.instanceType, lt.networkInterfaces, lt.placement]).toEqual([undefined, undefined, undefined, undefined]);
    expect(named(NODE_GROUP_TYPE, "odcr").inputs).toMatchObject({ capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"] });
  });

  it("placementGroup cluster alone: a placement group, no EFA group or interfaces", () => {
    expect(named(PLACEMENT_GROUP_TYPE, "pg-pg").inputs.strategy).toBe("cluster");
    expect(named(LAUNCH_TEMPLATE_TYPE, "pg-lt").propertyDependencies.placement).toEqual([named(PLACEMENT_GROUP_TYPE, "pg-pg").urn]);
    expect(named(LAUNCH_TEMPLATE_TYPE, "pg-lt").inputs.networkInterfaces).toBeUndefined();
    expect(resources.filter((r) => r.type === SECURITY_GROUP_TYPE).map((r) => r.name)).toEqual(["cb-efa"]);
    expect(resources.filter((r) => r.type === PLACEMENT_GROUP_TYPE).map((r) => r.name).sort()).toEqual(["cb-pg", "pg-pg"]);
  });
});
