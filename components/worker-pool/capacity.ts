/**
 * Capacity Reservations and Capacity Blocks for ML (`capacityType`, `capacityReservation`): planned into the launch
 * template and validated. Pure.
 *
 * EC2 API `CapacityReservationSpecification`: preference `capacity-reservations-only | open | none`; "You can only specify
 * CapacityReservationPreference and CapacityReservationTarget if the CapacityReservationPreference is
 * capacity-reservations-only"; a target names a reservation id or a resource group ARN.
 * Amazon EKS User Guide, capacity-blocks-mng.adoc: a Capacity Block node group needs a launch template with
 * `InstanceMarketOptions.MarketType: capacity-block`, `CapacityReservationTarget.CapacityReservationId` and the
 * `InstanceType`, node group `capacityType: CAPACITY_BLOCK` ("If the capacity type isn't set to CAPACITY_BLOCK or any of
 * the other above required launch template values are missing, then the create request will be rejected"), subnets
 * only in the reservation's AZ, and desired size 0 when upgrading. terraform-aws-eks v20.17.0 (#3091) sets the instance
 * type on the launch template and none on the node group for CAPACITY_BLOCK.
 */
import { ConfigIssue } from "../core";
import type { CapacityReservationPreference, ResolvedWorkerPoolArgs } from "./args";

/** A Capacity Reservation id as EC2 writes it: `cr-` and 17 (or, like every EC2 id of old, 8) lowercase hex digits, e.g. cr-02168da1478b509e0. */
export const CAPACITY_RESERVATION_ID = /^cr-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** A Resource Groups group ARN (`arn:<partition>:resource-groups:<region>:<account>:group/<name>`). */
export const RESOURCE_GROUP_ARN = /^arn:aws[a-z-]*:resource-groups:[a-z0-9-]+:\d{12}:group\/[A-Za-z0-9_.-]{1,128}$/;

/** The launch template's capacity fields; absent fields are not set. */
export interface CapacityPlan {
  /** Launch template `capacityReservationSpecification`. @default - none */
  readonly capacityReservationSpecification?: {
    readonly capacityReservationPreference?: CapacityReservationPreference;
    readonly capacityReservationTarget?: { readonly capacityReservationId?: string; readonly capacityReservationResourceGroupArn?: string };
  };
  /** Launch template `instanceMarketOptions` (`capacity-block` for CAPACITY_BLOCK). @default - none */
  readonly instanceMarketOptions?: { readonly marketType: "capacity-block" };
  /** Launch template `instanceType` (CAPACITY_BLOCK only; the node group then lists none). @default - none: the node group lists the types */
  readonly launchTemplateInstanceType?: string;
  /** What only `pulumi up` (EC2) can check, for the plan. */
  readonly notes: readonly string[];
}

/** Plans the pool's capacity fields from resolved args. */
export function planCapacity(a: ResolvedWorkerPoolArgs): CapacityPlan {
  const r = a.capacityReservation;
  const block = a.capacityType === "CAPACITY_BLOCK";
  const target = r?.id !== undefined ? { capacityReservationId: r.id } : r?.resourceGroupArn !== undefined ? { capacityReservationResourceGroupArn: r.resourceGroupArn } : undefined;
  const spec = r ? {
    ...(r.preference !== undefined ? { capacityReservationPreference: r.preference } : {}),
    ...(target ? { capacityReservationTarget: target } : {}),
  } : undefined;
  const notes: string[] = [];
  if (target) {
    notes.push(`EC2 checks at launch (pulumi up, then every scale-up) that ${r?.id ?? r?.resourceGroupArn} is active and matches the pool's instance type${a.instanceTypes.length > 1 ? "s" : ""} (${a.instanceTypes.join(", ")}) and AZ${a.availabilityZones.length > 1 ? "s" : ""} (${a.availabilityZones.join(", ")}); the offline plan cannot`);
  }
  if (block) {
    notes.push("Capacity Block: EKS scales the node group to 0 40 minutes before the reservation ends; set desired to 0 before an upgrade (EKS User Guide, capacity-blocks-mng)");
  }
  return {
    ...(spec ? { capacityReservationSpecification: spec } : {}),
    ...(block ? { instanceMarketOptions: { marketType: "capacity-block" as const } } : {}),
    ...(block && a.instanceTypes.length === 1 ? { launchTemplateInstanceType: a.instanceTypes[0] } : {}),
    notes,
  };
}

/** The reservation object itself: ids EC2 accepts, one target, a preference EC2 allows beside it. */
function validateReservation(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const r = a.capacityReservation;
  if (!r) return [];
  const issues: ConfigIssue[] = [];
  if (r.id !== undefined && !CAPACITY_RESERVATION_ID.test(r.id)) {
    issues.push({ path: `${at}.id`, message: `"${r.id.slice(0, 80)}" is not a Capacity Reservation id: cr- and 17 lowercase hex digits, e.g. cr-02168da1478b509e0` });
  }
  if (r.resourceGroupArn !== undefined && !RESOURCE_GROUP_ARN.test(r.resourceGroupArn)) {
    issues.push({ path: `${at}.resourceGroupArn`, message: `"${r.resourceGroupArn.slice(0, 120)}" is not a resource group ARN, e.g. arn:aws:resource-groups:us-east-1:111122223333:group/p5-odcr` });
  }
  if (r.id !== undefined && r.resourceGroupArn !== undefined) {
    issues.push({ path: at, message: "give one target, id or resourceGroupArn, not both (EC2 CapacityReservationTarget names one reservation or one group)" });
  }
  const target = r.id !== undefined || r.resourceGroupArn !== undefined;
  if (!target && r.preference === undefined) issues.push({ path: at, message: "give id, resourceGroupArn or preference (capacity-reservations-only | open | none)" });
  if (target && r.preference !== undefined && r.preference !== "capacity-reservations-only") {
    issues.push({ path: `${at}.preference`, message: `"${r.preference}" cannot be combined with a target: EC2 accepts a preference beside a target only when it is capacity-reservations-only (open takes any matching open reservation, none avoids reservations)` });
  }
  return issues;
}

/** Capacity type against the reservation, instance types and AZs. */
function validateCapacityType(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const r = a.capacityReservation;
  const issues: ConfigIssue[] = [];
  if (a.capacityType === "SPOT" && r) {
    issues.push({ path: `${at}.capacityReservation`, message: "SPOT cannot use Capacity Reservations: they hold On-Demand capacity; use capacityType ON_DEMAND (or CAPACITY_BLOCK) or drop capacityReservation" });
  }
  if (a.capacityType === "CAPACITY_BLOCK") {
    if (r?.id === undefined) {
      issues.push({ path: `${at}.capacityReservation.id`, message: "CAPACITY_BLOCK needs the Capacity Block's reservation id (launch template CapacityReservationTarget.CapacityReservationId); EKS rejects the node group without it" + (r?.resourceGroupArn !== undefined ? ", a resource group ARN does not do" : "") });
    }
    if (a.instanceTypes.length > 1) {
      issues.push({ path: `${at}.instanceTypes`, message: `CAPACITY_BLOCK takes one instance type (a Capacity Block reserves one type, and EKS takes it from the launch template's InstanceType), got ${a.instanceTypes.length}: ${a.instanceTypes.join(", ")}` });
    }
    if (a.availabilityZones.length > 1) {
      issues.push({ path: `${at}.availabilityZones`, message: `CAPACITY_BLOCK: a Capacity Block lives in one AZ and EKS wants only that AZ's subnets, got ${a.availabilityZones.length} AZs (${a.availabilityZones.join(", ")}); list the reservation's AZ only` });
    }
  } else if (r?.id !== undefined) {
    if (a.availabilityZones.length > 1) {
      issues.push({ path: `${at}.availabilityZones`, severity: "warning", message: `capacityReservation.id names one reservation, which lives in one AZ, but the pool spans ${a.availabilityZones.length} (${a.availabilityZones.join(", ")}): nodes launched in the other AZs ${r.preference === "capacity-reservations-only" ? "fail to launch (capacity-reservations-only)" : "run outside the reservation"}; list the reservation's AZ only` });
    }
    if (a.instanceTypes.length > 1) {
      issues.push({ path: `${at}.instanceTypes`, severity: "warning", message: `capacityReservation.id names one reservation, which holds one instance type, but the pool lists ${a.instanceTypes.length} (${a.instanceTypes.join(", ")}): nodes of the other types ${r.preference === "capacity-reservations-only" ? "fail to launch (capacity-reservations-only)" : "run outside the reservation"}` });
    }
  }
  return issues;
}

/** Every problem of the pool's capacity settings; `at` is the pool's path. */
export function validateCapacity(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  return [...validateReservation(a, `${at}.capacityReservation`), ...validateCapacityType(a, at)];
}
