/**
 * Karpenter's EC2NodeClass (karpenter.k8s.aws/v1, registered by the karpenter pool component as a Kubernetes custom
 * resource) read as the launch template rules read a launch template: its `spec.metadataOptions` with the CRD's defaults
 * (the API server fills them in; from the shipped CRD schema, components/facts/data/karpenter-crds.json), its
 * `spec.blockDeviceMappings`, its `spec.userData` (plain text, not base64) and its `spec.kubelet`.
 */
import { EC2_NODE_CLASS_TYPE } from "../../components/core";
import { KARPENTER_CRDS } from "../../components/facts";
import type { RuleResource } from "../rule";
import { UNKNOWN, Unknown, get, isRecord, isUnknown } from "../rule-values";

export const isNodeClass = (r: RuleResource): boolean => r.type === EC2_NODE_CLASS_TYPE;

/** Where a rule's field lives, for messages: `spec.` on an EC2NodeClass, nothing on a launch template. */
export const fieldPrefix = (r: RuleResource): string => (isNodeClass(r) ? "spec." : "");

const schemaOf = (v: unknown): Readonly<Record<string, unknown>> => (isRecord(v) ? v : {});
const METADATA_SCHEMA = schemaOf(schemaOf(schemaOf(schemaOf(KARPENTER_CRDS.EC2NodeClass.schema.properties).spec).properties).metadataOptions);
/** Each metadata option's CRD default (`httpTokens: required`, `httpPutResponseHopLimit: 1`, ...). */
const METADATA_FIELD_DEFAULTS: Readonly<Record<string, unknown>> = Object.fromEntries(
  Object.entries(schemaOf(METADATA_SCHEMA.properties)).flatMap(([k, v]) => (isRecord(v) && v.default !== undefined ? [[k, v.default]] : [])),
);

/**
 * The instance metadata options a node gets: a launch template's `metadataOptions`; an EC2NodeClass's
 * `spec.metadataOptions` with the CRD defaults for what it leaves out (the whole default object when it is absent).
 */
export function metadataOptionsOf(r: RuleResource): unknown {
  if (!isNodeClass(r)) return r.props.metadataOptions;
  const spec = r.props.spec;
  if (isUnknown(spec)) return UNKNOWN;
  const options = get(spec, "metadataOptions");
  if (isUnknown(options)) return UNKNOWN;
  if (options === undefined) return METADATA_SCHEMA.default ?? METADATA_FIELD_DEFAULTS;
  return isRecord(options) ? { ...METADATA_FIELD_DEFAULTS, ...options } : options;
}

/** A launch template's `blockDeviceMappings`, or an EC2NodeClass's `spec.blockDeviceMappings`. */
export function blockDevicesOf(r: RuleResource): unknown {
  if (!isNodeClass(r)) return r.props.blockDeviceMappings;
  return isUnknown(r.props.spec) ? UNKNOWN : get(r.props.spec, "blockDeviceMappings");
}

/** An EC2NodeClass's `spec.userData` (text) and `spec.kubelet`. */
export function nodeClassBootstrap(r: RuleResource): { readonly userData: unknown; readonly kubelet: Readonly<Record<string, unknown>> | Unknown } {
  if (isUnknown(r.props.spec)) return { userData: UNKNOWN, kubelet: UNKNOWN };
  const kubelet = get(r.props.spec, "kubelet");
  return { userData: get(r.props.spec, "userData"), kubelet: isUnknown(kubelet) ? UNKNOWN : isRecord(kubelet) ? kubelet : {} };
}
