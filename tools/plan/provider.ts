/**
 * The AWS provider's stack settings (`aws:*` keys) as the offline plan shows them, and what changing them since a
 * baseline does to the planned resources (a `aws:defaultTags` change retags every taggable AWS resource). Pure.
 */
import { isRecord } from "../../components/core";
import { isTaggableAwsType } from "../../components/facts";
import type { PlanResource } from "./resources";

/** The namespace of the AWS provider's settings. */
export const AWS_NAMESPACE = "aws";
/** Settings that are credentials: never printed, whether or not the stack file encrypts them. */
const CREDENTIAL_SETTINGS: readonly string[] = ["accessKey", "secretKey", "token"];
/** Shown instead of a secret or a credential (as the plan document's inputs show secrets). */
export const SECRET_SHOWN = "[secret]";

/** The `provider` section of the plan: what the stack tells the AWS provider. */
export interface ProviderSection {
  /** `aws:*` settings by name without the namespace (`region`, `defaultTags`, `profile`, ...), secrets as `"[secret]"`. */
  readonly aws: Readonly<Record<string, unknown>>;
  /** With `--baseline`: the settings that changed and what each does to the resources. */
  readonly changes?: readonly ProviderChange[];
}

/** One provider setting changed since the baseline. */
export interface ProviderChange {
  /** `aws:defaultTags`, `aws:region`, ... */
  readonly setting: string;
  /** The baseline's value (`undefined`: not set). */
  readonly from: unknown;
  /** This plan's value (`undefined`: not set). */
  readonly to: unknown;
  /** What the change does, one sentence. */
  readonly effect: string;
  /** The planned resources whose tags change (default tags only), as `type name`. */
  readonly retagged: readonly string[];
}

/** The `aws:*` entries of a stack file's config, by setting name; `secretPaths` are full keys or leaf paths. */
export function providerSection(config: Readonly<Record<string, unknown>>, secretPaths: readonly string[]): ProviderSection {
  const aws: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(`${AWS_NAMESPACE}:`)) continue;
    const name = key.slice(AWS_NAMESPACE.length + 1);
    aws[name] = CREDENTIAL_SETTINGS.includes(name) ? SECRET_SHOWN : redactAt(value, key, secretPaths);
  }
  return { aws };
}

function redactAt(value: unknown, path: string, secretPaths: readonly string[]): unknown {
  if (secretPaths.includes(path)) return SECRET_SHOWN;
  if (Array.isArray(value)) return value.map((v: unknown, i) => redactAt(v, `${path}[${i}]`, secretPaths));
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactAt(v, `${path}.${k}`, secretPaths)]));
}

/** The provider section of a `--json` document, when it has one (documents from before it existed have none). */
export function parseProviderSection(doc: unknown): ProviderSection | undefined {
  const section = isRecord(doc) ? doc.provider : undefined;
  return isRecord(section) && isRecord(section.aws) ? { aws: section.aws } : undefined;
}

/** The tags of `aws:defaultTags` (`{ tags: { key: value } }`; anything else counts as no tags). */
export function defaultTagsOf(section: ProviderSection): Record<string, string> {
  const d = section.aws.defaultTags;
  const tags = isRecord(d) && isRecord(d.tags) ? d.tags : {};
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** The resource's tags with default tags merged under them (its own tags win on a shared key), as the provider does. */
function effectiveTags(r: PlanResource, defaults: Readonly<Record<string, string>>): string {
  const own = isRecord(r.inputs.tags) ? r.inputs.tags : {};
  const merged: Record<string, unknown> = { ...defaults, ...own };
  return JSON.stringify(Object.keys(merged).sort().map((k) => [k, merged[k]]));
}

/** The planned AWS resources whose tags the change from `before` to `after` default tags changes. */
export function retaggedResources(resources: readonly PlanResource[], before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): PlanResource[] {
  return resources.filter((r) => isTaggableAwsType(r.type) && effectiveTags(r, before) !== effectiveTags(r, after));
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function describeTagChange(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>, count: number): string {
  const added = Object.keys(after).filter((k) => !(k in before));
  const removed = Object.keys(before).filter((k) => !(k in after));
  const changed = Object.keys(after).filter((k) => k in before && before[k] !== after[k]);
  const parts = [added.length ? `adds ${added.join(", ")}` : "", changed.length ? `changes ${changed.join(", ")}` : "", removed.length ? `removes ${removed.join(", ")}` : ""].filter(Boolean);
  return `${parts.join("; ") || "rewrites the default tags"}: an in-place tag update of ${count} planned AWS resource${count === 1 ? "" : "s"} (below) and of the AWS resources eks:index:Cluster creates inside itself (the EKS cluster itself, its service role, the access entries; not visible offline). Nothing is replaced and no node rolls: instances and volumes keep the launch template's tagSpecifications, which default tags do not reach`;
}

function effectOf(setting: string, from: unknown, to: unknown): string {
  if (setting === "region") {
    const name = (v: unknown): string => (typeof v === "string" ? v : "the default region");
    return `moves the stack from ${name(from)} to ${name(to)}: every regional AWS resource would be created anew there and the old ones deleted (a replacement of the whole platform, not an update)`;
  }
  if (setting === "ignoreTags") return "changes which tags the provider ignores on every taggable resource: tag diffs of existing resources may appear or disappear";
  return "changes how the provider reaches AWS (credentials, endpoints, retries); no planned resource input changes";
}

/** The provider settings that differ between `base` and `now`, with their effect on `resources` (this plan's). */
export function reviewProviderChanges(base: ProviderSection, now: ProviderSection, resources: readonly PlanResource[]): ProviderChange[] {
  const names = [...new Set([...Object.keys(base.aws), ...Object.keys(now.aws)])].sort();
  return names.filter((n) => !same(base.aws[n], now.aws[n])).map((n): ProviderChange => {
    const [from, to] = [base.aws[n], now.aws[n]];
    if (n !== "defaultTags") return { setting: `${AWS_NAMESPACE}:${n}`, from, to, effect: effectOf(n, from, to), retagged: [] };
    const [before, after] = [defaultTagsOf(base), defaultTagsOf(now)];
    const retagged = retaggedResources(resources, before, after).map((r) => `${r.type} ${r.name}`);
    return { setting: `${AWS_NAMESPACE}:${n}`, from, to, effect: describeTagChange(before, after, retagged.length), retagged };
  });
}

/** The provider settings as printed in the plan. */
export function renderProviderSection(p: ProviderSection): string {
  const entries = Object.entries(p.aws);
  if (entries.length === 0) return "AWS provider settings (aws:*): none set";
  return ["AWS provider settings (aws:*, as pulumi up hands them to the provider):", ...entries.map(([k, v]) => `  aws:${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)].join("\n");
}

/** The provider part of the change review, printed after the rollout's. */
export function renderProviderChanges(changes: readonly ProviderChange[], baselineName: string): string {
  if (changes.length === 0) return `AWS provider settings: unchanged since ${baselineName}`;
  const show = (v: unknown): string => (v === undefined ? "(not set)" : typeof v === "string" ? v : JSON.stringify(v));
  return [`AWS provider settings changed since ${baselineName}:`, ...changes.flatMap((c) => [
    `  ${c.setting}: ${show(c.from)} -> ${show(c.to)}`,
    `    ${c.effect}`,
    ...c.retagged.map((r) => `      ~ ${r}`),
  ])].join("\n");
}
