/**
 * `capacityType: CAPACITY_BLOCK`, `capacityReservation`, `efa` and `placementGroup`: the launch template fields planned
 * from them (reservation target and preference, market type, the type on the launch template, EFA interfaces per
 * network card), and every refusal or warning with the path the user wrote.
 */
import {
  WorkerPoolArgs, maxEfaInterfaces, planCapacity, planEfa, planEfaInterfaces, planNodeAccess, planWorkerPool, resolveWorkerPoolArgs,
  validateWorkerPool,
} from "../../components/worker-pool";
import { acceleratorFacts } from "../../components/facts";

const AT = "workerpools:pools[0]";
const CR = "cr-02168da1478b509e0";
const RG = "arn:aws:resource-groups:us-east-1:111122223333:group/p5-odcr";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35", clusterSecurityGroupId: "sg-0c0c0c0c0c0c0c0c0", vpcId: "vpc-0123456789abcdef0" };
const subnets = ["us-east-1a", "us-east-1b"].map((az) => ({ id: `subnet-${az}`, az }));
const ONE_AZ = { availabilityZones: ["us-east-1a"] };
const pool = (over: Partial<WorkerPoolArgs> = {}) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["p5.48xlarge"], devicePlugins: { nvidia: true }, ...over });
const issues = (over: Partial<WorkerPoolArgs>) => validateWorkerPool(pool(over), AT);
const errors = (over: Partial<WorkerPoolArgs>) => issues(over).filter((i) => i.severity !== "warning");
const warnings = (over: Partial<WorkerPoolArgs>) => issues(over).filter((i) => i.severity === "warning");
const paths = (list: readonly { path: string }[]) => list.map((i) => i.path);

describe("defaults", () => {
  it("resolve to no reservation, no EFA and no placement group, and plan nothing for them", () => {
    const r = pool();
    expect([r.capacityType, r.capacityReservation, r.efa, r.placementGroup]).toEqual(["ON_DEMAND", undefined, false, "none"]);
    expect(planWorkerPool(r).capacity).toEqual({ notes: [] });
    expect(planWorkerPool(r).efa).toEqual({ interfaces: [], placementGroup: "none" });
  });
});

describe("planCapacity", () => {
  it("targets an ODCR by id with capacity-reservations-only, and notes what only EC2 checks", () => {
    const c = planCapacity(pool({ ...ONE_AZ, capacityReservation: { id: CR, preference: "capacity-reservations-only" } }));
    expect(c.capacityReservationSpecification).toEqual({ capacityReservationPreference: "capacity-reservations-only", capacityReservationTarget: { capacityReservationId: CR } });
    expect(c.instanceMarketOptions).toBeUndefined();
    expect(c.launchTemplateInstanceType).toBeUndefined();
    expect(c.notes).toEqual([expect.stringMatching(/^EC2 checks at launch .* cr-02168da1478b509e0 is active and matches the pool's instance type \(p5\.48xlarge\) and AZ \(us-east-1a\)/)]);
  });

  it("targets a resource group, or only sets a preference", () => {
    expect(planCapacity(pool({ capacityReservation: { resourceGroupArn: RG } })).capacityReservationSpecification).toEqual({ capacityReservationTarget: { capacityReservationResourceGroupArn: RG } });
    expect(planCapacity(pool({ capacityReservation: { preference: "none" } }))).toEqual({ capacityReservationSpecification: { capacityReservationPreference: "none" }, notes: [] });
  });

  it("a Capacity Block: market type capacity-block, the one type on the launch template", () => {
    const c = planCapacity(pool({ ...ONE_AZ, capacityType: "CAPACITY_BLOCK", capacityReservation: { id: CR } }));
    expect(c.instanceMarketOptions).toEqual({ marketType: "capacity-block" });
    expect(c.launchTemplateInstanceType).toBe("p5.48xlarge");
    expect(c.notes[1]).toMatch(/set desired to 0 before an upgrade/);
  });
});

describe("planEfa", () => {
  it("puts one EFA per network card: EFA with ENA on card 0 device 0, EFA-only at device 1 on the others", () => {
    expect(planEfaInterfaces(3)).toEqual([
      { networkCardIndex: 0, deviceIndex: 0, interfaceType: "efa" },
      { networkCardIndex: 1, deviceIndex: 1, interfaceType: "efa-only" },
      { networkCardIndex: 2, deviceIndex: 1, interfaceType: "efa-only" },
    ]);
    expect(planEfaInterfaces(0)).toEqual([]);
  });

  it.each([["p5.48xlarge", 32], ["p4d.24xlarge", 4], ["trn1.32xlarge", 8], ["c5n.18xlarge", 1], ["m6i.large", 0], ["no.such", 0]])("%s supports %d EFA interfaces (the shipped facts)", (t, n) => {
    expect(maxEfaInterfaces(t)).toBe(n);
    expect(maxEfaInterfaces(t)).toBe(acceleratorFacts(t)?.efa?.maxInterfaces ?? 0);
  });

  it("lists as many interfaces as the pool's type with the fewest, and a cluster placement group", () => {
    const p = planEfa(pool({ ...ONE_AZ, efa: true, placementGroup: "cluster", instanceTypes: ["p5.48xlarge", "p4d.24xlarge"] }));
    expect(p.interfaces).toHaveLength(4);
    expect(p.placementGroup).toBe("cluster");
    expect(planEfa(pool({ ...ONE_AZ, placementGroup: "cluster" }))).toEqual({ interfaces: [], placementGroup: "cluster" });
  });

  it("adds the EFA security group last to the nodes' groups, after the cluster's", () => {
    expect(planNodeAccess(pool({ ...ONE_AZ, efa: true, placementGroup: "cluster" })).securityGroups).toEqual([{ kind: "cluster" }, { kind: "efa" }]);
  });
});

describe("validation: accepted", () => {
  it.each<[string, Partial<WorkerPoolArgs>]>([
    ["an ODCR by id in its AZ", { ...ONE_AZ, capacityReservation: { id: CR, preference: "capacity-reservations-only" } }],
    ["an ODCR resource group over two AZs", { capacityReservation: { resourceGroupArn: RG } }],
    ["a preference alone", { capacityReservation: { preference: "open" } }],
    ["a Capacity Block with EFA", { ...ONE_AZ, capacityType: "CAPACITY_BLOCK", capacityReservation: { id: CR }, efa: true, placementGroup: "cluster" }],
    ["a cluster placement group alone", { ...ONE_AZ, instanceTypes: ["c6i.large"], placementGroup: "cluster" }],
  ])("%s", (_, over) => {
    expect(errors(over)).toEqual([]);
  });
});

describe("validation: refused, with the path written", () => {
  it.each<[string, Partial<WorkerPoolArgs>, string, RegExp]>([
    ["a malformed id", { capacityReservation: { id: "cr-xyz" } }, `${AT}.capacityReservation.id`, /not a Capacity Reservation id/],
    ["a malformed group ARN", { capacityReservation: { resourceGroupArn: "arn:aws:ec2:x" } }, `${AT}.capacityReservation.resourceGroupArn`, /not a resource group ARN/],
    ["two targets", { capacityReservation: { id: CR, resourceGroupArn: RG } }, `${AT}.capacityReservation`, /one target/],
    ["an empty reservation", { capacityReservation: {} }, `${AT}.capacityReservation`, /give id, resourceGroupArn or preference/],
    ["open beside a target", { ...ONE_AZ, capacityReservation: { id: CR, preference: "open" } }, `${AT}.capacityReservation.preference`, /only when it is capacity-reservations-only/],
    ["SPOT with a reservation", { capacityType: "SPOT", instanceTypes: ["p5.48xlarge", "p5e.48xlarge"], capacityReservation: { resourceGroupArn: RG } }, `${AT}.capacityReservation`, /SPOT cannot use Capacity Reservations/],
    ["a Capacity Block without an id", { ...ONE_AZ, capacityType: "CAPACITY_BLOCK", capacityReservation: { resourceGroupArn: RG } }, `${AT}.capacityReservation.id`, /a resource group ARN does not do/],
    ["a Capacity Block over two AZs", { capacityType: "CAPACITY_BLOCK", capacityReservation: { id: CR } }, `${AT}.availabilityZones`, /a Capacity Block lives in one AZ/],
    ["a Capacity Block of two types", { ...ONE_AZ, capacityType: "CAPACITY_BLOCK", capacityReservation: { id: CR }, instanceTypes: ["p5.48xlarge", "p5e.48xlarge"] }, `${AT}.instanceTypes`, /takes one instance type/],
    ["efa without a placement group", { ...ONE_AZ, efa: true }, `${AT}.placementGroup`, /efa needs placementGroup: cluster/],
    ["efa on a type without EFA", { ...ONE_AZ, efa: true, placementGroup: "cluster", instanceTypes: ["p5.48xlarge", "m6i.large"] }, `${AT}.instanceTypes[1]`, /"m6i\.large" does not support EFA/],
    ["efa over two AZs", { efa: true, placementGroup: "cluster" }, `${AT}.availabilityZones`, /a cluster placement group lives in one AZ/],
    ["a cluster placement group over two AZs", { instanceTypes: ["c6i.large"], placementGroup: "cluster" }, `${AT}.availabilityZones`, /placementGroup: cluster: a cluster placement group lives in one AZ/],
  ])("%s", (_, over, path, message) => {
    const found = errors(over).filter((i) => i.path === path);
    expect(found).toEqual([expect.objectContaining({ message: expect.stringMatching(message) })]);
  });

  it("reports every problem at once", () => {
    const all = paths(errors({ capacityType: "CAPACITY_BLOCK", instanceTypes: ["p5.48xlarge", "m6i.large"], efa: true }));
    expect(all).toEqual(expect.arrayContaining([`${AT}.capacityReservation.id`, `${AT}.instanceTypes`, `${AT}.availabilityZones`, `${AT}.placementGroup`, `${AT}.instanceTypes[1]`]));
  });
});

describe("validation: warned", () => {
  it("one reservation id over several AZs or types: nodes outside it fail (capacity-reservations-only) or run outside it", () => {
    const w = warnings({ instanceTypes: ["p5.48xlarge", "p5e.48xlarge"], capacityReservation: { id: CR, preference: "capacity-reservations-only" } });
    expect(w.map((i) => [i.path, i.message])).toEqual(expect.arrayContaining([
      [`${AT}.availabilityZones`, expect.stringMatching(/other AZs fail to launch \(capacity-reservations-only\)/)],
      [`${AT}.instanceTypes`, expect.stringMatching(/other types fail to launch/)],
    ]));
    expect(paths(warnings({ capacityReservation: { id: CR } }))).toEqual([`${AT}.availabilityZones`]);
  });

  it("EFA types with different interface counts, and AL2023's standard AMI", () => {
    expect(warnings({ ...ONE_AZ, efa: true, placementGroup: "cluster", instanceTypes: ["p5.48xlarge", "p4d.24xlarge"] }).map((i) => i.message)).toContainEqual(expect.stringMatching(/p5\.48xlarge 32, p4d\.24xlarge 4\); the shared launch template lists 4/));
    expect(warnings({ ...ONE_AZ, efa: true, placementGroup: "cluster", instanceTypes: ["c5n.18xlarge"] })).toContainEqual(expect.objectContaining({ path: `${AT}.efa`, message: expect.stringMatching(/AL2023 standard AMI may not/) }));
    expect(warnings({ ...ONE_AZ, efa: true, placementGroup: "cluster", os: "BOTTLEROCKET", instanceTypes: ["c5n.18xlarge"] }).filter((i) => i.path === `${AT}.efa`)).toEqual([]);
  });
});
