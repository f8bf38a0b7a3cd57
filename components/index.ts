/**
 * eks-workerpools: the public API. Components register resources; everything else is a pure function
 * over plain data (validation returns every issue with its path; renderers return text).
 */

// Components
export { Network } from "./network";
export type { NetworkArgs, CreateVpcArgs, ExistingSubnetsArgs } from "./network";
export { ControlPlane, adminAccessEntries, CLUSTER_ADMIN_POLICY_ARN } from "./control-plane";
export * from "./control-plane-args";
export { WorkerPool } from "./worker-pool";
export * from "./worker-pool-args";
export { Addons, RESOLVE_CONFLICTS, EBS_CSI_POLICY_ARN } from "./addons";
export * from "./addons-args";

// Validation
export * from "./config-issue";
export { validateWorkerPool, validateScaling, validateUpdate } from "./worker-pool-validate";
export { validateControlPlane } from "./control-plane-validate";
export { validateAddons, validateKubeProxy, validateRenderedValues } from "./addons-validate";
export { validatePoolKubelet, validateKubeletCrossFields } from "./kubelet-validate";
export { validateKubeletConfig, suggestField, KUBELET_CONFIG_SCHEMA } from "./kubelet-schema";
export { validateAddonConfiguration, addonSchema, ADDON_NAMES } from "./addon-schemas";
export { validateBottlerocketKubelet, bottlerocketKeyFor } from "./bottlerocket-settings";
export { validateSkew, validateKubernetesVersion, supportStatus, daysUntilStandardEnd, EKS_VERSIONS, AL2_LAST_VERSION } from "./eks-versions";
export { validateKubeProxyMode } from "./kube-proxy";

// Kubelet model and rendering
export * from "./kubelet-options";
export { planKubeletConfig, HARDENED_KUBELET_DEFAULTS } from "./kubelet-config";
export type { KubeletPlan, FieldOrigin, KubeletConfigFields } from "./kubelet-config";
export { deriveKubelet } from "./kubelet-derive";
export type { Derivation, DerivedKubelet } from "./kubelet-derive";
export { renderAl2023UserData, buildNodeConfig, NODECONFIG_CONTENT_TYPE } from "./userdata";
export type { NodeConfig, NodeConfigCluster, Al2023UserDataInput } from "./userdata";
export { renderBottlerocketUserData, splitForBottlerocket } from "./bottlerocket-userdata";
export { renderMultipart } from "./mime";
export type { MimePart } from "./mime";
export { renderAl2023Preparation, ipvsModules } from "./node-scripts";

// Sizing facts and formulas
export { lookupInstanceType, KNOWN_INSTANCE_TYPES, instanceTypesSource } from "./instance-types";
export type { InstanceFacts } from "./instance-types";
export { computeMaxPods, eniMaxPods, prefixDelegationMaxPods, recommendedMaxPods, eksMaxPodsCap } from "./max-pods";
export { computeKubeReserved, validateReservations, EKS_DEFAULT_EVICTION_HARD } from "./reserved-resources";

// Placement and planning
export { planWorkerPool, planPoolKubelet, planBlockDevices, autoscalerNodeTemplateTags, NODE_ROLE_POLICIES } from "./worker-pool-plan";
export type { WorkerPoolPlan } from "./worker-pool-plan";
export { planNodeGroups, splitEvenly } from "./zone-spread";
export { planZoneSubnets } from "./network-plan";
export { amiReleaseSsmParameter, amiTypeFor, validateReleaseVersion } from "./ami-release";
export { renderVpcCniValues, renderKubeProxyValues, renderCorednsValues, renderEbsCsiValues } from "./addon-values";

// Patching: rollout model, AZ-loss capacity, change freezes
export { planRollout, planNodeGroupRollout, maxUnavailableNodes, batchCount, ROLLOUT_ASSUMPTIONS, resolveAssumptions } from "./rollout";
export type { Rollout, RolloutInput, RolloutAssumptions, NodeGroupRollout, WaveRollout } from "./rollout";
export { criticalPath } from "./critical-path";
export { assessAzLoss, assessFleetAzLoss, azLossCase } from "./az-loss";
export type { AzLossPool, PoolAzLoss } from "./az-loss";
export { activeFreeze, applyFreeze, parseVersionState } from "./freeze";
export type { FreezeWindow, FreezeDecision, VersionState, HeldChange } from "./freeze";
