/**
 * The cluster's CNI (`workerpools:cni`, SPEC §11.5): vpc-cni (the EKS add-on, default) or Cilium through its Helm chart,
 * installed after the control plane and before every node group. Pure: options, defaults, Helm values, validation.
 *
 * Cilium values follow Cilium's EKS install guide (docs.cilium.io, "Installation using Helm", EKS tab):
 * - `eni` mode (Cilium's ENI IPAM replaces vpc-cni): `eni.enabled=true, ipam.mode=eni, egressMasqueradeInterfaces=eth+,
 *   routingMode=native`; the vpc-cni add-on is not installed. The operator's service account name is written out
 *   (`serviceAccounts.operator.name`, the chart's default) because its EKS Pod Identity role is bound to it (cilium-iam.ts).
 * - `chaining` mode (vpc-cni keeps IPAM and routing, Cilium enforces policy): `cni.chainingMode=aws-cni,
 *   cni.exclusive=false, enableIPv4Masquerade=false, routingMode=native`.
 * - `kubeProxyReplacement`: `kubeProxyReplacement=true, k8sServiceHost=<API endpoint host>, k8sServicePort=443`; the
 *   kube-proxy add-on is not installed.
 * Nodes start tainted `node.cilium.io/agent-not-ready=true:NoExecute` (the guide: "The cluster should be created with the
 * taint node.cilium.io/agent-not-ready=true:NoExecute"); the Cilium agent removes it once it runs on the node.
 *
 * Max pods under Cilium's ENI IPAM: the operator attaches ENIs and allocates their secondary IPv4 addresses as vpc-cni
 * does (the primary address of each ENI is not given to pods), so a node addresses ENIs × (IPv4 per ENI − 1) pods plus
 * the host-network ones (+2): the same formula as vpc-cni. Prefix delegation is Cilium's own
 * `eni.awsEnablePrefixDelegation`, which the platform does not set, so vpc-cni's `prefixDelegation` does not apply.
 */
import { ConfigIssue } from "../core";
import { CILIUM_ENI_IAM } from "../facts";

export const CNI_PROVIDERS = ["vpc-cni", "cilium"] as const;
export type CniProvider = (typeof CNI_PROVIDERS)[number];
export const CILIUM_MODES = ["eni", "chaining"] as const;
export type CiliumMode = (typeof CILIUM_MODES)[number];

/** Cilium's options. */
export interface CiliumOptions {
  /** `eni`: Cilium's ENI IPAM (no vpc-cni); `chaining`: on top of vpc-cni. @default "eni" */
  readonly mode?: CiliumMode;
  /** Cilium replaces kube-proxy (no kube-proxy add-on). @default false */
  readonly kubeProxyReplacement?: boolean;
  /** Exact chart version of https://helm.cilium.io. @default - the pinned one (components/facts/data/helm-charts.json) */
  readonly version?: string;
}

/** `workerpools:cni`. */
export interface CniOptions {
  /** @default "vpc-cni" */
  readonly provider?: CniProvider;
  /** Only with provider cilium. @default {} */
  readonly cilium?: CiliumOptions;
}

/** Resolved CNI: vpc-cni, or Cilium with every option. */
export type ResolvedCni =
  | { readonly provider: "vpc-cni" }
  | { readonly provider: "cilium"; readonly cilium: Required<CiliumOptions> };

/** Defaults of {@link CniOptions}; the single place they are written. */
export const CNI_DEFAULTS = { provider: "vpc-cni", cilium: { mode: "eni", kubeProxyReplacement: false } } as const;

/** Applies {@link CNI_DEFAULTS}; `pinnedVersion` is the pinned Cilium chart version. */
export function resolveCni(o: CniOptions | undefined, pinnedVersion: string): ResolvedCni {
  if ((o?.provider ?? CNI_DEFAULTS.provider) === "vpc-cni") return { provider: "vpc-cni" };
  const c = o?.cilium;
  return {
    provider: "cilium",
    cilium: { mode: c?.mode ?? CNI_DEFAULTS.cilium.mode, kubeProxyReplacement: c?.kubeProxyReplacement ?? CNI_DEFAULTS.cilium.kubeProxyReplacement, version: c?.version ?? pinnedVersion },
  };
}

/**
 * The CNI a node starts under, as one word: `vpc-cni`, `cilium-eni`, `cilium-chaining`, with `+kube-proxy-replacement`.
 * A node keeps the pod networking it started with (pod addresses, routes, kube-proxy's iptables rules), so pools tag
 * their instances with it (`workerpools:cni`) and a change of CNI rolls every node onto the new one.
 */
export function cniIdentity(cni: ResolvedCni): string {
  if (cni.provider === "vpc-cni") return "vpc-cni";
  return `cilium-${cni.cilium.mode}${cni.cilium.kubeProxyReplacement ? "+kube-proxy-replacement" : ""}`;
}

/** The taint Cilium's agent removes from a node once it runs there (nodes start with it). */
export const CILIUM_AGENT_NOT_READY_TAINT = { key: "node.cilium.io/agent-not-ready", value: "true", effect: "NoExecute" } as const;

/** The Helm release's name and namespace. */
export const CILIUM_RELEASE = { name: "cilium", namespace: "kube-system" } as const;

/** Whether the vpc-cni add-on is installed (not under Cilium's ENI IPAM). */
export const vpcCniInstalled = (cni: ResolvedCni): boolean => cni.provider === "vpc-cni" || cni.cilium.mode === "chaining";
/** Whether the kube-proxy add-on is installed (not when Cilium replaces it). */
export const kubeProxyInstalled = (cni: ResolvedCni): boolean => cni.provider === "vpc-cni" || !cni.cilium.kubeProxyReplacement;

/** The host of an API server URL (`https://ABC.gr7.us-east-1.eks.amazonaws.com` → `ABC.gr7.us-east-1.eks.amazonaws.com`). */
export function apiServerHost(endpoint: string): string {
  return endpoint.replace(/^https?:\/\//, "").replace(/[:/].*$/, "");
}

/** Cilium's Helm values for the mode (and kube-proxy replacement); `apiHost` is the API server's host name. */
export function renderCiliumValues(c: Required<CiliumOptions>, apiHost: string): Record<string, unknown> {
  const mode: Record<string, unknown> = c.mode === "eni"
    ? { eni: { enabled: true }, ipam: { mode: "eni" }, egressMasqueradeInterfaces: "eth+", routingMode: "native", serviceAccounts: { operator: { name: CILIUM_ENI_IAM.serviceAccount.name } } }
    : { cni: { chainingMode: "aws-cni", exclusive: false }, enableIPv4Masquerade: false, routingMode: "native" };
  const kpr = c.kubeProxyReplacement ? { kubeProxyReplacement: true, k8sServiceHost: apiHost, k8sServicePort: 443 } : {};
  return { ...mode, ...kpr };
}


/**
 * The CNI against the add-on settings: Cilium options only with provider cilium; kube-proxy replacement with
 * `workerpools:kubeProxy.mode` set is an error there (nothing would run it); custom networking is vpc-cni's, so not
 * under Cilium's ENI IPAM. `at` is `workerpools:cni`.
 */
export function validateCni(o: CniOptions | undefined, ctx: { readonly kubeProxyModeSet: boolean; readonly customNetworking: boolean; readonly at: string; readonly kubeProxyAt: string; readonly customNetworkingAt: string }): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const provider = o?.provider ?? CNI_DEFAULTS.provider;
  if (provider === "vpc-cni" && o?.cilium !== undefined) issues.push({ path: `${ctx.at}.cilium`, message: "only applies with provider: cilium" });
  if (provider !== "cilium") return issues;
  const c = o?.cilium;
  if (c?.kubeProxyReplacement === true && ctx.kubeProxyModeSet) {
    issues.push({ path: `${ctx.kubeProxyAt}.mode`, message: "must be unset with cni.cilium.kubeProxyReplacement: true (Cilium replaces kube-proxy: the kube-proxy add-on is not installed)" });
  }
  if ((c?.mode ?? CNI_DEFAULTS.cilium.mode) === "eni" && ctx.customNetworking) {
    issues.push({ path: ctx.customNetworkingAt, message: "is vpc-cni's; with cni.cilium.mode eni Cilium's ENI IPAM replaces vpc-cni (use mode chaining, or Cilium's own eni settings)" });
  }
  if (c?.version !== undefined && !/^\d+\.\d+\.\d+$/.test(c.version)) issues.push({ path: `${ctx.at}.cilium.version`, message: `must be an exact chart version such as 1.18.4, got "${c.version}"` });
  return issues;
}
