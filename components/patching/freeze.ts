/**
 * Pure change-freeze decisions: is `now` inside a freeze window, and which version changes are held back.
 * Inside a window the Kubernetes version (control plane and pools) and the AMI release of every pool keep
 * their last deployed values; everything else deploys as usual. What was last deployed comes from the
 * caller: the stack's previous outputs in a real deploy, a baseline plan offline.
 */
import { compareVersions } from "../facts";
import { isRecord } from "../core";
import { ReleaseSpan, parseReleaseHistory } from "./release-history";

/** A change-freeze window: ISO 8601 instants, `from` inclusive, `to` exclusive. */
export interface FreezeWindow {
  readonly from: string;
  readonly to: string;
  /** Shown with every held change. @default - none */
  readonly reason?: string;
}

/** The freeze in force at a moment; touching or overlapping windows are merged. */
export interface ActiveFreeze {
  /** Start of the earliest window in force, ISO 8601. */
  readonly from: string;
  /** End of the merged windows (exclusive), ISO 8601. */
  readonly until: string;
  /** Reasons of the merged windows. */
  readonly reasons: readonly string[];
}

/** Versions of one pool. */
export interface PoolVersions {
  /** Kubernetes `1.NN` of the pool's node groups. @default - not known */
  readonly kubernetesVersion?: string;
  /** AMI release of the pool's node groups; undefined when only known at deploy (recommended channel). @default - not known */
  readonly releaseVersion?: string;
  /**
   * Since when the pool runs `releaseVersion` (ISO 8601), kept across deploys while the release is unchanged; AMI
   * promotion (`ami.channel: promoted`) soaks on it. @default - not recorded
   */
  readonly since?: string;
  /** The node group's EKS `amiType` (promotion checks the AMI family). @default - not recorded */
  readonly amiType?: string;
  /**
   * The releases the pool ran before `releaseVersion`, newest first, each with since and until; at most
   * `RELEASE_HISTORY_LIMIT` (5). AMI promotion may take one the source ran long enough. @default - none recorded
   */
  readonly history?: readonly ReleaseSpan[];
}

/** The versions of a whole stack (also the shape of the stack output `versions`). */
export interface VersionState {
  /** Control plane Kubernetes `1.NN`. @default - not known */
  readonly controlPlane?: string;
  /** Per pool name. */
  readonly pools: Readonly<Record<string, PoolVersions>>;
  /** Addon versions by EKS addon name; in the desired state only pinned ones (`latest` resolves at deploy). @default {} */
  readonly addons?: Readonly<Record<string, string>>;
  /** The AZs the cluster was created in (EKS keeps its subnets there; see `controlPlaneZones`). @default - not known */
  readonly creationAvailabilityZones?: readonly string[];
}

export const HELD_FIELDS = ["kubernetesVersion", "releaseVersion", "addonVersion"] as const;
/** A field a freeze holds back. */
export type HeldField = (typeof HELD_FIELDS)[number];

/** One change held back by a freeze. */
export interface HeldChange {
  /** `cluster` (the control plane), a pool name or an addon name. */
  readonly target: string;
  /** What is held. */
  readonly field: HeldField;
  /** The value kept. */
  readonly kept: string;
  /** The value the config asks for; undefined when AWS resolves it at deploy (recommended AMI channel). @default - resolved at deploy */
  readonly desired?: string;
  /** When the freeze ends (exclusive). */
  readonly until: string;
  /** Reasons of the windows in force. */
  readonly reasons: readonly string[];
}

/** What {@link applyFreeze} decided. */
export interface FreezeDecision {
  /** The freeze in force at `now`. @default - none */
  readonly freeze?: ActiveFreeze;
  /** The versions to deploy. */
  readonly effective: VersionState;
  /** Every change held back. */
  readonly held: readonly HeldChange[];
}

const instant = (iso: string): number => Date.parse(iso);

/** The freeze in force at `now`, windows that touch or overlap it merged; invalid windows are ignored. */
export function activeFreeze(windows: readonly FreezeWindow[], now: Date): ActiveFreeze | undefined {
  const valid = windows.filter((w) => Number.isFinite(instant(w.from)) && instant(w.from) < instant(w.to));
  const t = now.getTime();
  const current = valid.filter((w) => instant(w.from) <= t && t < instant(w.to));
  if (current.length === 0) return undefined;
  const members = new Set(current);
  let until = Math.max(...current.map((w) => instant(w.to)));
  for (let grew = true; grew;) {
    grew = false;
    for (const w of valid) {
      if (!members.has(w) && instant(w.from) <= until && instant(w.to) > t) {
        members.add(w);
        until = Math.max(until, instant(w.to));
        grew = true;
      }
    }
  }
  const from = Math.min(...current.map((w) => instant(w.from)));
  const reasons = [...members].flatMap((w) => (w.reason ? [w.reason] : []));
  return { from: new Date(from).toISOString(), until: new Date(until).toISOString(), reasons: [...new Set(reasons)] };
}

/** True when `a` is a newer `1.NN` than `b` (false when either is not a version). */
function newer(a: string, b: string): boolean {
  try {
    return compareVersions(a, b) > 0;
  } catch {
    return false;
  }
}

interface PoolHold {
  readonly pool: PoolVersions;
  readonly held: HeldChange[];
}

function holdPool(name: string, want: PoolVersions, had: PoolVersions | undefined, controlPlane: string | undefined, f: ActiveFreeze): PoolHold {
  const held: HeldChange[] = [];
  const hold = (field: HeldField, kept: string, desired: string | undefined): void =>
    void held.push({ target: name, field, kept, ...(desired !== undefined ? { desired } : {}), until: f.until, reasons: f.reasons });
  let kubernetesVersion = want.kubernetesVersion;
  if (had?.kubernetesVersion !== undefined && kubernetesVersion !== undefined && kubernetesVersion !== had.kubernetesVersion) {
    hold("kubernetesVersion", had.kubernetesVersion, kubernetesVersion);
    kubernetesVersion = had.kubernetesVersion;
  }
  let releaseVersion = want.releaseVersion;
  if (!had?.kubernetesVersion && kubernetesVersion !== undefined && controlPlane !== undefined && newer(kubernetesVersion, controlPlane)) {
    hold("kubernetesVersion", controlPlane, kubernetesVersion);
    kubernetesVersion = controlPlane;
    if (releaseVersion !== undefined) hold("releaseVersion", `the recommended release for ${controlPlane}`, releaseVersion);
    releaseVersion = undefined;
  } else if (had?.releaseVersion !== undefined && releaseVersion !== had.releaseVersion) {
    hold("releaseVersion", had.releaseVersion, releaseVersion);
    releaseVersion = had.releaseVersion;
  }
  const pool: PoolVersions = { ...(kubernetesVersion !== undefined ? { kubernetesVersion } : {}), ...(releaseVersion !== undefined ? { releaseVersion } : {}) };
  return { pool, held };
}

/**
 * Applies the freeze in force at `now`: inside a window, each version that differs from the deployed one
 * keeps the deployed value and is reported as held (with the window's end). A pool deployed for the first
 * time takes its desired versions, but never newer than the (possibly held) control plane; when it is
 * held back to the control plane's version, its pinned release is dropped too (undefined: use the
 * recommended release of that version). An AMI release
 * only known at deploy (recommended channel) is held at the deployed release. Outside a window, or with
 * nothing deployed yet, `desired` passes unchanged.
 */
export function applyFreeze(desired: VersionState, previous: VersionState | undefined, windows: readonly FreezeWindow[], now: Date): FreezeDecision {
  const freeze = activeFreeze(windows, now);
  if (!freeze || !previous) return { ...(freeze ? { freeze } : {}), effective: desired, held: [] };
  const held: HeldChange[] = [];
  let controlPlane = desired.controlPlane;
  if (previous.controlPlane !== undefined && controlPlane !== undefined && controlPlane !== previous.controlPlane) {
    held.push({ target: "cluster", field: "kubernetesVersion", kept: previous.controlPlane, desired: controlPlane, until: freeze.until, reasons: freeze.reasons });
    controlPlane = previous.controlPlane;
  }
  const pools: Record<string, PoolVersions> = {};
  for (const [name, want] of Object.entries(desired.pools)) {
    const r = holdPool(name, want, previous.pools[name], controlPlane, freeze);
    pools[name] = r.pool;
    held.push(...r.held);
  }
  const addons = holdAddons(desired.addons ?? {}, previous.addons ?? {}, freeze, held);
  return { freeze, effective: { ...(controlPlane !== undefined ? { controlPlane } : {}), pools, addons }, held };
}

/** Addons keep their deployed version; a `latest` addon (absent from `want`) is held at the deployed one too. */
function holdAddons(want: Readonly<Record<string, string>>, had: Readonly<Record<string, string>>, f: ActiveFreeze, held: HeldChange[]): Record<string, string> {
  const addons: Record<string, string> = { ...want };
  for (const [name, kept] of Object.entries(had)) {
    if (want[name] === kept) continue;
    held.push({ target: name, field: "addonVersion", kept, ...(want[name] !== undefined ? { desired: want[name] } : {}), until: f.until, reasons: f.reasons });
    addons[name] = kept;
  }
  return addons;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

/** Parses a stored {@link VersionState} (e.g. the previous stack output `versions`); undefined when absent or malformed. */
export function parseVersionState(value: unknown): VersionState | undefined {
  if (!isRecord(value) || !isRecord(value.pools)) return undefined;
  const pools: Record<string, PoolVersions> = {};
  for (const [name, p] of Object.entries(value.pools)) {
    if (!isRecord(p)) continue;
    const kubernetesVersion = str(p.kubernetesVersion);
    const releaseVersion = str(p.releaseVersion);
    const since = str(p.since);
    const amiType = str(p.amiType);
    const history = parseReleaseHistory(p.history);
    pools[name] = {
      ...(kubernetesVersion ? { kubernetesVersion } : {}), ...(releaseVersion ? { releaseVersion } : {}),
      ...(since && Number.isFinite(Date.parse(since)) ? { since } : {}), ...(amiType ? { amiType } : {}),
      ...(history.length > 0 ? { history } : {}),
    };
  }
  const controlPlane = str(value.controlPlane);
  const zones = Array.isArray(value.creationAvailabilityZones) ? value.creationAvailabilityZones.flatMap((z) => str(z) ?? []) : [];
  const addons = isRecord(value.addons)
    ? Object.fromEntries(Object.entries(value.addons).flatMap(([k, v]): [string, string][] => {
      const version = str(v);
      return version ? [[k, version]] : [];
    }))
    : {};
  return { ...(controlPlane ? { controlPlane } : {}), pools, addons, ...(zones.length > 0 ? { creationAvailabilityZones: zones } : {}) };
}
