/**
 * Maps the stack config and the recorded plan onto the library's pure rollout, critical path and AZ-loss
 * models (which know no stack config), and assembles the plan's `rollout` section.
 */
import { resolveAddonsArgs } from "../../components/addons";
import {
  AzLossPool, PoolAzLoss, assessFleetAzLoss, CREATE_SEC_BY_TYPE, CriticalPath, DEFAULT_CREATE_SEC, PathTask, criticalPath, nodeGroupCreateSec, FreezeDecision, PoolVersions, VersionState, Rollout, RolloutAssumptions, RolloutInput, RolloutNodeGroup, planRollout, resolveAssumptions,
} from "../../components/patching";
import { CONTROL_PLANE_CREATE_SEC, UPDATE_BEHAVIOR, UpdateBehaviorFacts } from "../../components/facts";
import { resolveWorkerPoolArgs, planNodeGroups } from "../../components/worker-pool";
import type { StackConfig } from "../../infra/stack-config";
import { ChangeReview, NODE_GROUP_TYPE, STAND_IN_PREFIX, poolOf } from "../review";
import { PlanResource, childrenByParent } from "./resources";
import { isRecord } from "../../components/core";

/** One node group as configured: its pool, AZs and counts. */
interface ConfiguredNodeGroup {
  readonly name: string;
  readonly pool: string;
  readonly availabilityZones: readonly string[];
  readonly scaling: { readonly min: number; readonly max: number; readonly desired: number };
  readonly update: RolloutNodeGroup["update"];
}

interface ConfiguredPool {
  readonly name: string;
  readonly layout: AzLossPool["layout"];
  readonly scaling: AzLossPool["scaling"];
  readonly nodeGroups: readonly ConfiguredNodeGroup[];
}

/** Every pool's node groups, with the library's defaults applied (the same placement the WorkerPool makes). */
export function configuredPools(config: StackConfig): ConfiguredPool[] {
  const subnets = config.availabilityZones.map((az) => ({ id: az, az }));
  const cluster = { name: config.controlPlane.name, endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: config.controlPlane.kubernetesVersion };
  return config.pools.map((p) => {
    const a = resolveWorkerPoolArgs({ ...p.args, cluster, subnets });
    const nodeGroups = planNodeGroups(a.layout, a.availabilityZones, subnets, a.scaling).map((g) => ({
      name: g.suffix ? `${p.name}-${g.suffix}` : p.name,
      pool: p.name,
      availabilityZones: g.availabilityZones,
      scaling: g.scaling,
      update: a.update,
    }));
    return { name: p.name, layout: a.layout, scaling: a.scaling, nodeGroups };
  });
}

/** The fleet rollout input: every node group rolls (an AMI release or Kubernetes version for all pools). */
export function rolloutInputFromConfig(config: StackConfig, assumptions?: Partial<RolloutAssumptions>): RolloutInput {
  const nodeGroups = configuredPools(config).flatMap((p) => p.nodeGroups).map((g): RolloutNodeGroup => ({
    name: g.name,
    pool: g.pool,
    azCount: g.availabilityZones.length,
    nodes: g.scaling.desired,
    update: g.update,
  }));
  return { nodeGroups, waves: config.patching.waves, ...(assumptions ? { assumptions } : {}) };
}

/** AZ-loss input; the CoreDNS pool carries CoreDNS's replicas as system pods wanting distinct nodes. */
export function azLossInputFromConfig(config: StackConfig): AzLossPool[] {
  const addons = resolveAddonsArgs({ ...config.addons, clusterName: "", kubeconfig: "", kubernetesVersion: config.controlPlane.kubernetesVersion });
  return configuredPools(config).map((p) => ({
    name: p.name,
    layout: p.layout,
    scaling: p.scaling,
    nodeGroups: p.nodeGroups,
    ...(addons.coredns.pool === p.name ? { systemPods: { name: "CoreDNS", nodes: addons.coredns.replicas } } : {}),
  }));
}

/** The plan as timed tasks; `durationOf` gives each custom resource's seconds. A component waits for its children. */
export function pathTasks(resources: readonly PlanResource[], durationOf: (r: PlanResource) => number): PathTask[] {
  const children = childrenByParent(resources);
  return resources.map((r) => {
    const kids = (children.get(r.urn) ?? []).map((c) => c.urn);
    const component = kids.length > 0 || r.type.startsWith("pulumi:");
    return { id: r.urn, label: `${r.type} ${r.name}`, durationSec: component ? 0 : durationOf(r), dependsOn: [...r.dependencies, ...kids] };
  });
}

/** Critical path of creating everything from nothing. */
export function createCriticalPath(resources: readonly PlanResource[], a: RolloutAssumptions): CriticalPath {
  return criticalPath(pathTasks(resources, (r) => (r.type === NODE_GROUP_TYPE ? nodeGroupCreateSec(a) : CREATE_SEC_BY_TYPE[r.type] ?? DEFAULT_CREATE_SEC)));
}

/** Critical path of a patch: node groups take `seconds` (their rollout), everything else is unchanged. */
export function patchCriticalPath(resources: readonly PlanResource[], seconds: ReadonlyMap<string, number>): CriticalPath {
  return criticalPath(pathTasks(resources, (r) => (r.type === NODE_GROUP_TYPE ? seconds.get(r.name) ?? 0 : 0)));
}

/** Seconds per node group of a patch: the review's rolls and replacements, or else the fleet rollout. */
export function patchSeconds(fleet: Rollout, review: ChangeReview | undefined, a: RolloutAssumptions): Map<string, number> {
  if (!review) return new Map(fleet.waves.flatMap((w) => w.nodeGroups).map((g) => [g.nodeGroup, g.durationSec]));
  const out = new Map<string, number>();
  for (const g of review.pools.flatMap((p) => p.nodeGroups)) {
    if (g.consequence.kind === "roll") out.set(g.nodeGroup, g.consequence.rollout.durationSec);
    if (g.consequence.kind === "replace" || g.consequence.kind === "create") out.set(g.nodeGroup, nodeGroupCreateSec(a));
  }
  return out;
}

/** The JSON `rollout` of the plan document. */
export interface RolloutSection {
  /** AWS's numbers (EKS User Guide) and the average control plane creation time. */
  readonly facts: UpdateBehaviorFacts & { readonly controlPlaneCreateSec: number };
  /** Per-node-group rollout of the whole fleet (what a new AMI release or Kubernetes version does). */
  readonly fleet: Rollout;
  /** Longest chains of waits over the recorded dependencies: everything created from nothing, and the patch. */
  readonly criticalPath: { readonly create: CriticalPath; readonly patch: CriticalPath };
  /** `patch` is the fleet rollout, or with a baseline what the change review rolls. */
  readonly patchScope: "fleet" | "change-review";
  /** Per pool, the capacity left after losing each AZ. */
  readonly azLoss: readonly PoolAzLoss[];
  /** With `--baseline`. @default - none */
  readonly changeReview?: ChangeReview;
  /** With `--baseline` or inside a freeze window. @default - none */
  readonly freeze?: FreezeDecision;
}

/** Options of {@link planRolloutSection}. */
export interface RolloutSectionOptions {
  /** @default - ROLLOUT_ASSUMPTIONS */
  readonly assumptions?: Partial<RolloutAssumptions>;
  /** The review against `--baseline`. @default - none (the patch is the fleet rollout) */
  readonly changeReview?: ChangeReview;
  /** The freeze decision to include. @default - none */
  readonly freeze?: FreezeDecision;
}

/** Builds the plan's `rollout` section from the config and the recorded resources. */
export function planRolloutSection(config: StackConfig, resources: readonly PlanResource[], opts: RolloutSectionOptions = {}): RolloutSection {
  const a = resolveAssumptions(opts.assumptions);
  const fleet = planRollout(rolloutInputFromConfig(config, a));
  return {
    facts: { ...UPDATE_BEHAVIOR, controlPlaneCreateSec: CONTROL_PLANE_CREATE_SEC },
    fleet,
    criticalPath: { create: createCriticalPath(resources, a), patch: patchCriticalPath(resources, patchSeconds(fleet, opts.changeReview, a)) },
    patchScope: opts.changeReview ? "change-review" : "fleet",
    azLoss: assessFleetAzLoss(azLossInputFromConfig(config)),
    ...(opts.changeReview ? { changeReview: opts.changeReview } : {}),
    ...(opts.freeze ? { freeze: opts.freeze } : {}),
  };
}

const versionString = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 && !v.startsWith("[") ? v : undefined);

/**
 * The versions a plan deploys: control plane (`eks:index:Cluster` version) and per pool its node groups'
 * `version` and `releaseVersion`. With `standInsUnknown`, an offline stand-in release counts as not known
 * (the desired side: AWS resolves it at deploy); otherwise it is kept as the deployed value.
 */
export function versionStateOf(resources: readonly { type: string; name: string; inputs: Readonly<Record<string, unknown>> }[], standInsUnknown: boolean): VersionState {
  const cluster = resources.find((r) => r.type === "eks:index:Cluster");
  const pools: Record<string, PoolVersions> = {};
  for (const r of resources.filter((x) => x.type === NODE_GROUP_TYPE)) {
    const pool = poolOf({ ...r, inputs: isRecord(r.inputs) ? r.inputs : {} });
    if (pools[pool]) continue;
    const kubernetesVersion = versionString(r.inputs.version);
    const release = versionString(r.inputs.releaseVersion);
    const releaseVersion = standInsUnknown && release?.startsWith(STAND_IN_PREFIX) ? undefined : release;
    pools[pool] = { ...(kubernetesVersion ? { kubernetesVersion } : {}), ...(releaseVersion ? { releaseVersion } : {}) };
  }
  const addons: Record<string, string> = {};
  for (const r of resources.filter((x) => x.type === "aws:eks/addon:Addon")) {
    const name = versionString(r.inputs.addonName);
    const version = versionString(r.inputs.addonVersion);
    if (name && version && !(standInsUnknown && version.startsWith(STAND_IN_PREFIX))) addons[name] = version;
  }
  const controlPlane = versionString(cluster?.inputs.version);
  return { ...(controlPlane ? { controlPlane } : {}), pools, addons };
}
