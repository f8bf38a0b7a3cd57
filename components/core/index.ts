/** Small shared pieces: ARN parsers, config issues, type guards, data readers, plain-object helpers, CIDR maths, MIME multipart, option shapes, Pulumi type tokens. Code outside this folder imports from here only. */
export * from "./arns";
export * from "./cidr";
export * from "./guards";
export * from "./issues";
export * from "./mime";
export * from "./option-spec";
export * from "./parse";
export * from "./records";
export * from "./suggest";
export * from "./resource-types";
