/**
 * A pool's image: which AMI its nodes boot (`ami.channel` recommended | pinned | custom), what the node group and the
 * launch template say about it, and, for a custom image, the bootstrap EKS then leaves to us: EKS merges no user data
 * into a launch template that names its own AMI (components/facts `EKS_CUSTOM_AMI_RULES`), so the pool's user data
 * carries the cluster connection, the kubelet settings, the node labels EKS's bootstrap would have given and the
 * pool's taints (applied before the node joins, where EKS would apply API taints only afterwards). Pure.
 */
import { ConfigIssue } from "../core";
import { CUSTOM_AMI_TYPE, EKS_MANAGED_NODE_LABELS, EksNodeLabelValue } from "../facts";
import { AmiAccelerator, AmiType, amiReleaseSsmParameter, amiTypeFor, amiVariantIssue, validateReleaseVersion } from "./ami";
import type { AmiSelection, ResolvedWorkerPoolArgs, Taint } from "./args";

/** EC2 image ids: `ami-` and 17 lowercase hex digits (8 for images registered before 2018). */
export const IMAGE_ID_RE = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** The bootstrap a custom image's user data must carry beyond the cluster connection and the kubelet config. */
export interface CustomImageBootstrap {
  /** Kubelet `--node-labels` (AL2023) / `settings.kubernetes.node-labels` (Bottlerocket): the pool's labels and EKS's. */
  readonly nodeLabels: Readonly<Record<string, string>>;
  /** Kubelet `--register-with-taints` / `settings.kubernetes.node-taints`: the pool's taints, from the first moment. */
  readonly taints: readonly Taint[];
  /** EKS's managed-node labels a launch template cannot carry, each with why. */
  readonly missingLabels: readonly { readonly key: string; readonly why: string }[];
}

/** The image of a pool, as the node group, the launch template and the plan see it. */
export type PoolImage =
  | { readonly channel: "recommended"; readonly amiType?: AmiType; /** SSM parameter AWS resolves at every deploy. @default - none (no AMI for the variant) */ readonly releaseParameter?: string }
  | { readonly channel: "pinned"; readonly amiType?: AmiType; readonly releaseVersion: string }
  | { readonly channel: "custom"; readonly amiType: typeof CUSTOM_AMI_TYPE; readonly imageId: string; readonly bootstrap: CustomImageBootstrap };

/** The node labels EKS's merged bootstrap gives managed nodes that `a`'s launch template can carry, over the pool's labels. */
function customNodeLabels(a: ResolvedWorkerPoolArgs, imageId: string): Record<string, string> {
  const values: Partial<Record<EksNodeLabelValue, string>> = { imageId, capacityType: a.capacityType };
  const eks = EKS_MANAGED_NODE_LABELS.flatMap((l): [string, string][] => {
    const v = values[l.value];
    return l.rendered && v !== undefined ? [[l.key, v]] : [];
  });
  return { ...a.labels, ...Object.fromEntries(eks) };
}

/** The pool's image from resolved args; `accelerator` is the AMI variant's accelerator (valid or not). */
export function planPoolImage(a: ResolvedWorkerPoolArgs, accelerator: AmiAccelerator): PoolImage {
  const ami = a.ami;
  if (ami.channel === "custom") {
    const imageId = ami.imageId ?? "";
    const missingLabels = EKS_MANAGED_NODE_LABELS.flatMap((l) => (l.rendered ? [] : [{ key: l.key, why: l.why ?? "" }]));
    return { channel: "custom", amiType: CUSTOM_AMI_TYPE, imageId, bootstrap: { nodeLabels: customNodeLabels(a, imageId), taints: a.taints, missingLabels } };
  }
  const variant = amiVariantIssue(a.os, a.architecture, accelerator) !== undefined ? undefined : { os: a.os, architecture: a.architecture, accelerator };
  const amiType = variant ? amiTypeFor(a.os, a.architecture, accelerator) : undefined;
  if (ami.channel === "pinned") return { channel: "pinned", ...(amiType ? { amiType } : {}), releaseVersion: ami.releaseVersion ?? "" };
  const releaseParameter = variant && /^\d+\.\d+$/.test(a.kubernetesVersion) ? amiReleaseSsmParameter({ ...variant, kubernetesVersion: a.kubernetesVersion }) : undefined;
  return { channel: "recommended", ...(amiType ? { amiType } : {}), ...(releaseParameter ? { releaseParameter } : {}) };
}

/** Format check of an EC2 image id. */
export function validateImageId(id: unknown, at: string): ConfigIssue[] {
  if (typeof id !== "string") return [{ path: at, message: `must be an EC2 image id string like "ami-0abcdef1234567890", got ${id === null ? "null" : typeof id}` }];
  if (IMAGE_ID_RE.test(id)) return [];
  const hint = /^ami-[0-9a-fA-F]+$/.test(id) ? " (lowercase hex, 8 or 17 digits)" : "";
  return [{ path: at, message: `must be an EC2 image id: "ami-" and 17 hex digits${hint}, e.g. "ami-0abcdef1234567890", got ${JSON.stringify(id)}` }];
}

/**
 * `ami` of a pool: `releaseVersion` only (and required) with `pinned`, `imageId` only (and required) with `custom`, each
 * in its format. `kubernetesVersion` is the pool's (a pinned Amazon Linux release names its Kubernetes minor).
 */
export function validateAmiSelection(os: ResolvedWorkerPoolArgs["os"], ami: AmiSelection, at: string, kubernetesVersion?: string): ConfigIssue[] {
  const channel = ami.channel ?? "recommended";
  const issues: ConfigIssue[] = [];
  if (channel === "pinned") {
    if (!ami.releaseVersion) issues.push({ path: `${at}.releaseVersion`, message: "required with channel pinned (e.g. an AL2023 release such as 1.35.0-20251120)" });
    else issues.push(...validateReleaseVersion(os, ami.releaseVersion, `${at}.releaseVersion`, kubernetesVersion));
  } else if (ami.releaseVersion !== undefined) {
    const why = channel === "custom"
      ? "channel custom boots imageId, and EKS refuses a releaseVersion with an image id in the launch template"
      : "channel recommended resolves the release at every deploy";
    issues.push({ path: `${at}.releaseVersion`, message: `only valid with channel pinned; ${why}` });
  }
  if (channel === "custom") {
    if (ami.imageId === undefined || ami.imageId === "") issues.push({ path: `${at}.imageId`, message: "required with channel custom: the EC2 image id of your AMI, e.g. ami-0abcdef1234567890" });
    else issues.push(...validateImageId(ami.imageId, `${at}.imageId`));
  } else if (ami.imageId !== undefined) {
    issues.push({ path: `${at}.imageId`, message: `only valid with channel custom; channel ${channel} boots the EKS-optimized AMI of the pool's release (set channel: custom to boot your own image)` });
  }
  return issues;
}
