/** Validation of resolved {@link WorkerPoolArgs}: every problem, each with its config path. Pure. */
import { ConfigIssue, errorsOf } from "../core";
import { eksReservedPrefix, validateLabels, isLabelValue, isQualifiedName } from "./labels";
import { lookupInstanceType, AL2_LAST_VERSION, compareVersions, eksLimit, validateKubernetesVersion, validateSkew } from "../facts";
import { planNodeGroups } from "./zone-spread";
import { validateAmiSelection } from "./image";
import type { ResolvedWorkerPoolArgs, Scaling, UpdatePolicy } from "./args";
import { validatePoolKubelet } from "../kubelet";
import { planPoolKubelet } from "./plan";
import { validatePoolUserDataSize, validateRootVolume } from "./limits";
import { validateNodeAccess } from "./security-groups";
import { validateAccelerator } from "./accelerator";
import { validateContainerRuntime } from "../userdata";
import { validateAutoRepair } from "./repair";
import { validateExtraVolumes } from "./volumes";
import { validatePodSecurityGroupTypes } from "./trunk-eni";
import { validateNodeSettings } from "./node-settings";
import { validatePoolBottlerocketSettings } from "./limits";
import { validateCapacity } from "./capacity";
import { validateEfa } from "./efa";
import { pullThroughCacheRoleIssues, validateNodeRole } from "./node-role";
import { POOL_TAG_KEYS } from "./plan";
import { validateAwsTags } from "../facts";

/** EKS managed node group limits (EKS service quotas: nodes per node group). */
export const MAX_NODES_PER_NODE_GROUP = eksLimit("nodesPerNodeGroup");

export function validateScaling(s: Scaling, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (s.min < 0) issues.push({ path: `${at}.min`, message: `must be >= 0, got ${s.min}` });
  if (s.max < 1 || s.max > MAX_NODES_PER_NODE_GROUP) issues.push({ path: `${at}.max`, message: `must be between 1 and ${MAX_NODES_PER_NODE_GROUP}, got ${s.max}` });
  if (s.min > s.max) issues.push({ path: `${at}.min`, message: `must be <= max (${s.max}), got ${s.min}` });
  if (s.desired < s.min || s.desired > s.max) issues.push({ path: `${at}.desired`, message: `must be within [min, max] = [${s.min}, ${s.max}], got ${s.desired}` });
  return issues;
}

/** `maxSize`: the smallest max size among the pool's node groups (updateConfig applies per node group). */
export function validateUpdate(u: UpdatePolicy, maxSize: number, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (u.maxUnavailable !== undefined && u.maxUnavailablePercentage !== undefined) {
    issues.push({ path: at, message: "give exactly one of maxUnavailable or maxUnavailablePercentage, got both" });
  }
  if (u.maxUnavailable !== undefined && (u.maxUnavailable < 1 || u.maxUnavailable > Math.min(100, maxSize))) {
    issues.push({ path: `${at}.maxUnavailable`, message: `must be between 1 and the node group's max size (${Math.min(100, maxSize)}), got ${u.maxUnavailable}` });
  }
  const pct = u.maxUnavailablePercentage;
  if (pct !== undefined && (pct < 1 || pct > 100)) issues.push({ path: `${at}.maxUnavailablePercentage`, message: `must be between 1 and 100, got ${pct}` });
  return issues;
}

function validatePoolZones(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const known = new Set(a.subnets.map((s) => s.az));
  const issues: ConfigIssue[] = [];
  const azs = a.availabilityZones;
  // A one-AZ pool is legal (EKS accepts it); policy EKS-NG-005 judges it (SPEC §6).
  if (azs.length === 0) issues.push({ path: `${at}.availabilityZones`, message: "must list at least one AZ of the cluster (or leave it out for every cluster AZ)" });
  azs.forEach((az, i) => {
    if (!known.has(az)) issues.push({ path: `${at}.availabilityZones[${i}]`, message: `"${az}" is not an AZ of the cluster's private subnets; valid: ${[...known].join(", ")}` });
    if (azs.indexOf(az) !== i) issues.push({ path: `${at}.availabilityZones[${i}]`, message: `"${az}" is listed twice` });
  });
  if (a.layout === "per-zone" && a.scaling.max < azs.length) {
    issues.push({ path: `${at}.scaling.max`, message: `per-zone layout over ${azs.length} AZs needs max >= ${azs.length} (one node group per AZ), got ${a.scaling.max}` });
  }
  return issues;
}

function validateInstances(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (a.instanceTypes.length === 0) issues.push({ path: `${at}.instanceTypes`, message: "must list at least one EC2 instance type, e.g. [m6i.large]" });
  const explicit = a.kubelet.maxPods !== undefined && a.kubelet.kubeReserved !== undefined;
  a.instanceTypes.forEach((t, i) => {
    const facts = lookupInstanceType(t);
    if (!facts) {
      issues.push({
        path: `${at}.instanceTypes[${i}]`,
        severity: explicit ? "warning" : "error",
        message: `unknown instance type "${t}": not in the shipped instance table (components/facts/data/instance-types.json)${explicit ? "; using the pool's explicit maxPods and kubeReserved" : "; give kubelet.maxPods and kubelet.kubeReserved to use it anyway"}`,
      });
    } else if (facts.architecture !== undefined && facts.architecture !== a.architecture) {
      issues.push({ path: `${at}.instanceTypes[${i}]`, message: `"${t}" is ${facts.architecture}, but the pool's architecture is ${a.architecture}` });
    }
  });
  if (a.capacityType === "SPOT" && a.instanceTypes.length < 2) {
    issues.push({ path: `${at}.instanceTypes`, severity: "warning", message: "SPOT with a single instance type risks losing the whole pool to one capacity pool's interruption; list 3 or more similar types" });
  }
  return issues;
}

function validateTaints(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const [maxTaints, keyMax, valueMax] = [eksLimit("taintsPerNodeGroup"), eksLimit("taintKeyMaxLength"), eksLimit("taintValueMaxLength")];
  if (a.taints.length > maxTaints) issues.push({ path: `${at}.taints`, message: `EKS allows at most ${maxTaints} taints per node group, got ${a.taints.length}` });
  a.taints.forEach((t, i) => {
    if (t.key.length > keyMax) issues.push({ path: `${at}.taints[${i}].key`, message: `EKS allows taint keys of at most ${keyMax} characters, prefix included; "${t.key.slice(0, 80)}" has ${t.key.length}` });
    if ((t.value ?? "").length > valueMax) issues.push({ path: `${at}.taints[${i}].value`, message: `EKS allows taint values of at most ${valueMax} characters, got ${(t.value ?? "").length}` });
    if (a.taints.findIndex((o) => o.key === t.key && o.effect === t.effect) !== i) {
      issues.push({ path: `${at}.taints[${i}]`, message: `taint ${t.key}:${t.effect} is listed twice; a key may carry each effect once` });
    }
    if (!isQualifiedName(t.key)) issues.push({ path: `${at}.taints[${i}].key`, message: `"${t.key}" is not a valid taint key ([prefix/]name, name <= 63 characters)` });
    const reserved = eksReservedPrefix(t.key);
    if (reserved !== undefined) issues.push({ path: `${at}.taints[${i}].key`, message: `"${t.key}": EKS refuses node group taint keys starting with "${reserved}"` });
    if (t.value !== undefined && !isLabelValue(t.value)) issues.push({ path: `${at}.taints[${i}].value`, message: `"${t.value}" is not a valid taint value (<= 63 characters of [A-Za-z0-9-_.])` });
  });
  return issues;
}

function validateVersionAndAmi(a: ResolvedWorkerPoolArgs, at: string, now?: Date): ConfigIssue[] {
  const issues: ConfigIssue[] = [...validateSkew(a.cluster.kubernetesVersion, a.kubernetesVersion, `${at}.kubernetesVersion`)];
  if (a.kubernetesVersion !== a.cluster.kubernetesVersion) issues.push(...validateKubernetesVersion(a.kubernetesVersion, `${at}.kubernetesVersion`, now));
  if (a.os === "AL2") {
    const why = compareVersions(a.kubernetesVersion, AL2_LAST_VERSION) > 0
      ? `AL2 has no EKS AMIs after Kubernetes ${AL2_LAST_VERSION} (the pool runs ${a.kubernetesVersion})`
      : "AL2 nodes bootstrap with bootstrap.sh, not the nodeadm NodeConfig this library renders, so its kubelet settings would be ignored";
    issues.push({ path: `${at}.os`, message: `${why}; use AL2023 or BOTTLEROCKET` });
  }
  issues.push(...validateAmiSelection(a.os, a.ami, `${at}.ami`, a.kubernetesVersion));
  return issues;
}

function validateKubelet(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const k = planPoolKubelet(a, at);
  const known = a.instanceTypes.every((t) => lookupInstanceType(t) !== undefined);
  const derivationIssues = k.issues.filter((i) => !i.path.startsWith(`${at}.instanceTypes`) || known);
  return [
    ...derivationIssues,
    ...validatePoolKubelet({ os: a.os, instanceTypes: a.instanceTypes, options: a.kubelet, plan: k.plan, kubernetesVersion: a.kubernetesVersion }, `${at}.kubelet`),
  ];
}

/**
 * The node settings, then checks of what would be rendered (once the kubelet and the extra volumes are valid): the Bottlerocket escape hatch
 * against our settings, and, when nothing else is refused, the user data size.
 */
function nodeAndRenderedChecks(a: ResolvedWorkerPoolArgs, at: string, renderable: boolean): ConfigIssue[] {
  const node = validateNodeSettings(a, planPoolKubelet(a, at).plan, at);
  if (!renderable) return node;
  const settings = validatePoolBottlerocketSettings(a, at);
  const refused = errorsOf(node).length > 0 || errorsOf(settings).length > 0;
  return [...node, ...settings, ...(refused ? [] : validatePoolUserDataSize(a, at))];
}

/** The pool's tags: AWS's tag rules, the 50-tag limit counting the pool tags, and none of the pool tags' own keys. */
export function validatePoolTags(tags: Readonly<Record<string, string>>, at: string): ConfigIssue[] {
  const own = Object.keys(tags).filter((k) => POOL_TAG_KEYS.includes(k))
    .map((k): ConfigIssue => ({ path: `${at}.${k}`, message: `"${k}" is set by the pool itself (the policies group node groups by it); use another key` }));
  return [...own, ...validateAwsTags(tags, at, POOL_TAG_KEYS)];
}

/** The smallest max size among the pool's node groups (per-zone pools split the pool's max). */
const smallestGroupMax = (a: ResolvedWorkerPoolArgs): number =>
  Math.min(...planNodeGroups(a.layout, a.availabilityZones, a.subnets, a.scaling).map((g) => g.scaling.max), a.scaling.max);

/**
 * Every problem of one pool; `at` is its config path, e.g. `workerpools:pools[2]`. With `now`, a pool
 * version other than the control plane's is checked against the EKS support dates too; with `region` (`aws:region`),
 * the volume key must be in it.
 */
export function validateWorkerPool(a: ResolvedWorkerPoolArgs, at: string, now?: Date, region?: string): ConfigIssue[] {
  const kubelet = validateKubelet(a, at);
  const volumes = validateExtraVolumes(a, at, region);
  const issues: ConfigIssue[] = [
    ...kubelet,
    ...validateScaling(a.scaling, `${at}.scaling`),
    ...validatePoolZones(a, at),
    ...validateInstances(a, at),
    ...validateAccelerator(a, at),
    // Reservations, Capacity Blocks, EFA and cluster placement groups: what EC2/EKS refuse, with paths.
    ...validateCapacity(a, at),
    ...validateEfa(a, at),
    ...validateLabels(a.labels, `${at}.labels`),
    ...validateTaints(a, at),
    ...validateUpdate(a.update, smallestGroupMax(a), `${at}.update`),
    ...validateVersionAndAmi(a, at, now),
    ...validateRootVolume(a.rootVolume, `${at}.rootVolume`, region),
    ...volumes,
    ...validateAutoRepair(a, `${at}.autoRepair`),
    ...validatePodSecurityGroupTypes(a, at),
    // Extra security groups and SSH are legal; policies EKS-NODE-004 and EKS-NG-001 judge SSH (SPEC §6).
    ...validateNodeAccess(a, at),
    // Broad extra policies are legal; policy EKS-IAM-001 judges them (SPEC §6).
    ...validateNodeRole(a, at),
    ...pullThroughCacheRoleIssues(a, at),
    ...validatePoolTags(a.tags, `${at}.tags`),
    ...validateContainerRuntime(a.containerRuntime, a.os, `${at}.containerRuntime`),
    // Rendered checks only once the kubelet settings and the mounts are valid (what would be rendered), which also keeps a huge refused map cheap.
    ...nodeAndRenderedChecks(a, at, errorsOf(kubelet).length === 0 && errorsOf(volumes).length === 0),
  ];
  if (a.metadataHopLimit < 1 || a.metadataHopLimit > 64) issues.push({ path: `${at}.metadataHopLimit`, message: `must be between 1 and 64, got ${a.metadataHopLimit}` });
  // Auto-repair off is legal (reason optional): policy EKS-NG-003 judges it (SPEC §6).
  return issues;
}
