/** Pure: a pool's node settings beyond the kubelet as the plan prints them and its JSON carries them (instance store, sysctls, escape hatches). */
import type { NodeSettingsPlan } from "../../components/worker-pool";

/** The summary of a pool's node settings; nothing for a pool that sets none of them (its plan is unchanged). */
export function nodeSettingsSummary(p: NodeSettingsPlan): { node?: NodeSettingsPlan } {
  return Object.keys(p).length === 0 ? {} : { node: p };
}

/** The pool's node settings lines of the text plan. */
export function renderPoolNodeSettings(p: NodeSettingsPlan): string[] {
  const lines: string[] = [];
  const s = p.instanceStorage;
  if (s) {
    const perNode = s.perNode.map((n) => `${n.instanceType}: ${n.disks ?? "?"} x ${n.disks ? n.totalGB / n.disks : "?"} GB = ${n.totalGB} GB`).join("; ");
    lines.push(`    instance store: ${s.strategy}; per node ${perNode || "unknown"}`, `      ${s.layout}`);
  }
  if (p.sysctls) lines.push(`    sysctls: ${Object.entries(p.sysctls).map(([k, v]) => `${k}=${v}`).join(", ")}`);
  if (p.preBootstrap) lines.push(`    preBootstrap: ${p.preBootstrap.length} shell part(s) (${p.preBootstrap.join(", ")} bytes), run after ours, before nodeadm starts the kubelet`);
  if (p.bottlerocketSettings) lines.push(`    bottlerocketSettings (after ours): ${p.bottlerocketSettings.join(", ")}`);
  return lines;
}
