/** The offline plan: mock runtime, run, document, printing, markdown and policy evaluation. Code outside this folder imports from here only. */
export * from "./addons";
export * from "./document";
export * from "./markdown";
export * from "./mock-runtime";
export * from "./offline-values";
export * from "./policy-eval";
export * from "./policy-table";
export * from "./pool-accelerator";
export * from "./pools";
export * from "./print";
export * from "./provider";
export * from "./resources";
export * from "./rollout-print";
export * from "./rollout-section";
export * from "./run";
export * from "./tags";
