/**
 * What the kubelet refuses at start-up (it exits and the node never joins), judged on the node's effective
 * configuration ({@link effectiveKubelet}: on AL2023 nodeadm's base config under ours): the graceful-shutdown periods
 * (kubernetes/kubernetes `pkg/kubelet/apis/config/validation/validation.go`), `allowedUnsafeSysctls`
 * (`pkg/kubelet/sysctl` NewAllowlist, facts/sysctls) and `featureGates` per Kubernetes version (component-base
 * featuregate SetFromMap and, from 1.35, the gate dependencies; facts/feature-gates). Pure.
 */
import { ConfigIssue, checkEntries, didYouMean, isRecord } from "../core";
import {
  FEATURE_GATES_MAX_VERSION, checkAllowedUnsafeSysctl, featureGateAt, featureGateDependencies, featureGateHistory, featureGateRefusal,
  knownFeatureGates, removedFeatureGate,
} from "../facts";
import { AMI_BASE_ORIGIN, EffectiveKubelet } from "./effective";
import { parseGoDuration } from "./values";

const SECOND_NS = 1e9;
const SHUTDOWN = "shutdownGracePeriod";
const CRITICAL = "shutdownGracePeriodCriticalPods";

const durationOf = (v: unknown): number | undefined => (typeof v === "string" ? parseGoDuration(v) : undefined);
const shown = (v: unknown): string => (typeof v === "string" ? v : "0s");

/** With the GracefulNodeShutdown gate off, the kubelet refuses every shutdown period above zero. */
function shutdownGateOff(e: Pick<EffectiveKubelet, "config" | "origin">, at: string): ConfigIssue[] {
  const set = [SHUTDOWN, CRITICAL].filter((f) => (durationOf(e.config[f]) ?? 0) > 0);
  if (set.length === 0) return [];
  const own = set.filter((f) => e.origin[f] !== AMI_BASE_ORIGIN);
  const path = own.length > 0 ? `${at}.${own[0]}` : `${at}.featureGates.GracefulNodeShutdown`;
  const from = own.length > 0 ? "" : ` (${set.join(" and ")} from nodeadm's base kubelet config)`;
  return [{ path, message: `GracefulNodeShutdown is off, but ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} above zero${from}: the kubelet refuses to start ("specifying shutdownGracePeriod or shutdownGracePeriodCriticalPods requires feature gate GracefulNodeShutdown"); keep the gate on, or also set both periods to "0s"` }];
}

/**
 * The kubelet refuses a shutdown period between 0 and 1s, and critical-pod time above the total (while the
 * GracefulNodeShutdown gate is on; with it off, every period above zero). On AL2023 1.34+ nodeadm's base sets 2m30s /
 * 30s, so lowering only `shutdownGracePeriod` under 30s (or to 0s) is refused: reported at the field the user set,
 * with what to set too. Negative periods are refused by the schema pass.
 */
export function validateShutdown(e: Pick<EffectiveKubelet, "config" | "origin">, at: string, kubernetesVersion?: string): ConfigIssue[] {
  if (isRecord(e.config.featureGates) && e.config.featureGates.GracefulNodeShutdown === false) return shutdownGateOff(e, at);
  const issues: ConfigIssue[] = [];
  for (const field of [SHUTDOWN, CRITICAL]) {
    const ns = durationOf(e.config[field]);
    if (ns !== undefined && ns > 0 && ns < SECOND_NS) {
      issues.push({ path: `${at}.${field}`, message: `${JSON.stringify(e.config[field])} is under one second: the kubelet refuses it ("${field} must be either zero or otherwise >= 1 sec") and does not start; use "0s" or at least "1s"` });
    }
  }
  const total = durationOf(e.config[SHUTDOWN]) ?? 0;
  const critical = durationOf(e.config[CRITICAL]) ?? 0;
  if (critical <= total || total < 0 || critical < 0) return issues;
  const [t, c] = [shown(e.config[SHUTDOWN]), shown(e.config[CRITICAL])];
  const refusal = `the kubelet refuses to start ("${CRITICAL} ${c} must be <= ${SHUTDOWN} ${t}")`;
  const base = `nodeadm's base kubelet config for Kubernetes ${kubernetesVersion ?? "this version"} (AL2023 config.json; our NodeConfig is a drop-in over it)`;
  if (e.origin[CRITICAL] === AMI_BASE_ORIGIN) {
    issues.push({ path: `${at}.${SHUTDOWN}`, message: `${t} is shorter than the ${CRITICAL} ${c} set by ${base}, so ${refusal}; ${total === 0 ? `also set ${CRITICAL}: "0s" (both at 0s turn graceful shutdown off)` : `also set ${CRITICAL}, to at most ${t}`}` });
  } else if (e.origin[SHUTDOWN] === AMI_BASE_ORIGIN) {
    issues.push({ path: `${at}.${CRITICAL}`, message: `${c} is longer than the ${SHUTDOWN} ${t} set by ${base}, so ${refusal}; lower it to at most ${t} or also set ${SHUTDOWN}` });
  } else {
    issues.push({ path: `${at}.${CRITICAL}`, message: `must not exceed ${SHUTDOWN} (${t}), got ${c}: ${refusal}` });
  }
  return issues;
}

/** Each `allowedUnsafeSysctls` entry the kubelet's NewAllowlist refuses (the kubelet then exits), with its reason. */
export function validateAllowedUnsafeSysctls(list: unknown, at: string): ConfigIssue[] {
  if (!Array.isArray(list)) return [];
  const entries: unknown[] = list;
  return checkEntries(entries.map((entry, i) => [entry, i] as const), `${at}.allowedUnsafeSysctls`, ([entry, i]): ConfigIssue[] => {
    if (typeof entry !== "string") return [];
    const check = checkAllowedUnsafeSysctl(entry);
    if (check.ok) return [];
    return [{
      path: `${at}.allowedUnsafeSysctls[${i}]`,
      message: `the kubelet refuses to start with this entry: ${check.reason}. Only namespaced sysctls can be allowed per pod (net.*, and the ipc ones kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*); a node-wide sysctl such as vm.max_map_count or fs.inotify.* must be set on the node itself`,
    }];
  });
}

const MINOR = /^v?1\.(\d+)(?:\.\d+)?$/;
const minorOf = (version: string): number | undefined => {
  const m = MINOR.exec(version.trim());
  return m ? Number(m[1]) : undefined;
};
/** The newest minor the shipped gate data describes exactly. */
const DATA_MINOR = minorOf(FEATURE_GATES_MAX_VERSION) ?? 0;
/**
 * The oldest minor for which a name missing from the data is known to be unknown to the kubelet: the data holds every
 * 1.35 gate and the gates of an early-1.34 snapshot removed by 1.35; gates removed before 1.34 are not recorded.
 */
const NAMES_FROM_MINOR = DATA_MINOR - 1;

function unknownGate(name: string, version: string, minor: number, known: readonly string[], at: string): ConfigIssue {
  const near = didYouMean(name, known);
  const removed = removedFeatureGate(name) !== undefined;
  if (minor >= NAMES_FROM_MINOR && minor <= DATA_MINOR && !(removed && minor < DATA_MINOR)) {
    const gone = removed ? " (it was removed before 1.35)" : "";
    return { path: at, message: `unknown feature gate${gone}: the kubelet refuses to start ("unrecognized feature gate: ${name}")${near}` };
  }
  const why = minor > DATA_MINOR
    ? `the gate list shipped here ends at Kubernetes ${FEATURE_GATES_MAX_VERSION}, so gates new in ${version} cannot be checked`
    : `gates removed before Kubernetes 1.${NAMES_FROM_MINOR} are not in the gate list shipped here, so the name cannot be checked for ${version}`;
  return { path: at, severity: "warning", message: `not a ${FEATURE_GATES_MAX_VERSION} kubelet feature gate; ${why}. The kubelet refuses an unknown gate at start: check the name${near}` };
}

/** The gate's own refusal at `version` (unknown, not yet there, locked to its default), as the kubelet words it. */
function gateIssue(name: string, value: unknown, version: string, minor: number, known: readonly string[], at: string): ConfigIssue | undefined {
  if (typeof value !== "boolean") return undefined;
  if (featureGateHistory(name) === undefined) return unknownGate(name, version, minor, known, at);
  const spec = featureGateAt(name, version);
  if (spec === undefined && minor > DATA_MINOR) return undefined;
  const refusal = featureGateRefusal(name, value, version);
  if (refusal === undefined) return undefined;
  const seen = minor > DATA_MINOR ? `in ${FEATURE_GATES_MAX_VERSION}, and later locked or removed` : `in ${version}`;
  const fix = spec?.lockToDefault ? `; remove it (it is ${spec.stage} and always ${String(spec.default)} ${seen})` : "";
  return { path: at, message: `the kubelet refuses to start: "${refusal}"${fix}` };
}

type Gates = Readonly<Record<string, unknown>>;

/** Enabled at `version`: the effective value, else the gate's default there. */
const enabled = (gates: Gates, name: string, version: string): boolean =>
  typeof gates[name] === "boolean" ? gates[name] === true : (featureGateAt(name, version)?.default ?? false);

/** From 1.35 the kubelet refuses an enabled gate whose dependencies are disabled; only gates the user's settings touch. */
function dependencyIssues(effective: Gates, own: Gates, version: string, known: readonly string[], at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const gate of known) {
    const deps = featureGateDependencies(gate);
    if (deps.length === 0 || !enabled(effective, gate, version)) continue;
    const off = deps.filter((d) => !enabled(effective, d, version));
    const blamed = own[gate] === true ? gate : off.find((d) => own[d] === false);
    if (off.length === 0 || blamed === undefined) continue;
    const fix = blamed === gate ? `enable ${off.join(", ")} too, or leave ${gate} off` : `keep ${blamed} on, or also set ${gate}: false (${gate} is on by default or in nodeadm's base config)`;
    issues.push({ path: `${at}.${blamed}`, message: `the kubelet refuses to start: "${gate} is enabled, but depends on features that are disabled: [${off.join(" ")}]"; ${fix}` });
  }
  return issues;
}

/**
 * The pool's `featureGates` at its Kubernetes version: unknown names (with the nearest gate), gates not there yet, gates
 * locked to their default set the other way, and (at 1.35) dependencies. Names are checked as errors for 1.34 and
 * 1.35; for other versions an unknown name is a warning (the shipped data cannot tell), while a gate locked in 1.35
 * set against its default is still an error above 1.35 (it stays locked or is removed: refused either way).
 * `own` are the gates the pool sets; `effective` adds the platform's (nodeadm's base, Bottlerocket's template).
 */
export function validateFeatureGates(own: unknown, effective: unknown, kubernetesVersion: string | undefined, at: string): ConfigIssue[] {
  const minor = kubernetesVersion === undefined ? undefined : minorOf(kubernetesVersion);
  if (kubernetesVersion === undefined || minor === undefined || !isRecord(own)) return [];
  const path = `${at}.featureGates`;
  const known = knownFeatureGates(kubernetesVersion);
  const issues = checkEntries(Object.entries(own), path, ([name, value]) => {
    const issue = gateIssue(name, value, kubernetesVersion, minor, known, `${path}.${name}`);
    return issue ? [issue] : [];
  });
  if (minor !== DATA_MINOR) return issues;
  const failed = new Set(issues.map((i) => i.path));
  const deps = dependencyIssues(isRecord(effective) ? effective : own, own, kubernetesVersion, known, path).filter((i) => !failed.has(i.path));
  return [...issues, ...deps];
}
