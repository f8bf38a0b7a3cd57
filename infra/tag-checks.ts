/**
 * `workerpools:tags` and `aws:defaultTags` against AWS's tag rules, each problem reported once at the key the user wrote:
 * the stack tags at `workerpools:tags.<key>` (not again in every pool, which carries them), the 50-tag limit per
 * resource counting the tags this program adds and the provider's default tags. Pure.
 */
import type { ConfigIssue } from "../components/core";
import { MAX_TAGS_PER_RESOURCE, validateAwsTags } from "../components/facts";
import { POOL_TAG_KEYS } from "../components/worker-pool";
import type { StackConfig } from "./stack-config";

const AT = "workerpools:tags";
const DEFAULT_TAGS_AT = "aws:defaultTags.tags";

/** The tag keys the network adds to its subnets, the resources it tags most (Name, the cluster tag, the ELB role). */
export const networkTagKeys = (clusterName: string): string[] => ["Name", `kubernetes.io/cluster/${clusterName}`, "kubernetes.io/role/elb"];

/** The stack tags (rules, and the limit on a subnet, which carries them and 3 more) and the default tags' own rules. */
export function validateStackTags(c: StackConfig, defaultTags: Readonly<Record<string, string>>): ConfigIssue[] {
  const network = c.network.kind === "create" ? networkTagKeys(c.controlPlane.name) : ["Name"];
  return [
    ...validateAwsTags(c.tags, AT, network),
    ...validateAwsTags(defaultTags, DEFAULT_TAGS_AT).filter((i) => i.path !== DEFAULT_TAGS_AT),
    ...defaultTagsOverLimit(c.tags, network, defaultTags, AT, "a subnet"),
  ];
}

/**
 * A pool's issues with those about a stack tag dropped (reported once at `workerpools:tags`): an issue at
 * `<at>.tags.<key>` whose key the pool's own `tags` do not set.
 */
export function withoutStackTagIssues(issues: readonly ConfigIssue[], at: string, ownTags: Readonly<Record<string, string>>): ConfigIssue[] {
  const prefix = `${at}.tags.`;
  return issues.filter((i) => !i.path.startsWith(prefix) || i.path.slice(prefix.length) in ownTags);
}

/** One pool's resources under `aws:defaultTags`: over the limit only because of the default tags (else the pool's check says so). */
export function validatePoolDefaultTags(merged: Readonly<Record<string, string>>, defaultTags: Readonly<Record<string, string>>, at: string): ConfigIssue[] {
  return defaultTagsOverLimit(merged, POOL_TAG_KEYS, defaultTags, `${at}.tags`, "each of its resources");
}

function defaultTagsOverLimit(
  tags: Readonly<Record<string, string>>, added: readonly string[], defaultTags: Readonly<Record<string, string>>, at: string, what: string,
): ConfigIssue[] {
  const own = new Set([...Object.keys(tags), ...added]);
  if (own.size > MAX_TAGS_PER_RESOURCE) return [];
  const extra = Object.keys(defaultTags).filter((k) => !own.has(k));
  const total = own.size + extra.length;
  if (total <= MAX_TAGS_PER_RESOURCE) return [];
  return [{
    path: at,
    message: `with aws:defaultTags, which the provider merges under every taggable resource's tags, ${what} would carry ${total} tags (${own.size} of the stack, ${extra.length} default tags not set here); AWS allows ${MAX_TAGS_PER_RESOURCE}`,
  }];
}
