/** Pure: each pool's effective kubelet settings and node groups, as the plan prints them and its JSON carries them. */
import { resolveWorkerPoolArgs, planWorkerPool } from "../../components/worker-pool";
import type { Derivation, FieldOrigin } from "../../components/kubelet";
import { placeholderCluster, poolArgs } from "../../infra/component-args";
import type { StackConfig } from "../../infra/stack-config";

/** One pool in the plan document. */
export interface PoolSummary {
  readonly name: string;
  readonly os: string;
  readonly instanceTypes: readonly string[];
  readonly nodeGroups: readonly { suffix: string; availabilityZones: readonly string[]; scaling: { min: number; max: number; desired: number } }[];
  readonly kubelet: {
    readonly config: Readonly<Record<string, unknown>>;
    readonly origin: Readonly<Record<string, FieldOrigin>>;
    readonly derivations: readonly Derivation[];
    readonly overrides: readonly { field: string; reason: string }[];
  };
  /** Kernel settings / modules the node prepares before the kubelet starts. */
  readonly preparation: { kernelModules: readonly string[] };
}

/** The same plan the WorkerPool component builds, from config alone. */
export function summarizePools(config: StackConfig): PoolSummary[] {
  const { cluster, subnets } = placeholderCluster(config);
  return config.pools.map((p, i) => {
    const a = resolveWorkerPoolArgs(poolArgs(config, p, cluster, subnets));
    const plan = planWorkerPool(a, `workerpools:pools[${i}]`);
    return {
      name: p.name,
      os: a.os,
      instanceTypes: a.instanceTypes,
      nodeGroups: plan.nodeGroups.map((g) => ({ suffix: g.suffix, availabilityZones: g.availabilityZones, scaling: g.scaling })),
      kubelet: {
        config: plan.kubelet.config,
        origin: plan.kubelet.origin,
        derivations: plan.derivations,
        overrides: plan.kubelet.overrides.map((o) => ({ field: o.field, reason: o.reason })),
      },
      preparation: plan.preparation,
    };
  });
}

const show = (v: unknown): string => JSON.stringify(v) ?? "undefined";

/** Text: per pool, its node groups and every emitted kubelet field with its origin (derived ones with their formula). */
export function renderPools(pools: readonly PoolSummary[]): string {
  const lines: string[] = ["Worker pools (effective kubelet settings; origin: hardened | eks-default | derived | configured | override):"];
  for (const p of pools) {
    const groups = p.nodeGroups.map((g) => `${g.availabilityZones.join("+")} ${g.scaling.min}/${g.scaling.desired}/${g.scaling.max}`);
    lines.push(`  ${p.name}: ${p.os}, ${p.instanceTypes.join(", ")}; node groups (min/desired/max): ${groups.join("; ")}`);
    for (const field of Object.keys(p.kubelet.config).sort()) {
      lines.push(`    ${field.padEnd(34)} ${show(p.kubelet.config[field]).padEnd(44)} ${p.kubelet.origin[field]}`);
    }
    for (const d of p.kubelet.derivations) lines.push(`      ${d.field} = ${d.formula}`);
    for (const o of p.kubelet.overrides) lines.push(`      ${o.field} overridden: ${o.reason}`);
    if (p.preparation.kernelModules.length) lines.push(`    node preparation: load kernel modules ${p.preparation.kernelModules.join(" ")}`);
  }
  return lines.join("\n");
}
