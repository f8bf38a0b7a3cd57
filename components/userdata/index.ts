/** Node user data per OS: AL2023 NodeConfig in MIME multipart, Bottlerocket TOML, node scripts. Code outside this folder imports from here only. */
export * from "./al2023";
export * from "./bottlerocket";
export * from "./node-scripts";
