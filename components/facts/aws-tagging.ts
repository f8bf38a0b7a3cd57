/**
 * The AWS resource types the provider's default tags (`aws:defaultTags`) reach, shipped as data generated from the
 * installed @pulumi/aws (tools/gen/aws-taggable-types.ts names the rule it reads), and AWS's tag rules (lengths,
 * characters, the reserved `aws:` prefix, 50 tags per resource: data/aws-tag-rules.json and eks-limits.json).
 */
import raw from "./data/aws-taggable-types.json";
import rules from "./data/aws-tag-rules.json";
import { eksLimit } from "./eks-limits";
import { ConfigIssue, checkEntries } from "../core";

const TAGGABLE: ReadonlySet<string> = new Set(raw.types);

/** The package the list was read from, e.g. `@pulumi/aws 7.48.0`. */
export const AWS_TAGGABLE_TYPES_SOURCE: string = raw.source.package;

/** True when resources of this type token carry `tagsAll`, so `aws:defaultTags` is merged into their tags. */
export const isTaggableAwsType = (type: string): boolean => TAGGABLE.has(type);

const ALLOWED = new RegExp(rules.allowedCharacters, "u");
/** AWS's reserved tag prefix (in every letter case), for keys and values. */
export const AWS_RESERVED_TAG_PREFIX: string = rules.reservedPrefix;
/** Tags one resource may carry (user tags; `aws:` tags do not count). */
export const MAX_TAGS_PER_RESOURCE = eksLimit("tagsPerResource");

/** Unicode characters, as AWS counts tag lengths (code points, not UTF-16 units). */
const length = (s: string): number => [...s].length;
const shown = (s: string): string => JSON.stringify(length(s) > 60 ? `${[...s].slice(0, 60).join("")}…` : s);

function tagIssues(key: string, value: string, at: string): ConfigIssue[] {
  const path = `${at}.${key}`;
  const issues: ConfigIssue[] = [];
  const [keyMax, valueMax] = [eksLimit("tagKeyMaxLength"), eksLimit("tagValueMaxLength")];
  if (key.length === 0) issues.push({ path, message: "a tag key cannot be empty" });
  if (length(key) > keyMax) issues.push({ path, message: `AWS allows tag keys of at most ${keyMax} characters; ${shown(key)} has ${length(key)}` });
  if (length(value) > valueMax) issues.push({ path, message: `AWS allows tag values of at most ${valueMax} characters; got ${length(value)}` });
  for (const [what, text] of [["key", key], ["value", value]] as const) {
    if (text.toLowerCase().startsWith(AWS_RESERVED_TAG_PREFIX)) issues.push({ path, message: `tag ${what} ${shown(text)} starts with "${AWS_RESERVED_TAG_PREFIX}", which AWS reserves for its own tags` });
    if (!ALLOWED.test(text)) issues.push({ path, message: `tag ${what} ${shown(text)} has characters AWS does not accept on every service tagged here (EC2, IAM, EKS, KMS, CloudWatch Logs); allowed: ${rules.allowedCharactersText}` });
  }
  return issues;
}

/**
 * Every problem of a tag map under AWS's tag rules (lengths, characters, the `aws:` prefix), at `<at>.<key>`; with
 * `alsoCarried`, the tags the same resources carry besides these (counted against the 50-tag limit, reported at `at`).
 */
export function validateAwsTags(tags: Readonly<Record<string, string>>, at: string, alsoCarried: readonly string[] = []): ConfigIssue[] {
  const issues = checkEntries(Object.entries(tags), at, ([k, v]) => tagIssues(k, v, at));
  const count = new Set([...Object.keys(tags), ...alsoCarried]).size;
  if (count > MAX_TAGS_PER_RESOURCE) {
    const extra = alsoCarried.filter((k) => !(k in tags));
    issues.push({ path: at, message: `AWS allows ${MAX_TAGS_PER_RESOURCE} tags per resource; these resources would carry ${count} (${Object.keys(tags).length} here${extra.length ? `, ${extra.length} more: ${extra.slice(0, 5).join(", ")}${extra.length > 5 ? ", …" : ""}` : ""})` });
  }
  return issues;
}
