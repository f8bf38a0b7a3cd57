/** Pure: a pool's capacity reservation, Capacity Block, EFA and placement group as the plan prints them and its JSON carries them. */
import type { CapacityReservation, ResolvedWorkerPoolArgs, WorkerPoolPlan } from "../../components/worker-pool";

/** The pool's capacity in the plan document. */
export interface PoolCapacitySummary {
  /** Node group `capacityType`. */
  readonly capacityType: string;
  /** The reservation as configured (launch template `capacityReservationSpecification`). @default - none */
  readonly reservation?: CapacityReservation;
  /** Launch template `instanceMarketOptions.marketType` (`capacity-block`). @default - none */
  readonly marketType?: string;
  /** Launch template `instanceType` (a Capacity Block's; the node group then lists none). @default - none */
  readonly launchTemplateInstanceType?: string;
  /** EFA interfaces per node: with ENA (the primary) and EFA-only. @default - no EFA */
  readonly efaInterfaces?: { readonly efa: number; readonly efaOnly: number };
  /** The pool's placement group strategy. @default - none */
  readonly placementGroup?: "cluster";
  /** What only `pulumi up` (EC2) checks. */
  readonly notes: readonly string[];
}

/** The summary of a pool with one of them or more; nothing for a pool with none (its plan is unchanged). */
export function capacitySummary(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan): { capacity?: PoolCapacitySummary } {
  const { capacity, efa } = plan;
  if (a.capacityType !== "CAPACITY_BLOCK" && !a.capacityReservation && efa.interfaces.length === 0 && efa.placementGroup === "none") return {};
  const efaOnly = efa.interfaces.filter((i) => i.interfaceType === "efa-only").length;
  return {
    capacity: {
      capacityType: a.capacityType,
      ...(a.capacityReservation ? { reservation: a.capacityReservation } : {}),
      ...(capacity.instanceMarketOptions ? { marketType: capacity.instanceMarketOptions.marketType } : {}),
      ...(capacity.launchTemplateInstanceType !== undefined ? { launchTemplateInstanceType: capacity.launchTemplateInstanceType } : {}),
      ...(efa.interfaces.length > 0 ? { efaInterfaces: { efa: efa.interfaces.length - efaOnly, efaOnly } } : {}),
      ...(efa.placementGroup === "cluster" ? { placementGroup: "cluster" as const } : {}),
      notes: capacity.notes,
    },
  };
}

/** The pool's capacity lines of the text plan. */
export function renderPoolCapacity(c: PoolCapacitySummary): string[] {
  const r = c.reservation;
  const target = r?.id ?? r?.resourceGroupArn;
  const reservation = r ? `; reservation ${target ?? "none targeted"}${r.preference ? ` (preference ${r.preference})` : ""}` : "";
  const market = c.marketType ? `; market type ${c.marketType}, instance type ${c.launchTemplateInstanceType ?? "?"} on the launch template` : "";
  const lines = [`    capacity: ${c.capacityType}${reservation}${market}`];
  if (c.efaInterfaces) lines.push(`    EFA: ${c.efaInterfaces.efa + c.efaInterfaces.efaOnly} interfaces per node (${c.efaInterfaces.efa} EFA with ENA on network card 0, ${c.efaInterfaces.efaOnly} EFA-only), the pool's EFA security group (all traffic from and to itself)`);
  if (c.placementGroup) lines.push("    placement group: cluster (one AZ; policy EKS-NG-005 does not judge the pool's single AZ)");
  for (const n of c.notes) lines.push(`      ${n}`);
  return lines;
}
