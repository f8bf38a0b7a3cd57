/**
 * The zod schema of the `workerpools:*` stack config keys (SPEC §2, a public contract). Shape and types
 * only: unknown keys are refused (a typo is an error, not a silent default); defaults live in the
 * components' `resolve*Args` and in `resolveStackConfig`, not here.
 */
import { z } from "zod";
import { CPU_MANAGER_POLICIES, TOPOLOGY_MANAGER_POLICIES, TOPOLOGY_MANAGER_SCOPES } from "../components/kubelet";
import {
  AMI_CHANNELS, ARCHITECTURES, CAPACITY_TYPES, LAYOUTS, OPERATING_SYSTEMS, TAINT_EFFECTS, UPDATE_STRATEGIES, VOLUME_TYPES,
} from "../components/worker-pool";
import { LOG_TYPES, SUPPORT_TYPES } from "../components/control-plane";
import { IPVS_SCHEDULERS, KUBE_PROXY_MODES } from "../components/addons";

const int = (min: number) => z.number().int().min(min);
const stringMap = z.record(z.string(), z.string());
const version = z.string().describe('"latest" or an exact EKS addon version such as v1.19.2-eksbuild.1');
const kubernetesVersion = z.string().regex(/^1\.\d{2}$/, 'a Kubernetes minor version such as "1.35"');

export const kubeletSchema = z.strictObject({
  maxPods: int(1).optional(),
  kubeReserved: stringMap.optional(),
  systemReserved: stringMap.optional(),
  evictionHard: stringMap.optional(),
  evictionSoft: stringMap.optional(),
  evictionSoftGracePeriod: stringMap.optional(),
  evictionMaxPodGracePeriod: int(0).optional(),
  imageGCHighThresholdPercent: int(0).max(100).optional(),
  imageGCLowThresholdPercent: int(0).max(100).optional(),
  containerLogMaxSize: z.string().optional(),
  containerLogMaxFiles: int(2).optional(),
  shutdownGracePeriod: z.string().optional(),
  shutdownGracePeriodCriticalPods: z.string().optional(),
  cpuManagerPolicy: z.enum(CPU_MANAGER_POLICIES).optional(),
  topologyManagerPolicy: z.enum(TOPOLOGY_MANAGER_POLICIES).optional(),
  topologyManagerScope: z.enum(TOPOLOGY_MANAGER_SCOPES).optional(),
  registryPullQPS: int(0).optional(),
  registryBurst: int(0).optional(),
  maxParallelImagePulls: int(1).optional(),
  serializeImagePulls: z.boolean().optional(),
  podPidsLimit: z.number().int().min(-1).optional(),
  allowedUnsafeSysctls: z.array(z.string()).optional(),
  featureGates: z.record(z.string(), z.boolean()).optional(),
  hardeningOverrides: z.array(z.strictObject({ field: z.string(), value: z.unknown(), reason: z.string().min(1) })).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
}).describe("Typed kubelet options (KubeletConfiguration v1beta1 field names)");

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
  }),
  endpoint: z.strictObject({ privateAccess: z.boolean().optional(), publicAccessCidrs: z.array(z.string()).optional() }).optional(),
  logging: z.strictObject({ types: z.array(z.enum(LOG_TYPES)).optional(), retentionDays: int(1).optional() }).optional(),
  supportType: z.enum(SUPPORT_TYPES).optional(),
  deletionProtection: z.boolean().optional(),
  admins: z.array(z.string()).optional(),
  serviceIpv4Cidr: z.string().optional(),
});

export const kubeProxySchema = z.strictObject({ mode: z.enum(KUBE_PROXY_MODES).optional(), ipvsScheduler: z.enum(IPVS_SCHEDULERS).optional() });

const versionOnly = z.strictObject({ version: version.optional() });
export const addonsSchema = z.strictObject({
  vpcCni: z.strictObject({
    version: version.optional(), prefixDelegation: z.boolean().optional(), networkPolicy: z.boolean().optional(),
    warmIpTarget: int(0).optional(), warmPrefixTarget: int(0).optional(), minimumIpTarget: int(0).optional(),
  }).optional(),
  kubeProxy: versionOnly.optional(),
  coredns: z.strictObject({
    version: version.optional(), replicas: int(1).optional(), pool: z.string().optional(),
    autoscaling: z.strictObject({ minReplicas: int(1), maxReplicas: int(1) }).optional(),
  }).optional(),
  ebsCsi: z.strictObject({ version: version.optional(), controllerReplicas: int(1).optional() }).optional(),
  podIdentityAgent: versionOnly.optional(),
  nodeMonitoringAgent: versionOnly.optional(),
});

export const poolSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$/, "lowercase letters, digits and '-', at most 32 characters"),
  os: z.enum(OPERATING_SYSTEMS).optional(),
  architecture: z.enum(ARCHITECTURES).optional(),
  instanceTypes: z.array(z.string()),
  capacityType: z.enum(CAPACITY_TYPES).optional(),
  scaling: z.strictObject({ min: int(0), max: int(0), desired: int(0) }).optional(),
  layout: z.enum(LAYOUTS).optional(),
  availabilityZones: z.array(z.string()).optional(),
  labels: stringMap.optional(),
  taints: z.array(z.strictObject({ key: z.string(), value: z.string().optional(), effect: z.enum(TAINT_EFFECTS) })).optional(),
  rootVolume: z.strictObject({ sizeGiB: int(1).optional(), type: z.enum(VOLUME_TYPES).optional() }).optional(),
  kubelet: kubeletSchema.optional(),
  ami: z.strictObject({ channel: z.enum(AMI_CHANNELS).optional(), releaseVersion: z.string().optional() }).optional(),
  update: z.strictObject({ maxUnavailable: int(0).optional(), maxUnavailablePercentage: int(0).optional(), strategy: z.enum(UPDATE_STRATEGIES).optional() }).optional(),
  kubernetesVersion: kubernetesVersion.optional(),
  autoRepair: z.strictObject({ enabled: z.boolean().optional(), reason: z.string().optional() }).optional(),
  metadataHopLimit: int(1).optional(),
});

export const patchingSchema = z.strictObject({
  waves: z.array(z.array(z.string())).optional(),
  autoRepair: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  freeze: z.array(z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), reason: z.string().optional() })).optional(),
});

/** The whole `workerpools` namespace. */
export const stackConfigSchema = z.strictObject({
  cluster: clusterSchema,
  kubelet: kubeletSchema.optional(),
  kubeProxy: kubeProxySchema.optional(),
  addons: addonsSchema.optional(),
  pools: z.array(poolSchema).min(1),
  patching: patchingSchema.optional(),
});

/** Parsed (not yet defaulted) stack config. */
export type RawStackConfig = z.infer<typeof stackConfigSchema>;
export type RawPool = z.infer<typeof poolSchema>;
