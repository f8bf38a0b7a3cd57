/**
 * Kubelet feature gates per Kubernetes minor, as data (`data/kubelet-feature-gates.json`, whose `source` names
 * the kubernetes/kubernetes and staging files read and their refs): every gate a 1.35 kubelet registers, with
 * its versioned specs (`{since, default, stage, lockToDefault}`), the 1.35 dependencies between gates, and the
 * gates seen in 1.34 development that are gone by 1.35.
 *
 * The kubelet's `featureGates` is refused (k8s.io/component-base/featuregate SetFromMap) when a name is unknown,
 * when the spec in force is locked to its default and the value differs, or when no spec is in force yet at the
 * kubelet's version (the gate is "PreAlpha" there). From 1.35 it is also refused when an enabled gate depends on
 * a disabled one.
 */
import raw from "./data/kubelet-feature-gates.json";
import { isRecord } from "../core";

export const FEATURE_GATE_STAGES = ["ALPHA", "BETA", "GA", "DEPRECATED"] as const;
/** featuregate prerelease names (GA is `""` in Go). */
export type FeatureGateStage = (typeof FEATURE_GATE_STAGES)[number];

/** One versioned spec: in force from `since` until the next entry's `since`. */
export interface FeatureGateSpecEntry {
  /** Kubernetes minor, e.g. "1.33" ("0.0" for the built-in AllAlpha / AllBeta). */
  readonly since: string;
  readonly default: boolean;
  readonly stage: FeatureGateStage;
  readonly lockToDefault: boolean;
}

/** The spec of a gate in force at one Kubernetes minor. */
export interface FeatureGateSpec {
  readonly default: boolean;
  readonly stage: FeatureGateStage;
  readonly lockToDefault: boolean;
}

/** Where the data comes from. */
export interface FeatureGatesSource {
  readonly repo: string;
  readonly paths: readonly string[];
  readonly ref: string;
  readonly notes: string;
}

interface FeatureGatesData {
  readonly source: FeatureGatesSource;
  readonly gates: ReadonlyMap<string, readonly FeatureGateSpecEntry[]>;
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  readonly removed: ReadonlyMap<string, readonly FeatureGateSpecEntry[]>;
}

const FILE = "data/kubelet-feature-gates.json";
const MINOR_RE = /^(\d+)\.(\d+)$/;
const VERSION_RE = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/;

function fail(at: string, what: string, got: unknown): never {
  throw new Error(`${FILE}: ${at} ${what}, got ${JSON.stringify(got)}`);
}

function str(v: unknown, at: string): string {
  return typeof v === "string" && v.length > 0 ? v : fail(at, "must be a non-empty string", v);
}

/** [major, minor] of "1.NN"; used for the data's `since` (strict) and, through {@link minorOf}, for queries. */
function minorKey(v: string): number {
  const m = MINOR_RE.exec(v);
  if (!m) return NaN;
  return Number(m[1]) * 1000 + Number(m[2]);
}

function parseEntries(v: unknown, at: string): FeatureGateSpecEntry[] {
  if (!Array.isArray(v) || v.length === 0) fail(at, "must be a non-empty array of specs", v);
  let last = -1;
  return v.map((e: unknown, i) => {
    const here = `${at}[${i}]`;
    if (!isRecord(e)) fail(here, "must be an object", e);
    const since = str(e.since, `${here}.since`);
    const key = minorKey(since);
    if (Number.isNaN(key)) fail(`${here}.since`, 'must be "MAJOR.MINOR"', since);
    if (key <= last) fail(`${here}.since`, "must be later than the previous entry's", since);
    last = key;
    if (typeof e.default !== "boolean") fail(`${here}.default`, "must be a boolean", e.default);
    if (typeof e.lockToDefault !== "boolean") fail(`${here}.lockToDefault`, "must be a boolean", e.lockToDefault);
    const stage = FEATURE_GATE_STAGES.find((s) => s === e.stage) ?? fail(`${here}.stage`, `must be one of ${FEATURE_GATE_STAGES.join(", ")}`, e.stage);
    return { since, default: e.default, stage, lockToDefault: e.lockToDefault };
  });
}

function parseGateMap(v: unknown, at: string): Map<string, readonly FeatureGateSpecEntry[]> {
  if (!isRecord(v)) fail(at, "must be an object of gate name to specs", v);
  const out = new Map<string, readonly FeatureGateSpecEntry[]>();
  for (const [name, specs] of Object.entries(v)) out.set(name, parseEntries(specs, `${at}.${name}`));
  return out;
}

function parse(input: unknown): FeatureGatesData {
  if (!isRecord(input)) fail("the document", "must be an object", typeof input);
  const s = input.source;
  if (!isRecord(s)) fail("source", "must be an object", s);
  if (!Array.isArray(s.paths) || s.paths.length === 0) fail("source.paths", "must be a non-empty array", s.paths);
  const source: FeatureGatesSource = {
    repo: str(s.repo, "source.repo"),
    paths: s.paths.map((p: unknown, i) => str(p, `source.paths[${i}]`)),
    ref: str(s.ref, "source.ref"),
    notes: str(s.notes, "source.notes"),
  };
  const gates = parseGateMap(input.gates, "gates");
  const removed = parseGateMap(input.removedGates ?? {}, "removedGates");
  const dependencies = new Map<string, readonly string[]>();
  const deps = input.dependencies ?? {};
  if (!isRecord(deps)) fail("dependencies", "must be an object", deps);
  for (const [name, list] of Object.entries(deps)) {
    if (!gates.has(name)) fail(`dependencies.${name}`, "names a gate not in gates", name);
    if (!Array.isArray(list)) fail(`dependencies.${name}`, "must be an array", list);
    dependencies.set(name, list.map((d: unknown, i) => {
      const dep = str(d, `dependencies.${name}[${i}]`);
      return gates.has(dep) ? dep : fail(`dependencies.${name}[${i}]`, "names a gate not in gates", dep);
    }));
  }
  return { source, gates, dependencies, removed };
}

const DATA = parse(raw);

/** Repository, files and ref the gate data was read from. */
export const FEATURE_GATES_SOURCE: FeatureGatesSource = DATA.source;

/** Newest Kubernetes minor the data describes; queries above it get the 1.35 view. */
export const FEATURE_GATES_MAX_VERSION = "1.35";

/** The minor of "1.35", "1.35.2" or "v1.35.2" as a sortable key; throws on anything else. */
function minorOf(kubernetesVersion: string): number {
  const m = VERSION_RE.exec(kubernetesVersion.trim());
  if (!m) throw new Error(`feature gates: "${kubernetesVersion}" is not a Kubernetes version (expected 1.NN or 1.NN.P)`);
  return Number(m[1]) * 1000 + Number(m[2]);
}

function inForce(specs: readonly FeatureGateSpecEntry[], minor: number): FeatureGateSpec | undefined {
  let hit: FeatureGateSpecEntry | undefined;
  for (const s of specs) if (minorKey(s.since) <= minor) hit = s;
  return hit && { default: hit.default, stage: hit.stage, lockToDefault: hit.lockToDefault };
}

/**
 * The spec of gate `name` in force at `kubernetesVersion` (the last entry with `since` <= that minor), or
 * undefined when the kubelet does not know the name or the gate has no spec yet at that minor (both are refused
 * by the kubelet). Names are case-sensitive, as in the kubelet. Throws on a malformed version.
 */
export function featureGateAt(name: string, kubernetesVersion: string): FeatureGateSpec | undefined {
  const minor = minorOf(kubernetesVersion);
  const specs = DATA.gates.get(name);
  return specs ? inForce(specs, minor) : undefined;
}

/** Every gate with a spec in force at `kubernetesVersion`, sorted. Throws on a malformed version. */
export function knownFeatureGates(kubernetesVersion: string): string[] {
  const minor = minorOf(kubernetesVersion);
  return [...DATA.gates].filter(([, specs]) => inForce(specs, minor) !== undefined).map(([n]) => n).sort();
}

/** The full versioned history of a gate as recorded in the 1.35 sources, or undefined when unknown. */
export function featureGateHistory(name: string): readonly FeatureGateSpecEntry[] | undefined {
  return DATA.gates.get(name);
}

/** Gates that must be enabled for `name` to be enabled (1.35 defaultKubernetesFeatureGateDependencies); [] when none. */
export function featureGateDependencies(name: string): readonly string[] {
  return DATA.dependencies.get(name) ?? [];
}

/**
 * The last recorded specs of a gate that existed in 1.34 development but is gone by 1.35 (e.g. ComponentSLIs,
 * LoadBalancerIPMode), or undefined. A 1.35 kubelet refuses such a name as unknown; whether 1.34 still had it
 * is not recorded.
 */
export function removedFeatureGate(name: string): readonly FeatureGateSpecEntry[] | undefined {
  return DATA.removed.get(name);
}

/** Why the kubelet at `kubernetesVersion` would refuse `name: value` on its own (dependencies aside), or undefined. */
export function featureGateRefusal(name: string, value: boolean, kubernetesVersion: string): string | undefined {
  const spec = featureGateAt(name, kubernetesVersion);
  if (!spec) {
    return DATA.gates.has(name)
      ? `feature gate ${name} does not exist yet in Kubernetes ${kubernetesVersion}`
      : `unrecognized feature gate: ${name}`;
  }
  if (spec.lockToDefault && spec.default !== value) {
    return `cannot set feature gate ${name} to ${String(value)}, feature is locked to ${String(spec.default)}`;
  }
  return undefined;
}
