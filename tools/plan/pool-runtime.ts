/**
 * Pure: a pool's container runtime as the plan prints it and its JSON carries it: each effective setting with its origin
 * (`stack` = workerpools:containerRuntime, `pool` = the pool's own key, `ami-base` = nodeadm's containerd template,
 * `containerd-default`, `bottlerocket-built-in`), the registry mirrors in try order, and on AL2023 the containerd and
 * config version the fragment is written in. Nothing for a pool without `containerRuntime` (its plan is unchanged).
 */
import type { ResolvedWorkerPoolArgs } from "../../components/worker-pool";
import { poolContainerRuntime } from "../../components/worker-pool";
import { ContainerRuntimeOptionName, ContainerRuntimeOptions, RuntimeOrigin, containerRuntimeSource, isEmptyContainerRuntime } from "../../components/userdata";

/** Where an effective setting of the summary comes from. */
export type RuntimeSummaryOrigin = Exclude<RuntimeOrigin, "configured"> | "stack" | "pool";

/** A pool's container runtime in the plan document. */
export interface PoolRuntimeSummary {
  /** AL2023: `containerd 2, config version 3 (why)`. @default - Bottlerocket: none */
  readonly containerd?: { readonly version: string; readonly configVersion: number; readonly why: string };
  readonly settings: Readonly<Record<string, { readonly value: unknown; readonly origin: RuntimeSummaryOrigin }>>;
  /** Mirror URLs per registry host in try order, each with its origin (`pullThroughCache` for the ECR cache). */
  readonly mirrors: Readonly<Record<string, readonly { readonly url: string; readonly origin: RuntimeSummaryOrigin | "pullThroughCache" }[]>>;
}

const layer = (field: ContainerRuntimeOptionName, key: string | undefined, stack: ContainerRuntimeOptions, pool: ContainerRuntimeOptions): "stack" | "pool" =>
  containerRuntimeSource(field, key, stack, pool) ?? "pool";

/** The summary; `stack` and `pool` are the two layers the resolved args merged. */
export function runtimeSummary(a: ResolvedWorkerPoolArgs, stack: ContainerRuntimeOptions, pool: ContainerRuntimeOptions): { containerRuntime?: PoolRuntimeSummary } {
  if (isEmptyContainerRuntime(a.containerRuntime)) return {};
  const r = poolContainerRuntime(a);
  const settings = Object.fromEntries(Object.entries(r.settings).map(([k, s]) => [
    k, { value: s.value, origin: s.origin === "configured" ? layer(k as ContainerRuntimeOptionName, undefined, stack, pool) : s.origin },
  ]));
  const mirrors = Object.fromEntries(r.mirrors.map((m) => [m.host, m.endpoints.map((e) => ({
    url: e.url,
    origin: e.from === "pullThroughCache" ? ("pullThroughCache" as const) : layer("registryMirrors", m.host, stack, pool),
  }))]));
  const containerd = r.containerd ? { containerd: { version: r.containerd.containerd, configVersion: r.containerd.configVersion, why: r.containerd.why } } : {};
  return { containerRuntime: { ...containerd, settings, mirrors } };
}

/** The pool's container runtime lines of the text plan. */
export function renderPoolRuntime(s: PoolRuntimeSummary): string[] {
  const lines = [`    container runtime${s.containerd ? ` (containerd ${s.containerd.version}, config version ${s.containerd.configVersion}: ${s.containerd.why})` : ""}:`];
  for (const [k, v] of Object.entries(s.settings)) lines.push(`      ${k.padEnd(32)} ${JSON.stringify(v.value).padEnd(44)} ${v.origin}`);
  for (const [host, endpoints] of Object.entries(s.mirrors)) {
    lines.push(`      mirrors of ${host}: ${endpoints.map((e) => `${e.url} (${e.origin})`).join(", ")}, then ${host} itself`);
  }
  return lines;
}
