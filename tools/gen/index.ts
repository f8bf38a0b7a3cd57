/** Generators: stacks for the benchmark, the stack file's JSON Schema, the README's kubelet option table. Code outside this folder imports from here only. */
export * from "./config-json-schema";
export * from "./generate-stack";
export * from "./kubelet-table";
