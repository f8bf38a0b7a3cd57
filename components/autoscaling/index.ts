/** Autoscaling (SPEC §11.4): the Cluster Autoscaler for managed pools, and Karpenter pools (NodePool + EC2NodeClass from the pool model). Code outside this folder imports from here only. */
export * from "./cluster-autoscaler-args";
export * from "./cluster-autoscaler-plan";
export * from "./cluster-autoscaler-values";
export * from "./cluster-autoscaler";
export * from "./karpenter-args";
export * from "./instance-requirements";
export * from "./disruption-budgets";
export * from "./karpenter-nodeclass";
export * from "./karpenter-nodepool";
export * from "./karpenter-schema";
export * from "./karpenter-bands";
export * from "./karpenter-pool";
export * from "./karpenter-aws";
export * from "./karpenter";
