/**
 * AMI release promotion in the stack program (`ami: { channel: promoted, from, soakDays }`): the config checks, reading
 * the source stacks' `versions` outputs (a StackReference at deploy; offline, what `--promote-from` gave), and turning
 * each promoted pool into a pinned one with the release {@link choosePromotion} picks. The freeze runs afterwards, so a
 * freeze holds a promotion like every other release change.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigIssue } from "../components/core";
import { PromotionChoice, VersionState, amiFamilyOf, choosePromotion, parseVersionState } from "../components/patching";
import { WORKER_POOL_DEFAULTS, validateReleaseVersion } from "../components/worker-pool";
import type { RawStackConfig } from "./config-schema";
import type { PoolConfig, StackConfig } from "./stack-config";
import { PLAN_NAMESPACE } from "./versions";


const amiPath = (index: number): string => `workerpools:pools[${index}].ami`;

/**
 * The promotion keys of the raw pools (`self`: this stack's names, short and `org/project/stack`):
 * `from`/`soakDays` only and both required with `promoted`; never this stack itself.
 */
export function validatePromotionConfig(pools: RawStackConfig["pools"], poolIndex: readonly number[], self: readonly string[] = []): ConfigIssue[] {
  return pools.flatMap((p, i): ConfigIssue[] => {
    const ami = p.ami;
    const at = amiPath(poolIndex[i]);
    if (ami === undefined) return [];
    if (ami.channel !== "promoted") {
      return (["from", "soakDays"] as const).filter((k) => ami[k] !== undefined)
        .map((k) => ({ path: `${at}.${k}`, message: `only valid with channel promoted (the pool takes the release another stack has run soakDays); channel is ${ami.channel ?? "recommended"}` }));
    }
    const issues: ConfigIssue[] = [];
    if (ami.from === undefined) issues.push({ path: `${at}.from`, message: "required with channel promoted: the stack whose pool of the same name runs the release first, e.g. dev" });
    else if (self.includes(ami.from)) {
      issues.push({ path: `${at}.from`, message: `names this stack ("${ami.from}"): a pool cannot soak its own release; name the stack that runs it first, e.g. dev` });
    }
    if (ami.from !== undefined && ami.from.split("/").length !== 1 && ami.from.split("/").length !== 3) {
      issues.push({ path: `${at}.from`, message: `must be a stack name (e.g. dev) or org/project/stack, got "${ami.from}"` });
    }
    if (ami.soakDays === undefined) issues.push({ path: `${at}.soakDays`, message: "required with channel promoted: whole days the source must have run a release (0 takes it at once)" });
    if (ami.imageId !== undefined) issues.push({ path: `${at}.imageId`, message: "only valid with channel custom; channel promoted takes the EKS AMI release of the source pool" });
    return issues;
  });
}

/** The StackReference name of a source: `org/project/stack` as given, else this stack's organization and project. */
export function sourceStackName(from: string): string {
  return from.includes("/") ? from : `${pulumi.getOrganization()}/${pulumi.getProject()}/${from}`;
}

/** What is known of each source stack: its `versions`, `undefined` (none recorded), or offline a stand-in (not given). */
export type PromotionSources = Readonly<Record<string, VersionState | "stand-in" | undefined>>;

/**
 * Reads the `versions` output of every source stack the pools promote from: offline from `workerpools-plan:promotionSources`
 * (a source it does not list is a stand-in), else through a StackReference (Pulumi fails the deploy when the stack does
 * not exist); an `org/project/stack` naming this stack is refused here (the short name already by validation).
 */
export async function readPromotionSources(config: StackConfig): Promise<PromotionSources> {
  const froms = [...new Set(config.pools.flatMap((p) => (p.promotion ? [p.promotion.from] : [])))];
  if (froms.length === 0) return {};
  const given = new pulumi.Config(PLAN_NAMESPACE).get("promotionSources");
  if (given !== undefined) {
    const parsed = JSON.parse(given) as Record<string, unknown>;
    return Object.fromEntries(froms.map((f) => [f, f in parsed ? parseVersionState(parsed[f]) : "stand-in" as const]));
  }
  const own = sourceStackName(pulumi.getStack());
  const self = froms.find((f) => sourceStackName(f) === own);
  if (self !== undefined) throw new pulumi.RunError(`invalid configuration: ami.from "${self}" names this stack (${own}): a pool cannot soak its own release`);
  const entries = await Promise.all(froms.map(async (f) => {
    const ref = new pulumi.StackReference(`promotion-source-${f.replace(/\//g, "-")}`, { name: sourceStackName(f) });
    return [f, parseVersionState((await ref.getOutputDetails("versions")).value)] as const;
  }));
  return Object.fromEntries(entries);
}

/** What promotion decided for one pool. */
export interface PromotionDecision {
  readonly pool: string;
  /** `stack/pool`. */
  readonly source: string;
  readonly soakDays: number;
  /** The choice; `stand-in` offline when the source was not given (`--promote-from`). */
  readonly choice: PromotionChoice | { readonly kind: "stand-in"; readonly reason: string };
}

/** A source pool of another AMI family: its history is no candidate either (the family error is reported once). */
const withoutHistory = (p: VersionState["pools"][string] | undefined): VersionState["pools"][string] | undefined => {
  if (p?.history === undefined) return p;
  const { history: _h, ...rest } = p;
  return rest;
};

/** Why the source's release does not fit the pool: another AMI family (an error) or another Kubernetes minor (it waits). */
function fitOf(p: PoolConfig, version: string, source: VersionState["pools"][string] | undefined): { family?: string; misfit?: string } {
  const os = p.args.os ?? WORKER_POOL_DEFAULTS.os;
  const rv = source?.releaseVersion;
  if (source?.amiType !== undefined && amiFamilyOf(source.amiType) !== os) {
    return { family: `the source pool runs ${source.amiType} (family ${amiFamilyOf(source.amiType)}) and this pool ${os}: promotion needs the same AMI family` };
  }
  if (rv === undefined) return {};
  const misfit = misfitOf(p, version)(rv);
  return misfit !== undefined ? { misfit } : {};
}

/** Why a release of the source does not fit the pool's OS and Kubernetes version; undefined when it fits. */
const misfitOf = (p: PoolConfig, version: string) => (rv: string): string | undefined => {
  const os = p.args.os ?? WORKER_POOL_DEFAULTS.os;
  const issues = validateReleaseVersion(os, rv, "", version);
  return issues.length > 0 ? `not a release for this pool's ${os} on Kubernetes ${version}${issues[0].message ? ` (${issues[0].message})` : ""}` : undefined;
};

/**
 * Resolves every promoted pool against its source: the config with the chosen release pinned (a stand-in keeps the
 * recommended channel offline), each decision, and the errors (an AMI family mismatch; nothing to create a pool with).
 */
export function resolvePromotions(config: StackConfig, sources: PromotionSources, deployed: VersionState | undefined, now: Date, poolIndex: (name: string) => number): {
  config: StackConfig; decisions: PromotionDecision[]; issues: ConfigIssue[];
} {
  const decisions: PromotionDecision[] = [];
  const issues: ConfigIssue[] = [];
  const pools = config.pools.map((p): PoolConfig => {
    const pr = p.promotion;
    if (!pr) return p;
    const stackName = pr.from.split("/").pop() ?? pr.from;
    const source = `${stackName}/${p.name}`;
    const at = amiPath(poolIndex(p.name));
    const known = sources[pr.from];
    if (known === "stand-in") {
      decisions.push({ pool: p.name, source, soakDays: pr.soakDays, choice: { kind: "stand-in", reason: `${p.name}: ${source}'s release is not known offline (pass --promote-from ${pr.from}=<plan.json>); planned with ${pr.fallback ?? "the recommended release's stand-in"}` } });
      return p;
    }
    const sourcePool = known?.pools[p.name];
    const version = p.args.kubernetesVersion ?? config.controlPlane.kubernetesVersion;
    const fit = fitOf(p, version, sourcePool);
    if (fit.family) issues.push({ path: `${at}.from`, message: `${source}: ${fit.family}` });
    const choice = choosePromotion({
      pool: p.name, source, soakDays: pr.soakDays, now, sourcePool: fit.family ? withoutHistory(sourcePool) : sourcePool, deployed: deployed?.pools[p.name],
      misfitOf: misfitOf(p, version),
      ...(pr.fallback !== undefined ? { fallback: pr.fallback } : {}), ...(fit.misfit ? { misfit: fit.misfit } : {}),
    });
    decisions.push({ pool: p.name, source, soakDays: pr.soakDays, choice });
    if (choice.kind === "refuse" && !fit.family) issues.push({ path: at, message: `channel promoted from ${pr.from}: ${choice.reason}` });
    return choice.kind === "refuse" ? p : { ...p, args: { ...p.args, ami: { channel: "pinned", releaseVersion: choice.releaseVersion } } };
  });
  return { config: { ...config, pools }, decisions, issues };
}
