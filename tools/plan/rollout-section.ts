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
import { ChangeReview, STAND_IN_PREFIX, poolOf } from "../review";
import { PlanResource, childrenByParent } from "./resources";
import { karpenterSummary } from "./pool-karpenter";
import { ADDON_TYPE, CLUSTER_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, SUBNET_TYPE, isRecord } from "../../components/core";

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
  return config.pools.filter((p) => p.provisioner !== "karpenter").map((p) => {
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

/**
 * The review's hazards as plan warnings, once per pool and key (`workerpools:pools[i].scaling.min`, ...). Warnings, not
 * exit 2: the desired size EKS compares with is Pulumi's state (an autoscaler's, after a refresh), which the fix changes
 * without a config edit.
 */
export function changeReviewWarnings(review: ChangeReview | undefined, poolNames: readonly string[]): { path: string; message: string; severity: "warning" }[] {
  const seen = new Set<string>();
  return (review?.pools ?? []).flatMap((p) => p.nodeGroups.flatMap((g) => (g.hazards ?? []).flatMap((h) => {
    const i = poolNames.indexOf(p.pool);
    const path = `workerpools:pools[${i < 0 ? p.pool : i}].${h.configKey}`;
    if (seen.has(`${path} ${h.kind}`)) return [];
    seen.add(`${path} ${h.kind}`);
    const what = h.kind === "refused" ? `EKS would refuse the update of node group ${g.nodeGroup} (${h.field})` : `the update of node group ${g.nodeGroup} stops DNS for a while (${h.field})`;
    return [{ path, message: `${what}: the change review says why and gives the fix`, severity: "warning" as const }];
  })));
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
  /**
   * Karpenter pools: no node groups to roll or to lose, elastic within their NodePool `limits` (Karpenter launches
   * replacements in the remaining AZs; drift from a changed EC2NodeClass replaces nodes within the disruption budgets).
   * @default - none (no karpenter pool)
   */
  readonly elasticPools?: readonly ElasticPool[];
  /** With `--baseline`. @default - none */
  readonly changeReview?: ChangeReview;
  /** With `--baseline` or inside a freeze window. @default - none */
  readonly freeze?: FreezeDecision;
}

/** A karpenter pool in the rollout and AZ-loss sections. */
export interface ElasticPool {
  readonly pool: string;
  readonly availabilityZones: readonly string[];
  /** The pool's `limits`, as written. */
  readonly limits: { readonly cpu: string; readonly memory?: string };
  /** Its NodePools (one per CPU band) and each one's `spec.limits`, its share of the pool's: no band reaches more. */
  readonly bands: readonly { readonly name: string; readonly limits: { readonly cpu: string; readonly memory?: string } }[];
}

const limitsText = (l: { readonly cpu: string | number; readonly memory?: string } | undefined): ElasticPool["limits"] =>
  ({ cpu: String(l?.cpu ?? ""), ...(l?.memory !== undefined ? { memory: l.memory } : {}) });

/** The karpenter pools of the config, elastic within their limits (each NodePool within its share). */
export function elasticPoolsOf(config: StackConfig): ElasticPool[] {
  return config.pools.filter((p) => p.provisioner === "karpenter").map((p) => {
    const s = karpenterSummary(config, p);
    return {
      pool: p.name, availabilityZones: p.args.availabilityZones ?? config.availabilityZones, limits: limitsText(p.karpenter.limits),
      bands: "karpenter" in s ? s.karpenter.bands.map((b) => ({ name: b.name, limits: limitsText(b.limits) })) : [],
    };
  });
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
  const elastic = elasticPoolsOf(config);
  return {
    facts: { ...UPDATE_BEHAVIOR, controlPlaneCreateSec: CONTROL_PLANE_CREATE_SEC },
    fleet,
    criticalPath: { create: createCriticalPath(resources, a), patch: patchCriticalPath(resources, patchSeconds(fleet, opts.changeReview, a)) },
    patchScope: opts.changeReview ? "change-review" : "fleet",
    azLoss: assessFleetAzLoss(azLossInputFromConfig(config)),
    ...(elastic.length > 0 ? { elasticPools: elastic } : {}),
    ...(opts.changeReview ? { changeReview: opts.changeReview } : {}),
    ...(opts.freeze ? { freeze: opts.freeze } : {}),
  };
}

const versionString = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 && !v.startsWith("[") ? v : undefined);

type VersionedResource = { type: string; name: string; inputs: Readonly<Record<string, unknown>> };

/** Brought subnets of a stack file's `workerpools:cluster` value, id → AZ (read loosely: validation judges the shape). */
export function broughtSubnetZones(cluster: unknown): Map<string, string> {
  const network = isRecord(cluster) && isRecord(cluster.network) ? cluster.network : {};
  const subnets = Array.isArray(network.privateSubnets) ? network.privateSubnets : [];
  return new Map(subnets.flatMap((s): [string, string][] => (isRecord(s) && typeof s.id === "string" && typeof s.az === "string" ? [[s.id, s.az]] : [])));
}

/**
 * The AZs of the control plane's subnets in a plan (`eks:index:Cluster` `privateSubnetIds`): a subnet the plan creates
 * is found by its offline id (`<name>-id`, tools/plan/mock-runtime.ts) and its `availabilityZone`, a brought one in
 * `brought` (id → AZ). Offline this stands for the cluster's creation AZs. Empty when not known.
 */
export function clusterZonesOf(resources: readonly VersionedResource[], brought: ReadonlyMap<string, string> = new Map()): string[] {
  const ids = resources.find((r) => r.type === CLUSTER_TYPE)?.inputs.privateSubnetIds;
  const created = new Map(resources.filter((r) => r.type === SUBNET_TYPE && typeof r.inputs.availabilityZone === "string")
    .map((r) => [`${r.name}-id`, String(r.inputs.availabilityZone)]));
  const zones = (Array.isArray(ids) ? ids : []).flatMap((id) => {
    const az = typeof id === "string" ? created.get(id) ?? brought.get(id) : undefined;
    return az === undefined ? [] : [az];
  });
  return [...new Set(zones)];
}

/**
 * A custom-image pool's release as EKS reports it: the image id of the pool's launch template. Its Kubernetes version is
 * not on the node group (EKS refuses one with an image id), so offline it stays not known.
 */
function customImageOf(resources: readonly VersionedResource[], pool: string): string | undefined {
  const lt = resources.find((r) => r.type === LAUNCH_TEMPLATE_TYPE && poolOf({ ...r, inputs: isRecord(r.inputs) ? r.inputs : {} }) === pool);
  return versionString(lt?.inputs.imageId);
}

/**
 * The versions a plan deploys: control plane (`eks:index:Cluster` version) and per pool its node groups'
 * `version` and `releaseVersion` (a custom image's id, {@link customImageOf}), and the control plane's AZs ({@link clusterZonesOf}). With `standInsUnknown`, an
 * offline stand-in release counts as not known (the desired side: AWS resolves it at deploy); otherwise it is kept as
 * the deployed value.
 */
export function versionStateOf(resources: readonly VersionedResource[], standInsUnknown: boolean, brought?: ReadonlyMap<string, string>): VersionState {
  const cluster = resources.find((r) => r.type === CLUSTER_TYPE);
  const pools: Record<string, PoolVersions> = {};
  for (const r of resources.filter((x) => x.type === NODE_GROUP_TYPE)) {
    const pool = poolOf({ ...r, inputs: isRecord(r.inputs) ? r.inputs : {} });
    if (pools[pool]) continue;
    const kubernetesVersion = versionString(r.inputs.version);
    const release = r.inputs.amiType === "CUSTOM" ? customImageOf(resources, pool) : versionString(r.inputs.releaseVersion);
    const releaseVersion = standInsUnknown && release?.startsWith(STAND_IN_PREFIX) ? undefined : release;
    pools[pool] = { ...(kubernetesVersion ? { kubernetesVersion } : {}), ...(releaseVersion ? { releaseVersion } : {}) };
  }
  const addons: Record<string, string> = {};
  for (const r of resources.filter((x) => x.type === ADDON_TYPE)) {
    const name = versionString(r.inputs.addonName);
    const version = versionString(r.inputs.addonVersion);
    if (name && version && !(standInsUnknown && version.startsWith(STAND_IN_PREFIX))) addons[name] = version;
  }
  const controlPlane = versionString(cluster?.inputs.version);
  const zones = clusterZonesOf(resources, brought);
  return { ...(controlPlane ? { controlPlane } : {}), pools, addons, ...(zones.length > 0 ? { creationAvailabilityZones: zones } : {}) };
}
