/** The kubelet model: typed options, layers, derived values, validation, Bottlerocket mapping. Code outside this folder imports from here only. */
export * from "./bottlerocket-settings";
export * from "./catalog";
export * from "./derive";
export * from "./effective";
export * from "./issue-source";
export * from "./layers";
export * from "./max-pods";
export * from "./options";
export * from "./refusals";
export * from "./render-bottlerocket";
export * from "./reserved-resources";
export * from "./schema";
export * from "./validate";
export * from "./values";
