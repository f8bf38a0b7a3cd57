/**
 * The EC2 actions Cilium's operator needs under its ENI IPAM (`data/cilium-eni-iam.json`, whose `source` names the
 * cilium/cilium file, commit and version read), by condition, and the operator's service account in the chart.
 */
import raw from "./data/cilium-eni-iam.json";
import { isRecord } from "../core";

/** The conditions under which Cilium's documentation asks for more actions than `required`. */
export const CILIUM_ENI_IAM_CONDITIONS = ["required", "eniGarbageCollection", "releaseExcessIps", "ipv6", "instanceTagsFilter"] as const;
export type CiliumEniIamCondition = (typeof CILIUM_ENI_IAM_CONDITIONS)[number];

/** The Cilium operator's ENI IPAM IAM facts. */
export interface CiliumEniIamFacts {
  /** Where the list was read (repository, path, commit, version note). */
  readonly source: Readonly<Record<string, string>>;
  /** The operator's service account as the chart renders it by default. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** EC2 actions per condition (`required` always). */
  readonly actions: Readonly<Record<CiliumEniIamCondition, readonly string[]>>;
}

const fail = (at: string, what: string, v: unknown): never => {
  throw new Error(`data/cilium-eni-iam.json: ${at} must be ${what}, got ${JSON.stringify(v)}`);
};
const str = (r: unknown, key: string, at: string): string => {
  const v = isRecord(r) ? r[key] : undefined;
  return typeof v === "string" && v.length > 0 ? v : fail(`${at}.${key}`, "a non-empty string", v);
};
const actions = (v: unknown, at: string): string[] =>
  Array.isArray(v) && v.length > 0 && v.every((x): x is string => typeof x === "string" && /^ec2:[A-Z][A-Za-z0-9]+$/.test(x)) ? v : fail(at, "a non-empty list of ec2:Action names", v);

function parse(v: unknown): CiliumEniIamFacts {
  if (!isRecord(v) || !isRecord(v.source) || !isRecord(v.actions)) return fail("", "an object with source, serviceAccount and actions", v);
  const source = Object.fromEntries(Object.keys(v.source).map((k) => [k, str(v.source, k, "source")]));
  const of = (c: CiliumEniIamCondition): string[] => actions(isRecord(v.actions) ? v.actions[c] : undefined, `actions.${c}`);
  const byCondition: Record<CiliumEniIamCondition, readonly string[]> = {
    required: of("required"), eniGarbageCollection: of("eniGarbageCollection"), releaseExcessIps: of("releaseExcessIps"), ipv6: of("ipv6"), instanceTagsFilter: of("instanceTagsFilter"),
  };
  return {
    source,
    serviceAccount: { namespace: str(v.serviceAccount, "namespace", "serviceAccount"), name: str(v.serviceAccount, "name", "serviceAccount") },
    actions: byCondition,
  };
}

/** Parsed once at load; a malformed file fails here, not in a plan. */
export const CILIUM_ENI_IAM: CiliumEniIamFacts = parse(raw);
