/**
 * Amazon EKS Kubernetes versions and their support windows (data in `data/eks-versions.json`, taken from
 * the AWS page "Understand the Kubernetes version lifecycle on EKS"), plus the Kubernetes version-skew
 * rule between the control plane and a node pool's kubelet.
 */
import { ConfigIssue, isRecord } from "../core";
import rawVersions from "./data/eks-versions.json";

/** One row of the Amazon EKS Kubernetes release calendar. Dates are `YYYY-MM-DD`, UTC. */
export interface EksVersionInfo {
  /** Kubernetes minor version, e.g. "1.34". */
  readonly version: string;
  /** Upstream Kubernetes release date. @default - not known (null in the data) */
  readonly upstreamRelease: string | null;
  /** Date the version became available on Amazon EKS. @default - not known (null in the data) */
  readonly eksRelease: string | null;
  /** First day of extended support (standard support ends at 00:00 UTC that day). */
  readonly endOfStandardSupport: string;
  /** First day the version is no longer supported (extended support ends at 00:00 UTC that day). */
  readonly endOfExtendedSupport: string;
  /** False when the row is not in the stored AWS calendar and comes from secondary sources. */
  readonly verified: boolean;
  /** Why a row is unverified, or other caveats. @default - none */
  readonly note?: string;
}

/** Support state of a version at a moment. */
export type SupportStatus = "standard" | "extended" | "unsupported" | "unknown";

/**
 * Last Kubernetes version with EKS-optimized AL2 AMIs (none are released from 1.33 on). Source: AWS EKS
 * User Guide "Guide to EKS AL2 & AL2-Accelerated AMIs transition features" (awsdocs/amazon-eks-user-guide
 * latest/ug/nodes/eks-ami-deprecation-faqs.adoc @0657cd08): "Kubernetes version 1.32 is the last version
 * for which Amazon EKS will release AL2 (Amazon Linux 2) AMIs."
 */
export const AL2_LAST_VERSION = "1.32";

/**
 * Kubelet may be this many minors older than kube-apiserver (kubelet >= 1.25); older kubelets: 2; never
 * newer. Source: Kubernetes "Version Skew Policy" (kubernetes/website content/en/releases/version-skew-policy.md
 * @01bc0975, https://kubernetes.io/releases/version-skew-policy/).
 */
export const MAX_KUBELET_SKEW = 3;
const LEGACY_KUBELET_SKEW = 2;
const LEGACY_SKEW_BELOW_MINOR = 25;
const DAY_MS = 24 * 60 * 60 * 1000;
const VERSION_RE = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const dateOrNull = (v: unknown, field: string): string | null => {
  if (v === null) return null;
  if (typeof v === "string" && DATE_RE.test(v)) return v;
  throw new Error(`data/eks-versions.json: ${field} must be YYYY-MM-DD or null, got ${JSON.stringify(v)}`);
};

function parseRow(row: unknown, i: number): EksVersionInfo {
  const r = isRecord(row) ? row : {};
  const at = `versions[${i}]`;
  const std = dateOrNull(r.endOfStandardSupport, `${at}.endOfStandardSupport`);
  const ext = dateOrNull(r.endOfExtendedSupport, `${at}.endOfExtendedSupport`);
  if (typeof r.version !== "string" || !VERSION_RE.test(r.version) || std === null || ext === null) {
    throw new Error(`data/eks-versions.json: ${at} needs a version and both end dates`);
  }
  return {
    version: r.version,
    upstreamRelease: dateOrNull(r.upstreamRelease ?? null, `${at}.upstreamRelease`),
    eksRelease: dateOrNull(r.eksRelease ?? null, `${at}.eksRelease`),
    endOfStandardSupport: std,
    endOfExtendedSupport: ext,
    verified: r.verified === true,
    ...(typeof r.note === "string" ? { note: r.note } : {}),
  };
}

/** Every EKS version in the shipped calendar, newest first. */
export const EKS_VERSIONS: readonly EksVersionInfo[] = rawVersions.versions.map((row: unknown, i: number) => parseRow(row, i));

interface ParsedVersion { readonly major: number; readonly minor: number; readonly patch?: number }

function parseVersion(v: string): ParsedVersion | undefined {
  const m = VERSION_RE.exec(v.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}) };
}

/** The minor number of "1.35" or "1.35.2" (35); undefined when `v` is not such a version. */
export function parseMinor(v: string): number | undefined {
  return parseVersion(v)?.minor;
}

/**
 * Orders Kubernetes versions by major, minor, then patch (a missing patch sorts as 0):
 * negative when `a` is older, 0 when equal, positive when newer. Throws RangeError on a non-version.
 */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) throw new RangeError(`not a Kubernetes version: ${JSON.stringify(pa ? b : a)}`);
  return pa.major - pb.major || pa.minor - pb.minor || (pa.patch ?? 0) - (pb.patch ?? 0);
}

/** The calendar row of a minor version ("1.35" or "1.35.2"); undefined when not in the data. */
export function eksVersion(version: string): EksVersionInfo | undefined {
  const p = parseVersion(version);
  return p ? EKS_VERSIONS.find((e) => e.version === `${p.major}.${p.minor}`) : undefined;
}

const utcMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/**
 * Support state at `at`: "standard" from the EKS release until the end-of-standard-support day,
 * "extended" from that day (00:00 UTC) until the end-of-extended-support day, "unsupported" from then
 * on (and before the EKS release), "unknown" for versions not in the calendar.
 */
export function supportStatus(version: string, at: Date): SupportStatus {
  const info = eksVersion(version);
  if (!info) return "unknown";
  const t = at.getTime();
  if (info.eksRelease !== null && t < utcMidnight(info.eksRelease)) return "unsupported";
  if (t < utcMidnight(info.endOfStandardSupport)) return "standard";
  if (t < utcMidnight(info.endOfExtendedSupport)) return "extended";
  return "unsupported";
}

/**
 * Whole days from `at` until standard support ends (00:00 UTC of the end day), rounded down;
 * 0 on the last day, negative once it has ended; undefined for versions not in the calendar.
 */
export function daysUntilStandardEnd(version: string, at: Date): number | undefined {
  const info = eksVersion(version);
  return info ? Math.floor((utcMidnight(info.endOfStandardSupport) - at.getTime()) / DAY_MS) : undefined;
}

/** True when EKS-optimized AL2 AMIs exist for this version (1.32 and older). */
export function al2Available(version: string): boolean {
  return compareVersions(version, AL2_LAST_VERSION) <= 0;
}

/** The newest version in the shipped calendar. */
export const newestEksVersion = (): EksVersionInfo => EKS_VERSIONS.reduce((a, b) => (compareVersions(a.version, b.version) >= 0 ? a : b));
const oldest = (): EksVersionInfo => EKS_VERSIONS.reduce((a, b) => (compareVersions(a.version, b.version) <= 0 ? a : b));

/** Warn this many days before a version leaves standard support. */
export const STANDARD_SUPPORT_WARNING_DAYS = 60;

/**
 * Checks a control-plane or pool Kubernetes version: "major.minor" format and presence in the EKS
 * calendar (newer than the calendar: warning, the data may lag; older: error). With `now`, also warns
 * in extended support and refuses versions past extended support.
 */
export function validateKubernetesVersion(version: string, at: string, now?: Date): ConfigIssue[] {
  const p = parseVersion(version);
  if (!p || p.patch !== undefined) {
    return [{ path: at, message: `must be a Kubernetes minor version like "1.35", got ${JSON.stringify(version)}` }];
  }
  const known = EKS_VERSIONS.map((e) => e.version).join(", ");
  if (!eksVersion(version)) {
    return compareVersions(version, newestEksVersion().version) > 0
      ? [{ path: at, severity: "warning", message: `${version} is newer than the shipped EKS calendar (${known}); its support dates are unknown` }]
      : [{ path: at, message: `${version} is not offered by Amazon EKS (older than ${oldest().version}); use one of ${known}` }];
  }
  if (now === undefined) return [];
  const status = supportStatus(version, now);
  const info = eksVersion(version) as EksVersionInfo;
  if (status === "extended") return [{ path: at, severity: "warning", message: `${version} is in EKS extended support (extra cost) until ${info.endOfExtendedSupport}` }];
  if (status === "unsupported") return [{ path: at, message: `${version} is not supported by EKS on ${now.toISOString().slice(0, 10)} (available ${info.eksRelease ?? "?"} to ${info.endOfExtendedSupport})` }];
  const days = daysUntilStandardEnd(version, now);
  if (status === "standard" && days !== undefined && days <= STANDARD_SUPPORT_WARNING_DAYS) {
    return [{ path: at, severity: "warning", message: `${version} leaves EKS standard support in ${days} days (${info.endOfStandardSupport}); plan the upgrade` }];
  }
  return [];
}

/**
 * Kubernetes version-skew rule for a pool's kubelet against the control plane (kube-apiserver):
 * never newer; at most 3 minors older (2 for kubelet < 1.25). Exactly the maximum is a warning,
 * because such nodes must be upgraded before the control plane can be.
 */
export function validateSkew(controlPlane: string, pool: string, at: string): ConfigIssue[] {
  const cp = parseVersion(controlPlane);
  const np = parseVersion(pool);
  if (!np) return [{ path: at, message: `must be a Kubernetes version like "1.35", got ${JSON.stringify(pool)}` }];
  if (!cp) return [{ path: at, message: `cannot check skew: the control plane version ${JSON.stringify(controlPlane)} is not a Kubernetes version` }];
  if (np.major !== cp.major) return [{ path: at, message: `major version ${np.major} differs from the control plane's ${cp.major}` }];
  const behind = cp.minor - np.minor;
  const max = np.minor < LEGACY_SKEW_BELOW_MINOR ? LEGACY_KUBELET_SKEW : MAX_KUBELET_SKEW;
  if (behind < 0) {
    return [{ path: at, message: `kubelet ${pool} must not be newer than the control plane (${controlPlane}); use ${controlPlane} or older` }];
  }
  if (behind > max) {
    return [{ path: at, message: `kubelet ${pool} is ${behind} minors behind the control plane (${controlPlane}); at most ${max} are supported, so use ${cp.major}.${cp.minor - max} or newer` }];
  }
  if (behind === max) {
    return [{ path: at, severity: "warning", message: `kubelet ${pool} is ${behind} minors behind the control plane (${controlPlane}), the maximum: upgrade it before the next control plane upgrade` }];
  }
  return [];
}
