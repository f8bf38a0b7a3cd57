/** The VPC and subnets: the Network component and its pure subnet plan. Code outside this folder imports from here only. */
export * from "./args";
export * from "./network";
export * from "./plan";
export * from "./zones";
export * from "./pod-subnets";
