/**
 * `npm run bench`: the plan's speed and memory against the SDK-load floor (SPEC §9, issue 9).
 * Cases, each a whole child process, one warm-up each, then `--runs` (>= 5) rounds in which every main case runs once
 * (interleaved: A B C, B C A, ...), so load on the machine moves all cases alike; medians and paired ratios per round:
 *   baseline   bare Node loading the Pulumi SDKs the program imports;
 *   plan(dev)  the offline plan of Pulumi.dev.yaml, run as `npm run plan` runs it;
 *   plan(N)    plans of generated stacks with N pools (tools/gen/generate-stack.ts, `--seed`);
 *   variants   explain the gap: node/tsx start-up, exactly the @pulumi modules the plan loads, the plan
 *              bundled by esbuild and run with plain node (skip with `--skip-variants`).
 *   fleet      `plan --all` over `--fleet` (50) generated stacks against the same stacks planned one process each,
 *              in `--fleet-runs` (3) interleaved rounds (tools/bench/fleet.ts; `--fleet 0` skips it).
 * Prints a table, the ratios and the targets, the modelled `pulumi up` critical paths, and writes
 * bench/results.json. Options: --runs N, --seed S, --pools 10,50,200, --fleet N, --fleet-runs R, --out FILE,
 * --skip-variants, --keep.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { writeStack } from "../gen";
import { Command, measure, measureInterleaved, runOnce, summarize, writeRssPreload } from "./measure";
import {
  baselineCommand, commandLine, compilePlan, compiledPlanCommand, emptyNodeCommand, emptyTsxCommand, planCommand, planScript, recordedModulesCommand,
} from "./cases";
import { BenchResults, CaseResult, computeRatios, evaluateTargets, machineInfo, renderCaseTable, renderNotes, renderSummary } from "./report";
import { readCriticalPaths, renderCriticalPaths } from "./rollout";
import { FleetResult, fleetTargets, measureFleet, renderFleet, summarizeFleet, writeFleet } from "./fleet";

const REPO = path.resolve(__dirname, "../..");
/** Plan exit codes that still mean "planned" (1: a mandatory policy violation); 2 (invalid config) fails the bench. */
const PLANNED = [0, 1] as const;

interface Options {
  readonly runs: number;
  readonly seed: number;
  readonly pools: readonly number[];
  readonly out: string;
  readonly variants: boolean;
  readonly keep: boolean;
  readonly fleet: number;
  readonly fleetRuns: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "5" }, seed: { type: "string", default: "42" }, pools: { type: "string", default: "10,50,200" },
      out: { type: "string", default: path.join(REPO, "bench", "results.json") }, "skip-variants": { type: "boolean", default: false },
      keep: { type: "boolean", default: false }, fleet: { type: "string", default: "50" }, "fleet-runs": { type: "string", default: "3" },
    },
    strict: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
  const pools = (values.pools ?? "").split(",").map(Number);
  if (pools.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--pools must list positive integers, got ${values.pools}`);
  const fleet = Number(values.fleet);
  const fleetRuns = Number(values["fleet-runs"]);
  if (!Number.isInteger(fleet) || fleet < 0 || !Number.isInteger(fleetRuns) || fleetRuns < 1) throw new Error(`--fleet must be an integer >= 0 and --fleet-runs >= 1, got ${values.fleet} and ${values["fleet-runs"]}`);
  return { runs, seed: Number(values.seed), pools, out: path.resolve(values.out ?? ""), variants: !values["skip-variants"], keep: values.keep ?? false, fleet, fleetRuns };
}

/** Context shared by the cases of one bench run. */
interface Bench {
  readonly opts: Options;
  readonly scratch: string;
  readonly preload: string;
  readonly log: (line: string) => void;
}

/** One case measured on its own: a warm-up run, then the measured runs. */
function runCase(b: Bench, c: Omit<CaseResult, "stats" | "command">, cmd: Command): CaseResult {
  b.log(`  ${c.label} …`);
  const stats = measure(cmd, { runs: b.opts.runs, warmups: 1, preload: b.preload, scratch: b.scratch });
  return { ...c, command: commandLine(cmd, REPO), stats };
}

/** A main case, warmed up, ready to be measured in the interleaved rounds. */
interface MainCase {
  readonly c: Omit<CaseResult, "stats" | "command">;
  readonly cmd: Command;
  readonly okCodes: readonly number[];
  /** The plan's `--json` document from the warm-up run. @default - not a plan */
  readonly document?: unknown;
}

/** Warms a plan case up (writing its JSON document: resources, rollout); its measured runs print only, as `npm run plan` does. */
function warmPlan(b: Bench, id: string, label: string, root: string, stack: string, pools: number, make: (args: string[]) => Command, extraEnv: Record<string, string> = {}): MainCase {
  b.log(`  warm-up ${label} …`);
  const json = path.join(b.scratch, `${id}.json`);
  const args = ["--project-root", root, "--stack", stack];
  const warm = make([...args, "--json", json]);
  runOnce({ ...warm, env: { ...warm.env, ...extraEnv } }, b.preload, b.scratch, PLANNED);
  const document: unknown = JSON.parse(fs.readFileSync(json, "utf8"));
  const resources = typeof document === "object" && document !== null && "resources" in document && Array.isArray(document.resources) ? document.resources.length : undefined;
  return { c: { id, label, role: "plan", pools, ...(resources === undefined ? {} : { resources }) }, cmd: make(args), okCodes: PLANNED, document };
}

/** A plan case measured on its own (the variants): the warm-up of {@link warmPlan}, then the measured runs. */
function planCase(b: Bench, id: string, label: string, root: string, stack: string, pools: number, make: (args: string[]) => Command): CaseResult {
  const m = warmPlan(b, id, label, root, stack, pools, make);
  const stats = measure(m.cmd, { runs: b.opts.runs, warmups: 0, preload: b.preload, scratch: b.scratch, okCodes: m.okCodes });
  return { ...m.c, role: "variant", command: commandLine(m.cmd, REPO), stats };
}

function poolsOf(root: string, stack: string): number {
  const text = fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), "utf8");
  return (text.match(/^\s+- name: /gm) ?? []).length;
}

function variantCases(b: Bench, script: string, modulesFile: string, stacksDir: string): CaseResult[] {
  const cases: CaseResult[] = [
    runCase(b, { id: "variant-node", label: "node -e 0", role: "variant", note: "Node's own start-up" }, emptyNodeCommand(REPO)),
    runCase(b, { id: "variant-tsx", label: "tsx -e 0", role: "variant", note: "tsx CLI start-up (a second node process + esbuild service)" }, emptyTsxCommand(REPO)),
  ];
  if (fs.existsSync(modulesFile)) {
    const n = (JSON.parse(fs.readFileSync(modulesFile, "utf8")) as unknown[]).length;
    cases.push(runCase(b, { id: "variant-sdk-modules", label: "baseline: plan's SDK modules", role: "variant", note: `loads exactly the ${n} @pulumi/* module files plan(dev) loaded` }, recordedModulesCommand(REPO, modulesFile)));
  }
  const compiled = compilePlan(REPO, path.join(b.scratch, "compiled"));
  if (!compiled) return cases;
  const make = (args: string[]): Command => compiledPlanCommand(REPO, compiled, args);
  const note = `tools/plan/main.ts bundled by esbuild (${Math.round(compiled.buildMs)} ms, once) and run with plain node instead of \`${script}\``;
  cases.push({ ...planCase(b, "variant-compiled-dev", "plan(dev) compiled", REPO, "dev", poolsOf(REPO, "dev"), make), note });
  for (const n of b.opts.pools.filter((p) => p === 10 || p === 200)) {
    cases.push({ ...planCase(b, `variant-compiled-${n}`, `plan(${n}) compiled`, stacksDir, `bench-${n}`, n, make), note });
  }
  return cases;
}

/** The fleet case: a warm-up of `--all` and of one single plan, then the interleaved rounds. */
function fleetCase(b: Bench, make: (args: string[]) => Command): FleetResult | undefined {
  if (b.opts.fleet === 0) return undefined;
  const fleet = writeFleet(path.join(b.scratch, "fleet"), b.opts.fleet, b.opts.seed);
  const all = make(["--project-root", fleet.dir, "--all"]);
  const singles = fleet.stacks.map((s) => make(["--project-root", fleet.dir, "--stack", s]));
  b.log(`  warm-up plan --all over ${fleet.stacks.length} stacks …`);
  runOnce(all, b.preload, b.scratch, PLANNED);
  runOnce(singles[0], b.preload, b.scratch, PLANNED);
  b.log(`  ${b.opts.fleetRuns} interleaved round(s) of plan --all and ${singles.length} single plans …`);
  const rounds = measureFleet(all, singles, { rounds: b.opts.fleetRuns, preload: b.preload, scratch: b.scratch, okCodes: PLANNED });
  return summarizeFleet(fleet, rounds, commandLine(all, REPO));
}

function run(opts: Options): BenchResults {
  const loadAtStart = os.loadavg()[0];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "eks-workerpools-bench-"));
  const b: Bench = { opts, scratch, preload: writeRssPreload(scratch), log: (l) => console.error(l) };
  try {
    const stacksDir = path.join(scratch, "stacks");
    for (const n of opts.pools) writeStack(stacksDir, { pools: n, seed: opts.seed });
    const script = planScript(REPO);
    const make = (args: string[]): Command => planCommand(REPO, script, args);
    const modulesFile = path.join(scratch, "pulumi-modules.json");
    b.log(`Benchmark: ${opts.runs} runs per case after one warm-up; plan = \`${script}\`; stacks seeded ${opts.seed} in ${stacksDir}`);
    const main: MainCase[] = [
      { c: { id: "baseline", label: "baseline (SDKs only)", role: "baseline", note: `node requiring ${"@pulumi/{pulumi,aws,eks,kubernetes}"}` }, cmd: baselineCommand(REPO), okCodes: [0] },
      warmPlan(b, "plan-dev", "plan(dev)", REPO, "dev", poolsOf(REPO, "dev"), make, { BENCH_MODULES_FILE: modulesFile }),
      ...opts.pools.map((n) => warmPlan(b, `plan-${n}`, `plan(${n})`, stacksDir, `bench-${n}`, n, make)),
    ];
    runOnce(main[0].cmd, b.preload, b.scratch);
    b.log(`  ${opts.runs} interleaved rounds of ${main.map((m) => m.c.label).join(", ")} …`);
    const samples = measureInterleaved(main, { runs: opts.runs, preload: b.preload, scratch: b.scratch });
    const cases: CaseResult[] = main.map((m, i) => ({ ...m.c, command: commandLine(m.cmd, REPO), stats: summarize(samples[i]) }));
    const dev = main[1];
    const fleet = fleetCase(b, make);
    if (opts.variants) cases.push(...variantCases(b, script, modulesFile, stacksDir));
    const ratios = computeRatios(cases);
    return {
      generatedAt: new Date().toISOString(),
      machine: machineInfo(loadAtStart),
      method: {
        runs: opts.runs, warmups: 1, seed: opts.seed, planScript: script,
        timing: "wall clock around a synchronous spawn of the whole process; main cases interleaved in rounds (each case once per round, the lead rotating); median/min/max over the rounds; variants after, one after the other",
        rss: "process.resourceUsage().maxRSS of every Node process, written at exit by a --require preload (NODE_OPTIONS); the largest, max over runs",
        cpu: "user + system CPU time of every Node process (same preload), summed; median over runs",
        fleet: "plan --all over the generated fleet and each of its stacks planned alone, in rounds; the --all run at a rotating place among the single plans; per round --all / median single plan, median over rounds",
      },
      cases,
      ratios,
      targets: [...evaluateTargets(cases, ratios), ...(opts.fleet === 0 ? [] : fleetTargets(fleet))],
      fleet: fleet ?? null,
      criticalPaths: readCriticalPaths(dev.document) ?? null,
    };
  } finally {
    if (!opts.keep) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function main(argv: string[]): void {
  const opts = options(argv);
  const results = run(opts);
  const m = results.machine;
  console.log(`\nMachine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; load average ${m.loadAverage.start} -> ${m.loadAverage.end}\n`);
  console.log(renderCaseTable(results.cases));
  console.log(`\n${renderNotes(results.cases)}\n`);
  console.log(renderSummary(results.ratios, results.targets));
  if (results.fleet) console.log(`\n${renderFleet(results.fleet)}`);
  console.log(`\n${renderCriticalPaths(results.criticalPaths ?? undefined)}`);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
}

try {
  main(process.argv.slice(2));
} catch (err: unknown) {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
