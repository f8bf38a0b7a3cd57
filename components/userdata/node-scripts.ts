/**
 * Boot-time node preparation that the kubelet config cannot express: the IPVS kernel modules kube-proxy
 * needs in IPVS mode. Rendered from data (fixed names, never user strings). Pure. (The kernel settings the
 * kubelet checks with `protectKernelDefaults` are already met by the EKS AMIs: nodeadm turns that option
 * on by default, and Bottlerocket fixes it on.)
 */
import type { MimePart } from "../core";

/** Kernel modules kube-proxy's IPVS proxier uses, plus the one of the chosen scheduler. */
export function ipvsModules(scheduler: string): string[] {
  return [...new Set(["ip_vs", "ip_vs_rr", "ip_vs_wrr", "ip_vs_sh", `ip_vs_${scheduler}`, "nf_conntrack"])];
}

/** What a node must have before the kubelet starts. */
export interface NodePreparation {
  /** Kernel modules to load now and at every boot. */
  readonly kernelModules: readonly string[];
}

const SAFE_NAME = /^[a-z0-9_]+$/;

/**
 * An AL2023 shell-script part (cloud-init runs it before `nodeadm-run.service` starts the kubelet:
 * `After=cloud-final.service`), or none when there is nothing to do. Names are checked against a strict
 * alphabet before use.
 */
export function renderAl2023Preparation(p: NodePreparation): MimePart | undefined {
  if (p.kernelModules.length === 0) return undefined;
  const bad = p.kernelModules.find((n) => !SAFE_NAME.test(n));
  if (bad) throw new Error(`unsafe kernel module name: ${bad}`);
  const lines = [
    "#!/bin/bash",
    "set -euo pipefail",
    "cat > /etc/modules-load.d/kube-proxy-ipvs.conf <<'MODULES'",
    ...p.kernelModules,
    "MODULES",
    `for module in ${p.kernelModules.join(" ")}; do modprobe "$module"; done`,
  ];
  return { contentType: 'text/x-shellscript; charset="us-ascii"', body: `${lines.join("\n")}\n` };
}
