/**
 * `npm run plan -- --all`: every stack of the project in one process (the SDKs load once), in the order the
 * repository declares (`fleet.yaml`), one section per stack, the worst exit code. A stack whose file cannot be read,
 * whose config is invalid, or that hits a bug of ours shows that in its own section; the others still plan.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isRecord } from "../../components/core";
import { MAX_COMMENT_CHARS, heading, truncateComment } from "./markdown";
import { cell } from "./policy-table";
import { StackFileError, readStackFile, readYamlFile } from "./run";
import { Baseline, EXIT, ExitCode, StackOutcome, StackPlanOptions, UsageError, planStack, readBaseline } from "./stack-plan";

/** The file that declares the stacks' order (deploys run in it, dev before prod). */
export const ORDER_FILE = "fleet.yaml";

const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

/** The stacks with a `Pulumi.<stack>.yaml` in `projectRoot`, by name. */
export function stackFilesIn(projectRoot: string): string[] {
  return fs.readdirSync(projectRoot).flatMap((f) => STACK_FILE.exec(f)?.[1] ?? []).sort();
}

/**
 * Checks an order file's `order` against the stack files: every stack listed once, every listed stack with a file.
 * Returns every problem (empty when the order is good).
 */
export function orderProblems(order: unknown, stacks: readonly string[]): string[] {
  if (!Array.isArray(order) || order.some((s) => typeof s !== "string")) return ["order must be a list of stack names, e.g. order: [dev, prod]"];
  const listed = order as string[];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of listed) {
    if (seen.has(s)) problems.push(`order lists "${s}" twice`);
    seen.add(s);
    if (!stacks.includes(s)) problems.push(`order lists "${s}", which has no Pulumi.${s}.yaml`);
  }
  for (const s of stacks.filter((x) => !seen.has(x))) problems.push(`Pulumi.${s}.yaml is not in order (add "${s}" where it deploys)`);
  return problems;
}

/**
 * The stacks `--all` plans and the up workflow deploys, in order: the `order` of `fleet.yaml` when the project has
 * one (it must name every stack file exactly once), else by name. Throws a UsageError listing every problem.
 */
export function fleetStacks(projectRoot: string): string[] {
  const stacks = stackFilesIn(projectRoot);
  if (stacks.length === 0) throw new UsageError(`no Pulumi.<stack>.yaml in ${projectRoot}`);
  const orderFile = path.join(projectRoot, ORDER_FILE);
  if (!fs.existsSync(orderFile)) return stacks;
  const doc = readYamlFile(orderFile, ORDER_FILE, projectRoot);
  const order = isRecord(doc) ? doc.order : undefined;
  const problems = orderProblems(order, stacks);
  if (problems.length > 0) throw new UsageError([`${ORDER_FILE}: the stacks' order is invalid:`, ...problems.map((p) => `  ${p}`)].join("\n"));
  return order as string[];
}

/** What `--all` needs besides the stacks. */
export interface FleetOptions extends Omit<StackPlanOptions, "baseline" | "headingLevel"> {
  readonly projectRoot: string;
  /** `--baseline DIR`: each stack's baseline is DIR/<stack>.json when it exists. @default - no baselines */
  readonly baselineDir?: string;
}

/** An outcome for a stack that could not be planned at all (file unreadable, baseline unreadable, a bug of ours). */
function failedOutcome(stack: string, code: ExitCode, message: string, level: number): StackOutcome {
  const what = code === EXIT.internalError ? "internal error (please report it with the stack file)" : "not planned";
  return { stack, code, stdout: [], stderr: [`plan: ${message}`], markdown: `${heading(level)}Offline plan: stack \`${stack}\`\n\n❌ **${what}**: ${cell(message)}\n` };
}

function baselineOf(dir: string | undefined, stack: string): Baseline | undefined {
  const file = dir === undefined ? undefined : path.join(dir, `${stack}.json`);
  return file !== undefined && fs.existsSync(file) ? readBaseline(file) : undefined;
}

/** Plans one stack of the fleet; nothing it meets stops the others. */
async function planMember(stack: string, opts: FleetOptions): Promise<StackOutcome> {
  const level = 3;
  try {
    const file = readStackFile(opts.projectRoot, stack);
    const baseline = baselineOf(opts.baselineDir, stack);
    return await planStack(file, { now: opts.now, levels: opts.levels, baseline, headingLevel: level, promotionSources: opts.promotionSources });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const known = e instanceof StackFileError || e instanceof UsageError;
    return failedOutcome(stack, known ? EXIT.invalidConfig : EXIT.internalError, message, level);
  }
}

/** Called around each stack's plan (the command prints each section as it goes, so the SDK's own log lines land in it). */
export interface FleetHooks {
  before?(stack: string, index: number, count: number): void;
  after?(outcome: StackOutcome, index: number, count: number): void;
}

/**
 * Plans `stacks` one after another in this process. Promotion sources come from `--promote-from` only: a stack planned
 * earlier in the run is not one (its plan stamps `since` at `--now`, so nothing of it has soaked).
 */
export async function planFleet(stacks: readonly string[], opts: FleetOptions, hooks: FleetHooks = {}): Promise<StackOutcome[]> {
  const outcomes: StackOutcome[] = [];
  for (const [i, stack] of stacks.entries()) {
    hooks.before?.(stack, i, stacks.length);
    const outcome = await planMember(stack, opts);
    hooks.after?.(outcome, i, stacks.length);
    outcomes.push(outcome);
  }
  return outcomes;
}

/** The worst exit code: 3 (internal error) > 2 (invalid) > 1 (mandatory violation) > 0. */
export const worstCode = (outcomes: readonly { code: ExitCode }[]): ExitCode =>
  outcomes.reduce<ExitCode>((worst, o) => (o.code > worst ? o.code : worst), EXIT.clean);

const CODE_MEANING: Readonly<Record<ExitCode, string>> = {
  0: "clean", 1: "mandatory policy violation", 2: "invalid configuration or stack file", 3: "internal error",
};

/** One line per stack: exit code and what it means, with counts. */
function resultText(o: StackOutcome): string {
  if (o.counts) return `${o.counts.resources} resources, ${o.counts.mandatory} mandatory / ${o.counts.advisory} advisory violations`;
  if (o.errors !== undefined) return `invalid configuration (${o.errors} error${o.errors === 1 ? "" : "s"})`;
  return CODE_MEANING[o.code];
}

/** The line that opens a stack's section of the terminal output. */
export const sectionTitle = (stack: string, i: number, n: number): string => `===== stack ${stack} (${i + 1} of ${n}) =====`;

/** The line that closes it. */
export const sectionEnd = (o: StackOutcome): string => `stack ${o.stack}: exit ${o.code} (${CODE_MEANING[o.code]})`;

/** The closing overview of the terminal output. */
export function renderFleetOverview(outcomes: readonly StackOutcome[]): string {
  const width = Math.max(...outcomes.map((o) => o.stack.length));
  const worst = worstCode(outcomes);
  return [
    `Fleet: ${outcomes.length} stack${outcomes.length === 1 ? "" : "s"} planned in one process; exit ${worst} (the worst: ${CODE_MEANING[worst]})`,
    ...outcomes.map((o) => `  ${o.stack.padEnd(width)}  exit ${o.code}  ${resultText(o)}`),
  ].join("\n");
}

const ICON: Readonly<Record<ExitCode, string>> = { 0: "✅", 1: "❌", 2: "❌", 3: "💥" };

/**
 * The stack sections that fit `budget` characters: those that need attention (non-zero exit, advisory violations)
 * first, then the clean ones, each in deploy order; returns the indexes kept.
 */
export function sectionsThatFit(sections: readonly string[], needsAttention: readonly boolean[], budget: number): Set<number> {
  const kept = new Set<number>();
  let used = 0;
  for (const pass of [true, false]) {
    sections.forEach((text, i) => {
      if (needsAttention[i] !== pass || used + text.length + 2 > budget) return;
      kept.add(i);
      used += text.length + 2;
    });
  }
  return kept;
}

/**
 * The one pull-request summary of every stack: the overview table, then each stack's summary in deploy order. When
 * they do not all fit a comment, the stacks that need attention keep their sections first and a closing line names
 * the stacks left out (their summaries are in the job log and the `--json` files).
 */
export function renderFleetMarkdown(outcomes: readonly StackOutcome[], maxChars = MAX_COMMENT_CHARS): string {
  const worst = worstCode(outcomes);
  const rows = outcomes.map((o) => {
    const warn = o.code === EXIT.clean && o.counts && o.counts.advisory > 0 ? "⚠️" : ICON[o.code];
    return `| \`${cell(o.stack)}\` | ${warn} ${cell(resultText(o))} | ${o.code} |`;
  });
  const head = [
    `${heading(2)}Offline plan: ${outcomes.length} stack${outcomes.length === 1 ? "" : "s"}`,
    `${ICON[worst]} **exit ${worst}: ${CODE_MEANING[worst]}** (the worst of the stacks) · in deploy order: ${outcomes.map((o) => `\`${cell(o.stack)}\``).join(" → ")}`,
    ["| Stack | Result | Exit |", "| --- | --- | ---: |", ...rows].join("\n"),
  ].join("\n\n");
  const sections = outcomes.map((o) => (o.markdown ?? "").trim());
  const attention = outcomes.map((o) => o.code !== EXIT.clean || (o.counts?.advisory ?? 0) > 0);
  const NOTE_ROOM = 200 + outcomes.reduce((n, o) => n + o.stack.length + 4, 0);
  const kept = sectionsThatFit(sections, attention, maxChars - head.length - NOTE_ROOM);
  const left = outcomes.filter((_, i) => !kept.has(i)).map((o) => `\`${cell(o.stack)}\``);
  const note = left.length > 0 ? [`_${left.length} stack summar${left.length === 1 ? "y" : "ies"} left out to fit a pull request comment: ${left.join(", ")} (see the job log or \`--json\`)._`] : [];
  return truncateComment(`${[head, ...sections.filter((_, i) => kept.has(i)), ...note].join("\n\n")}\n`, maxChars);
}
