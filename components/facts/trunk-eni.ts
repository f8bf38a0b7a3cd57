/**
 * Which instance types take a trunk network interface, which security groups for Pods need (vpc-cni
 * `ENABLE_POD_ENI`), and how many branch interfaces (pods with their own security groups) each takes: the VPC resource
 * controller's generated limits table, shipped as `data/trunk-eni-instance-types.json` with its source named there.
 */
import raw from "./data/trunk-eni-instance-types.json";
import { dataReader } from "../core";

const read = dataReader("trunk-eni-instance-types");

function load(): { compatible: ReadonlyMap<string, number>; incompatible: ReadonlySet<string> } {
  const compatible = new Map<string, number>();
  for (const [type, branches] of Object.entries(read.record(raw.trunkingCompatible, "trunkingCompatible"))) {
    compatible.set(type, read.num(branches, `trunkingCompatible.${type}`));
  }
  return { compatible, incompatible: new Set(read.strings(raw.notTrunkingCompatible, "notTrunkingCompatible")) };
}

const TABLE = load();

/** Where the table comes from (`owner/repo path@commit`). */
export const TRUNK_ENI_SOURCE = `${raw.source.repo} ${raw.source.path}@${raw.source.commit}`;

/**
 * `compatible` with the branch interfaces the type takes, `incompatible` (the controller attaches no trunk interface),
 * or `unknown` (not in the table).
 */
export type TrunkEniSupport = { readonly kind: "compatible"; readonly branchInterfaces: number } | { readonly kind: "incompatible" | "unknown" };

/** Whether `instanceType` supports security groups for Pods. */
export function trunkEniSupport(instanceType: string): TrunkEniSupport {
  const branches = TABLE.compatible.get(instanceType);
  if (branches !== undefined) return { kind: "compatible", branchInterfaces: branches };
  return { kind: TABLE.incompatible.has(instanceType) ? "incompatible" : "unknown" };
}
