/** Patching policy: rollout model, critical path, AZ-loss capacity, change freezes. Code outside this folder imports from here only. */
export * from "./az-loss";
export * from "./critical-path";
export * from "./deployed";
export * from "./freeze";
export * from "./promotion";
export * from "./release-history";
export * from "./rollout";
