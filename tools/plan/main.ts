/**
 * `npm run plan [-- --stack NAME] [--json FILE] [--markdown FILE] [--baseline FILE] [--now ISO]
 * [--policy-config FILE] [--project-root DIR] [--promote-from STACK=PLAN.json ...]`: the offline plan of one stack. `--all` plans every stack of the
 * project in one process (`--json DIR` writes DIR/<stack>.json, `--baseline DIR` reads them, `--markdown FILE` one
 * summary of all); `--list` prints the stacks `--all` plans, in order, as a JSON array. Exit codes: 0 clean, 1
 * mandatory policy violation, 2 invalid configuration or arguments, 3 internal error; with `--all` the worst of the
 * stacks. The JSON and markdown are written before exiting non-zero.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { PolicyLevels, loadPolicyConfig } from "./policy-eval";
import { StackFileError, findProjectRoot, readStackFile } from "./run";
import { EXIT, ExitCode, StackOutcome, UsageError, documentText, planStack, readBaseline } from "./stack-plan";
import { parsePromoteFrom, readPromotionSources } from "./promotion-section";
import type { VersionState } from "../../components/patching";
import { fleetStacks, planFleet, renderFleetMarkdown, renderFleetOverview, sectionEnd, sectionTitle, worstCode } from "./fleet";

interface Options {
  readonly stack: string;
  readonly all: boolean;
  readonly list: boolean;
  readonly projectRoot: string;
  readonly json?: string;
  readonly markdown?: string;
  readonly baseline?: string;
  readonly now: Date;
  readonly levels: PolicyLevels;
  /** `--promote-from`: the source stacks' versions by stack name. */
  readonly promotionSources: Record<string, VersionState>;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string" },
      all: { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      json: { type: "string" },
      markdown: { type: "string" },
      baseline: { type: "string" },
      "policy-config": { type: "string" },
      now: { type: "string" },
      "promote-from": { type: "string", multiple: true, default: [] },
      "project-root": { type: "string", default: findProjectRoot(__dirname) },
    },
    strict: true,
  });
  if ((values.all || values.list) && values.stack !== undefined) throw new UsageError(`--stack names one stack; --${values.all ? "all" : "list"} takes every stack of the project`);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 time such as 2026-12-24T09:00:00Z, got "${values.now}"`);
  const levels = values["policy-config"] ? loadPolicyConfig(values["policy-config"]) : {};
  const promoteFrom = (values["promote-from"] ?? []).map((arg) => {
    const parsed = parsePromoteFrom(arg);
    if (typeof parsed === "string") throw new UsageError(parsed);
    return parsed;
  });
  return {
    stack: values.stack ?? "dev", all: values.all ?? false, list: values.list ?? false, projectRoot: values["project-root"],
    json: values.json, markdown: values.markdown, baseline: values.baseline, now, levels, promotionSources: readPromotionSources(promoteFrom),
  };
}

/** Runs `f`; anything it throws is about the command line or its files (exit 2). */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof UsageError || e instanceof StackFileError ? e : new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** One stack, printed and written as `npm run plan` always has. */
async function planOne(opts: Options): Promise<ExitCode> {
  const file = readStackFile(opts.projectRoot, opts.stack);
  const baseline = opts.baseline ? usage(() => readBaseline(opts.baseline ?? "")) : undefined;
  const outcome = await planStack(file, { now: opts.now, levels: opts.levels, baseline, promotionSources: opts.promotionSources });
  for (const line of outcome.stderr) console.error(line);
  for (const line of outcome.stdout) console.log(line);
  if (opts.json && outcome.document) {
    fs.writeFileSync(opts.json, documentText(outcome.document));
    console.log(`\nWrote ${opts.json}`);
  }
  if (opts.markdown && outcome.markdown) {
    fs.writeFileSync(opts.markdown, outcome.markdown);
    if (outcome.document) console.log(`Wrote ${opts.markdown}`);
  }
  return outcome.code;
}

/** A directory option of `--all`: `--json DIR` is made, `--baseline DIR` must exist. */
function directory(option: string, dir: string, make: boolean): string {
  if (make) fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--${option} ${dir}: with --all, a directory (one <stack>.json per stack)`);
  return dir;
}

/** Every stack in one process: a section per stack, the overview, one markdown summary, the worst exit code. */
async function planAll(opts: Options): Promise<ExitCode> {
  const stacks = fleetStacks(opts.projectRoot);
  const jsonDir = opts.json === undefined ? undefined : usage(() => directory("json", opts.json ?? "", true));
  const baselineDir = opts.baseline === undefined ? undefined : usage(() => directory("baseline", opts.baseline ?? "", false));
  const outcomes: StackOutcome[] = await planFleet(stacks, { projectRoot: opts.projectRoot, now: opts.now, levels: opts.levels, baselineDir, promotionSources: opts.promotionSources }, {
    before: (stack, i, n) => console.log(`${i === 0 ? "" : "\n"}${sectionTitle(stack, i, n)}\n`),
    after: (o) => {
      for (const line of [...o.stderr, ...o.stdout]) console.log(line);
      if (jsonDir && o.document) {
        const file = path.join(jsonDir, `${o.stack}.json`);
        fs.writeFileSync(file, documentText(o.document));
        console.log(`\nWrote ${file}`);
      }
      console.log(`\n${sectionEnd(o)}`);
    },
  });
  console.log(`\n${renderFleetOverview(outcomes)}`);
  if (opts.markdown) {
    fs.writeFileSync(opts.markdown, renderFleetMarkdown(outcomes));
    console.log(`Wrote ${opts.markdown}`);
  }
  return worstCode(outcomes);
}

async function main(argv: string[]): Promise<number> {
  const opts = usage(() => parseOptions(argv));
  if (opts.list) {
    console.log(JSON.stringify(fleetStacks(opts.projectRoot)));
    return EXIT.clean;
  }
  return opts.all ? planAll(opts) : planOne(opts);
}

/** A bug of ours, never a policy verdict: one line and exit 3 (exit 1 means a mandatory violation). */
function internalError(err: unknown): never {
  console.error(`plan: internal error (please report it with the stack file): ${err instanceof Error ? err.message : String(err)}`);
  process.exit(EXIT.internalError);
}
process.on("uncaughtException", internalError);
process.on("unhandledRejection", internalError);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (!(err instanceof UsageError || err instanceof StackFileError)) internalError(err);
    console.error(`plan: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(EXIT.invalidConfig);
  },
);
