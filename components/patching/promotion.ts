/**
 * Pure AMI release promotion between stacks (`ami: { channel: promoted, from, soakDays }`): since when a pool runs its
 * release (kept across deploys in the `versions` output), and which release a promoted pool takes: the source pool's
 * release once the source has run it for `soakDays`, else the newest earlier release the source ran that long (its
 * bounded history), else what the pool runs now, else (first deploy) the fallback release the config gives, else
 * nothing (the caller refuses the deploy).
 */
import type { PoolVersions } from "./freeze";
import { ReleaseSpan, compareReleases, nextReleaseHistory } from "./release-history";

const DAY_MS = 86_400_000;

/**
 * A pool's versions with `since` stamped: the previous `since` when the release is unchanged (and was recorded),
 * otherwise `now` (a new release, a first deploy, or a previous output from before `since` was recorded: the soak clock
 * starts at this deploy). No release known: no `since`. The bounded `history` is carried over, and a replaced release
 * (with a recorded since) joins it with `now` as until (see {@link nextReleaseHistory}); an empty history is left out.
 */
export function stampSince(current: PoolVersions, previous: PoolVersions | undefined, now: Date): PoolVersions {
  const { since: _ignored, history: _h, ...rest } = current;
  if (current.releaseVersion === undefined) return rest;
  const kept = previous?.releaseVersion === current.releaseVersion && previous.since !== undefined && Number.isFinite(Date.parse(previous.since));
  const history = nextReleaseHistory(previous, current.releaseVersion, now);
  return { ...rest, since: kept ? previous.since : now.toISOString(), ...(history.length > 0 ? { history } : {}) };
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
  /** Why the source's current release does not fit this pool (another Kubernetes minor, another AMI family). @default - it fits */
  readonly misfit?: string;
  /** Why an earlier release of the source (from its history) does not fit this pool. @default - every one fits */
  readonly misfitOf?: (releaseVersion: string) => string | undefined;
}

/** What {@link choosePromotion} decided. */
export type PromotionChoice =
  | {
    readonly kind: "promote"; readonly releaseVersion: string; readonly since: string; readonly days: number; readonly reason: string;
    /** Set when the release is one the source ran before its current one: when the source stopped running it. @default - the source's current release */
    readonly until?: string;
  }
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

/** Whole days a span lasted, since to until. */
const spanDays = (s: ReleaseSpan): number => daysBetween(s.since, new Date(Date.parse(s.until)));

/**
 * True when the source rolled back from `history[index]`: the release that replaced it is older (by release order), or
 * one the source ran before it (so also when the order of the two is not known).
 */
function rolledBack(current: string, history: readonly ReleaseSpan[], index: number): boolean {
  const span = history[index];
  const replacement = index === 0 ? current : history[index - 1].releaseVersion;
  if ((compareReleases(replacement, span.releaseVersion) ?? 0) < 0) return true;
  return history.slice(index + 1).some((s) => s.releaseVersion === replacement);
}

/**
 * The newest earlier release of the source (its history, newest first) it ran continuously for `soakDays`, that fits the
 * pool and that the source did not roll back from; undefined when none (or the source records no current release).
 */
function soakedEarlier(i: PromotionInput): { span: ReleaseSpan; days: number } | undefined {
  const s = i.sourcePool;
  if (s?.releaseVersion === undefined || s.history === undefined) return undefined;
  const current = s.releaseVersion;
  for (const [index, span] of s.history.entries()) {
    const days = spanDays(span);
    if (days >= i.soakDays && !rolledBack(current, s.history, index) && i.misfitOf?.(span.releaseVersion) === undefined) return { span, days };
  }
  return undefined;
}

/**
 * Whether taking `release` moves a pool that runs `deployed` forward: a release known to be no newer would be a
 * downgrade (releases whose order is not known are not held back).
 */
const forward = (release: string, deployed: string | undefined): boolean => deployed === undefined || (compareReleases(release, deployed) ?? 1) > 0;

/** Whether the pool runs a release its source rolled back from (then it follows the source back). */
function followsRollback(i: PromotionInput): boolean {
  const s = i.sourcePool;
  const deployed = i.deployed?.releaseVersion;
  if (deployed === undefined || s?.releaseVersion === undefined || s.history === undefined) return false;
  const current = s.releaseVersion;
  return s.history.some((span, index) => span.releaseVersion === deployed && rolledBack(current, s.history ?? [], index));
}

/**
 * The release a promoted pool deploys. Soaked (`now - since >= soakDays` whole days) and fitting: the source's release.
 * Otherwise the newest earlier release the source ran continuously for `soakDays` and then replaced with a newer one (its
 * `history`; a release it rolled back from is never taken, nor one no newer than what the pool runs unless the pool
 * runs a release the source rolled back from). Otherwise the pool keeps what it runs; on its first deploy the fallback
 * release; without one, `refuse`.
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
  const earlier = soakedEarlier(i);
  if (earlier !== undefined && (forward(earlier.span.releaseVersion, i.deployed?.releaseVersion) || followsRollback(i))) {
    const { span, days } = earlier;
    const reason = `${i.pool} takes ${span.releaseVersion} from ${i.source}, run there ${dateOf(span.since)} to ${dateOf(span.until)}, ${days} day${days === 1 ? "" : "s"} >= ${i.soakDays}, then replaced by a newer release (${why})`;
    return { kind: "promote", releaseVersion: span.releaseVersion, since: span.since, until: span.until, days, reason };
  }
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
