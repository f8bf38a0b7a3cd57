/** Worker pools: the WorkerPool component, args, validation, the pure plan, AMI and labels. Code outside this folder imports from here only. */
export * from "./accelerator";
export * from "./ami";
export * from "./args";
export * from "./fleet";
export * from "./labels";
export * from "./limits";
export * from "./node-role";
export * from "./plan";
export * from "./security-groups";
export * from "./userdata";
export * from "./validate";
export * from "./worker-pool";
export * from "./zone-spread";
