/**
 * What the VPC CNI can address on a node, for EKS-KUBELET-008: its mode (prefix delegation, custom networking) from the
 * vpc-cni add-on's configurationValues, and the fewest pod IPs over some instance types (components/kubelet max-pods.ts).
 */
import * as YAML from "yaml";
import { recommendedMaxPods } from "../../components/kubelet";
import { lookupInstanceType } from "../../components/facts";
import { RuleResource, Verdict, undecided } from "../rule";
import { describe, get, isRecord, isUnknown } from "../rule-values";


/** How the VPC CNI assigns addresses, as its add-on configures it. */
export interface CniMode {
  readonly prefixDelegation: boolean;
  readonly customNetworking: boolean;
  /** Where the mode was read, for messages. */
  readonly from: string;
}

export type Cni = { readonly mode: CniMode } | { readonly verdict: Verdict };

const envFlag = (values: Readonly<Record<string, unknown>>, name: string): boolean => get(values, "env", name) === "true";

/** The vpc-cni add-on of the resource's cluster (by `props.clusterName`, else the only one); without one, EKS's default mode. */
export function cniOf(ng: Pick<RuleResource, "props">, addons: readonly RuleResource[]): Cni {
  const cni = addons.filter((a) => a.props.addonName === "vpc-cni");
  const same = cni.filter((a) => typeof ng.props.clusterName === "string" && a.props.clusterName === ng.props.clusterName);
  const addon = same[0] ?? (cni.length === 1 ? cni[0] : undefined);
  if (addon === undefined) return { mode: { prefixDelegation: false, customNetworking: false, from: "no vpc-cni add-on in this stack: secondary IP mode assumed" } };
  const raw = addon.props.configurationValues;
  if (isUnknown(raw)) return { verdict: undecided("the vpc-cni add-on's configurationValues are unknown until deploy") };
  let values: unknown = {};
  try {
    values = typeof raw === "string" && raw.trim() !== "" ? YAML.parse(raw) : {};
  } catch {
    return { verdict: undecided(`the vpc-cni add-on's configurationValues are not JSON: ${describe(raw)}`) };
  }
  const v = isRecord(values) ? values : {};
  const prefixDelegation = envFlag(v, "ENABLE_PREFIX_DELEGATION");
  const customNetworking = envFlag(v, "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG");
  return { mode: { prefixDelegation, customNetworking, from: `vpc-cni ${addon.name}: prefix delegation ${prefixDelegation ? "on" : "off"}${customNetworking ? ", custom networking" : ""}` } };
}

/** The fewest pod IPs over `types` in `mode`, with the arithmetic; or why it cannot be told. */
export function fewestPodIps(types: readonly string[], mode: CniMode): { readonly pods: number; readonly why: string } | { readonly verdict: Verdict } {
  const unknown = types.filter((t) => lookupInstanceType(t) === undefined);
  if (unknown.length > 0) return { verdict: undecided(`${unknown.join(", ")} not in the shipped instance table (components/facts/data/instance-types.json)`) };
  const each = types.map((t) => {
    const facts = lookupInstanceType(t);
    return facts ? recommendedMaxPods(facts, { prefixDelegation: mode.prefixDelegation, customNetworking: mode.customNetworking, cap: "none" }) : undefined;
  }).filter((x) => x !== undefined);
  const least = each.reduce((a, b) => (b.raw < a.raw ? b : a));
  return { pods: least.raw, why: `${least.type} (${least.formula}; ${mode.from})` };
}

