/**
 * One stack's offline plan, as text and documents rather than printed: what `npm run plan` shows for the stack
 * (stdout and stderr lines), its `--json` document, its markdown summary and its exit code. The single-stack command
 * prints and writes these as they are; `--all` puts one outcome per stack into its sections (tools/plan/fleet.ts).
 */
import * as fs from "node:fs";
import { VersionState, applyFreeze, parseVersionState } from "../../components/patching";
import { desiredVersions } from "../../infra/versions";
import { ReviewResource, parsePlanResources, reviewChanges } from "../review";
import { PlanDocument, PlanWarning } from "./document";
import { renderAddons, summarizeAddons } from "./addons";
import { renderClusterAutoscaler, summarizeClusterAutoscaler } from "./autoscaler";
import { renderPools, summarizePools } from "./pools";
import { renderCounts, renderIssues, renderStandIns, renderTree } from "./print";
import { renderAzLoss, renderChangeReview, renderCriticalPath, renderRollout, renderRolloutSection } from "./rollout-print";
import { fenced, renderConfigErrorsMarkdown, renderMarkdownSummary } from "./markdown";
import { renderRolloutDiagram, rolloutDiagram } from "./mermaid";
import { PolicyLevels, evaluatePolicies, hasMandatoryViolation, renderPolicyResults } from "./policy-eval";
import { StackFile, runPlan } from "./run";
import type { PlanResource } from "./resources";
import { ProviderSection, defaultTagsOf, parseProviderSection, renderProviderChanges, renderProviderSection, reviewProviderChanges } from "./provider";
import { renderTagsSection, tagsSection } from "./tags";
import { renderTenants, summarizeTenants } from "./tenants";
import { renderCni, summarizeCni } from "./cni";
import { renderPromotions } from "./promotion-section";
import { isRecord } from "../../components/core";
import { RolloutSection, broughtSubnetZones, changeReviewWarnings, planRolloutSection, versionStateOf } from "./rollout-section";

export const EXIT = { clean: 0, policyViolation: 1, invalidConfig: 2, internalError: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A problem with the command line or its files: one line, exit 2. */
export class UsageError extends Error {}

/** A baseline plan read from `--baseline`. */
export interface Baseline {
  /** The name the review calls it by (the file). */
  readonly name: string;
  readonly resources: ReviewResource[];
  readonly provider?: ProviderSection;
  /** The baseline's `versions` (since when each pool runs its release). @default - not recorded (a plan from before) */
  readonly versions?: VersionState;
}

/** Reads a `--json` document of an earlier plan as the baseline; throws a UsageError naming the file. */
export function readBaseline(file: string): Baseline {
  if (!fs.existsSync(file)) throw new UsageError(`--baseline ${file}: no such file`);
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  const parsed = parsePlanResources(doc);
  if (typeof parsed === "string") throw new UsageError(`--baseline ${file}: ${parsed}`);
  const versions = isRecord(doc) ? parseVersionState(doc.versions) : undefined;
  return { name: file, resources: parsed, provider: parseProviderSection(doc), ...(versions ? { versions } : {}) };
}

/** What one stack's plan needs besides its file. */
export interface StackPlanOptions {
  readonly now: Date;
  readonly levels: PolicyLevels;
  /** @default - no baseline: no change review */
  readonly baseline?: Baseline;
  /** `--promote-from`: source stacks' versions by the name pools write in `ami.from`. @default {} (stand-ins) */
  readonly promotionSources?: Readonly<Record<string, VersionState | undefined>>;
  /** Heading level of the markdown summary's title. @default 2 */
  readonly headingLevel?: number;
}

/** Counts for the fleet's overview table. */
export interface StackCounts {
  readonly resources: number;
  readonly mandatory: number;
  readonly advisory: number;
}

/** One stack's plan: what to print, the documents, the exit code. */
export interface StackOutcome {
  readonly stack: string;
  readonly code: ExitCode;
  /** What the single-stack command prints on stdout, in order. */
  readonly stdout: readonly string[];
  /** What it prints on stderr (invalid configuration, an unreadable file). */
  readonly stderr: readonly string[];
  /** The markdown summary (also for invalid configuration). @default - none (the stack file could not be read) */
  readonly markdown?: string;
  /** The `--json` document. @default - none (nothing was planned) */
  readonly document?: PlanDocument;
  /** @default - none (nothing was planned) */
  readonly counts?: StackCounts;
  /** Config errors. @default 0 */
  readonly errors?: number;
}

/** The provider part of the change review (none without a baseline; a baseline from before provider sections says so). */
function providerReview(file: StackFile, baseline: Baseline | undefined, resources: readonly PlanResource[]): { section: ProviderSection; text?: string } {
  if (!baseline) return { section: file.provider, text: undefined };
  if (!baseline.provider) return { section: file.provider, text: `AWS provider settings: ${baseline.name} records none (a plan from before they were recorded); not compared` };
  const changes = reviewProviderChanges(baseline.provider, file.provider, resources);
  return { section: { ...file.provider, changes }, text: renderProviderChanges(changes, baseline.name) };
}

/** AZ-loss problems as plan warnings, at the pool's scaling path. */
function azLossWarnings(rollout: RolloutSection, poolNames: readonly string[]): PlanWarning[] {
  return rollout.azLoss.flatMap((p) => p.warnings.map((w) => ({ path: `workerpools:pools[${poolNames.indexOf(p.pool)}].scaling`, message: w.message, severity: "warning" as const })));
}

/** The rollout and change-review sections of the pull-request summary; the rollout opens with the waves' diagram. */
function markdownSections(rollout: RolloutSection, diagram: string, baselineName?: string, providerText?: string, promotionText?: string): { rollout: string; changes?: string } {
  const text = [renderRollout(rollout.fleet), renderCriticalPath("Critical path of a patch rollout", rollout.criticalPath.patch), renderAzLoss(rollout.azLoss), promotionText]
    .filter((t): t is string => t !== undefined).join("\n\n");
  const review = rollout.changeReview;
  const changes = [review ? renderChangeReview(review, baselineName ?? "the baseline") : undefined, providerText].filter((t): t is string => t !== undefined);
  return { rollout: `${diagram}\n\n${fenced(text)}`, ...(changes.length > 0 ? { changes: fenced(changes.join("\n\n")) } : {}) };
}

/** Plans one stack file offline. Throws only on a bug of ours (the caller reports it as exit 3). */
export async function planStack(file: StackFile, opts: StackPlanOptions): Promise<StackOutcome> {
  const { baseline, now } = opts;
  const previous = baseline ? withSince(versionStateOf(baseline.resources, false, broughtSubnetZones(file.values.cluster)), baseline.versions) : undefined;
  const run = await runPlan(file, { previousVersions: previous ?? null, now, promotionSources: opts.promotionSources });
  if (!run.ok) {
    const stderr = [renderIssues(`Stack "${file.stack}": invalid configuration (nothing was planned):`, run.errors)];
    if (run.warnings.length > 0) stderr.push(renderIssues("Warnings:", run.warnings));
    const markdown = renderConfigErrorsMarkdown(file.stack, run.errors, run.warnings, opts.headingLevel);
    return { stack: file.stack, code: EXIT.invalidConfig, stdout: [], stderr, markdown, errors: run.errors.length };
  }
  const freeze = applyFreeze(desiredVersions(run.config), previous, run.config.patching.freeze, now);
  const changeReview = baseline ? reviewChanges(run.resources, baseline.resources, undefined, { corednsPool: run.config.addons.coredns?.pool }) : undefined;
  const provider = providerReview(file, baseline, run.resources);
  const rollout = planRolloutSection(run.config, run.resources, { changeReview, freeze: freeze.freeze || baseline ? freeze : undefined });
  const pools = summarizePools(run.config);
  const addons = summarizeAddons(run.resources);
  const tenants = summarizeTenants(run.config);
  const cni = summarizeCni(run.config, run.resources);
  const clusterAutoscaler = summarizeClusterAutoscaler(run.config, run.resources);
  const poolNames = run.config.pools.map((p) => p.name);
  const warnings: PlanWarning[] = [...run.warnings, ...azLossWarnings(rollout, poolNames), ...changeReviewWarnings(changeReview, poolNames)];
  const policyResults = evaluatePolicies(run.resources, opts.levels, { now });
  const tags = tagsSection(run.config.tags, defaultTagsOf(file.provider), run.resources);
  const promotionText = renderPromotions(run.promotions, run.config.patching.waves, previous);
  const versions = parseVersionState(run.outputs.versions);

  const stdout = [
    `Offline plan of stack "${file.stack}" (project ${file.project}, ${file.region}): Pulumi mock runtime, no AWS calls\n`,
    `${renderProviderSection(file.provider)}\n`,
    ...(tags ? [`${renderTagsSection(tags)}\n`] : []),
    renderTree(run.resources),
    `\n${renderCounts(run.resources)}\n`,
    `${renderPolicyResults(policyResults)}\n`,
    `${renderPools(pools)}\n`,
    `${renderAddons(addons)}\n`,
    ...(cni ? [`${renderCni(cni)}\n`] : []),
    ...(tenants.length > 0 ? [`${renderTenants(tenants)}\n`] : []),
    ...(clusterAutoscaler ? [`${renderClusterAutoscaler(clusterAutoscaler)}\n`] : []),
    `${renderRolloutSection(rollout, { baselineName: baseline?.name, now })}\n`,
    ...(promotionText ? [`${promotionText}\n`] : []),
    ...(provider.text ? [`${provider.text}\n`] : []),
    ...(warnings.length > 0 ? [`${renderIssues("Warnings:", warnings)}\n`] : []),
    renderStandIns(run.standIns),
  ];
  const document: PlanDocument = {
    stack: file.stack, resources: run.resources, pools, addons, policyResults, rollout, warnings, standIns: run.standIns, provider: provider.section,
    ...(tags ? { tags } : {}), ...(cni ? { cni } : {}), ...(tenants.length > 0 ? { tenants } : {}), ...(clusterAutoscaler ? { clusterAutoscaler } : {}),
    ...(versions ? { versions } : {}), ...(run.promotions.length > 0 ? { promotions: run.promotions } : {}),
  };
  const diagram = renderRolloutDiagram(rolloutDiagram(rollout.fleet, { windows: run.config.patching.freeze, now, decision: rollout.freeze }));
  const markdown = renderMarkdownSummary({
    stack: file.stack, resources: run.resources, policyResults, headingLevel: opts.headingLevel, ...markdownSections(rollout, diagram, baseline?.name, provider.text, promotionText),
  });
  const failed = policyResults.filter((r) => !r.passed);
  const mandatory = failed.filter((r) => r.level === "mandatory").length;
  const counts = { resources: run.resources.length, mandatory, advisory: failed.length - mandatory };
  return { stack: file.stack, code: hasMandatoryViolation(policyResults) ? EXIT.policyViolation : EXIT.clean, stdout, stderr: [], markdown, document, counts };
}

/**
 * The baseline's versions with the `since` its `versions` recorded for each pool still on the same release, and the
 * release history they recorded (so it grows across offline plans as across deploys).
 */
function withSince(state: VersionState, recorded: VersionState | undefined): VersionState {
  if (!recorded) return state;
  const pools = Object.fromEntries(Object.entries(state.pools).map(([name, p]) => {
    const r = recorded.pools[name];
    const history = r?.history !== undefined ? { history: r.history } : {};
    return [name, r?.since !== undefined && r.releaseVersion === p.releaseVersion ? { ...p, since: r.since, ...history } : { ...p, ...history }];
  }));
  return { ...state, pools };
}

/** The `--json` document as written: two-space JSON and a final newline. */
export const documentText = (doc: PlanDocument): string => `${JSON.stringify(doc, null, 2)}\n`;
