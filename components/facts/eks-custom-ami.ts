/**
 * What EKS does and does not do for a managed node group whose launch template names its own AMI (`imageId`): it merges
 * no bootstrap user data, refuses `releaseVersion` and `version`, reports `amiType: CUSTOM`, and applies API taints only
 * after the node joined. Also the node labels EKS's merged bootstrap gives managed nodes, and which of them a pool's
 * launch template can carry. Shipped as data in `data/eks-custom-ami-bootstrap.json` with its sources.
 */
import { dataReader } from "../core";
import raw from "./data/eks-custom-ami-bootstrap.json";

/** The label values a launch template can know: the pool's image id and capacity type (and three it cannot). */
export const EKS_NODE_LABEL_VALUES = ["imageId", "capacityType", "nodeGroupName", "launchTemplateId", "launchTemplateVersion"] as const;
export type EksNodeLabelValue = (typeof EKS_NODE_LABEL_VALUES)[number];

/** One `eks.amazonaws.com/*` label EKS's merged bootstrap passes to the kubelet's `--node-labels`. */
export interface EksManagedNodeLabel {
  readonly key: string;
  /** What its value is. */
  readonly value: EksNodeLabelValue;
  /** Whether a custom-AMI pool's user data carries it. */
  readonly rendered: boolean;
  /** Why not, when not rendered. @default - rendered */
  readonly why?: string;
}

const { fail, record, list, str } = dataReader("eks custom ami");
const oneOf = <T extends string>(all: readonly T[], v: unknown, at: string): T =>
  all.find((x) => x === v) ?? fail(at, `one of ${all.join(", ")}`);

/** The labels, parsed and checked once at load. */
export const EKS_MANAGED_NODE_LABELS: readonly EksManagedNodeLabel[] = list(raw.labels, "labels").map((v, i) => {
  const o = record(v, `labels[${i}]`);
  const rendered = o.rendered === true;
  if (!rendered && typeof o.why !== "string") fail(`labels[${i}].why`, "a string when the label is not rendered");
  return {
    key: str(o.key, `labels[${i}].key`),
    value: oneOf(EKS_NODE_LABEL_VALUES, o.value, `labels[${i}].value`),
    rendered,
    ...(typeof o.why === "string" ? { why: o.why } : {}),
  };
});

/** The node group `amiType` EKS reports (and accepts) with an image id in the launch template. */
export const CUSTOM_AMI_TYPE = "CUSTOM" as const;

/** Node group inputs EKS refuses with an image id in the launch template. */
export const CUSTOM_AMI_REFUSED_FIELDS: readonly string[] = raw.nodeGroupFieldsRefused.map(String);

/** The user guide's sentences this library acts on, quoted. */
export const EKS_CUSTOM_AMI_RULES = {
  notMerged: raw.notMerged,
  taints: raw.taints,
  patching: raw.patching,
  switching: raw.switching,
} as const;
