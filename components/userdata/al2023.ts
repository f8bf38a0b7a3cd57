/**
 * Node user data renderers. AL2023: a MIME multi-part document whose `application/node.eks.aws` part is a
 * nodeadm `NodeConfig` (node.eks.aws/v1alpha1, amazon-eks-ami `nodeadm/api/v1alpha1/nodeconfig_types.go`).
 * Built as typed objects, serialized with the `yaml` emitter (sorted keys), never by string templates.
 */
import * as YAML from "yaml";
import { MimePart, renderMultipart } from "../core";
import { KubeletConfigFields } from "../kubelet";
import type { NodeConfigLocalStorage } from "./node-settings";

/** Content-Type nodeadm reads a NodeConfig from. */
export const NODECONFIG_CONTENT_TYPE = "application/node.eks.aws";

/** NodeConfig `spec.cluster`. */
export interface NodeConfigCluster {
  readonly name: string;
  readonly apiServerEndpoint: string;
  readonly certificateAuthority: string;
  readonly cidr: string;
}

/** The parts of a nodeadm NodeConfig we emit. */
export interface NodeConfig {
  readonly apiVersion: "node.eks.aws/v1alpha1";
  readonly kind: "NodeConfig";
  readonly spec: {
    readonly cluster: NodeConfigCluster;
    readonly kubelet: { readonly config: KubeletConfigFields; readonly flags?: readonly string[] };
    /** How nodeadm sets up the instance (instance store). @default - absent: nodeadm leaves local disks alone */
    readonly instance?: { readonly localStorage: NodeConfigLocalStorage };
  };
}

/** Inputs of {@link renderAl2023UserData}. */
export interface Al2023UserDataInput {
  readonly cluster: NodeConfigCluster;
  readonly kubeletConfig: KubeletConfigFields;
  /** Extra kubelet flags (labels and taints only where the node group cannot carry them). @default [] */
  readonly kubeletFlags?: readonly string[];
  /** Further parts (e.g. a shell script loading kernel modules), placed after the NodeConfig. @default [] */
  readonly extraParts?: readonly MimePart[];
  /** Shell parts placed before the NodeConfig, run by cloud-init in this order before nodeadm starts the kubelet. @default [] */
  readonly scriptParts?: readonly MimePart[];
  /** NodeConfig `spec.instance` (instance store). @default - none */
  readonly instance?: { readonly localStorage: NodeConfigLocalStorage };
}

/** Builds the typed NodeConfig object. */
export function buildNodeConfig(input: Al2023UserDataInput): NodeConfig {
  const flags = input.kubeletFlags ?? [];
  return {
    apiVersion: "node.eks.aws/v1alpha1",
    kind: "NodeConfig",
    spec: {
      cluster: input.cluster,
      kubelet: flags.length > 0 ? { config: input.kubeletConfig, flags } : { config: input.kubeletConfig },
      ...(input.instance ? { instance: input.instance } : {}),
    },
  };
}

/** YAML with sorted keys, so equal configs render byte-identically (no spurious launch template versions). */
export const toSortedYaml = (value: unknown): string => YAML.stringify(value, { sortMapEntries: true, lineWidth: 0 });

/** Renders AL2023 user data: MIME multipart, the script parts, the NodeConfig, the extra parts. */
export function renderAl2023UserData(input: Al2023UserDataInput): string {
  const parts: MimePart[] = [
    ...(input.scriptParts ?? []),
    { contentType: NODECONFIG_CONTENT_TYPE, body: toSortedYaml(buildNodeConfig(input)) },
    ...(input.extraParts ?? []),
  ];
  return renderMultipart(parts);
}
