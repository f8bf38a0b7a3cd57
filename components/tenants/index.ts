/**
 * Tenants (SPEC §11.5): namespaces with Pod Security Admission labels, quotas, limit ranges and isolating network
 * policies, namespace-scoped EKS access entries, dedicated pools. Code outside this folder imports from here only.
 */
export * from "./args";
export * from "./plan";
export * from "./pool";
export * from "./tenants";
export * from "./validate";
