/** Generators: stacks for the benchmark, the stack file's JSON Schema, the precompiled add-on validators, the README's kubelet option table, the bad-input suite. Code outside this folder imports from here only. */
export * from "./aws-taggable-types";
export * from "./config-json-schema";
export * from "./addon-validators";
export * from "./generate-stack";
export * from "./kubelet-table";
export * from "./bad-inputs";
