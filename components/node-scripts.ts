/**
 * Boot-time node preparation that the kubelet config cannot express: the kernel settings the kubelet
 * checks with `protectKernelDefaults`, and the IPVS kernel modules kube-proxy needs in IPVS mode.
 * Rendered from data (fixed names, never user strings). Pure.
 */
import tunables from "./data/kubelet-kernel-tunables.json";
import type { MimePart } from "./mime";

/** The sysctls the kubelet requires with `protectKernelDefaults: true` (kubernetes `setupKernelTunables`). */
export const KUBELET_KERNEL_TUNABLES: Readonly<Record<string, number>> = tunables.sysctls;

/** Kernel modules kube-proxy's IPVS proxier uses, plus the one of the chosen scheduler. */
export function ipvsModules(scheduler: string): string[] {
  return [...new Set(["ip_vs", "ip_vs_rr", "ip_vs_wrr", "ip_vs_sh", `ip_vs_${scheduler}`, "nf_conntrack"])];
}

/** What a node must have before the kubelet starts. */
export interface NodePreparation {
  /** Write and apply {@link KUBELET_KERNEL_TUNABLES}. */
  readonly kernelTunables: boolean;
  /** Kernel modules to load now and at every boot. */
  readonly kernelModules: readonly string[];
}

const SAFE_NAME = /^[a-z0-9_.]+$/;

/**
 * An AL2023 shell-script part (cloud-init runs it before `nodeadm-run.service` starts the kubelet), or
 * none when there is nothing to do. Names are checked against a strict alphabet before use.
 */
export function renderAl2023Preparation(p: NodePreparation): MimePart | undefined {
  if (!p.kernelTunables && p.kernelModules.length === 0) return undefined;
  const names = [...Object.keys(KUBELET_KERNEL_TUNABLES), ...p.kernelModules];
  const bad = names.find((n) => !SAFE_NAME.test(n));
  if (bad) throw new Error(`unsafe kernel setting or module name: ${bad}`);
  const lines = ["#!/bin/bash", "set -euo pipefail"];
  if (p.kernelTunables) {
    lines.push("cat > /etc/sysctl.d/90-kubelet-protect-kernel-defaults.conf <<'SYSCTL'",
      ...Object.entries(KUBELET_KERNEL_TUNABLES).map(([k, v]) => `${k} = ${v}`), "SYSCTL",
      "sysctl -p /etc/sysctl.d/90-kubelet-protect-kernel-defaults.conf");
  }
  if (p.kernelModules.length > 0) {
    lines.push("cat > /etc/modules-load.d/kube-proxy-ipvs.conf <<'MODULES'", ...p.kernelModules, "MODULES",
      `for module in ${p.kernelModules.join(" ")}; do modprobe "$module"; done`);
  }
  return { contentType: 'text/x-shellscript; charset="us-ascii"', body: `${lines.join("\n")}\n` };
}
