/** `npm run bench`: cases, measurement, report. Code outside this folder imports from here only. */
export * from "./cases";
export * from "./fleet";
export * from "./measure";
export * from "./report";
export * from "./rollout";
