/**
 * Validation of rendered NodePools and EC2NodeClasses against Karpenter's CRD schemas of the pinned release (shipped in
 * components/facts), with ajv, before a resource is registered. Unknown fields are refused (as `kubectl apply
 * --validate=strict` does; the API server would silently prune them).
 */
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { ConfigIssue, isRecord } from "../core";
import { KARPENTER_CRDS, KarpenterKind } from "../facts";

/** The schema with `additionalProperties: false` on every object that lists its properties and says nothing else. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "properties" && isRecord(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closed(s)])) : closed(v)]));
  if (isRecord(schema.properties) && schema.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

// Built at first use: a plan without Karpenter never constructs this ajv instance.
let ajv: Ajv | undefined;
const validators = new Map<KarpenterKind, ValidateFunction>();

function validatorFor(kind: KarpenterKind): ValidateFunction {
  const known = validators.get(kind);
  if (known) return known;
  ajv ??= new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const schema = closed(KARPENTER_CRDS[kind].schema);
  const v = ajv.compile(isRecord(schema) ? { ...schema, properties: { ...(isRecord(schema.properties) ? schema.properties : {}), apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" } } } : {});
  validators.set(kind, v);
  return v;
}

const describe = (e: ErrorObject): string =>
  e.keyword === "additionalProperties" && isRecord(e.params) ? `unknown field "${String(e.params.additionalProperty)}"` : e.message ?? e.keyword;

/** Every schema error of `manifest` (a `kind` object), at `at` + the field's JSON pointer in dotted form. */
export function validateKarpenterManifest(kind: KarpenterKind, manifest: unknown, at: string): ConfigIssue[] {
  const v = validatorFor(kind);
  if (v(manifest)) return [];
  return (v.errors ?? []).map((e) => ({
    path: `${at}${e.instancePath.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join("")}`,
    message: `${kind} (Karpenter CRD ${KARPENTER_CRDS[kind].group}/${KARPENTER_CRDS[kind].version}): ${describe(e)}`,
  }));
}
