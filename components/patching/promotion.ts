/**
 * Pure AMI release promotion between stacks (`ami: { channel: promoted, from, soakDays }`): since when a pool runs its
 * release (kept across deploys in the `versions` output), and which release a promoted pool takes: the source pool's
 * release once the source has run it for `soakDays`, else what the pool runs now, else (first deploy) the fallback
 * release the config gives, else nothing (the caller refuses the deploy).
 */
import type { PoolVersions } from "./freeze";

const DAY_MS = 86_400_000;

/**
 * A pool's versions with `since` stamped: the previous `since` when the release is unchanged (and was recorded),
 * otherwise `now` (a new release, a first deploy, or a previous output from before `since` was recorded: the soak clock
 * starts at this deploy). No release known: no `since`.
 */
export function stampSince(current: PoolVersions, previous: PoolVersions | undefined, now: Date): PoolVersions {
  const { since: _ignored, ...rest } = current;
  if (current.releaseVersion === undefined) return rest;
  const kept = previous?.releaseVersion === current.releaseVersion && previous.since !== undefined && Number.isFinite(Date.parse(previous.since));
  return { ...rest, since: kept ? previous.since : now.toISOString() };
}

/** Whole days between two instants, rounded down (UTC arithmetic on instants: time zones of the ISO strings do not matter). */
export function daysBetween(fromIso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(fromIso)) / DAY_MS);
}

/**
 * The family of an EKS AMI type whose release versions are interchangeable: the OS part (`AL2023`, `BOTTLEROCKET`,
 * `AL2`, `WINDOWS`…) of `AL2023_x86_64_STANDARD`, `BOTTLEROCKET_ARM_64_NVIDIA`…; `CUSTOM` is its own (an image id,
 * never promoted).
 */
export const amiFamilyOf = (amiType: string): string => amiType.split("_")[0];

/** What a promoted pool needs to decide. */
export interface PromotionInput {
  /** The pool (for messages). */
  readonly pool: string;
  /** The source, `stack/pool`, for messages. */
  readonly source: string;
  /** The source pool's deployed versions; undefined when the source stack or pool has none. */
  readonly sourcePool?: PoolVersions;
  /** What this pool runs now (its own previous `versions`); undefined on its first deploy. */
  readonly deployed?: PoolVersions;
  readonly soakDays: number;
  readonly now: Date;
  /** The release to create the pool with while nothing has soaked (`ami.releaseVersion`). @default - none: refuse */
  readonly fallback?: string;
  /** Why the source's release does not fit this pool (another Kubernetes minor, another AMI family). @default - it fits */
  readonly misfit?: string;
}

/** What {@link choosePromotion} decided. */
export type PromotionChoice =
  | { readonly kind: "promote"; readonly releaseVersion: string; readonly since: string; readonly days: number; readonly reason: string }
  | { readonly kind: "keep" | "fallback"; readonly releaseVersion: string; readonly reason: string }
  | { readonly kind: "refuse"; readonly reason: string };

const dateOf = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 10);

/** Why the source's release is not taken, or undefined when it is soaked and fits. */
function notSoaked(i: PromotionInput): { why: string; days?: number } | undefined {
  const s = i.sourcePool;
  if (s?.releaseVersion === undefined) return { why: `${i.source} records no release` };
  if (s.since === undefined || !Number.isFinite(Date.parse(s.since))) return { why: `${i.source} runs ${s.releaseVersion} but records no since when` };
  const days = daysBetween(s.since, i.now);
  if (i.misfit !== undefined) return { why: `${i.source} runs ${s.releaseVersion}, ${i.misfit}`, days };
  if (days < i.soakDays) return { why: `${i.source} runs ${s.releaseVersion} since ${dateOf(s.since)}, ${days} day${days === 1 ? "" : "s"} < ${i.soakDays}`, days };
  return undefined;
}

/**
 * The release a promoted pool deploys. Soaked (`now - since >= soakDays` whole days) and fitting: the source's release.
 * Otherwise the pool keeps what it runs; on its first deploy the fallback release; without one, `refuse`.
 */
export function choosePromotion(i: PromotionInput): PromotionChoice {
  const waiting = notSoaked(i);
  const s = i.sourcePool;
  if (!waiting && s?.releaseVersion !== undefined && s.since !== undefined) {
    const days = daysBetween(s.since, i.now);
    const reason = `${i.pool} takes ${s.releaseVersion} from ${i.source}, run there since ${dateOf(s.since)}, ${days} day${days === 1 ? "" : "s"} >= ${i.soakDays}`;
    return { kind: "promote", releaseVersion: s.releaseVersion, since: s.since, days, reason };
  }
  const why = waiting?.why ?? `${i.source} records no release`;
  if (i.deployed?.releaseVersion !== undefined) {
    return { kind: "keep", releaseVersion: i.deployed.releaseVersion, reason: `${i.pool} keeps ${i.deployed.releaseVersion}: ${why}` };
  }
  if (i.fallback !== undefined) {
    return { kind: "fallback", releaseVersion: i.fallback, reason: `${i.pool} is created with ami.releaseVersion ${i.fallback}: ${why}, and the pool is not deployed yet` };
  }
  return {
    kind: "refuse",
    reason: `nothing to deploy: ${why}, and the pool is not deployed yet; give ami.releaseVersion (the release to create it with), or deploy once ${i.source} has run a release for ${i.soakDays} days`,
  };
}
