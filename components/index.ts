/**
 * eks-workerpools: the public API. Components register resources; everything else is a pure function
 * over plain data (validation returns every issue with its path; renderers return text).
 */

// Components
export { Network } from "./network/network";
export type { NetworkArgs, CreateVpcArgs, ExistingSubnetsArgs } from "./network/network";
export { ControlPlane, adminAccessEntries, CLUSTER_ADMIN_POLICY_ARN } from "./control-plane/control-plane";
export * from "./control-plane/args";
export { WorkerPool } from "./worker-pool/worker-pool";
export * from "./worker-pool/args";
export { Addons, RESOLVE_CONFLICTS, EBS_CSI_POLICY_ARN } from "./addons/addons";
export * from "./addons/args";

// Validation
export * from "./core/issues";
export { validateWorkerPool, validateScaling, validateUpdate } from "./worker-pool/validate";
export { validateControlPlane } from "./control-plane/validate";
export { validateAddons, validateKubeProxy, validateRenderedValues } from "./addons/validate";
export { validatePoolKubelet, validateKubeletCrossFields } from "./kubelet/validate";
export { validateKubeletConfig, suggestField, KUBELET_CONFIG_SCHEMA } from "./kubelet/schema";
export { validateAddonConfiguration, addonSchema, ADDON_NAMES } from "./addons/schemas";
export { validateBottlerocketKubelet, bottlerocketKeyFor } from "./kubelet/bottlerocket-settings";
export { validateSkew, validateKubernetesVersion, supportStatus, daysUntilStandardEnd, EKS_VERSIONS, AL2_LAST_VERSION } from "./facts/eks-versions";
export { validateKubeProxyMode } from "./addons/kube-proxy";

// Kubelet model and rendering
export * from "./kubelet/options";
export { planKubeletConfig, HARDENED_KUBELET_DEFAULTS } from "./kubelet/layers";
export type { KubeletPlan, FieldOrigin, KubeletConfigFields } from "./kubelet/layers";
export { deriveKubelet } from "./kubelet/derive";
export type { Derivation, DerivedKubelet } from "./kubelet/derive";
export { renderAl2023UserData, buildNodeConfig, NODECONFIG_CONTENT_TYPE } from "./userdata/al2023";
export type { NodeConfig, NodeConfigCluster, Al2023UserDataInput } from "./userdata/al2023";
export { renderBottlerocketUserData, splitForBottlerocket } from "./userdata/bottlerocket";
export { renderMultipart } from "./core/mime";
export type { MimePart } from "./core/mime";
export { renderAl2023Preparation, ipvsModules } from "./userdata/node-scripts";

// Sizing facts and formulas
export { lookupInstanceType, KNOWN_INSTANCE_TYPES, instanceTypesSource } from "./facts/instance-types";
export type { InstanceFacts } from "./facts/instance-types";
export { computeMaxPods, eniMaxPods, prefixDelegationMaxPods, recommendedMaxPods, eksMaxPodsCap } from "./kubelet/max-pods";
export { computeKubeReserved, validateReservations, EKS_DEFAULT_EVICTION_HARD } from "./kubelet/reserved-resources";

// Placement and planning
export { planWorkerPool, planPoolKubelet, planBlockDevices, autoscalerNodeTemplateTags, NODE_ROLE_POLICIES } from "./worker-pool/plan";
export type { WorkerPoolPlan } from "./worker-pool/plan";
export { planNodeGroups, splitEvenly } from "./worker-pool/zone-spread";
export { planZoneSubnets } from "./network/plan";
export { amiReleaseSsmParameter, amiTypeFor, validateReleaseVersion } from "./worker-pool/ami";
export { renderVpcCniValues, renderKubeProxyValues, renderCorednsValues, renderEbsCsiValues } from "./addons/values";

// Patching: rollout model, AZ-loss capacity, change freezes
export { planRollout, planNodeGroupRollout, maxUnavailableNodes, batchCount, ROLLOUT_ASSUMPTIONS, resolveAssumptions } from "./patching/rollout";
export type { Rollout, RolloutInput, RolloutAssumptions, NodeGroupRollout, WaveRollout } from "./patching/rollout";
export { criticalPath } from "./patching/critical-path";
export { assessAzLoss, assessFleetAzLoss, azLossCase } from "./patching/az-loss";
export type { AzLossPool, PoolAzLoss } from "./patching/az-loss";
export { activeFreeze, applyFreeze, parseVersionState } from "./patching/freeze";
export type { FreezeWindow, FreezeDecision, VersionState, HeldChange } from "./patching/freeze";
