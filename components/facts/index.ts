/** Facts AWS and Kubernetes define, shipped as data with their sources, and their typed loaders. Code outside this folder imports from here only. */
export * from "./aws-tagging";
export * from "./bottlerocket-settings-model";
export * from "./documents";
export * from "./ebs-volumes";
export * from "./eks-ami-variants";
export * from "./eks-limits";
export * from "./eks-versions";
export * from "./feature-gates";
export * from "./helm-charts";
export * from "./instance-accelerators";
export * from "./instance-types";
export * from "./kernel-tunables";
export * from "./managed-node-update";
export * from "./node-local-storage";
export * from "./nodeadm-kubelet-base";
export * from "./sysctls";
