/**
 * The policy pack, offline: every rule of policies/rules on every recorded resource of the plan, with levels from
 * the pack or a `--policy-config FILE` (the same file `pulumi preview --policy-pack-config` takes, keyed by policy
 * name, or keyed by rule id). Pure except {@link loadPolicyConfig}, which reads the file.
 */
import * as fs from "node:fs";
import * as YAML from "yaml";
import type { ConfigIssue } from "../../components/core";
import { formatIssue } from "../../components/core";
import {
  ENFORCEMENT_LEVELS, EnforcementLevel, Rule, RuleContext, RuleLevel, RuleResource, StackFinding, Verdict,
  isNotApplicable, isPassedBecause, isUndecided, violationsOf,
} from "../../policies/rule";
import { PLAN_PLACEHOLDERS, isRecord, normalizeUnknowns } from "../../policies/rule-values";
import { ALL_RULES } from "../../policies/rules";
import type { PlanResource } from "./resources";

/** One evaluation of one rule on one resource (rules that do not apply to a resource leave no result). */
export interface PolicyResult {
  /** Rule id, e.g. `EKS-CP-001`. */
  readonly ruleId: string;
  /** CrossGuard policy name of the rule. */
  readonly ruleName: string;
  /** URN of the resource judged. */
  readonly urn: string;
  /** Its logical name. */
  readonly name: string;
  /** Its type token. */
  readonly type: string;
  /** Effective level (after overrides). */
  readonly level: RuleLevel;
  /** True when there is no violation (also when the rule could not decide). */
  readonly passed: boolean;
  /** Violations, one per message. */
  readonly messages: readonly string[];
  /** Why the rule could not decide, e.g. a value unknown until deploy. @default - decided */
  readonly undecided?: string;
  /** Why it passed where it would otherwise fail (a reason the plan shows). @default - no such reason */
  readonly passedBecause?: string;
}

/** Level overrides by rule id, rule name, or `all`. */
export type PolicyLevels = Readonly<Record<string, EnforcementLevel>>;

/** Options of {@link evaluatePolicies}. */
export interface EvaluateOptions {
  /** Moment support windows are judged at. @default - now */
  readonly now?: Date;
  /** Rules to run. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

const PLACEHOLDERS: ReadonlySet<string> = new Set(PLAN_PLACEHOLDERS);

/** A plan resource as rules see it: `"[unknown]"` / `"[secret]"` placeholders become unknown values. */
export function toRuleResource(r: PlanResource): RuleResource {
  const props = normalizeUnknowns(r.inputs, PLACEHOLDERS);
  return { urn: r.urn, type: r.type, name: r.name, props: isRecord(props) ? props : {}, propertyDependencies: r.propertyDependencies };
}

/** The level a rule runs at: override by id, then by name, then `all`, else the shipped level. */
export function levelOf(rule: Rule, levels: PolicyLevels): EnforcementLevel {
  return levels[rule.id] ?? levels[rule.name] ?? levels.all ?? rule.enforcementLevel;
}

function resultOf(rule: Rule, level: RuleLevel, subject: { urn: string; name: string; type: string }, verdict: Verdict): PolicyResult | undefined {
  if (isNotApplicable(verdict)) return undefined;
  const messages = violationsOf(verdict);
  const base = { ruleId: rule.id, ruleName: rule.name, urn: subject.urn, name: subject.name, type: subject.type, level, passed: messages.length === 0, messages };
  if (isPassedBecause(verdict)) return { ...base, passedBecause: verdict.passedBecause };
  return isUndecided(verdict) ? { ...base, undecided: verdict.undecided } : base;
}

function evaluateRule(rule: Rule, level: RuleLevel, resources: readonly RuleResource[], ctx: RuleContext): PolicyResult[] {
  const findings: readonly StackFinding[] = rule.kind === "stack"
    ? rule.check(resources, ctx)
    : resources.filter((r) => rule.resourceTypes.includes(r.type)).map((r) => ({ urn: r.urn, name: r.name, type: r.type, verdict: rule.check(r, ctx) }));
  return findings.map((f) => resultOf(rule, level, f, f.verdict)).filter((x): x is PolicyResult => x !== undefined);
}

/** Every evaluation of every enabled rule on the plan's resources, rule by rule in pack order. */
export function evaluatePolicies(resources: readonly PlanResource[], levels: PolicyLevels = {}, options: EvaluateOptions = {}): PolicyResult[] {
  const ruleResources = resources.map(toRuleResource);
  const ctx: RuleContext = { now: options.now ?? new Date() };
  return (options.rules ?? ALL_RULES).flatMap((rule) => {
    const level = levelOf(rule, levels);
    return level === "disabled" ? [] : evaluateRule(rule, level, ruleResources, ctx);
  });
}

/** True when a mandatory rule is violated (the plan then exits 1). */
export const hasMandatoryViolation = (results: readonly PolicyResult[]): boolean =>
  results.some((r) => !r.passed && r.level === "mandatory");

const isLevel = (v: unknown): v is EnforcementLevel => ENFORCEMENT_LEVELS.some((l) => l === v);

function levelIn(value: unknown): unknown {
  return isRecord(value) && "enforcementLevel" in value ? value.enforcementLevel : value;
}

/**
 * Parses a policy config document: `{ <rule id | policy name | all>: <level> | { enforcementLevel: <level> } }`.
 * Returns the levels and every problem (unknown rule, unknown level), each with its key as path.
 */
export function parsePolicyConfig(doc: unknown, rules: readonly Rule[] = ALL_RULES): { levels: PolicyLevels; issues: ConfigIssue[] } {
  if (!isRecord(doc)) return { levels: {}, issues: [{ path: "(policy config)", message: `must be a mapping of rule id or name to a level, got ${JSON.stringify(doc)}` }] };
  const levels: Record<string, EnforcementLevel> = {};
  const issues: ConfigIssue[] = [];
  const known = (key: string): boolean => key === "all" || rules.some((r) => r.id === key || r.name === key);
  for (const [key, raw] of Object.entries(doc)) {
    const level = levelIn(raw);
    if (!known(key)) issues.push({ path: key, message: `is not a rule of the pack; use a rule id (e.g. ${rules[0]?.id ?? "EKS-CP-001"}), a policy name, or all` });
    else if (!isLevel(level)) issues.push({ path: key, message: `level must be one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${JSON.stringify(level)}` });
    else levels[key] = level;
  }
  return { levels, issues };
}

/** Reads `--policy-config FILE` (JSON or YAML); throws one Error listing every problem. */
export function loadPolicyConfig(file: string): PolicyLevels {
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`--policy-config ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { levels, issues } = parsePolicyConfig(doc);
  if (issues.length > 0) throw new Error([`--policy-config ${file}: invalid policy config:`, ...issues.map((i) => `  ${formatIssue(i)}`)].join("\n"));
  return levels;
}

/** The resource of a result, as `type name`. */
const subjectOf = (r: PolicyResult): string => `${r.type} ${r.name}`;

/** The terminal report: a summary line, then every violation (mandatory first) with its rule, resource and level. */
export function renderPolicyResults(results: readonly PolicyResult[]): string {
  const failed = results.filter((r) => !r.passed);
  const mandatory = failed.filter((r) => r.level === "mandatory").length;
  const undecidedCount = results.filter((r) => r.undecided !== undefined).length;
  const rules = new Set(results.map((r) => r.ruleId)).size;
  const head = `Policy pack: ${results.length} evaluations of ${rules} rules, ${failed.length} violated (${mandatory} mandatory, ${failed.length - mandatory} advisory)` +
    (undecidedCount > 0 ? `, ${undecidedCount} undecided (values unknown offline)` : "");
  const reasons = results.flatMap((r) => (r.passedBecause !== undefined ? [`  [passed] ${r.ruleId} ${r.ruleName}  ${subjectOf(r)}\n      ${r.passedBecause}`] : []));
  if (failed.length === 0) return [`${head}\n  no violations`, ...reasons].join("\n");
  const order = (r: PolicyResult): number => (r.level === "mandatory" ? 0 : 1);
  const lines = [...failed].sort((a, b) => order(a) - order(b)).flatMap((r) =>
    r.messages.map((m) => `  [${r.level}] ${r.ruleId} ${r.ruleName}  ${subjectOf(r)}\n      ${m}`));
  return [head, ...lines, ...reasons].join("\n");
}

/** Rule ids with at least one violation, sorted. */
export const violatedRuleIds = (results: readonly PolicyResult[]): string[] =>
  [...new Set(results.filter((r) => !r.passed).map((r) => r.ruleId))].sort();

