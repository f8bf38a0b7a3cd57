/**
 * `npm run plan [-- --stack NAME] [--json FILE] [--markdown FILE] [--baseline FILE] [--now ISO]
 * [--policy-config FILE]`: the offline plan. Exit codes: 0 clean, 1 mandatory policy violation,
 * 2 invalid configuration or arguments. The JSON and markdown are written before exiting 1.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { applyFreeze } from "../../components/patching";
import { desiredVersions } from "../../infra/versions";
import { ReviewResource, parsePlanResources, reviewChanges } from "../review";
import { PlanDocument, PlanWarning } from "./document";
import { renderAddons, summarizeAddons } from "./addons";
import { renderPools, summarizePools } from "./pools";
import { renderCounts, renderIssues, renderStandIns, renderTree } from "./print";
import { renderAzLoss, renderChangeReview, renderCriticalPath, renderRollout, renderRolloutSection } from "./rollout-print";
import { fenced, renderConfigErrorsMarkdown, renderMarkdownSummary } from "./markdown";
import { PolicyLevels, evaluatePolicies, hasMandatoryViolation, loadPolicyConfig, renderPolicyResults } from "./policy-eval";
import { StackFile, StackFileError, findProjectRoot, readStackFile, runPlan } from "./run";
import type { PlanResource } from "./resources";
import { ProviderSection, defaultTagsOf, parseProviderSection, renderProviderChanges, renderProviderSection, reviewProviderChanges } from "./provider";
import { renderTagsSection, tagsSection } from "./tags";
import { RolloutSection, broughtSubnetZones, changeReviewWarnings, planRolloutSection, versionStateOf } from "./rollout-section";

export const EXIT = { clean: 0, policyViolation: 1, invalidConfig: 2, internalError: 3 } as const;

/** A problem with the command line or its files: one line, exit 2. */
class UsageError extends Error {}

interface Options {
  readonly stack: string;
  readonly projectRoot: string;
  readonly json?: string;
  readonly markdown?: string;
  readonly baseline?: string;
  readonly now: Date;
  readonly levels: PolicyLevels;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", default: "dev" },
      json: { type: "string" },
      markdown: { type: "string" },
      baseline: { type: "string" },
      "policy-config": { type: "string" },
      now: { type: "string" },
      "project-root": { type: "string", default: findProjectRoot(__dirname) },
    },
    strict: true,
  });
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO 8601 time such as 2026-12-24T09:00:00Z, got "${values.now}"`);
  const levels = values["policy-config"] ? loadPolicyConfig(values["policy-config"]) : {};
  return { stack: values.stack, projectRoot: values["project-root"], json: values.json, markdown: values.markdown, baseline: values.baseline, now, levels };
}

function readBaseline(file: string): { resources: ReviewResource[]; provider?: ProviderSection } {
  if (!fs.existsSync(file)) throw new UsageError(`--baseline ${file}: no such file`);
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  const parsed = parsePlanResources(doc);
  if (typeof parsed === "string") throw new UsageError(`--baseline ${file}: ${parsed}`);
  return { resources: parsed, provider: parseProviderSection(doc) };
}

type Baseline = ReturnType<typeof readBaseline>;

/** The provider part of the change review (none without a baseline; a baseline from before provider sections says so). */
function providerReview(file: StackFile, baseline: Baseline | undefined, resources: readonly PlanResource[], name: string): { section: ProviderSection; text?: string } {
  if (!baseline) return { section: file.provider, text: undefined };
  if (!baseline.provider) return { section: file.provider, text: `AWS provider settings: ${name} records none (a plan from before they were recorded); not compared` };
  const changes = reviewProviderChanges(baseline.provider, file.provider, resources);
  return { section: { ...file.provider, changes }, text: renderProviderChanges(changes, name) };
}

/** AZ-loss problems as plan warnings, at the pool's scaling path. */
function azLossWarnings(rollout: RolloutSection, poolNames: readonly string[]): PlanWarning[] {
  return rollout.azLoss.flatMap((p) => p.warnings.map((w) => ({ path: `workerpools:pools[${poolNames.indexOf(p.pool)}].scaling`, message: w.message, severity: "warning" as const })));
}

/** The rollout and change-review sections of the pull-request summary. */
function markdownSections(rollout: RolloutSection, baselineName?: string, providerText?: string): { rollout: string; changes?: string } {
  const text = [renderRollout(rollout.fleet), renderCriticalPath("Critical path of a patch rollout", rollout.criticalPath.patch), renderAzLoss(rollout.azLoss)].join("\n\n");
  const review = rollout.changeReview;
  const changes = [review ? renderChangeReview(review, baselineName ?? "the baseline") : undefined, providerText].filter((t): t is string => t !== undefined);
  return { rollout: fenced(text), ...(changes.length > 0 ? { changes: fenced(changes.join("\n\n")) } : {}) };
}

/** Runs `f`; anything it throws is about the command line or its files (exit 2). */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof UsageError || e instanceof StackFileError ? e : new UsageError(e instanceof Error ? e.message : String(e));
  }
}

async function main(argv: string[]): Promise<number> {
  const opts = usage(() => parseOptions(argv));
  const file = readStackFile(opts.projectRoot, opts.stack);
  const baseline = opts.baseline ? usage(() => readBaseline(opts.baseline ?? "")) : undefined;
  const previous = baseline ? versionStateOf(baseline.resources, false, broughtSubnetZones(file.values.cluster)) : undefined;
  const run = await runPlan(file, { previousVersions: previous ?? null, now: opts.now });
  if (!run.ok) {
    console.error(renderIssues(`Stack "${file.stack}": invalid configuration (nothing was planned):`, run.errors));
    if (run.warnings.length > 0) console.error(renderIssues("Warnings:", run.warnings));
    if (opts.markdown) fs.writeFileSync(opts.markdown, renderConfigErrorsMarkdown(file.stack, run.errors, run.warnings));
    return EXIT.invalidConfig;
  }
  const freeze = applyFreeze(desiredVersions(run.config), previous, run.config.patching.freeze, opts.now);
  const changeReview = baseline ? reviewChanges(run.resources, baseline.resources, undefined, { corednsPool: run.config.addons.coredns?.pool }) : undefined;
  const provider = providerReview(file, baseline, run.resources, opts.baseline ?? "the baseline");
  const rollout = planRolloutSection(run.config, run.resources, { changeReview, freeze: freeze.freeze || baseline ? freeze : undefined });
  const pools = summarizePools(run.config);
  const addons = summarizeAddons(run.resources);
  const poolNames = run.config.pools.map((p) => p.name);
  const warnings: PlanWarning[] = [...run.warnings, ...azLossWarnings(rollout, poolNames), ...changeReviewWarnings(changeReview, poolNames)];
  const policyResults = evaluatePolicies(run.resources, opts.levels, { now: opts.now });
  const tags = tagsSection(run.config.tags, defaultTagsOf(file.provider), run.resources);

  console.log(`Offline plan of stack "${file.stack}" (project ${file.project}, ${file.region}): Pulumi mock runtime, no AWS calls\n`);
  console.log(`${renderProviderSection(file.provider)}\n`);
  if (tags) console.log(`${renderTagsSection(tags)}\n`);
  console.log(renderTree(run.resources));
  console.log(`\n${renderCounts(run.resources)}\n`);
  console.log(`${renderPolicyResults(policyResults)}\n`);
  console.log(`${renderPools(pools)}\n`);
  console.log(`${renderAddons(addons)}\n`);
  console.log(`${renderRolloutSection(rollout, { baselineName: opts.baseline, now: opts.now })}\n`);
  if (provider.text) console.log(`${provider.text}\n`);
  if (warnings.length > 0) console.log(`${renderIssues("Warnings:", warnings)}\n`);
  console.log(renderStandIns(run.standIns));
  if (opts.json) {
    const doc: PlanDocument = { stack: file.stack, resources: run.resources, pools, addons, policyResults, rollout, warnings, standIns: run.standIns, provider: provider.section, ...(tags ? { tags } : {}) };
    fs.writeFileSync(opts.json, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`\nWrote ${opts.json}`);
  }
  if (opts.markdown) {
    fs.writeFileSync(opts.markdown, renderMarkdownSummary({ stack: file.stack, resources: run.resources, policyResults, ...markdownSections(rollout, opts.baseline, provider.text) }));
    console.log(`Wrote ${opts.markdown}`);
  }
  return hasMandatoryViolation(policyResults) ? EXIT.policyViolation : EXIT.clean;
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
