/**
 * The zod schema of the `workerpools:*` stack config keys (SPEC §2, a public contract). Shape and types
 * only: unknown keys are refused (a typo is an error, not a silent default); defaults live in the
 * components' `resolve*Args` and in `resolveStackConfig`, not here.
 */
import { z } from "zod";
import { KUBELET_OPTION_SHAPES } from "../components/kubelet";
import {
  ACCELERATORS, AMI_CHANNELS, ARCHITECTURES, CAPACITY_TYPES, LAYOUTS, OPERATING_SYSTEMS, TAINT_EFFECTS, UPDATE_STRATEGIES, VOLUME_TYPES,
} from "../components/worker-pool";
import { LOG_TYPES, SUPPORT_TYPES } from "../components/control-plane";
import { ADDON_CONFIG_FIELDS, DevicePlugin, IPVS_SCHEDULERS, KUBE_PROXY_MODES, devicePluginFor } from "../components/addons";
import { NAT_GATEWAY_MODES } from "../components/network";
import { zodObjectFor, zodObjectWith } from "./option-zod";

const int = (min: number) => z.number().int().min(min);
const stringMap = z.record(z.string(), z.string());
const kubernetesVersion = z.string().regex(/^1\.\d{2}$/, 'a Kubernetes minor version such as "1.35"');

/** The typed kubelet options: one optional key per row of the kubelet option catalog, in catalog order. */
export const kubeletSchema = zodObjectFor(KUBELET_OPTION_SHAPES).describe("Typed kubelet options (KubeletConfiguration v1beta1 field names)");

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
});

export const kubeProxySchema = z.strictObject({ mode: z.enum(KUBE_PROXY_MODES).optional(), ipvsScheduler: z.enum(IPVS_SCHEDULERS).optional() });

/** `workerpools:addons.<device plugin key>`: a Helm release beside the EKS addon catalog (components/addons device-plugins.ts). */
const devicePluginSchema = (row: DevicePlugin) => z.strictObject({
  enabled: z.union([z.literal("auto"), z.boolean()]).optional()
    .describe(`auto (default): installed when a ${row.accelerator} pool whose AMI ships no device plugin exists; true; false`),
  version: z.string().optional().describe(`exact ${row.chart.chart} chart version; default: the pinned one`),
}).optional();

/** `workerpools:addons`: each catalog addon's options under its key (components/addons catalog.ts), and each device plugin's. */
export const addonsSchema = zodObjectWith(ADDON_CONFIG_FIELDS, {
  nvidiaDevicePlugin: devicePluginSchema(devicePluginFor("nvidia")),
  neuronDevicePlugin: devicePluginSchema(devicePluginFor("neuron")),
});

export const poolSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"),
  os: z.enum(OPERATING_SYSTEMS).optional(),
  architecture: z.enum(ARCHITECTURES).optional(),
  accelerator: z.enum(ACCELERATORS).optional(),
  instanceTypes: z.array(z.string()),
  capacityType: z.enum(CAPACITY_TYPES).optional(),
  scaling: z.strictObject({ min: int(0), max: int(0), desired: int(0) }).optional(),
  layout: z.enum(LAYOUTS).optional(),
  availabilityZones: z.array(z.string()).optional(),
  labels: stringMap.optional(),
  taints: z.array(z.strictObject({ key: z.string(), value: z.string().optional(), effect: z.enum(TAINT_EFFECTS) })).optional(),
  rootVolume: z.strictObject({ sizeGiB: int(1).optional(), type: z.enum(VOLUME_TYPES).optional(), iops: int(1).optional(), throughput: int(1).optional() }).optional(),
  kubelet: kubeletSchema.optional(),
  ami: z.strictObject({ channel: z.enum(AMI_CHANNELS).optional(), releaseVersion: z.string().optional() }).optional(),
  update: z.strictObject({ maxUnavailable: int(0).optional(), maxUnavailablePercentage: int(0).optional(), strategy: z.enum(UPDATE_STRATEGIES).optional() }).optional(),
  kubernetesVersion: kubernetesVersion.optional(),
  autoRepair: z.strictObject({ enabled: z.boolean().optional(), reason: z.string().optional() }).optional(),
  metadataHopLimit: int(1).optional(),
  // Ids are checked by the pool's validator (components/worker-pool security-groups.ts), with paths, for library users too.
  securityGroupIds: z.array(z.string()).optional(),
  remoteAccess: z.strictObject({ ec2SshKey: z.string(), sourceSecurityGroupIds: z.array(z.string()).optional() }).optional(),
});

export const patchingSchema = z.strictObject({
  waves: z.array(z.array(z.string())).optional(),
  autoRepair: z.strictObject({ enabled: z.boolean().optional(), reason: z.string().optional() }).optional(),
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
