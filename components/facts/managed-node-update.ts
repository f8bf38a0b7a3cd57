/**
 * What AWS and the provider do when a managed node group changes, as data (`data/managed-node-update.json`,
 * whose `source` names the EKS User Guide pages and the terraform-provider-aws files, with commits): the
 * update phases' numbers, and which `aws.eks.NodeGroup` inputs replace the node group, roll its nodes,
 * or change in place.
 */
import raw from "./data/managed-node-update.json";
import { isRecord } from "../core";

export const FIELD_EFFECTS = ["replace", "roll", "in-place"] as const;
/**
 * `replace`: ForceNew, a new node group is created and the old one deleted; `roll`: in place through
 * UpdateNodegroupVersion, every node replaced in batches; `in-place`: UpdateNodegroupConfig / tags, no node
 * replaced.
 */
export type FieldEffect = (typeof FIELD_EFFECTS)[number];

/** Numbers of the managed node update behaviour. */
export interface UpdateBehaviorFacts {
  /** `maxUnavailable` EKS uses when `updateConfig` is not set. */
  readonly maxUnavailableDefault: number;
  /** Nodes updated in parallel at most (the quota on maxUnavailable). */
  readonly maxUnavailableQuota: number;
  /** Scale up adds up to this many nodes per AZ of the node group (or maxUnavailable, if larger). */
  readonly surgeAzMultiplier: number;
  /** A drain that has not finished after this long fails the update with `PodEvictionFailure`. */
  readonly podEvictionTimeoutSec: number;
  /** Wait after cordoning a drained node, before its termination. */
  readonly cordonWaitSec: number;
}

function positive(v: unknown, field: string): number {
  if (typeof v === "number" && Number.isFinite(v) && v > 0) return v;
  throw new Error(`data/managed-node-update.json: ${field} must be a positive number, got ${JSON.stringify(v)}`);
}

function parseBehavior(v: unknown): UpdateBehaviorFacts {
  const r = isRecord(v) ? v : {};
  return {
    maxUnavailableDefault: positive(r.maxUnavailableDefault, "updateBehavior.maxUnavailableDefault"),
    maxUnavailableQuota: positive(r.maxUnavailableQuota, "updateBehavior.maxUnavailableQuota"),
    surgeAzMultiplier: positive(r.surgeAzMultiplier, "updateBehavior.surgeAzMultiplier"),
    podEvictionTimeoutSec: positive(r.podEvictionTimeoutSec, "updateBehavior.podEvictionTimeoutSec"),
    cordonWaitSec: positive(r.cordonWaitSec, "updateBehavior.cordonWaitSec"),
  };
}

function parseEffects(v: unknown): Readonly<Record<string, FieldEffect>> {
  const out: Record<string, FieldEffect> = {};
  for (const [field, effect] of Object.entries(isRecord(v) ? v : {})) {
    if (!(FIELD_EFFECTS as readonly unknown[]).includes(effect)) {
      throw new Error(`data/managed-node-update.json: nodeGroupFieldEffects.${field} must be one of ${FIELD_EFFECTS.join(", ")}, got ${JSON.stringify(effect)}`);
    }
    out[field] = effect as FieldEffect;
  }
  return out;
}

/** The managed node update numbers (AWS EKS User Guide, API reference). */
export const UPDATE_BEHAVIOR: UpdateBehaviorFacts = parseBehavior(raw.updateBehavior);

/** Average EKS control plane creation, as AWS announced it (see the data file's `source.controlPlaneCreate`). */
export const CONTROL_PLANE_CREATE_SEC: number = positive(raw.controlPlaneCreateSec, "controlPlaneCreateSec");

/**
 * Effect of a change to each `aws.eks.NodeGroup` input (Pulumi names; nested keys dotted), from the
 * provider's schema (ForceNew) and update path.
 */
export const NODE_GROUP_FIELD_EFFECTS: Readonly<Record<string, FieldEffect>> = parseEffects(raw.nodeGroupFieldEffects);

/** `aws.ec2.LaunchTemplate` inputs whose change creates a new launch template version (tags alone do not). */
export const LAUNCH_TEMPLATE_VERSION_FIELDS: readonly string[] = raw.launchTemplateVersionFields.map(String);

/** `aws.ec2.LaunchTemplate` inputs whose change replaces the launch template (new id, so every node group using it is replaced). */
export const LAUNCH_TEMPLATE_REPLACE_FIELDS: readonly string[] = raw.launchTemplateReplaceFields.map(String);

/** The effect of changing `field` (e.g. `launchTemplate.version`, `scalingConfig`), or undefined when not tabled. */
export function nodeGroupFieldEffect(field: string): FieldEffect | undefined {
  return NODE_GROUP_FIELD_EFFECTS[field] ?? NODE_GROUP_FIELD_EFFECTS[field.split(".")[0]];
}
