/** The EKS control plane: the ControlPlane component, its args, validation and kubeconfig reading. Code outside this folder imports from here only. */
export * from "./args";
export * from "./control-plane";
export * from "./kubeconfig";
export * from "./validate";
export * from "./cluster-options";
