/**
 * Kube-proxy mode rules by Kubernetes version. Sources: Kubernetes v1.31 (nftables mode beta, on by default) and v1.33
 * ("nftables mode for kube-proxy" graduated to GA in v1.33, kubernetes.io blog 2025-04-23 "Kubernetes v1.33: Octarine") and
 * v1.35 (IPVS mode deprecated, KEP-5495; EKS announced its removal from kube-proxy in 1.36 in
 * aws/containers-roadmap#2826). Pure.
 */
import { ConfigIssue } from "../core";
import { compareVersions } from "../facts";
import type { KubeProxyMode } from "./args";

/**
 * The first Kubernetes minor where a mode may be used: nftables from 1.31, where it is beta and on by default upstream
 * and the EKS kube-proxy add-on's schema first lists it (data/addon-schemas/kube-proxy.json).
 */
export const KUBE_PROXY_MODE_SINCE: Readonly<Partial<Record<KubeProxyMode, string>>> = { nftables: "1.31" };
/** The first Kubernetes minor where a mode is GA; from SINCE up to it, a warning (beta). */
export const KUBE_PROXY_MODE_GA: Readonly<Partial<Record<KubeProxyMode, string>>> = { nftables: "1.33" };
/** The Kubernetes minor from which a mode is deprecated upstream (a warning). */
export const KUBE_PROXY_MODE_DEPRECATED: Readonly<Partial<Record<KubeProxyMode, string>>> = { ipvs: "1.35" };

/** Mode against the cluster's Kubernetes version; `at` is the `mode` config path. */
export function validateKubeProxyMode(mode: KubeProxyMode, kubernetesVersion: string, at: string): ConfigIssue[] {
  const since = KUBE_PROXY_MODE_SINCE[mode];
  if (since !== undefined && compareVersions(kubernetesVersion, since) < 0) {
    return [{ path: at, message: `${mode} mode needs Kubernetes ${since} or newer (the EKS kube-proxy add-on takes it from its v${since} line; GA in ${KUBE_PROXY_MODE_GA[mode] ?? since}); the cluster runs ${kubernetesVersion}: use iptables or ipvs, or upgrade` }];
  }
  const ga = KUBE_PROXY_MODE_GA[mode];
  if (ga !== undefined && compareVersions(kubernetesVersion, ga) < 0) {
    return [{ path: at, severity: "warning", message: `${mode} mode is beta in Kubernetes ${kubernetesVersion} (GA in ${ga}); it works there, but plan to test it before production` }];
  }
  const deprecated = KUBE_PROXY_MODE_DEPRECATED[mode];
  if (deprecated !== undefined && compareVersions(kubernetesVersion, deprecated) >= 0) {
    return [{ path: at, severity: "warning", message: `${mode} mode is deprecated from Kubernetes ${deprecated} (the cluster runs ${kubernetesVersion}); plan a move to nftables` }];
  }
  return [];
}
