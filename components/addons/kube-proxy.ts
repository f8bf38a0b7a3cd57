/**
 * Kube-proxy mode rules by Kubernetes version. Sources: Kubernetes v1.33 release ("nftables mode for
 * kube-proxy" graduated to GA in v1.33, kubernetes.io blog 2025-04-23 "Kubernetes v1.33: Octarine") and
 * v1.35 (IPVS mode deprecated, KEP-5495; EKS announced its removal from kube-proxy in 1.36 in
 * aws/containers-roadmap#2826). Pure.
 */
import { ConfigIssue } from "../core";
import { compareVersions } from "../facts";
import type { KubeProxyMode } from "./args";

/** The first Kubernetes minor where a mode may be used (nftables: GA). */
export const KUBE_PROXY_MODE_SINCE: Readonly<Partial<Record<KubeProxyMode, string>>> = { nftables: "1.33" };
/** The Kubernetes minor from which a mode is deprecated upstream (a warning). */
export const KUBE_PROXY_MODE_DEPRECATED: Readonly<Partial<Record<KubeProxyMode, string>>> = { ipvs: "1.35" };

/** Mode against the cluster's Kubernetes version; `at` is the `mode` config path. */
export function validateKubeProxyMode(mode: KubeProxyMode, kubernetesVersion: string, at: string): ConfigIssue[] {
  const since = KUBE_PROXY_MODE_SINCE[mode];
  if (since !== undefined && compareVersions(kubernetesVersion, since) < 0) {
    return [{ path: at, message: `${mode} mode needs Kubernetes ${since} or newer (GA there); the cluster runs ${kubernetesVersion}: use iptables or ipvs, or upgrade` }];
  }
  const deprecated = KUBE_PROXY_MODE_DEPRECATED[mode];
  if (deprecated !== undefined && compareVersions(kubernetesVersion, deprecated) >= 0) {
    return [{ path: at, severity: "warning", message: `${mode} mode is deprecated from Kubernetes ${deprecated} (the cluster runs ${kubernetesVersion}); plan a move to nftables` }];
  }
  return [];
}
