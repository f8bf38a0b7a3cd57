/**
 * Sysctls as the kubelet sees them, as data (`data/kubelet-sysctls.json`, whose `source` names the
 * kubernetes/kubernetes, component-helpers and pod-security-admission files and refs): which names are
 * namespaced (and so may be listed in `allowedUnsafeSysctls`), the name and pattern regexes, and the safe
 * sysctls with the Kubernetes minor that added each.
 *
 * The kubelet builds its allowlist from the safe sysctls plus `allowedUnsafeSysctls` (pkg/kubelet/sysctl
 * NewAllowlist) and refuses to start on the first entry that is not a valid pattern or not known to be
 * namespaced: `vm.max_map_count`, `fs.inotify.*` or `kernel.pid_max` there stop the node from joining.
 */
import raw from "./data/kubelet-sysctls.json";
import { isRecord } from "../core";

/** Kernel namespaces; the kubelet only knows ipc and net (UTS sysctls such as kernel.hostname are refused). */
export type SysctlNamespace = "ipc" | "net" | "uts";

/** A sysctl on the kubelet's safe list. */
export interface SafeSysctl {
  readonly name: string;
  /** First Kubernetes minor with it on the safe list. */
  readonly since: string;
  /** Minimum kernel for the kubelet to keep it on the list, or null when none. */
  readonly kernel: string | null;
}

/** Where the data comes from. */
export interface SysctlsSource {
  readonly repo: string;
  readonly paths: readonly string[];
  readonly ref: string;
  readonly notes: string;
}

/** The kubelet's verdict on one `allowedUnsafeSysctls` entry. */
export type AllowedSysctlCheck =
  | { readonly ok: true; readonly namespace: SysctlNamespace; readonly prefix: boolean; readonly normalized: string }
  | { readonly ok: false; readonly reason: string };

const FILE = "data/kubelet-sysctls.json";
const NAMESPACES: readonly SysctlNamespace[] = ["ipc", "net", "uts"];

function fail(at: string, what: string, got: unknown): never {
  throw new Error(`${FILE}: ${at} ${what}, got ${JSON.stringify(got)}`);
}

function str(v: unknown, at: string): string {
  return typeof v === "string" && v.length > 0 ? v : fail(at, "must be a non-empty string", v);
}

function namespaceMap(v: unknown, at: string): ReadonlyMap<string, SysctlNamespace> {
  if (!isRecord(v)) fail(at, "must be an object of name to namespace", v);
  const out = new Map<string, SysctlNamespace>();
  for (const [k, ns] of Object.entries(v)) out.set(k, NAMESPACES.find((n) => n === ns) ?? fail(`${at}.${k}`, `must be one of ${NAMESPACES.join(", ")}`, ns));
  return out;
}

function regex(v: unknown, at: string): RegExp {
  const s = str(v, at);
  if (!s.startsWith("^") || !s.endsWith("$")) fail(at, "must be anchored (^...$)", s);
  try {
    return new RegExp(s);
  } catch {
    return fail(at, "must be a valid regular expression", s);
  }
}

const VERSION_RE = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/;

function versionKey(v: string, what: string): number {
  const m = VERSION_RE.exec(v.trim());
  if (!m) throw new Error(`sysctls: "${v}" is not a ${what} version (expected N.N or N.N.N)`);
  return Number(m[1]) * 1e6 + Number(m[2]) * 1e3 + Number(m[3] ?? 0);
}

function parse(input: unknown) {
  if (!isRecord(input)) fail("the document", "must be an object", typeof input);
  const s = input.source;
  if (!isRecord(s) || !Array.isArray(s.paths)) fail("source", "must be an object with paths", s);
  const source: SysctlsSource = {
    repo: str(s.repo, "source.repo"),
    paths: s.paths.map((p: unknown, i) => str(p, `source.paths[${i}]`)),
    ref: str(s.ref, "source.ref"),
    notes: str(s.notes, "source.notes"),
  };
  const ns = isRecord(input.namespaces) ? input.namespaces : fail("namespaces", "must be an object", input.namespaces);
  const names = isRecord(input.names) ? input.names : fail("names", "must be an object", input.names);
  const maxLength = typeof names.maxLength === "number" && names.maxLength > 0 ? names.maxLength : fail("names.maxLength", "must be a positive number", names.maxLength);
  if (!Array.isArray(input.safeSysctls)) fail("safeSysctls", "must be an array", input.safeSysctls);
  const safe = input.safeSysctls.map((e: unknown, i): SafeSysctl => {
    const at = `safeSysctls[${i}]`;
    if (!isRecord(e)) fail(at, "must be an object", e);
    const since = str(e.since, `${at}.since`);
    versionKey(since, "Kubernetes");
    const kernel = e.kernel === null || e.kernel === undefined ? null : str(e.kernel, `${at}.kernel`);
    if (kernel !== null) versionKey(kernel, "kernel");
    return { name: str(e.name, `${at}.name`), since, kernel };
  });
  return {
    source,
    exact: namespaceMap(ns.exact, "namespaces.exact"),
    prefixes: namespaceMap(ns.prefixes, "namespaces.prefixes"),
    maxLength,
    name: regex(names.name, "names.name"),
    pattern: regex(names.allowlistPattern, "names.allowlistPattern"),
    safe,
  };
}

const DATA = parse(raw);

/** Repository, files and ref the sysctl data was read from. */
export const SYSCTLS_SOURCE: SysctlsSource = DATA.source;

/** The kubelet's safe sysctls (all minors), in source order. */
export const SAFE_SYSCTLS: readonly SafeSysctl[] = DATA.safe;

/**
 * component-helpers NormalizeName: a name whose first separator is `/` (`net/ipv4/conf/eth0.100/rp_filter`)
 * has `.` and `/` swapped (`net.ipv4.conf.eth0/100.rp_filter`); any other name is returned as is.
 */
export function normalizeSysctlName(name: string): string {
  const first = name.search(/[./]/);
  if (first === -1 || name[first] === ".") return name;
  return name.replace(/[./]/g, (c) => (c === "." ? "/" : "."));
}

function namespaceOf(sysctl: string): SysctlNamespace | undefined {
  const exact = DATA.exact.get(sysctl);
  if (exact) return exact;
  for (const [prefix, ns] of DATA.prefixes) if (sysctl.startsWith(`${prefix}.`)) return ns;
  return undefined;
}

/** component-helpers GetNamespace: normalized name cut at the first `*`, and whether it was a pattern. */
function getNamespace(sysctl: string): { ns: SysctlNamespace | undefined; sysctlOrPrefix: string; prefixed: boolean } {
  let sysctlOrPrefix = normalizeSysctlName(sysctl);
  const star = sysctlOrPrefix.indexOf("*");
  const prefixed = star !== -1;
  if (prefixed) sysctlOrPrefix = sysctlOrPrefix.slice(0, star);
  return { ns: namespaceOf(sysctlOrPrefix), sysctlOrPrefix, prefixed };
}

/**
 * The kernel namespace the kubelet assigns to a sysctl name or pattern (`net.core.*`, `kernel.shm*`), or
 * undefined when it does not know it to be namespaced (`vm.max_map_count`, `fs.inotify.max_user_watches`) -
 * exactly the entries it refuses in `allowedUnsafeSysctls`. Never "uts": the kubelet has no UTS entries.
 */
export function sysctlNamespace(name: string): SysctlNamespace | undefined {
  return getNamespace(name).ns;
}

/** A valid sysctl name as the API server checks pod sysctls (core validation IsValidSysctlName): no `*`. */
export function isValidSysctlName(name: string): boolean {
  return name.length <= DATA.maxLength && DATA.name.test(name);
}

/** A valid `allowedUnsafeSysctls` entry syntax (policy validation IsValidSysctlPattern): a name, optionally ending in `*`. */
export function isValidSysctlPattern(pattern: string): boolean {
  return pattern.length <= DATA.maxLength && DATA.pattern.test(pattern);
}

/** What the kubelet's NewAllowlist does with one `allowedUnsafeSysctls` entry (the error text is the kubelet's). */
export function checkAllowedUnsafeSysctl(entry: string): AllowedSysctlCheck {
  if (!isValidSysctlPattern(entry)) {
    return { ok: false, reason: `sysctl "${entry}" must have at most ${DATA.maxLength} characters and match regex ${DATA.pattern.source.slice(1, -1)}` };
  }
  const { ns, sysctlOrPrefix, prefixed } = getNamespace(entry);
  if (!ns) return { ok: false, reason: `the sysctls "${sysctlOrPrefix}" are not known to be namespaced` };
  return { ok: true, namespace: ns, prefix: prefixed, normalized: sysctlOrPrefix };
}

/**
 * Whether `name` is on the kubelet's safe list at `kubernetesVersion` (so needs no `allowedUnsafeSysctls`);
 * with `kernelVersion`, also whether the kubelet keeps it on that kernel. Throws on a malformed version.
 */
export function isSafeSysctl(name: string, kubernetesVersion: string, kernelVersion?: string): boolean {
  const k8s = versionKey(kubernetesVersion, "Kubernetes");
  const minor = Math.floor(k8s / 1e3) * 1e3;
  const kernel = kernelVersion === undefined ? undefined : versionKey(kernelVersion, "kernel");
  const normalized = normalizeSysctlName(name);
  return DATA.safe.some((s) => s.name === normalized && versionKey(s.since, "Kubernetes") <= minor
    && (kernel === undefined || s.kernel === null || kernel >= versionKey(s.kernel, "kernel")));
}

/** The safe sysctl names at `kubernetesVersion` (source order). */
export function safeSysctls(kubernetesVersion: string): string[] {
  return DATA.safe.filter((s) => isSafeSysctl(s.name, kubernetesVersion)).map((s) => s.name);
}
