/**
 * Shipped documents that other folders parse into their own typed models (each document names its source and
 * version inside it). The one place the data files are imported from outside facts/.
 */
import amazonCloudwatchObservability from "./data/addon-schemas/amazon-cloudwatch-observability.json";
import awsEbsCsiDriver from "./data/addon-schemas/aws-ebs-csi-driver.json";
import awsEfsCsiDriver from "./data/addon-schemas/aws-efs-csi-driver.json";
import coredns from "./data/addon-schemas/coredns.json";
import eksNodeMonitoringAgent from "./data/addon-schemas/eks-node-monitoring-agent.json";
import eksPodIdentityAgent from "./data/addon-schemas/eks-pod-identity-agent.json";
import kubeProxy from "./data/addon-schemas/kube-proxy.json";
import metricsServer from "./data/addon-schemas/metrics-server.json";
import vpcCni from "./data/addon-schemas/vpc-cni.json";
import bottlerocketKubernetesSettings from "./data/bottlerocket-kubernetes-settings.json";
import kubeletConfigV1beta1 from "./data/kubelet-config-v1beta1.json";
import kubeletWellKnown from "./data/kubelet-well-known.json";

/** `KubeletConfiguration` (kubelet.config.k8s.io/v1beta1) fields and types, from kubernetes `types.go`. */
export const KUBELET_CONFIG_V1BETA1_DOCUMENT: unknown = kubeletConfigV1beta1;
/** Well-known kubelet names: eviction signals, reservable resources, node labels and taints. */
export const KUBELET_WELL_KNOWN_DOCUMENT: unknown = kubeletWellKnown;
/** Bottlerocket `settings.kubernetes.*` names, types and fixed values. */
export const BOTTLEROCKET_KUBERNETES_SETTINGS_DOCUMENT: unknown = bottlerocketKubernetesSettings;

/** EKS add-on configuration schemas (`aws eks describe-addon-configuration`), by EKS add-on name. */
export const ADDON_SCHEMA_DOCUMENTS: Readonly<Record<string, unknown>> = {
  "vpc-cni": vpcCni,
  "kube-proxy": kubeProxy,
  coredns,
  "aws-ebs-csi-driver": awsEbsCsiDriver,
  "eks-pod-identity-agent": eksPodIdentityAgent,
  "eks-node-monitoring-agent": eksNodeMonitoringAgent,
  "metrics-server": metricsServer,
  "aws-efs-csi-driver": awsEfsCsiDriver,
  "amazon-cloudwatch-observability": amazonCloudwatchObservability,
};
