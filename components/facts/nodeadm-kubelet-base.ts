/**
 * The base KubeletConfiguration nodeadm writes on AL2023 (`/etc/kubernetes/kubelet/config.json`), per Kubernetes
 * minor, as data (`data/nodeadm-kubelet-base.json`, whose `source` names the amazon-eks-ami commit and the lines
 * of `nodeadm/internal/kubelet/config.go` it was read from). The user's NodeConfig `spec.kubelet.config` goes to a
 * drop-in the kubelet merges over this base, so a node's effective configuration is base + drop-in: e.g. from
 * 1.34 the base has `shutdownGracePeriodCriticalPods: 30s`, so a drop-in that only lowers `shutdownGracePeriod`
 * under 30s makes the kubelet refuse to start.
 */
import { isRecord } from "../core";
import raw from "./data/nodeadm-kubelet-base.json";

/** Where the data was read. */
export interface NodeadmKubeletBaseSource {
  readonly repo: string;
  readonly path: string;
  /** Full 40-hex commit the file was read at. */
  readonly commit: string;
  /** Date of that commit, `YYYY-MM-DD`. */
  readonly date: string;
  /** Lines read, version gates, what is not modelled. */
  readonly notes: string;
}

/** One field of the base config: a static value (maybe for a range of minors) or a value nodeadm computes at boot. */
export interface NodeadmKubeletBaseField {
  /** KubeletConfiguration JSON field name (top level). */
  readonly field: string;
  /** The value as nodeadm serializes it; absent for computed fields. */
  readonly value?: unknown;
  /** How nodeadm computes the value at boot (instance, cluster, NodeConfig); absent for static fields. */
  readonly computed?: string;
  /** First Kubernetes minor with this value, inclusive ("1.34"). @default - every older minor */
  readonly since?: string;
  /** Last Kubernetes minor with this value, inclusive. @default - every newer minor */
  readonly until?: string;
  /** Source lines, PRs. @default - none */
  readonly note?: string;
}

const FILE = "data/nodeadm-kubelet-base.json";
const MINOR_RE = /^1\.(\d+)$/;
const VERSION_RE = /^v?1\.(\d+)(?:\.\d+)?$/;
const FIELD_KEYS: ReadonlySet<string> = new Set(["field", "value", "computed", "since", "until", "note"]);

const fail = (message: string): never => {
  throw new Error(`${FILE}: ${message}`);
};

function str(v: unknown, at: string, re?: RegExp): string {
  if (typeof v === "string" && v.length > 0 && (re === undefined || re.test(v))) return v;
  return fail(`${at} must be a ${re ? `string matching ${String(re)}` : "non-empty string"}, got ${JSON.stringify(v)}`);
}

function parseSource(v: unknown): NodeadmKubeletBaseSource {
  if (!isRecord(v)) return fail("source must be an object");
  return {
    repo: str(v.repo, "source.repo", /^[\w.-]+\/[\w.-]+$/),
    path: str(v.path, "source.path"),
    commit: str(v.commit, "source.commit", /^[0-9a-f]{40}$/),
    date: str(v.date, "source.date", /^\d{4}-\d{2}-\d{2}$/),
    notes: str(v.notes, "source.notes"),
  };
}

const minorOf = (v: string): number => Number((MINOR_RE.exec(v) ?? [])[1]);

function parseField(v: unknown, i: number): NodeadmKubeletBaseField {
  const at = `fields[${i}]`;
  if (!isRecord(v)) return fail(`${at} must be an object`);
  for (const key of Object.keys(v)) if (!FIELD_KEYS.has(key)) fail(`${at} has unknown key ${JSON.stringify(key)}`);
  const field = str(v.field, `${at}.field`, /^[a-zA-Z][a-zA-Z0-9]*$/);
  const hasValue = "value" in v && v.value !== undefined;
  if (hasValue === ("computed" in v)) fail(`${at} (${field}) needs exactly one of value and computed`);
  const since = v.since === undefined ? undefined : str(v.since, `${at}.since`, MINOR_RE);
  const until = v.until === undefined ? undefined : str(v.until, `${at}.until`, MINOR_RE);
  if (since !== undefined && until !== undefined && minorOf(since) > minorOf(until)) fail(`${at} (${field}) has since ${since} after until ${until}`);
  return {
    field,
    ...(hasValue ? { value: v.value } : { computed: str(v.computed, `${at}.computed`) }),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(v.note !== undefined ? { note: str(v.note, `${at}.note`) } : {}),
  };
}

const lo = (f: NodeadmKubeletBaseField): number => (f.since === undefined ? -Infinity : minorOf(f.since));
const hi = (f: NodeadmKubeletBaseField): number => (f.until === undefined ? Infinity : minorOf(f.until));

/** Checks a document shaped like `data/nodeadm-kubelet-base.json`; throws an Error naming the first problem. */
export function parseNodeadmKubeletBase(doc: unknown): { readonly source: NodeadmKubeletBaseSource; readonly fields: readonly NodeadmKubeletBaseField[] } {
  if (!isRecord(doc)) return fail("the document must be an object");
  const source = parseSource(doc.source);
  if (!Array.isArray(doc.fields) || doc.fields.length === 0) return fail("fields must be a non-empty array");
  const fields = doc.fields.map((f: unknown, i: number) => parseField(f, i));
  fields.forEach((a, i) => {
    for (const b of fields.slice(i + 1)) {
      if (a.field !== b.field) continue;
      if ((a.computed ?? b.computed) !== undefined) fail(`${a.field} is listed more than once and is computed`);
      if (lo(a) <= hi(b) && lo(b) <= hi(a)) fail(`${a.field} has overlapping version ranges`);
    }
  });
  return { source, fields };
}

const DOC = parseNodeadmKubeletBase(raw);

/** The amazon-eks-ami commit and config.go lines the base was read from. */
export const NODEADM_KUBELET_BASE_SOURCE: NodeadmKubeletBaseSource = DOC.source;

/** Every row of the data, static and computed, in file order. */
export const NODEADM_KUBELET_BASE_FIELDS: readonly NodeadmKubeletBaseField[] = DOC.fields;

/**
 * The static fields of nodeadm's base kubelet config for a kubelet version ("1.34", "1.34.2" or "v1.34.2": only the
 * minor counts, as nodeadm compares the vX.Y.Z it reads from the kubelet). Computed fields (maxPods, kubeReserved,
 * clusterDNS, providerID, imageServiceEndpoint) are left out. Returns fresh copies. Throws RangeError on a non-1.x version.
 */
export function nodeadmKubeletBase(kubernetesVersion: string): Readonly<Record<string, unknown>> {
  const m = VERSION_RE.exec(kubernetesVersion.trim());
  if (!m) throw new RangeError(`not a Kubernetes 1.x version: ${JSON.stringify(kubernetesVersion)}`);
  const minor = Number(m[1]);
  const out: Record<string, unknown> = {};
  for (const f of DOC.fields) {
    if (f.computed === undefined && lo(f) <= minor && minor <= hi(f)) out[f.field] = structuredClone(f.value);
  }
  return out;
}

/** Names of the fields nodeadm computes at boot from the instance and cluster (no static value). */
export function nodeadmComputedFields(): readonly string[] {
  return DOC.fields.filter((f) => f.computed !== undefined).map((f) => f.field);
}
