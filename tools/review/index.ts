/** Change review of a plan against a baseline plan. Code outside this folder imports from here only. */
export * from "./change-diff";
export * from "./change-review";
export * from "./hazards";
export * from "./karpenter-review";
export * from "./platform-review";
export * from "./tenant-review";
export * from "./cni-review";
