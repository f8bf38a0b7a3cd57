/** Node user data per OS: AL2023 NodeConfig in MIME multipart, Bottlerocket TOML, node scripts, and the one decoder reading them back. Code outside this folder imports from here only. */
export * from "./al2023";
export * from "./bottlerocket";
export * from "./container-runtime";
export * from "./containerd";
export * from "./decode";
export * from "./node-scripts";
export * from "./runtime-bottlerocket";
export * from "./runtime-plan";
export * from "./volume-mounts";
export * from "./node-settings";
export * from "./bottlerocket-extra";
