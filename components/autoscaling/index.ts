/** Autoscaling (SPEC §11.4): the Cluster Autoscaler for managed pools. Code outside this folder imports from here only. */
export * from "./cluster-autoscaler-args";
export * from "./cluster-autoscaler-plan";
export * from "./cluster-autoscaler";
