/**
 * Stack rules on tenants (components/tenants): the NetworkPolicy objects a stack creates are enforced by something
 * (the vpc-cni add-on's network policy agent, or a Cilium Helm release), and every tenant namespace has a ResourceQuota.
 */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, isDecided, isUndecided, passedBecause, undecided } from "../rule";
import { describe, get, isRecord, isUnknown } from "../rule-values";
import { networkPolicyVerdict } from "./addons";
import { MAPPINGS } from "./mappings";
import { ADDON_TYPE, HELM_RELEASE_TYPE, NAMESPACE_TYPE, NETWORK_POLICY_TYPE, RESOURCE_QUOTA_TYPE } from "../../components/core";

/** The label components/tenants puts on a tenant's namespaces. */
const TENANT_LABEL = "tenant";

/** A Cilium release enforces NetworkPolicy unless its values set `policyEnforcementMode: never`. */
function ciliumVerdict(release: RuleResource): Verdict {
  const values = release.props.values;
  if (isUnknown(values)) return undecided(`the values of Helm release ${release.name} are unknown until deploy`);
  const mode = isRecord(values) ? values.policyEnforcementMode : undefined;
  if (mode === "never") return [`Cilium release ${release.name} sets policyEnforcementMode "never"`];
  return passedBecause(`Cilium release ${release.name} enforces NetworkPolicy (policyEnforcementMode ${mode === undefined ? "default" : describe(mode)})`);
}

/** The enforcement verdict of the stack: a Cilium release first, else the vpc-cni add-on's network policy agent. */
function enforcement(resources: readonly RuleResource[]): Verdict {
  const cilium = resources.filter((r) => r.type === HELM_RELEASE_TYPE && typeof r.props.chart === "string" && /(^|\/)cilium$/.test(r.props.chart));
  const ciliumVerdicts = cilium.map(ciliumVerdict);
  const enforcing = ciliumVerdicts.find((v) => !isDecided(v) && !isUndecided(v));
  if (enforcing) return enforcing;
  const vpcCni = resources.filter((r) => r.type === ADDON_TYPE && r.props.addonName === "vpc-cni").map(networkPolicyVerdict);
  const pass = vpcCni.find((v) => isDecided(v) && v.length === 0);
  if (pass) return passedBecause("the vpc-cni add-on enforces NetworkPolicy (enableNetworkPolicy \"true\")");
  const open = [...ciliumVerdicts, ...vpcCni].find(isUndecided);
  if (open) return open;
  const reasons = [...ciliumVerdicts, ...vpcCni].flatMap((v) => (isDecided(v) ? v : []));
  return [reasons.length > 0 ? reasons.join("; ") : "the stack has neither a vpc-cni add-on nor a Cilium Helm release"];
}

function checkEnforced(resources: readonly RuleResource[]): StackFinding[] {
  const policies = resources.filter((r) => r.type === NETWORK_POLICY_TYPE);
  if (policies.length === 0) return [];
  const verdict = enforcement(resources);
  return policies.map((p) => ({
    urn: p.urn, name: p.name, type: p.type,
    verdict: isDecided(verdict) && verdict.length > 0 ? [`NetworkPolicy ${p.name} is accepted by the API server, but nothing enforces it: ${verdict.join("; ")}`] : verdict,
  }));
}

const networkPolicyEnforced: StackRule = {
  kind: "stack", id: "EKS-TENANT-001", name: "eks-tenant-network-policy-enforced",
  description: "Every NetworkPolicy the stack creates (a tenant's isolation) is enforced: the vpc-cni add-on has enableNetworkPolicy \"true\", or a Cilium Helm release enforces policies.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.tenantNetworkPolicy,
  remediation: "Set workerpools:addons.vpcCni.networkPolicy to true (the default), or install Cilium; lower this rule only if another engine outside the stack enforces NetworkPolicy.",
  check: checkEnforced,
};

function checkQuota(resources: readonly RuleResource[]): StackFinding[] {
  const quotaNamespaces = new Set(resources.filter((r) => r.type === RESOURCE_QUOTA_TYPE).map((r) => get(r.props, "metadata", "namespace")));
  return resources.filter((r) => r.type === NAMESPACE_TYPE && typeof get(r.props, "metadata", "labels", TENANT_LABEL) === "string").map((ns) => {
    const name = get(ns.props, "metadata", "name");
    const tenant = String(get(ns.props, "metadata", "labels", TENANT_LABEL));
    const verdict: Verdict = quotaNamespaces.has(name) ? PASS
      : [`tenant "${tenant}" namespace ${describe(name)} has no ResourceQuota: its pods may take the cluster's capacity from every other tenant`];
    return { urn: ns.urn, name: ns.name, type: ns.type, verdict };
  });
}

const tenantQuota: StackRule = {
  kind: "stack", id: "EKS-TENANT-002", name: "eks-tenant-namespace-quota",
  description: "Every tenant namespace (label tenant) has a ResourceQuota, so one tenant cannot starve the others.",
  enforcementLevel: "advisory", mapping: MAPPINGS.tenantQuotas,
  remediation: "Set workerpools:tenants[i].quota (cpu, memory, pods) for the tenant.",
  check: checkQuota,
};

/** Stack rules on tenants. */
export const TENANT_RULES: readonly StackRule[] = [networkPolicyEnforced, tenantQuota];
