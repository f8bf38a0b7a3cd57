/**
 * Pure: the cluster's CNI as the plan shows it (`workerpools:cni`, vpc-cni custom networking): the provider and mode,
 * kube-proxy replacement, the add-ons the choice removes, the Cilium chart version, the node taint, the Cilium
 * operator's IAM role (ENI mode) and the max-pods rule the pools' kubelets are derived with. Shown only when the stack
 * leaves vpc-cni's defaults (Cilium, or custom networking); the JSON's `cni` likewise.
 */
import { CILIUM_AGENT_NOT_READY_TAINT, CILIUM_OPERATOR_SERVICE_ACCOUNT, kubeProxyInstalled, resolveCni, vpcCniInstalled } from "../../components/addons";
import { HELM_CHARTS } from "../../components/facts";
import { HELM_RELEASE_TYPE, isRecord, POD_IDENTITY_ASSOCIATION_TYPE, ROLE_POLICY_TYPE } from "../../components/core";
import type { StackConfig } from "../../infra/stack-config";
import type { PlanResource } from "./resources";

/** The Cilium operator's role as planned. */
export interface CniOperatorRole {
  /** `namespace/name` of the service account the Pod Identity association binds. */
  readonly serviceAccount: string;
  /** The association's resource name. */
  readonly association: string;
  /** The EC2 actions of its inline policy. */
  readonly actions: readonly string[];
}

/** The CNI section. */
export interface CniSummary {
  readonly provider: "vpc-cni" | "cilium";
  /** Cilium's mode. @default - absent: vpc-cni */
  readonly mode?: "eni" | "chaining";
  readonly kubeProxyReplacement: boolean;
  /** EKS add-ons the choice leaves out (vpc-cni under Cilium's ENI IPAM, kube-proxy under kube-proxy replacement). */
  readonly removedAddons: readonly string[];
  /** The Cilium chart version of the release. @default - absent: vpc-cni */
  readonly chartVersion?: string;
  /** The taint every node starts with (`key=value:Effect`). @default - absent: vpc-cni */
  readonly nodeTaint?: string;
  /** The Cilium operator's EKS Pod Identity role (ENI mode). @default - absent: none planned */
  readonly operatorRole?: CniOperatorRole;
  /** vpc-cni custom networking (pods on their own subnets, the primary ENI out). */
  readonly customNetworking: boolean;
  /** The max-pods rule the pools' kubelets are derived with. */
  readonly maxPods: string;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

/** The operator role from the planned resources (the association bound to Cilium's operator and its role's inline policy). */
function operatorRole(resources: readonly PlanResource[]): CniOperatorRole | undefined {
  const assoc = resources.find((r) => r.type === POD_IDENTITY_ASSOCIATION_TYPE && r.inputs.serviceAccount === CILIUM_OPERATOR_SERVICE_ACCOUNT.name && r.inputs.namespace === CILIUM_OPERATOR_SERVICE_ACCOUNT.namespace);
  if (assoc === undefined) return undefined;
  const policy = resources.find((r) => r.type === ROLE_POLICY_TYPE && r.name === assoc.name);
  const doc: unknown = typeof policy?.inputs.policy === "string" ? JSON.parse(policy.inputs.policy) : undefined;
  const statements = isRecord(doc) && Array.isArray(doc.Statement) ? doc.Statement : [];
  return {
    serviceAccount: `${String(assoc.inputs.namespace)}/${String(assoc.inputs.serviceAccount)}`,
    association: assoc.name,
    actions: statements.flatMap((s) => (isRecord(s) ? strings(s.Action) : [])),
  };
}

/** The max-pods rule for the CNI (components/kubelet max-pods.ts computes it; the cap of 110 / 250 applies on top). */
function maxPodsRule(ciliumEni: boolean, customNetworking: boolean, prefixDelegation: boolean): string {
  if (ciliumEni) return "Cilium ENI IPAM: ENIs × (IPv4 per ENI − 1) + 2, the vpc-cni formula (the operator allocates each ENI's secondary addresses; Cilium's own prefix delegation is not set, vpc-cni's prefixDelegation does not apply)";
  const enis = customNetworking ? "(ENIs − 1)" : "ENIs";
  const perEni = prefixDelegation ? "((IPv4 per ENI − 1) × 16)" : "(IPv4 per ENI − 1)";
  const why = [customNetworking ? "custom networking: the primary ENI carries no pod addresses" : "", prefixDelegation ? "prefix delegation: /28 prefixes" : ""].filter((s) => s !== "");
  return `vpc-cni: ${enis} × ${perEni} + 2${why.length > 0 ? ` (${why.join("; ")})` : ""}`;
}

/** The CNI section, or undefined for vpc-cni with its defaults (no custom networking). */
export function summarizeCni(config: StackConfig, resources: readonly PlanResource[]): CniSummary | undefined {
  const cni = resolveCni(config.addons.cni, HELM_CHARTS.cilium.version);
  const vpcCni = vpcCniInstalled(cni);
  const customNetworking = vpcCni && config.addons.vpcCni?.customNetworking !== undefined;
  if (cni.provider === "vpc-cni" && !customNetworking) return undefined;
  const prefixDelegation = vpcCni && config.addons.vpcCni?.prefixDelegation === true;
  const removedAddons = [...(vpcCni ? [] : ["vpc-cni"]), ...(kubeProxyInstalled(cni) ? [] : ["kube-proxy"])];
  const maxPods = maxPodsRule(!vpcCni, customNetworking, prefixDelegation);
  if (cni.provider === "vpc-cni") return { provider: "vpc-cni", kubeProxyReplacement: false, removedAddons, customNetworking, maxPods };
  const release = resources.find((r) => r.type === HELM_RELEASE_TYPE && r.inputs.chart === "cilium");
  const role = operatorRole(resources);
  const t = CILIUM_AGENT_NOT_READY_TAINT;
  return {
    provider: "cilium", mode: cni.cilium.mode, kubeProxyReplacement: cni.cilium.kubeProxyReplacement, removedAddons,
    chartVersion: typeof release?.inputs.version === "string" ? release.inputs.version : cni.cilium.version,
    nodeTaint: `${t.key}=${t.value}:${t.effect}`, ...(role ? { operatorRole: role } : {}), customNetworking, maxPods,
  };
}

/** Text of the section. */
export function renderCni(c: CniSummary): string {
  const lines = ["CNI (provider, kube-proxy, removed add-ons, chart, node taint, operator IAM, max pods):"];
  lines.push(`  provider: ${c.provider}${c.mode ? ` (mode ${c.mode}: ${c.mode === "eni" ? "Cilium's ENI IPAM replaces vpc-cni" : "chained after vpc-cni, which keeps IPAM"})` : ""}`);
  lines.push(`  kube-proxy: ${c.kubeProxyReplacement ? "replaced by Cilium" : "the kube-proxy add-on"}`);
  lines.push(`  removed add-ons: ${c.removedAddons.length > 0 ? c.removedAddons.join(", ") : "none"}`);
  if (c.chartVersion) lines.push(`  Cilium chart: ${c.chartVersion} (https://helm.cilium.io), installed before every node group`);
  if (c.nodeTaint) lines.push(`  node taint: ${c.nodeTaint} (removed by Cilium's agent once it runs on the node)`);
  if (c.provider === "cilium") {
    const r = c.operatorRole;
    lines.push(`  operator role: ${r ? `${r.association}, EKS Pod Identity for ${r.serviceAccount}, ${r.actions.length} EC2 actions (${r.actions.join(", ")})` : "none (chaining: vpc-cni calls EC2)"}`);
  }
  if (c.customNetworking) lines.push("  custom networking: pods on the pod subnets, one ENIConfig per AZ");
  lines.push(`  max pods: ${c.maxPods}`);
  return lines.join("\n");
}
