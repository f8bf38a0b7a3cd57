/**
 * The `tags` section of the plan: the stack tags (`workerpools:tags`), the provider's default tags (`aws:defaultTags`)
 * and the tags each taggable AWS resource ends up with once the provider merges the default tags under its own (the
 * resources `eks:index:Cluster` creates inside itself included, as @pulumi/eks 4.3 tags them). Pure.
 */
import { ACCESS_ENTRY_TYPE, CLUSTER_TYPE, IAM_ROLE_TYPE, INNER_EKS_CLUSTER_TYPE, isRecord } from "../../components/core";
import { MAX_TAGS_PER_RESOURCE, isTaggableAwsType } from "../../components/facts";
import type { PlanResource } from "./resources";

/** What one resource carries. */
export interface ResourceTags {
  /** `type name`; for what eks:index:Cluster creates inside itself, the AWS type and a description. */
  readonly resource: string;
  /** Its tags after the provider's merge (default tags under its own). */
  readonly tags: Readonly<Record<string, string>>;
}

/** The plan's tags section (only when the stack sets `workerpools:tags` or `aws:defaultTags`). */
export interface TagsSection {
  readonly stack: Readonly<Record<string, string>>;
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Every taggable resource with its merged tags; launch templates also as the instances and volumes they launch. */
  readonly resources: readonly ResourceTags[];
  /** Resources lacking a stack tag (none, unless a resource forgets them): `type name`. */
  readonly withoutStackTags: readonly string[];
  /** The resource with the most tags, against AWS's limit. */
  readonly most: { readonly resource: string; readonly count: number; readonly limit: number };
}

const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(isRecord(v) ? v : {}).map(([k, x]) => [k, typeof x === "string" ? x : JSON.stringify(x)]));

/** What @pulumi/eks 4.3 creates inside eks:index:Cluster and tags: the EKS cluster, its service role, the access entries. */
function clusterInside(r: PlanResource, defaults: Readonly<Record<string, string>>): ResourceTags[] {
  const tags = strings(r.inputs.tags);
  const entries = Object.entries(isRecord(r.inputs.accessEntries) ? r.inputs.accessEntries : {});
  const inside = `(inside ${CLUSTER_TYPE} ${r.name})`;
  return [
    { resource: `${INNER_EKS_CLUSTER_TYPE} ${r.name}-eksCluster ${inside}`, tags: { ...defaults, Name: `${r.name}-eksCluster`, ...strings(r.inputs.clusterTags), ...tags } },
    { resource: `${IAM_ROLE_TYPE} ${r.name}-eksRole ${inside}`, tags: { ...defaults, ...tags } },
    ...entries.map(([key, e]) => ({ resource: `${ACCESS_ENTRY_TYPE} ${r.name}-${key} ${inside}`, tags: { ...defaults, ...strings(isRecord(e) ? e.tags : undefined) } })),
  ];
}

/** Instances and volumes get the launch template's tagSpecifications only (default tags do not reach them). */
function launched(r: PlanResource): ResourceTags[] {
  const specs = Array.isArray(r.inputs.tagSpecifications) ? r.inputs.tagSpecifications : [];
  return specs.filter(isRecord).map((s) => ({ resource: `${String(s.resourceType)}s launched from ${r.type} ${r.name}`, tags: strings(s.tags) }));
}

/** The merged tags of every planned taggable resource. */
export function resourceTags(resources: readonly PlanResource[], defaults: Readonly<Record<string, string>>): ResourceTags[] {
  return resources.flatMap((r): ResourceTags[] => {
    if (r.type === CLUSTER_TYPE) return clusterInside(r, defaults);
    if (!isTaggableAwsType(r.type)) return [];
    return [{ resource: `${r.type} ${r.name}`, tags: { ...defaults, ...strings(r.inputs.tags) } }, ...launched(r)];
  });
}

/** The section, or undefined when the stack sets neither stack tags nor default tags. */
export function tagsSection(stack: Readonly<Record<string, string>>, defaultTags: Readonly<Record<string, string>>, resources: readonly PlanResource[]): TagsSection | undefined {
  if (Object.keys(stack).length === 0 && Object.keys(defaultTags).length === 0) return undefined;
  const all = resourceTags(resources, defaultTags);
  const counted = all.map((r) => ({ resource: r.resource, count: Object.keys(r.tags).length }));
  const most = counted.reduce((a, b) => (b.count > a.count ? b : a), { resource: "none", count: 0 });
  return {
    stack, defaultTags, resources: all,
    withoutStackTags: all.filter((r) => Object.entries(stack).some(([k]) => !(k in r.tags))).map((r) => r.resource),
    most: { ...most, limit: MAX_TAGS_PER_RESOURCE },
  };
}

/** The section as printed. */
export function renderTagsSection(t: TagsSection): string {
  const show = (tags: Readonly<Record<string, string>>): string => (Object.keys(tags).length ? JSON.stringify(tags) : "none");
  return [
    `Tags: workerpools:tags ${show(t.stack)} on every taggable AWS resource (pools add their own); aws:defaultTags ${show(t.defaultTags)}`,
    "  merged by the provider under the tags of every taggable resource of its provider, not into launch template tagSpecifications (instances and volumes carry the stack and pool tags only)",
    `  ${t.resources.length} taggable resources; most tags on one: ${t.most.count} of ${t.most.limit} (${t.most.resource})`,
    ...(t.withoutStackTags.length > 0 ? [`  without every stack tag: ${t.withoutStackTags.join(", ")}`] : []),
  ].join("\n");
}
