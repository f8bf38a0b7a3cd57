/** Facts AWS and Kubernetes define, shipped as data with their sources, and their typed loaders. Code outside this folder imports from here only. */
export * from "./documents";
export * from "./eks-versions";
export * from "./instance-types";
export * from "./managed-node-update";
