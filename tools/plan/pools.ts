/**
 * Pure: each pool's node groups and the kubelet configuration its nodes run with, as the plan prints them and its JSON
 * carries them: on AL2023 nodeadm's base config.json for the pool's Kubernetes version (origin `ami-base`) with our
 * NodeConfig drop-in over it; on Bottlerocket what its template renders (`bottlerocket-built-in`) and the settings we emit.
 */
import { NodeAccessPlan, NodeRolePlan, ResolvedWorkerPoolArgs, planPoolTags, resolveWorkerPoolArgs, planWorkerPool } from "../../components/worker-pool";
import { Derivation, EffectiveOrigin, NotRendered, effectiveKubelet } from "../../components/kubelet";
import { placeholderCluster, poolArgs } from "../../infra/component-args";
import type { StackConfig } from "../../infra/stack-config";
import { PoolAcceleratorSummary, acceleratorSummary, renderPoolAccelerator } from "./pool-accelerator";

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
   * Only with `securityGroupIds` or `remoteAccess`: the launch template's security groups in order (`cluster` for the
   * cluster security group, `ssh` for the pool's SSH group), its key pair, and the groups admitted on tcp/22.
   * @default - neither key: no list, EKS attaches the cluster security group
   */
  readonly access?: { readonly securityGroups?: readonly string[]; readonly keyName?: string; readonly sshFrom?: readonly string[] };
  /** Only when auto-repair is off: why (policy EKS-NG-003 judges it). @default - auto-repair on */
  readonly autoRepair?: { readonly enabled: false; readonly reason?: string };
  /** Only for a GPU or Neuron pool: the drivers its AMI carries, the node group's amiType, the devices per node. @default - no accelerator */
  readonly accelerator?: PoolAcceleratorSummary;
  /**
   * Only when the stack or the pool sets tags: what every AWS resource of the pool carries (stack tags, the pool's over
   * them, the pool tags last), instances and volumes included. @default - the pool tags only
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** Only with `nodeRole.additionalPolicyArns`: every managed policy of the node role, the required ones first. @default - the required ones */
  readonly nodeRole?: { readonly policyArns: readonly string[] };
  /** Only with `rootVolume.kmsKeyArn`: the KMS key of every volume of the launch template. @default - EBS's AWS managed key */
  readonly volumeKmsKeyArn?: string;
}

/** The pool's tags, node role and volume key, each only when not the default. */
function identitySummary(a: ResolvedWorkerPoolArgs, name: string, role: NodeRolePlan): Pick<PoolSummary, "tags" | "nodeRole" | "volumeKmsKeyArn"> {
  return {
    ...(Object.keys(a.tags).length > 0 ? { tags: planPoolTags(a, name) } : {}),
    ...(role.kind === "created" && role.additionalPolicyArns.length > 0 ? { nodeRole: { policyArns: role.policyArns } } : {}),
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

/** The same plan the WorkerPool component builds, from config alone. */
export function summarizePools(config: StackConfig): PoolSummary[] {
  const { cluster, subnets } = placeholderCluster(config);
  return config.pools.map((p, i) => {
    const a = resolveWorkerPoolArgs(poolArgs(config, p, cluster, subnets));
    const plan = planWorkerPool(a, `workerpools:pools[${i}]`);
    const effective = effectiveKubelet({ os: a.os, kubernetesVersion: a.kubernetesVersion, plan: plan.kubelet });
    return {
      name: p.name,
      os: a.os,
      instanceTypes: a.instanceTypes,
      nodeGroups: plan.nodeGroups.map((g) => ({ suffix: g.suffix, availabilityZones: g.availabilityZones, scaling: g.scaling })),
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
      ...acceleratorSummary(plan.accelerator),
      ...identitySummary(a, p.name, plan.nodeRole),
    };
  });
}

const show = (v: unknown): string => JSON.stringify(v) ?? "undefined";

/** Text: per pool, its node groups and every effective kubelet field with its origin (derived ones with their formula). */
export function renderPools(pools: readonly PoolSummary[]): string {
  const lines: string[] = [
    "Worker pools (effective kubelet settings; origin: ami-base (nodeadm's config.json) | bottlerocket-built-in | hardened | eks-default | derived | configured | override; \"X over ami-base\": ours merged over the base):",
  ];
  for (const p of pools) {
    const groups = p.nodeGroups.map((g) => `${g.availabilityZones.join("+")} ${g.scaling.min}/${g.scaling.desired}/${g.scaling.max}`);
    lines.push(`  ${p.name}: ${p.os}, ${p.instanceTypes.join(", ")}; node groups (min/desired/max): ${groups.join("; ")}`);
    for (const field of Object.keys(p.kubelet.config).sort()) {
      lines.push(`    ${field.padEnd(34)} ${show(p.kubelet.config[field]).padEnd(44)} ${p.kubelet.origin[field]}`);
    }
    for (const d of p.kubelet.derivations) lines.push(`      ${d.field} = ${d.formula}`);
    for (const o of p.kubelet.overrides) lines.push(`      ${o.field} overridden: ${o.reason}`);
    if (p.kubelet.computedAtBoot.length) lines.push(`    computed by nodeadm at boot: ${p.kubelet.computedAtBoot.join(", ")}`);
    for (const n of p.kubelet.notRendered) lines.push(`    not rendered: ${n.field} (${n.reason})`);
    if (p.preparation.kernelModules.length) lines.push(`    node preparation: load kernel modules ${p.preparation.kernelModules.join(" ")}`);
    const access = p.access;
    if (access?.securityGroups) lines.push(`    security groups (launch template, in order): ${access.securityGroups.map((g) => (g === "cluster" ? "the cluster security group" : g === "ssh" ? "the pool's SSH security group" : g)).join(", ")}`);
    if (access?.keyName !== undefined) {
      const from = access.sshFrom ? `tcp/22 from ${access.sshFrom.join(", ")}` : "no port 22 ingress added";
      lines.push(`    SSH: key pair ${access.keyName}; ${from} (policy EKS-NODE-004 judges the key${access.sshFrom ? ", EKS-NG-001 the port" : ""})`);
    }
    if (p.autoRepair) lines.push(`    auto-repair off: ${p.autoRepair.reason ?? "no reason given"} (policy EKS-NG-003 judges it)`);
    if (p.accelerator) lines.push(...renderPoolAccelerator(p.accelerator));
    if (p.tags) lines.push(`    tags (node role, launch template, instances, volumes, node groups, SSH group): ${JSON.stringify(p.tags)}`);
    if (p.nodeRole) lines.push(`    node role policies: ${p.nodeRole.policyArns.join(", ")}`);
    if (p.volumeKmsKeyArn) lines.push(`    volumes encrypted with ${p.volumeKmsKeyArn} (its key policy must let AWSServiceRoleForAutoScaling use it and create grants)`);
  }
  return lines.join("\n");
}
