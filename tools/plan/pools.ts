/**
 * Pure: each pool's node groups and the kubelet configuration its nodes run with, as the plan prints them and its JSON
 * carries them: on AL2023 nodeadm's base config.json for the pool's Kubernetes version (origin `ami-base`) with our
 * NodeConfig drop-in over it; on Bottlerocket what its template renders (`bottlerocket-built-in`) and the settings we emit.
 */
import {
  BlockDevice, NodeAccessPlan, NodeRepairConfigPlan, NodeRolePlan, NodeSettingsPlan, PoolImage, ResolvedWorkerPoolArgs, planExtraBlockDevices, planPoolTags, resolveWorkerPoolArgs, planWorkerPool,
} from "../../components/worker-pool";
import type { VolumeMount } from "../../components/userdata";
import { PoolCapacitySummary, capacitySummary, renderPoolCapacity } from "./pool-capacity";
import { Derivation, EffectiveOrigin, NotRendered, effectiveKubelet } from "../../components/kubelet";
import { placeholderCluster, poolArgs } from "../../infra/component-args";
import type { StackConfig } from "../../infra/stack-config";
import { PoolAcceleratorSummary, acceleratorSummary, renderPoolAccelerator } from "./pool-accelerator";
import { PoolRuntimeSummary, renderPoolRuntime, runtimeSummary } from "./pool-runtime";
import { nodeSettingsSummary, renderPoolNodeSettings } from "./pool-node";
import { PoolKarpenterSummary, karpenterSummary, karpenterSummaryArgs, renderPoolKarpenter } from "./pool-karpenter";

/** One pool in the plan document. */
export interface PoolSummary {
  readonly name: string;
  readonly os: string;
  readonly instanceTypes: readonly string[];
  readonly nodeGroups: readonly { suffix: string; availabilityZones: readonly string[]; scaling: { min: number; max: number; desired: number } }[];
  readonly kubelet: {
    /** The effective configuration: the platform's base, then ours. */
    readonly config: Readonly<Record<string, unknown>>;
    readonly origin: Readonly<Record<string, EffectiveOrigin>>;
    readonly derivations: readonly Derivation[];
    readonly overrides: readonly { field: string; reason: string }[];
    /** Fields the node computes at boot (AL2023: nodeadm's clusterDNS, providerID, ...). */
    readonly computedAtBoot: readonly string[];
    /** Fields of our plan the node never gets (Bottlerocket: no setting renders them). */
    readonly notRendered: readonly NotRendered[];
  };
  /** Kernel settings / modules the node prepares before the kubelet starts. */
  readonly preparation: { kernelModules: readonly string[] };
  /**
   * Only with `securityGroupIds`, `remoteAccess` or `efa`: the nodes' security groups in order (`cluster` for the cluster
   * security group, `ssh` and `efa` for the pool's SSH and EFA groups), its key pair, and the groups admitted on tcp/22.
   * @default - neither key: no list, EKS attaches the cluster security group
   */
  readonly access?: { readonly securityGroups?: readonly string[]; readonly keyName?: string; readonly sshFrom?: readonly string[] };
  /** Only when auto-repair is off: why (policy EKS-NG-003 judges it). @default - auto-repair on */
  readonly autoRepair?: { readonly enabled: false; readonly reason?: string };
  /** Only with thresholds or overrides (auto-repair on): the node group's `nodeRepairConfig`. @default - EKS's defaults */
  readonly repair?: NodeRepairConfigPlan;
  /** Only with `extraVolumes`: their block devices, and where AL2023 mounts each. @default - none */
  readonly extraVolumes?: readonly (BlockDevice & { readonly mountPath?: string })[];
  /** Only for a GPU or Neuron pool: the drivers its AMI carries, the node group's amiType, the devices per node. @default - no accelerator */
  readonly accelerator?: PoolAcceleratorSummary;
  /** Only with `containerRuntime` (stack-wide or the pool's): effective settings with origins, mirrors in try order. @default - the AMI's runtime, not listed */
  readonly containerRuntime?: PoolRuntimeSummary;
  /**
   * Only for a custom image (`ami.channel: custom`): its id, the node labels and taints its user data registers, the EKS
   * labels it cannot carry; patching it is the owner's. @default - EKS's AMIs (recommended or pinned)
   */
  readonly customImage?: CustomImageSummary;
  /** Only with instanceStorage, kernel.sysctls or userData: what each node gets beyond the kubelet. @default - none set */
  readonly node?: NodeSettingsPlan;
  /**
   * Only with a Capacity Block, a capacity reservation, EFA or a cluster placement group: the capacity type, the
   * reservation target and preference, EFA interfaces per node, the placement group, what only EC2 checks.
   * @default - none of them: the plan is unchanged
   */
  readonly capacity?: PoolCapacitySummary;
  /**
   * Only when the stack or the pool sets tags: what every AWS resource of the pool carries (stack tags, the pool's over
   * them, the pool tags last), instances and volumes included. @default - the pool tags only
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Only with `nodeRole.additionalPolicyArns` or a pull-through cache: every managed policy of the node role, the required
   * ones first, and the inline policy letting the cache fill (its actions and repositories). @default - the required ones
   */
  readonly nodeRole?: { readonly policyArns: readonly string[]; readonly pullThroughCache?: { readonly actions: readonly string[]; readonly repositories: readonly string[] } };
  /** Only with `rootVolume.kmsKeyArn`: the KMS key of every volume of the launch template. @default - EBS's AWS managed key */
  readonly volumeKmsKeyArn?: string;
  /** Only for `provisioner: karpenter`: its NodePool and EC2NodeClass specs and the decoded user data. @default - a managed pool */
  readonly karpenter?: PoolKarpenterSummary["karpenter"];
}

/** A custom image in the plan document. */
export interface CustomImageSummary {
  readonly imageId: string;
  /** Always `CUSTOM`. */
  readonly amiType: string;
  /** Kubelet node labels the user data registers (the pool's and EKS's). */
  readonly nodeLabels: Readonly<Record<string, string>>;
  /** Taints registered with the node, `key=value:Effect`. */
  readonly registerWithTaints: readonly string[];
  /** EKS's managed-node labels the launch template cannot carry, with why. */
  readonly labelsNotRendered: readonly { readonly key: string; readonly why: string }[];
  /** Who patches the image. */
  readonly patching: string;
}

/** What the plan says about who patches a custom image. */
export const CUSTOM_IMAGE_PATCHING = "the image's owner: no recommended channel; a new imageId rolls the pool (a new launch template version), in its wave";

function customImageSummary(image: PoolImage): Pick<PoolSummary, "customImage"> {
  if (image.channel !== "custom") return {};
  const b = image.bootstrap;
  return {
    customImage: {
      imageId: image.imageId,
      amiType: image.amiType,
      nodeLabels: b.nodeLabels,
      registerWithTaints: b.taints.map((t) => `${t.key}=${t.value ?? ""}:${t.effect}`),
      labelsNotRendered: b.missingLabels,
      patching: CUSTOM_IMAGE_PATCHING,
    },
  };
}

function nodeRoleSummary(role: Extract<NodeRolePlan, { kind: "created" }>): NonNullable<PoolSummary["nodeRole"]> {
  const st = role.pullThroughCachePolicy?.Statement[0];
  return { policyArns: role.policyArns, ...(st ? { pullThroughCache: { actions: st.Action, repositories: st.Resource } } : {}) };
}

/** The pool's tags, node role and volume key, each only when not the default. */
function identitySummary(a: ResolvedWorkerPoolArgs, name: string, role: NodeRolePlan): Pick<PoolSummary, "tags" | "nodeRole" | "volumeKmsKeyArn"> {
  return {
    ...(Object.keys(a.tags).length > 0 ? { tags: planPoolTags(a, name) } : {}),
    ...(role.kind === "created" && (role.additionalPolicyArns.length > 0 || role.pullThroughCachePolicy) ? { nodeRole: nodeRoleSummary(role) } : {}),
    ...(a.rootVolume.kmsKeyArn !== undefined ? { volumeKmsKeyArn: a.rootVolume.kmsKeyArn } : {}),
  };
}

/** The pool's security groups and SSH as the summary shows them; nothing when it lists no group and has no key. */
function accessSummary(access: NodeAccessPlan): Pick<PoolSummary, "access"> {
  if (!access.securityGroups && access.keyName === undefined) return {};
  const securityGroups = access.securityGroups?.map((g) => (g.kind === "extra" ? g.id : g.kind));
  return {
    access: {
      ...(securityGroups ? { securityGroups } : {}),
      ...(access.keyName !== undefined ? { keyName: access.keyName } : {}),
      ...(access.ssh ? { sshFrom: access.ssh.sourceSecurityGroupIds } : {}),
    },
  };
}

/** The extra volumes' block devices, each with its AL2023 mount path; nothing without extra volumes. */
function volumeSummary(a: ResolvedWorkerPoolArgs, mounts: readonly VolumeMount[]): Pick<PoolSummary, "extraVolumes"> {
  if (a.extraVolumes.length === 0) return {};
  const at = new Map(mounts.map((m) => [m.deviceName, m.mountPath]));
  return { extraVolumes: planExtraBlockDevices(a).map((bd) => ({ ...bd, ...(at.has(bd.deviceName) ? { mountPath: at.get(bd.deviceName) } : {}) })) };
}

/** The same plan the WorkerPool component builds, from config alone. */
export function summarizePools(config: StackConfig): PoolSummary[] {
  const { cluster, subnets } = placeholderCluster(config);
  return config.pools.map((p, i) => {
    const a = karpenterSummaryArgs(config, p)?.args ?? resolveWorkerPoolArgs(poolArgs(config, p, cluster, subnets));
    const plan = planWorkerPool(a, `workerpools:pools[${i}]`);
    const effective = effectiveKubelet({ os: a.os, kubernetesVersion: a.kubernetesVersion, plan: plan.kubelet });
    return {
      name: p.name,
      os: a.os,
      instanceTypes: a.instanceTypes,
      nodeGroups: p.provisioner === "karpenter" ? [] : plan.nodeGroups.map((g) => ({ suffix: g.suffix, availabilityZones: g.availabilityZones, scaling: g.scaling })),
      kubelet: {
        config: effective.config,
        origin: effective.origin,
        derivations: plan.derivations,
        overrides: plan.kubelet.overrides.map((o) => ({ field: o.field, reason: o.reason })),
        computedAtBoot: effective.computedAtBoot,
        notRendered: effective.notRendered,
      },
      preparation: plan.preparation,
      ...accessSummary(plan.access),
      ...(a.autoRepair.enabled ? {} : { autoRepair: { enabled: false as const, ...(a.autoRepair.reason ? { reason: a.autoRepair.reason } : {}) } }),
      ...(Object.keys(plan.nodeRepair).length > 1 ? { repair: plan.nodeRepair } : {}),
      ...volumeSummary(a, plan.volumeMounts),
      ...acceleratorSummary(plan.accelerator),
      ...runtimeSummary(a, config.containerRuntime, p.args.containerRuntime ?? {}),
      ...customImageSummary(plan.image),
      ...nodeSettingsSummary(plan.node),
      ...capacitySummary(a, plan),
      ...identitySummary(a, p.name, plan.nodeRole),
      ...karpenterSummary(config, p),
    };
  });
}

/** How the text plan names the groups the pool does not list by id. */
const OWN_GROUPS: Readonly<Record<string, string>> = { cluster: "the cluster security group", ssh: "the pool's SSH security group", efa: "the pool's EFA security group (on every EFA interface)" };

const show = (v: unknown): string => JSON.stringify(v) ?? "undefined";

/** Text: per pool, its node groups and every effective kubelet field with its origin (derived ones with their formula). */
export function renderPools(pools: readonly PoolSummary[]): string {
  const lines: string[] = [
    "Worker pools (effective kubelet settings; origin: ami-base (nodeadm's config.json) | bottlerocket-built-in | hardened | eks-default | derived | configured | override; \"X over ami-base\": ours merged over the base):",
  ];
  for (const p of pools) {
    const groups = p.nodeGroups.map((g) => `${g.availabilityZones.join("+")} ${g.scaling.min}/${g.scaling.desired}/${g.scaling.max}`);
    lines.push(p.karpenter
      ? `  ${p.name}: ${p.os}, Karpenter over ${p.instanceTypes.length} matched instance types (${p.instanceTypes.slice(0, 6).join(", ")}${p.instanceTypes.length > 6 ? ", ..." : ""})`
      : `  ${p.name}: ${p.os}, ${p.instanceTypes.join(", ")}; node groups (min/desired/max): ${groups.join("; ")}`);
    lines.push(...renderPoolKarpenter(p));
    for (const field of Object.keys(p.kubelet.config).sort()) {
      lines.push(`    ${field.padEnd(34)} ${show(p.kubelet.config[field]).padEnd(44)} ${p.kubelet.origin[field]}`);
    }
    for (const d of p.kubelet.derivations) lines.push(`      ${d.field} = ${d.formula}`);
    for (const o of p.kubelet.overrides) lines.push(`      ${o.field} overridden: ${o.reason}`);
    if (p.kubelet.computedAtBoot.length) lines.push(`    computed by nodeadm at boot: ${p.kubelet.computedAtBoot.join(", ")}`);
    for (const n of p.kubelet.notRendered) lines.push(`    not rendered: ${n.field} (${n.reason})`);
    if (p.preparation.kernelModules.length) lines.push(`    node preparation: load kernel modules ${p.preparation.kernelModules.join(" ")}`);
    const access = p.access;
    if (access?.securityGroups) lines.push(`    security groups (launch template, in order): ${access.securityGroups.map((g) => OWN_GROUPS[g] ?? g).join(", ")}`);
    if (access?.keyName !== undefined) {
      const from = access.sshFrom ? `tcp/22 from ${access.sshFrom.join(", ")}` : "no port 22 ingress added";
      lines.push(`    SSH: key pair ${access.keyName}; ${from} (policy EKS-NODE-004 judges the key${access.sshFrom ? ", EKS-NG-001 the port" : ""})`);
    }
    if (p.autoRepair) lines.push(`    auto-repair off: ${p.autoRepair.reason ?? "no reason given"} (policy EKS-NG-003 judges it)`);
    if (p.repair) lines.push(`    auto-repair (nodeRepairConfig): ${show(p.repair)}`);
    for (const v of p.extraVolumes ?? []) {
      lines.push(`    extra volume ${v.deviceName}: ${v.sizeGiB} GiB ${v.type}${v.iops ? `, ${v.iops} IOPS` : ""}${v.throughput ? `, ${v.throughput} MiB/s` : ""}, encrypted; ${v.mountPath ? `XFS at ${v.mountPath} before the kubelet starts` : "attached unformatted"}`);
    }
    if (p.accelerator) lines.push(...renderPoolAccelerator(p.accelerator));
    if (p.containerRuntime) lines.push(...renderPoolRuntime(p.containerRuntime));
    if (p.customImage) lines.push(...renderCustomImage(p.customImage));
    if (p.node) lines.push(...renderPoolNodeSettings(p.node));
    if (p.capacity) lines.push(...renderPoolCapacity(p.capacity));
    if (p.tags) lines.push(`    tags (node role, launch template, instances, volumes, node groups, SSH group): ${JSON.stringify(p.tags)}`);
    if (p.nodeRole) lines.push(`    node role policies: ${p.nodeRole.policyArns.join(", ")}`);
    const cache = p.nodeRole?.pullThroughCache;
    if (cache) lines.push(`    node role inline policy (pull-through cache fill): ${cache.actions.join(", ")} on ${cache.repositories.join(", ")}`);
    if (p.volumeKmsKeyArn) lines.push(`    volumes encrypted with ${p.volumeKmsKeyArn} (its key policy must let AWSServiceRoleForAutoScaling use it and create grants)`);
  }
  return lines.join("\n");
}

/** The custom image lines of the text plan. */
function renderCustomImage(c: CustomImageSummary): string[] {
  const labels = Object.entries(c.nodeLabels).map(([k, v]) => `${k}=${v}`).join(", ");
  return [
    `    custom image ${c.imageId} (amiType ${c.amiType}; no releaseVersion or version on the node group); patching: ${c.patching}`,
    `      complete bootstrap in the user data (EKS merges none): node labels ${labels || "none"}; taints ${c.registerWithTaints.join(", ") || "none"}`,
    ...c.labelsNotRendered.map((l) => `      not in the user data: ${l.key} (${l.why})`),
  ];
}
