/**
 * eks-workerpools: the public API, the library's one entry point. Components register resources; everything else
 * is a pure function over plain data (validation returns every issue with its path; renderers return text).
 * Each line re-exports from a folder's index; what is not listed here is internal to the library.
 */

// Components and their typed args
export { Network } from "./network";
export type { NetworkArgs, CreateVpcArgs, ExistingSubnetsArgs, PoolSubnet } from "./network";
export { ControlPlane, adminAccessEntries, CLUSTER_ADMIN_POLICY_ARN } from "./control-plane";
export { LOG_TYPES, SUPPORT_TYPES, LOG_RETENTION_DAYS, CONTROL_PLANE_DEFAULTS, resolveControlPlaneArgs } from "./control-plane";
export type {
  LogType, SupportType, EndpointAccess, ControlPlaneLogging, ControlPlaneArgs, ResolvedControlPlaneArgs, ClusterConnection,
} from "./control-plane";
export { WorkerPool } from "./worker-pool";
export {
  OPERATING_SYSTEMS, ARCHITECTURES, CAPACITY_TYPES, LAYOUTS, TAINT_EFFECTS, VOLUME_TYPES, UPDATE_STRATEGIES, AMI_CHANNELS,
  WORKER_POOL_DEFAULTS, resolveWorkerPoolArgs,
} from "./worker-pool";
export type {
  OperatingSystem, Architecture, CapacityType, Layout, TaintEffect, VolumeType, UpdateStrategy, AmiChannel, Scaling, Taint,
  RootVolume, AmiSelection, UpdatePolicy, AutoRepair, WorkerPoolArgs, ResolvedWorkerPoolArgs,
} from "./worker-pool";
export type { NodeRoleOptions, NodeRolePlan } from "./worker-pool";
export { Addons, RESOLVE_CONFLICTS, EBS_CSI_POLICY_ARN } from "./addons";
export {
  KUBE_PROXY_MODES, IPVS_SCHEDULERS, DEFAULT_IPVS_SCHEDULER, ADDON_ARG_KEYS, ADDONS_DEFAULTS, resolveAddonsArgs, resolveKubeProxySettings,
} from "./addons";
export type {
  AddonVersion, KubeProxyMode, IpvsScheduler, KubeProxySettings, VpcCniOptions, CorednsOptions, EbsCsiOptions, VersionOnly,
  PoolPlacement, AddonsArgs, ResolvedAddonsArgs, ResolvedKubeProxy,
} from "./addons";
export { Tenants, TENANT_DEFAULTS, POD_SECURITY_LEVELS, NETWORK_ISOLATIONS, resolveTenant } from "./tenants";
export type { TenantArgs, TenantsArgs, ResolvedTenant, TenantQuota, TenantLimits, ContainerResources, PodSecurityLevel, NetworkIsolation } from "./tenants";
export { planTenantNamespaces, planTenantAccess, podSecurityLabels, mergeTenantPlacement, tenantTaint, validateTenants, RESERVED_NAMESPACES } from "./tenants";
export { PLATFORM_NAMESPACES } from "./addons";

// Validation
export { ConfigError, formatIssue, errorsOf, assertValid } from "./core";
export type { ConfigIssue } from "./core";
export { validateWorkerPool, validateScaling, validateUpdate } from "./worker-pool";
export { validateControlPlane } from "./control-plane";
export { validateAddons, validateKubeProxy, validateRenderedValues } from "./addons";
export { validatePoolKubelet, validateKubeletCrossFields } from "./kubelet";
export { validateKubeletConfig, suggestField, KUBELET_CONFIG_SCHEMA } from "./kubelet";
export { validateAddonConfiguration, addonSchema, ADDON_NAMES } from "./addons";
export { validateBottlerocketKubelet, bottlerocketKeyFor } from "./kubelet";
export { validateSkew, validateKubernetesVersion, supportStatus, daysUntilStandardEnd, EKS_VERSIONS, AL2_LAST_VERSION } from "./facts";
export { validateKubeProxyMode } from "./addons";

// Kubelet model and rendering
export { CPU_MANAGER_POLICIES, TOPOLOGY_MANAGER_POLICIES, TOPOLOGY_MANAGER_SCOPES, mergeKubeletOptions } from "./kubelet";
export type {
  ResourceList, EvictionThresholds, CpuManagerPolicy, TopologyManagerPolicy, TopologyManagerScope, HardeningOverride, KubeletOptions,
} from "./kubelet";
export { planKubeletConfig, HARDENED_KUBELET_DEFAULTS } from "./kubelet";
export type { KubeletPlan, FieldOrigin, KubeletConfigFields } from "./kubelet";
export { deriveKubelet, splitForBottlerocket } from "./kubelet";
export type { Derivation, DerivedKubelet } from "./kubelet";
export { effectiveKubelet, validateShutdown, validateAllowedUnsafeSysctls, validateFeatureGates } from "./kubelet";
export type { EffectiveKubelet, EffectiveOrigin } from "./kubelet";
export { renderAl2023UserData, buildNodeConfig, NODECONFIG_CONTENT_TYPE, renderBottlerocketUserData } from "./userdata";
export type { NodeConfig, NodeConfigCluster, Al2023UserDataInput } from "./userdata";
export { renderMultipart } from "./core";
export type { MimePart } from "./core";
export { renderAl2023Preparation, ipvsModules } from "./userdata";

// Sizing facts and formulas
export { lookupInstanceType, KNOWN_INSTANCE_TYPES, instanceTypesSource } from "./facts";
export type { InstanceFacts } from "./facts";
export { computeMaxPods, eniMaxPods, prefixDelegationMaxPods, recommendedMaxPods, eksMaxPodsCap } from "./kubelet";
export { computeKubeReserved, validateReservations, EKS_DEFAULT_EVICTION_HARD } from "./kubelet";

// Placement and planning
export { planWorkerPool, planPoolKubelet, planBlockDevices, autoscalerNodeTemplateTags, NODE_ROLE_POLICIES } from "./worker-pool";
export { planNodeRole, validateNodeRole, planPoolTags, poolTags } from "./worker-pool";
export { validateAwsTags, MAX_TAGS_PER_RESOURCE } from "./facts";
export { parsePolicyArn, parseKmsKeyArn, AWS_PARTITIONS } from "./core";
export type { WorkerPoolPlan } from "./worker-pool";
export { planNodeGroups, splitEvenly } from "./worker-pool";
export { planZoneSubnets } from "./network";
export { amiReleaseSsmParameter, amiTypeFor, validateReleaseVersion, validateAmiSelection, validateImageId, planPoolImage } from "./worker-pool";
export type { PoolImage, CustomImageBootstrap } from "./worker-pool";
export { ACCELERATORS, AMI_TYPES, amiImageIdSsmParameter, amiVariantFor, planAccelerator, validateAccelerator, typeAcceleration } from "./worker-pool";
export type { Accelerator, AmiAccelerator, AmiType, PoolAcceleratorPlan, NodeAccelerators, TypeAcceleration } from "./worker-pool";
export { EKS_AMI_VARIANTS, UNAVAILABLE_AMI_VARIANTS, eksAmiVariantsSource } from "./facts";
export type { EksAmiVariant } from "./facts";
export { renderVpcCniValues, renderKubeProxyValues, renderCorednsValues, renderEbsCsiValues } from "./addons";

// Patching: rollout model, AZ-loss capacity, change freezes
export { planRollout, planNodeGroupRollout, maxUnavailableNodes, batchCount, ROLLOUT_ASSUMPTIONS, resolveAssumptions } from "./patching";
export type { Rollout, RolloutInput, RolloutAssumptions, NodeGroupRollout, WaveRollout } from "./patching";
export { criticalPath } from "./patching";
export { assessAzLoss, assessFleetAzLoss, azLossCase } from "./patching";
export type { AzLossPool, PoolAzLoss } from "./patching";
export { activeFreeze, applyFreeze, parseVersionState } from "./patching";
export type { FreezeWindow, FreezeDecision, VersionState, HeldChange } from "./patching";

// Autoscaling: the Cluster Autoscaler for managed pools
export { ClusterAutoscaler, autoscalerPoolArgs, CLUSTER_AUTOSCALER_EXPANDERS, CLUSTER_AUTOSCALER_DEFAULTS, resolveClusterAutoscalerOptions } from "./autoscaling";
export { planClusterAutoscaler, planPriorities, renderClusterAutoscalerValues, renderClusterAutoscalerPolicy, renderPriorities, validateClusterAutoscaler } from "./autoscaling";
export type {
  ClusterAutoscalerArgs, ClusterAutoscalerPoolArgs, ClusterAutoscalerOptions, ResolvedClusterAutoscalerOptions, ClusterAutoscalerExpander,
  ClusterAutoscalerPlan, AutoscalerPool, AutoscalerPriority,
} from "./autoscaling";
export { CLUSTER_AUTOSCALER, clusterAutoscalerRelease } from "./facts";
export type { ClusterAutoscalerFacts, ClusterAutoscalerRelease } from "./facts";
