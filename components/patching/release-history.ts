/**
 * The bounded release history of a pool in the `versions` output: the releases it ran before the current one, each with
 * since and until, newest first, kept across deploys the way `since` is. AMI promotion reads it from the source stack,
 * so a release the source ran long enough and then replaced with a newer one can still be promoted.
 */
import { isRecord } from "../core";

/** How many previous releases each pool keeps; the oldest drops off when a new one is recorded. */
export const RELEASE_HISTORY_LIMIT = 5;

/** One release a pool ran before its current one, continuously from `since` to `until`. */
export interface ReleaseSpan {
  readonly releaseVersion: string;
  /** When the pool started running it (ISO 8601). */
  readonly since: string;
  /** When the pool stopped running it: the deploy that replaced it (ISO 8601). */
  readonly until: string;
}

const validInstant = (v: unknown): v is string => typeof v === "string" && Number.isFinite(Date.parse(v));

/**
 * The history of a previous `versions` output's pool: well-formed spans only (a release, valid since and until, since
 * not after until), at most {@link RELEASE_HISTORY_LIMIT}; an absent or malformed history (an output from before it was
 * recorded) reads as none.
 */
export function parseReleaseHistory(value: unknown): ReleaseSpan[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((s): ReleaseSpan[] => {
    if (!isRecord(s) || typeof s.releaseVersion !== "string" || s.releaseVersion === "" || !validInstant(s.since) || !validInstant(s.until)) return [];
    if (Date.parse(s.since) > Date.parse(s.until)) return [];
    return [{ releaseVersion: s.releaseVersion, since: s.since, until: s.until }];
  }).slice(0, RELEASE_HISTORY_LIMIT);
}

/**
 * The history after a deploy: unchanged while the release is; when it changes, the previous release (with its since,
 * and `now` as until) goes in front and the oldest beyond the limit drops off. A previous release without a valid since
 * is not recorded (nothing is known of how long it ran).
 */
export function nextReleaseHistory(
  previous: { readonly releaseVersion?: string; readonly since?: string; readonly history?: readonly ReleaseSpan[] } | undefined,
  currentRelease: string,
  now: Date,
): ReleaseSpan[] {
  const kept = parseReleaseHistory(previous?.history);
  if (previous?.releaseVersion === undefined || previous.releaseVersion === currentRelease || !validInstant(previous.since)) return kept;
  return [{ releaseVersion: previous.releaseVersion, since: previous.since, until: now.toISOString() }, ...kept].slice(0, RELEASE_HISTORY_LIMIT);
}

const RELEASE = /^(\d+)\.(\d+)\.(\d+)(?:-(\d{8}))?(?:$|[-+.])/;

/**
 * Orders two EKS AMI release versions (`1.35.0-20251120`, Bottlerocket `1.50.0-1a2b3c4d`): by the version numbers, then
 * by the build date when both carry one. `undefined` when either is not in that form or the order is not known.
 */
export function compareReleases(a: string, b: string): number | undefined {
  const x = RELEASE.exec(a);
  const y = RELEASE.exec(b);
  if (!x || !y) return undefined;
  for (let i = 1; i <= 3; i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return Math.sign(d);
  }
  if (x[4] !== undefined && y[4] !== undefined) return Math.sign(Number(x[4]) - Number(y[4]));
  return a === b ? 0 : undefined;
}
