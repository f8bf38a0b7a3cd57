/**
 * EKS add-ons: the one addon catalog and the lists derived from it, the Addons component, args, rendered
 * configuration values, schemas, kube-proxy. Code outside this folder imports from here only.
 */
export * from "./addons";
export * from "./args";
export * from "./catalog";
export * from "./chart-values";
export * from "./cni";
export * from "./derive";
export * from "./device-plugins";
export * from "./extra";
export * from "./kube-proxy";
export * from "./schemas";
export * from "./schema-engine";
export { addonSchemaDigest, loadGeneratedValidator, precompiledValidator } from "./precompiled";
export * from "./validate";
export * from "./values";
export * from "./namespaces";
export * from "./cilium-iam";
