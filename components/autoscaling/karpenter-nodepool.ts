/** A karpenter pool's `NodePool` (karpenter.sh/v1): requirements, labels, taints, limits and disruption. Pure. */
import type { ResolvedWorkerPoolArgs } from "../worker-pool";
import type { ResolvedKarpenterPool } from "./karpenter-args";
import { DEFAULT_BUDGET, FreezeInterval, freezeBudgets } from "./disruption-budgets";
import { renderRequirements } from "./instance-requirements";

export interface NodePoolManifest {
  readonly apiVersion: "karpenter.sh/v1";
  readonly kind: "NodePool";
  readonly metadata: { readonly name: string };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** What the NodePool needs beyond the pool model. */
export interface NodePoolContext {
  /** The NodePool's and its EC2NodeClass's name (its fixed CPU band's: {@link splitCpuBands}). */
  readonly name: string;
  /** The pool's name, for the `workerpools/pool` label. @default - `name` */
  readonly pool?: string;
  /** `spec.weight` (a pool split into bands orders them). @default - none */
  readonly weight?: number;
  /** `workerpools:patching.freeze`. @default [] */
  readonly freeze?: readonly FreezeInterval[];
  /** Judges which freeze windows are over. @default - the current time */
  readonly now?: Date;
}

/** Renders the NodePool of a karpenter pool (`a.instanceTypes`: the types its requirements matched). */
export function renderNodePool(a: ResolvedWorkerPoolArgs, k: ResolvedKarpenterPool, ctx: NodePoolContext): NodePoolManifest {
  const requirements = renderRequirements({
    architecture: a.architecture, capacityTypes: k.capacityTypes, availabilityZones: a.availabilityZones,
    instanceRequirements: k.instanceRequirements, instanceTypes: a.instanceTypes,
  });
  const budgets = [DEFAULT_BUDGET, ...freezeBudgets(ctx.freeze ?? [], ctx.now ?? new Date())];
  const limits = { cpu: String(k.limits.cpu), ...(k.limits.memory !== undefined ? { memory: k.limits.memory } : {}) };
  return {
    apiVersion: "karpenter.sh/v1",
    kind: "NodePool",
    metadata: { name: ctx.name },
    spec: {
      ...(ctx.weight !== undefined ? { weight: ctx.weight } : {}),
      template: {
        metadata: { labels: { ...a.labels, "workerpools/pool": ctx.pool ?? ctx.name } },
        spec: {
          nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: ctx.name },
          requirements,
          ...(a.taints.length > 0 ? { taints: a.taints.map((t) => ({ key: t.key, effect: t.effect, ...(t.value ? { value: t.value } : {}) })) } : {}),
          expireAfter: k.disruption.expireAfter,
        },
      },
      limits,
      disruption: { consolidationPolicy: k.disruption.consolidationPolicy, consolidateAfter: k.disruption.consolidateAfter, budgets },
    },
  };
}
