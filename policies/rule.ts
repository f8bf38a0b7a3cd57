/**
 * The rule model of the policy pack and its adapter to CrossGuard. A rule is plain data plus a pure `check`;
 * the offline plan (tools/plan/policy-eval.ts) and the tests call `check` directly, and {@link toCrossGuardPolicy}
 * wraps the same function as a `@pulumi/policy` ResourceValidationPolicy or StackValidationPolicy.
 */
import type {
  PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { CROSSGUARD_UNKNOWNS, isRecord, normalizeUnknowns } from "./rule-values";

/** Enforcement levels a rule can run at (CrossGuard's names; `remediate` is not used). */
export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "disabled"] as const;
export type EnforcementLevel = (typeof ENFORCEMENT_LEVELS)[number];
/** Levels a rule is shipped with. */
export type RuleLevel = Exclude<EnforcementLevel, "disabled">;

/** The documents rules are mapped to. */
export const FRAMEWORKS = ["CIS Amazon EKS Benchmark", "EKS Best Practices Guide", "Amazon EKS User Guide"] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** Where a rule comes from. */
export interface RuleMapping {
  readonly framework: Framework;
  /** Benchmark version, e.g. `1.8.0` (the kube-bench `cfg/eks-1.8.0` control set). @default - unversioned guide */
  readonly version?: string;
  /** Control id (`3.2.1`) or guide section (`Security > Data encryption`). */
  readonly control: string;
  /** Control or recommendation title, as written in the source. */
  readonly title: string;
  /** The file or page read: `owner/repo path@commit` or a URL. */
  readonly source: string;
}

/** A resource as a rule sees it: inputs with unknowns replaced by `UNKNOWN` (see rule-values.ts). */
export interface RuleResource {
  /** Resource URN. */
  readonly urn: string;
  /** Type token, e.g. `aws:eks/nodeGroup:NodeGroup`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Inputs (CrossGuard stack rules: outputs) with unknown values as `UNKNOWN`. */
  readonly props: Readonly<Record<string, unknown>>;
  /** Per input property, the URNs of the resources its value came from. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** What a rule may depend on besides the resources. */
export interface RuleContext {
  /** The moment support windows are judged at. */
  readonly now: Date;
}

/** The rule could not decide (an input unknown until deploy, an unparseable value): it passes, with a note. */
export interface Undecided {
  /** Why, e.g. "userData is unknown until deploy". */
  readonly undecided: string;
}

/** The rule does not apply to this resource (another addon, an asymmetric key ...): not an evaluation. */
export interface NotApplicable {
  /** Why the resource is out of the rule's scope. */
  readonly notApplicable: string;
}

/** The rule decided and passes for a reason the resources show (e.g. a one-AZ pool in a cluster placement group). */
export interface PassedBecause {
  /** Why, e.g. "launch template gpu-lt places the nodes in cluster placement group gpu-pg". */
  readonly passedBecause: string;
}

/** Violation messages (empty: passed), why the rule passed though it would otherwise fail, or why it did not decide or does not apply. */
export type Verdict = readonly string[] | Undecided | NotApplicable | PassedBecause;

export const PASS: Verdict = [];
export const undecided = (reason: string): Undecided => ({ undecided: reason });
export const notApplicable = (reason: string): NotApplicable => ({ notApplicable: reason });
export const passedBecause = (reason: string): PassedBecause => ({ passedBecause: reason });
/** True for a decided verdict (a list of violation messages, possibly empty). */
export const isDecided = (v: Verdict): v is readonly string[] => Array.isArray(v);
export const isUndecided = (v: Verdict): v is Undecided => !isDecided(v) && "undecided" in v;
export const isNotApplicable = (v: Verdict): v is NotApplicable => !isDecided(v) && "notApplicable" in v;
export const isPassedBecause = (v: Verdict): v is PassedBecause => !isDecided(v) && "passedBecause" in v;
/** Violation messages of a verdict (none when undecided or not applicable). */
export const violationsOf = (v: Verdict): readonly string[] => (isDecided(v) ? v : []);

interface RuleBase {
  /** Stable id, e.g. `EKS-CP-001`. */
  readonly id: string;
  /** CrossGuard policy name (kebab-case, unique in the pack). */
  readonly name: string;
  /** What the rule requires, one sentence. */
  readonly description: string;
  /** Level shipped; overridable per rule through the pack config or `--policy-config`. */
  readonly enforcementLevel: RuleLevel;
  /** How to fix a violation in this project's stack config (or in the resource, for other programs). */
  readonly remediation: string;
  /** The benchmark control or guide section the rule implements. */
  readonly mapping: RuleMapping;
}

/** A rule judging one resource at a time. */
export interface ResourceRule extends RuleBase {
  /** Discriminant: judged per resource (a CrossGuard ResourceValidationPolicy). */
  readonly kind: "resource";
  /** Resource types (as a preview sees them) the rule reads. */
  readonly resourceTypes: readonly string[];
  /** The pure predicate. */
  readonly check: (resource: RuleResource, ctx: RuleContext) => Verdict;
}

/** One subject judged by a stack rule. */
export interface StackFinding {
  /** URN of the resource the finding is reported on. */
  readonly urn: string;
  /** Its logical name. */
  readonly name: string;
  /** Its type token. */
  readonly type: string;
  /** The rule's verdict for it. */
  readonly verdict: Verdict;
}

/** A rule judging resources together (node groups with their subnets, roles with their attachments). */
export interface StackRule extends RuleBase {
  /** Discriminant: judged over the whole stack (a CrossGuard StackValidationPolicy). */
  readonly kind: "stack";
  /** The pure predicate: one finding per subject it judged. */
  readonly check: (resources: readonly RuleResource[], ctx: RuleContext) => readonly StackFinding[];
}

export type Rule = ResourceRule | StackRule;

/** `@pulumi/policy` reads the unwrapped object of its unknown-checking proxy through this key (proxy.js). */
const PROXY_TARGET_KEY = "__getSpecialProxyTarget";
const CROSSGUARD_PLACEHOLDERS: ReadonlySet<string> = new Set(CROSSGUARD_UNKNOWNS);

/** CrossGuard's props as plain data: unwraps the unknown-checking proxy, so reading an unknown never throws. */
export function plainProps(props: unknown): Readonly<Record<string, unknown>> {
  const target: unknown = isRecord(props) ? Reflect.get(props, PROXY_TARGET_KEY) : undefined;
  const raw = isRecord(target) ? target : props;
  const normalized = normalizeUnknowns(raw, CROSSGUARD_PLACEHOLDERS);
  return isRecord(normalized) ? normalized : {};
}

/** A CrossGuard stack resource as a {@link RuleResource}. */
export function fromPolicyResource(r: PolicyResource): RuleResource {
  const deps: Record<string, string[]> = {};
  for (const [k, rs] of Object.entries<PolicyResource[]>(r.propertyDependencies)) deps[k] = rs.map((d) => d.urn);
  return { urn: r.urn, type: r.type, name: r.name, props: plainProps(r.props), propertyDependencies: deps };
}

const tagged = (rule: Rule, message: string): string => `[${rule.id}] ${message}`;

function crossGuardMeta(rule: Rule) {
  const m = rule.mapping;
  return {
    name: rule.name,
    description: `${rule.id}: ${rule.description}`,
    enforcementLevel: rule.enforcementLevel,
    remediationSteps: rule.remediation,
    framework: { name: m.framework, version: m.version ?? "", reference: m.control, specification: m.title },
    tags: [rule.id],
  };
}

function resourcePolicy(rule: ResourceRule, now: () => Date): ResourceValidationPolicy {
  return {
    ...crossGuardMeta(rule),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      if (!rule.resourceTypes.includes(args.type)) return;
      const resource: RuleResource = { urn: args.urn, type: args.type, name: args.name, props: plainProps(args.props), propertyDependencies: {} };
      const verdict = rule.check(resource, { now: now() });
      if (isNotApplicable(verdict)) args.notApplicable(verdict.notApplicable);
      for (const message of violationsOf(verdict)) report(tagged(rule, message));
    },
  };
}

function stackPolicy(rule: StackRule, now: () => Date): StackValidationPolicy {
  return {
    ...crossGuardMeta(rule),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const findings = rule.check(args.resources.map(fromPolicyResource), { now: now() });
      for (const f of findings) for (const message of violationsOf(f.verdict)) report(tagged(rule, message), f.urn);
    },
  };
}

/** The CrossGuard policy running `rule.check`; `now` is read at each evaluation. */
export function toCrossGuardPolicy(rule: Rule, now: () => Date = () => new Date()): ResourceValidationPolicy | StackValidationPolicy {
  return rule.kind === "resource" ? resourcePolicy(rule, now) : stackPolicy(rule, now);
}
