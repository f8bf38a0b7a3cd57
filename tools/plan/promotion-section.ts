/**
 * AMI promotion in the offline plan: `--promote-from <stack>=<plan.json>` reads the source stack's plan (its `versions`,
 * which carry each pool's release and since when), and the plan says what each promoted pool takes and why.
 */
import * as fs from "node:fs";
import { isRecord } from "../../components/core";
import { VersionState, parseVersionState } from "../../components/patching";
import type { PromotionDecision } from "../../infra/promotion";
import { STAND_IN_PREFIX, parsePlanResources } from "../review";
import { versionStateOf } from "./rollout-section";

/** One `--promote-from` value: the stack name pools write in `ami.from`, and the plan JSON of that stack. */
export interface PromoteFrom {
  readonly stack: string;
  readonly file: string;
}

/** Parses `<stack>=<plan.json>`; a message when it is not one. */
export function parsePromoteFrom(arg: string): PromoteFrom | string {
  const at = arg.indexOf("=");
  if (at <= 0 || at === arg.length - 1) return `--promote-from takes <stack>=<plan.json> (e.g. dev=dev-plan.json), got "${arg}"`;
  return { stack: arg.slice(0, at), file: arg.slice(at + 1) };
}

/**
 * The versions a plan JSON records: its `versions` (release, since and the bounded history of earlier releases per pool,
 * as the stack output has them), or for a
 * plan from before they were recorded what its node groups deploy (no since: nothing has soaked). A message when the
 * file is not a plan.
 */
export function promotionSourceOf(doc: unknown): VersionState | string {
  const recorded = isRecord(doc) ? parseVersionState(doc.versions) : undefined;
  if (recorded) return withoutStandIns(recorded);
  const resources = parsePlanResources(doc);
  return typeof resources === "string" ? resources : versionStateOf(resources, true);
}

/**
 * A source's versions without offline stand-in releases, current or in the history (a source pool on the recommended
 * channel: its release is only known at deploy, so offline it records none and nothing of it has soaked).
 */
function withoutStandIns(v: VersionState): VersionState {
  const pools = Object.fromEntries(Object.entries(v.pools).map(([name, p]) => {
    const history = p.history?.filter((h) => !h.releaseVersion.startsWith(STAND_IN_PREFIX));
    const real = history === undefined || history.length === p.history?.length ? p : { ...p, history };
    if (!p.releaseVersion?.startsWith(STAND_IN_PREFIX)) return [name, real];
    const { releaseVersion: _r, since: _s, ...rest } = real;
    return [name, rest];
  }));
  return { ...v, pools };
}

/** Reads every `--promote-from` file; throws a message naming the file. */
export function readPromotionSources(args: readonly PromoteFrom[]): Record<string, VersionState> {
  const out: Record<string, VersionState> = {};
  for (const a of args) {
    if (!fs.existsSync(a.file)) throw new Error(`--promote-from ${a.stack}=${a.file}: no such file`);
    const source = promotionSourceOf(JSON.parse(fs.readFileSync(a.file, "utf8")) as unknown);
    if (typeof source === "string") throw new Error(`--promote-from ${a.stack}=${a.file}: ${source}`);
    out[a.stack] = source;
  }
  return out;
}

/** The wave (1-based) a pool rolls in. */
const waveOf = (waves: readonly (readonly string[])[], pool: string): number => waves.findIndex((w) => w.includes(pool)) + 1;

/**
 * The plan's AMI promotion lines: each promoted pool's choice and why; a release that changes what the pool runs rolls
 * the pool in its wave, and a freeze holds it like every other release.
 */
export function renderPromotions(decisions: readonly PromotionDecision[], waves: readonly (readonly string[])[], deployed: VersionState | undefined): string | undefined {
  if (decisions.length === 0) return undefined;
  const lines = decisions.map((d) => {
    const c = d.choice;
    const runs = deployed?.pools[d.pool]?.releaseVersion;
    const rolls = (c.kind === "promote" || c.kind === "fallback") && runs !== undefined && runs !== c.releaseVersion
      ? `; a release change (runs ${runs}): rolls the pool in wave ${waveOf(waves, d.pool)}, unless a freeze holds it`
      : "";
    return `  ${c.reason}${rolls} [${c.kind}, soakDays ${d.soakDays}]`;
  });
  return ["AMI promotion (ami.channel promoted):", ...lines].join("\n");
}
