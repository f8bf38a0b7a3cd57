/**
 * EKS add-on rules: versions pinned or resolved, vpc-cni network policy enforced, CoreDNS replicas. The
 * add-on's `configurationValues` is a JSON (or YAML) string checked against the add-on's own schema types:
 * vpc-cni's `enableNetworkPolicy` is the string "true" (components/facts/data/addon-schemas/vpc-cni.json).
 */
import * as YAML from "yaml";
import { PASS, ResourceRule, RuleResource, Verdict, notApplicable, undecided } from "../rule";
import { describe, get, isRecord, isUnknown } from "../rule-values";
import { MAPPINGS } from "./mappings";
import { ADDON_TYPE } from "../../components/core";

type Parsed = { readonly values: Readonly<Record<string, unknown>> } | { readonly verdict: Verdict };

/** The add-on's configurationValues as an object, or the verdict when they are unknown, absent or unreadable. */
function configurationOf(r: RuleResource, absent: string): Parsed {
  const raw = r.props.configurationValues;
  if (isUnknown(raw)) return { verdict: undecided("configurationValues is unknown until deploy") };
  if (raw === undefined || raw === "") return { verdict: [absent] };
  if (typeof raw !== "string") return { verdict: [`configurationValues is ${describe(raw)}, not a JSON string`] };
  try {
    const values: unknown = YAML.parse(raw);
    return isRecord(values) ? { values } : { verdict: [`configurationValues is not an object: ${raw}`] };
  } catch (err) {
    return { verdict: [`configurationValues is not valid JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

function forAddon(r: RuleResource, addon: string): Verdict | undefined {
  const name = r.props.addonName;
  if (isUnknown(name)) return undecided("addonName is unknown until deploy");
  return name === addon ? undefined : notApplicable(`not the ${addon} add-on (${describe(name)})`);
}

const addonVersion: ResourceRule = {
  kind: "resource", id: "EKS-ADDON-001", name: "eks-addon-version-set",
  description: "Every EKS add-on names its version: pinned, or resolved for the cluster version at deploy time (never left to EKS's create-time default).",
  enforcementLevel: "mandatory", mapping: MAPPINGS.addonUpgrades, resourceTypes: [ADDON_TYPE],
  remediation: "Set workerpools:addons.<addon>.version to \"latest\" (resolved per cluster version) or an exact version such as v1.19.2-eksbuild.1.",
  check: (r) => {
    const v = r.props.addonVersion;
    // Unknown during a preview means resolved by an invoke (aws.eks.getAddonVersion) at deploy time.
    if (isUnknown(v) || (typeof v === "string" && v.trim() !== "")) return PASS;
    return [`add-on ${describe(r.props.addonName)} has no addonVersion: EKS installs its default once and the version is never reviewed`];
  },
};

/** Whether a vpc-cni add-on resource enforces NetworkPolicy (its configurationValues' `enableNetworkPolicy`). */
export function networkPolicyVerdict(r: RuleResource): Verdict {
  const parsed = configurationOf(r, "vpc-cni has no configurationValues: network policy enforcement is not enabled by default");
  if ("verdict" in parsed) return parsed.verdict;
  const v = parsed.values.enableNetworkPolicy;
  if (v === "true") return PASS;
  if (v === true) return ["enableNetworkPolicy is the boolean true; the vpc-cni schema types it as the string \"true\""];
  return [`enableNetworkPolicy is ${describe(v)}: NetworkPolicy objects are not enforced`];
}

const networkPolicy: ResourceRule = {
  kind: "resource", id: "EKS-ADDON-002", name: "eks-vpc-cni-network-policy",
  description: "The vpc-cni add-on enforces Kubernetes NetworkPolicy (configurationValues enableNetworkPolicy = \"true\").",
  enforcementLevel: "mandatory", mapping: MAPPINGS.networkPolicy, resourceTypes: [ADDON_TYPE],
  remediation: "Set workerpools:addons.vpcCni.networkPolicy to true.",
  check: (r) => forAddon(r, "vpc-cni") ?? networkPolicyVerdict(r),
};

/** Fewest CoreDNS replicas (one node or AZ loss must not stop cluster DNS). */
export const MIN_COREDNS_REPLICAS = 2;
/** `autoScaling.minReplicas` default in the coredns add-on schema (components/facts/data/addon-schemas/coredns.json). */
const COREDNS_AUTOSCALING_MIN_DEFAULT = 2;

function coreDnsVerdict(r: RuleResource): Verdict {
  const parsed = configurationOf(r, `coredns has no configurationValues: set replicaCount to at least ${MIN_COREDNS_REPLICAS} explicitly`);
  if ("verdict" in parsed) return parsed.verdict;
  if (get(parsed.values, "autoScaling", "enabled") === true) {
    const min = get(parsed.values, "autoScaling", "minReplicas") ?? COREDNS_AUTOSCALING_MIN_DEFAULT;
    return typeof min === "number" && min >= MIN_COREDNS_REPLICAS ? PASS : [`CoreDNS autoscaling minReplicas is ${describe(min)}; it needs at least ${MIN_COREDNS_REPLICAS}`];
  }
  const replicas = parsed.values.replicaCount;
  if (typeof replicas === "number" && replicas >= MIN_COREDNS_REPLICAS) return PASS;
  return [`CoreDNS replicaCount is ${describe(replicas)}; it needs at least ${MIN_COREDNS_REPLICAS} (spread over AZs)`];
}

const coreDnsReplicas: ResourceRule = {
  kind: "resource", id: "EKS-ADDON-003", name: "eks-coredns-replicas",
  description: `The coredns add-on runs at least ${MIN_COREDNS_REPLICAS} replicas (replicaCount, or autoScaling.minReplicas).`,
  enforcementLevel: "advisory", mapping: MAPPINGS.coreDns, resourceTypes: [ADDON_TYPE],
  remediation: `Set workerpools:addons.coredns.replicas to ${MIN_COREDNS_REPLICAS} or more (or autoscaling with minReplicas >= ${MIN_COREDNS_REPLICAS}).`,
  check: (r) => forAddon(r, "coredns") ?? coreDnsVerdict(r),
};

/** Rules on EKS add-ons. */
export const ADDON_RULES: readonly ResourceRule[] = [addonVersion, networkPolicy, coreDnsReplicas];
