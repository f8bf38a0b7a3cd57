/** Limits AWS enforces on the requests this library makes (EKS API, EKS service quotas, EC2), shipped as data with their sources. */
import raw from "./data/eks-limits.json";

/** The limits by name, each a number. */
export type EksLimitName = keyof typeof raw.limits;

/** One limit's value. */
export const eksLimit = (name: EksLimitName): number => raw.limits[name].value;

/** Where a limit is stated. */
export const eksLimitSource = (name: EksLimitName): string => raw.limits[name].source;
