/**
 * The zod schema of the `workerpools:*` stack config keys (SPEC §2, a public contract). Shape and types
 * only: unknown keys are refused (a typo is an error, not a silent default); defaults live in the
 * components' `resolve*Args` and in `resolveStackConfig`, not here.
 */
import { z } from "zod";
import { KUBELET_OPTION_SHAPES } from "../components/kubelet";
import {
  ACCELERATORS, AMI_CHANNELS, ARCHITECTURES, CAPACITY_RESERVATION_PREFERENCES, CAPACITY_TYPES, INSTANCE_STORAGE_STRATEGIES, LAYOUTS, OPERATING_SYSTEMS,
  PLACEMENT_GROUPS, TAINT_EFFECTS, UPDATE_STRATEGIES, VOLUME_TYPES,
} from "../components/worker-pool";
import { LOG_TYPES, SUPPORT_TYPES } from "../components/control-plane";
import { NODE_REPAIR_ACTIONS } from "../components/facts";
import { ADDON_CONFIG_FIELDS, CILIUM_MODES, CNI_PROVIDERS, DevicePlugin, IPVS_SCHEDULERS, KUBE_PROXY_MODES, devicePluginFor } from "../components/addons";
import { NAT_GATEWAY_MODES } from "../components/network";
import { NETWORK_ISOLATIONS, POD_SECURITY_LEVELS } from "../components/tenants";
import { CONTAINER_RUNTIME_OPTION_SHAPES } from "../components/userdata";
import { CLUSTER_AUTOSCALER_EXPANDERS } from "../components/autoscaling";
import { zodObjectFor, zodObjectWith } from "./option-zod";
import { CONSOLIDATION_POLICIES, KARPENTER_CAPACITY_TYPES, PROVISIONERS } from "../components/autoscaling";

const int = (min: number) => z.number().int().min(min);

/** The stack-level AMI channel: the release another stack's pool has run for `soakDays` (infra/promotion.ts). */
export const PROMOTED_CHANNEL = "promoted";
const stringMap = z.record(z.string(), z.string());
const kubernetesVersion = z.string().regex(/^1\.\d{2}$/, 'a Kubernetes minor version such as "1.35"');

/** The typed kubelet options: one optional key per row of the kubelet option catalog, in catalog order. */
export const kubeletSchema = zodObjectFor(KUBELET_OPTION_SHAPES).describe("Typed kubelet options (KubeletConfiguration v1beta1 field names)");

/** `containerRuntime` (stack-wide and per pool): one optional key per row of the container runtime catalog. */
export const containerRuntimeSchema = zodObjectFor(CONTAINER_RUNTIME_OPTION_SHAPES).describe("containerd registry mirrors, ECR pull-through cache and download settings");

const intRange = z.strictObject({ min: int(0).optional(), max: int(0).optional() });
const subnet = z.strictObject({ id: z.string().regex(/^subnet-[0-9a-f]+$/, "a subnet id such as subnet-0abc"), az: z.string() });

export const clusterSchema = z.strictObject({
  name: z.string(),
  kubernetesVersion: kubernetesVersion.optional(),
  network: z.strictObject({
    vpcCidr: z.string().optional(),
    availabilityZones: z.array(z.string()).optional(),
    vpcId: z.string().optional(),
    privateSubnets: z.array(subnet).optional(),
    publicSubnets: z.array(subnet).optional(),
    natGateways: z.enum(NAT_GATEWAY_MODES).optional(),
  }),
  endpoint: z.strictObject({ privateAccess: z.boolean().optional(), publicAccessCidrs: z.array(z.string()).optional() }).optional(),
  logging: z.strictObject({ types: z.array(z.enum(LOG_TYPES)).optional(), retentionDays: int(1).optional() }).optional(),
  supportType: z.enum(SUPPORT_TYPES).optional(),
  deletionProtection: z.boolean().optional(),
  admins: z.array(z.string()).optional(),
  serviceIpv4Cidr: z.string().optional(),
  zonalShift: z.boolean().optional(),
});

export const kubeProxySchema = z.strictObject({ mode: z.enum(KUBE_PROXY_MODES).optional(), ipvsScheduler: z.enum(IPVS_SCHEDULERS).optional() });

/** `workerpools:addons.<device plugin key>`: a Helm release beside the EKS addon catalog (components/addons device-plugins.ts). */
const devicePluginSchema = (row: DevicePlugin) => z.strictObject({
  enabled: z.union([z.literal("auto"), z.boolean()]).optional()
    .describe(`auto (default): installed when a ${row.accelerator} pool whose AMI ships no device plugin exists; true; false`),
  version: z.string().optional().describe(`exact ${row.chart.chart} chart version; default: the pinned one`),
}).optional();

/** `workerpools:addons.extra[]`: an EKS add-on outside the catalog (names, versions and ARNs: components/addons extra.ts). */
const extraAddonSchema = z.strictObject({
  name: z.string().describe("EKS add-on name, not one of the catalog's"),
  version: z.string().optional().describe('"latest" (default) or an exact EKS add-on version'),
  configurationValues: z.record(z.string(), z.unknown()).optional().describe("sent as JSON; checked against the shipped schema of its name when there is one, else unchecked"),
  podIdentity: z.strictObject({
    serviceAccount: z.string().describe("namespace/name"),
    policyArns: z.array(z.string()).optional(),
  }).optional(),
});

/** `workerpools:addons`: each catalog addon's options under its key (components/addons catalog.ts), each device plugin's, and `extra`. */
export const addonsSchema = zodObjectWith(ADDON_CONFIG_FIELDS, {
  nvidiaDevicePlugin: devicePluginSchema(devicePluginFor("nvidia")),
  neuronDevicePlugin: devicePluginSchema(devicePluginFor("neuron")),
  extra: z.array(extraAddonSchema).optional(),
});

/** `workerpools:cni` (SPEC §11.5): the cluster's CNI; meaning checks in components/addons cni.ts. */
export const cniSchema = z.strictObject({
  provider: z.enum(CNI_PROVIDERS).optional().describe("vpc-cni (default: the EKS add-on) or cilium (Helm, before the node groups)"),
  cilium: z.strictObject({
    mode: z.enum(CILIUM_MODES).optional().describe("eni (default: Cilium's ENI IPAM, no vpc-cni) or chaining (on top of vpc-cni)"),
    kubeProxyReplacement: z.boolean().optional().describe("Cilium replaces kube-proxy (no kube-proxy add-on; workerpools:kubeProxy.mode must be unset)"),
    version: z.string().optional().describe("exact cilium chart version of https://helm.cilium.io; default: the pinned one"),
  }).optional(),
});

/** `pools[].autoRepair`: the switch, and the node group's `nodeRepairConfig` thresholds and overrides (ranges: the pool's validator). */
const poolAutoRepairSchema = z.strictObject({
  enabled: z.boolean().optional(),
  reason: z.string().optional(),
  maxUnhealthyNodeThresholdCount: z.number().optional(),
  maxUnhealthyNodeThresholdPercentage: z.number().optional(),
  maxParallelNodesRepairedCount: z.number().optional(),
  maxParallelNodesRepairedPercentage: z.number().optional(),
  overrides: z.array(z.strictObject({
    nodeMonitoringCondition: z.string(), nodeUnhealthyReason: z.string(), minRepairWaitTimeMins: z.number(), repairAction: z.enum(NODE_REPAIR_ACTIONS),
  })).optional(),
});

/** `pools[].extraVolumes[]`: a further EBS volume (sizes, device names and mount paths: the pool's validator). */
const extraVolumeSchema = z.strictObject({
  deviceName: z.string(), sizeGiB: z.number(), type: z.enum(VOLUME_TYPES).optional(), iops: int(1).optional(), throughput: int(1).optional(),
  mountPath: z.string().optional(),
  kmsKeyArn: z.string().optional().describe("a KMS key ARN or alias ARN in aws:region; default: rootVolume.kmsKeyArn"),
});
/** A TOML value for `userData.bottlerocketSettings` (the pool's validator checks it against the settings model). */
const tomlValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

export const poolSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"),
  os: z.enum(OPERATING_SYSTEMS).optional(),
  architecture: z.enum(ARCHITECTURES).optional(),
  accelerator: z.enum(ACCELERATORS).optional(),
  // Required for managed pools (the pool's validator says so); a karpenter pool matches its types from instanceRequirements.
  instanceTypes: z.array(z.string()).optional(),
  provisioner: z.enum(PROVISIONERS).optional().describe("managed (default): EKS managed node groups; karpenter: a Karpenter NodePool + EC2NodeClass"),
  instanceRequirements: z.strictObject({
    categories: z.array(z.string()).optional(), generations: intRange.optional(), cpu: intRange.optional(),
  }).optional().describe("karpenter pools: the instance types Karpenter may launch, matched against the shipped instance table"),
  capacityTypes: z.array(z.enum(KARPENTER_CAPACITY_TYPES)).min(1).optional().describe("karpenter pools: SPOT, ON_DEMAND (default [ON_DEMAND])"),
  limits: z.strictObject({ cpu: z.union([z.number().positive(), z.string()]), memory: z.string().optional() }).optional().describe("karpenter pools: NodePool spec.limits"),
  disruption: z.strictObject({
    consolidationPolicy: z.enum(CONSOLIDATION_POLICIES).optional(), consolidateAfter: z.string().optional(), expireAfter: z.string().optional(),
  }).optional().describe("karpenter pools: NodePool consolidation and node expiry"),
  capacityType: z.enum(CAPACITY_TYPES).optional(),
  // Ids, the one-target rule and the preference beside a target are checked by the pool's validator (components/worker-pool capacity.ts).
  capacityReservation: z.strictObject({
    id: z.string().optional().describe("Capacity Reservation or Capacity Block id, cr-…"),
    resourceGroupArn: z.string().optional().describe("Capacity Reservation resource group ARN"),
    preference: z.enum(CAPACITY_RESERVATION_PREFERENCES).optional(),
  }).optional(),
  efa: z.boolean().optional(),
  placementGroup: z.enum(PLACEMENT_GROUPS).optional(),
  scaling: z.strictObject({ min: int(0), max: int(0), desired: int(0) }).optional(),
  layout: z.enum(LAYOUTS).optional(),
  availabilityZones: z.array(z.string()).optional(),
  labels: stringMap.optional(),
  taints: z.array(z.strictObject({ key: z.string(), value: z.string().optional(), effect: z.enum(TAINT_EFFECTS) })).optional(),
  // Tag rules, policy and key ARN formats are checked by the pool's validator (components/worker-pool), with paths, for library users too.
  tags: stringMap.optional(),
  rootVolume: z.strictObject({
    sizeGiB: int(1).optional(), type: z.enum(VOLUME_TYPES).optional(), iops: int(1).optional(), throughput: int(1).optional(),
    kmsKeyArn: z.string().optional().describe("a KMS key ARN or alias ARN in aws:region, encrypting the pool's volumes"),
  }).optional(),
  nodeRole: z.strictObject({ additionalPolicyArns: z.array(z.string()).optional().describe("IAM managed policy ARNs attached besides the required ones") }).optional(),
  extraVolumes: z.array(extraVolumeSchema).optional(),
  kubelet: kubeletSchema.optional(),
  containerRuntime: containerRuntimeSchema.optional(),
  ami: z.strictObject({
    channel: z.enum([...AMI_CHANNELS, PROMOTED_CHANNEL]).optional(), releaseVersion: z.string().optional(), imageId: z.string().optional(),
    from: z.string().min(1).optional().describe("channel promoted: the source stack (a stack of this project, or org/project/stack)"),
    soakDays: int(0).optional().describe("channel promoted: whole days the source must have run a release before this pool takes it"),
  }).optional(),
  update: z.strictObject({ maxUnavailable: int(0).optional(), maxUnavailablePercentage: int(0).optional(), strategy: z.enum(UPDATE_STRATEGIES).optional() }).optional(),
  kubernetesVersion: kubernetesVersion.optional(),
  autoRepair: poolAutoRepairSchema.optional(),
  metadataHopLimit: int(1).optional(),
  // Ids are checked by the pool's validator (components/worker-pool security-groups.ts), with paths, for library users too.
  securityGroupIds: z.array(z.string()).optional(),
  remoteAccess: z.strictObject({ ec2SshKey: z.string(), sourceSecurityGroupIds: z.array(z.string()).optional() }).optional(),
  // Sysctl names, values and the escape hatches are checked by the pool's validator (components/worker-pool node-settings.ts).
  instanceStorage: z.enum(INSTANCE_STORAGE_STRATEGIES).optional(),
  kernel: z.strictObject({ sysctls: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).optional(),
  userData: z.strictObject({ preBootstrap: z.array(z.string()).optional(), bottlerocketSettings: z.record(z.string(), tomlValue).optional() }).optional(),
});

/** A resource quantity: Kubernetes quantity text, or a number (YAML `cpu: 2`); the syntax is the tenants' validator's. */
const quantity = z.union([z.string(), z.number()]);
const containerResources = z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() });

/** `workerpools:tenants[]` (names, namespaces, ARNs, quantities and pools: components/tenants validate.ts). */
export const tenantSchema = z.strictObject({
  name: z.string(),
  namespaces: z.array(z.string()),
  admins: z.array(z.string()).optional().describe("IAM role/user ARNs given AmazonEKSAdminPolicy on the tenant's namespaces"),
  viewers: z.array(z.string()).optional().describe("IAM role/user ARNs given AmazonEKSViewPolicy on the tenant's namespaces"),
  quota: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional(), pods: z.number().optional() }).optional(),
  limits: z.strictObject({ defaultRequest: containerResources.optional(), default: containerResources.optional() }).optional(),
  podSecurity: z.enum(POD_SECURITY_LEVELS).optional(),
  networkIsolation: z.enum(NETWORK_ISOLATIONS).optional(),
  pool: z.string().optional().describe("a pool dedicated to the tenant: it gets the label and NoSchedule taint tenant=<name>"),
});

export const tenantsSchema = z.array(tenantSchema).describe("tenants: namespaces, quotas, Pod Security Admission, isolation, namespace-scoped access, dedicated pools");

export const patchingSchema = z.strictObject({
  waves: z.array(z.array(z.string())).optional(),
  autoRepair: z.strictObject({ enabled: z.boolean().optional(), reason: z.string().optional() }).optional(),
  freeze: z.array(z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), reason: z.string().optional() })).optional(),
});

/** `workerpools:autoscaling` (SPEC §11.4): the Cluster Autoscaler for managed pools (its chart facts: components/facts cluster-autoscaler.json) and Karpenter. */
export const autoscalingSchema = z.strictObject({
  clusterAutoscaler: z.strictObject({
    enabled: z.boolean().optional().describe("install the Cluster Autoscaler; default false"),
    version: z.string().optional().describe("auto (default: the chart release of the cluster's Kubernetes minor) or an exact cluster-autoscaler chart version"),
    expander: z.enum(CLUSTER_AUTOSCALER_EXPANDERS).optional().describe("priority (default: the pools' order, ties by least-waste) or least-waste"),
    pool: z.string().optional().describe("the pool it runs on (min >= 1); default: the first pool"),
  }).optional(),
  karpenter: z.strictObject({
    enabled: z.boolean().optional(),
    version: z.string().optional().describe("Karpenter release (chart and CRDs); default and only accepted: the shipped one"),
    pool: z.string().optional().describe("the managed pool the controller runs on (required when enabled)"),
    interruptionQueue: z.boolean().optional().describe("SQS interruption queue and its EventBridge rules (default true)"),
  }).optional(),
});

/** The whole `workerpools` namespace. */
export const stackConfigSchema = z.strictObject({
  cluster: clusterSchema,
  tags: stringMap.optional().describe("tags on every taggable AWS resource of the stack; pools' tags add to and override them"),
  kubelet: kubeletSchema.optional(),
  containerRuntime: containerRuntimeSchema.optional(),
  kubeProxy: kubeProxySchema.optional(),
  cni: cniSchema.optional(),
  addons: addonsSchema.optional(),
  pools: z.array(poolSchema).min(1),
  patching: patchingSchema.optional(),
  tenants: tenantsSchema.optional(),
  autoscaling: autoscalingSchema.optional(),
});

/** Parsed (not yet defaulted) stack config. */
export type RawStackConfig = z.infer<typeof stackConfigSchema>;
export type RawPool = z.infer<typeof poolSchema>;
