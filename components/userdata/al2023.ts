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
    /** A TOML fragment nodeadm merges over its containerd config (containerd.ts). */
    readonly containerd?: { readonly config: string };
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
  /** NodeConfig `spec.containerd.config` (containerd.ts `renderContainerdFragment`). @default - none */
  readonly containerdConfig?: string;
  /**
   * Parts placed before the NodeConfig, in order, run by cloud-init before nodeadm starts the kubelet: the extra
   * volumes' mount script, our sysctl script, the IPVS script, the user's `preBootstrap` scripts. @default []
   */
  readonly partsBeforeNodeConfig?: readonly MimePart[];
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
      ...(input.containerdConfig !== undefined ? { containerd: { config: input.containerdConfig } } : {}),
      ...(input.instance ? { instance: input.instance } : {}),
    },
  };
}

/** YAML with sorted keys, so equal configs render byte-identically (no spurious launch template versions). */
export const toSortedYaml = (value: unknown): string => YAML.stringify(value, { sortMapEntries: true, lineWidth: 0 });

/** Renders AL2023 user data: MIME multipart, NodeConfig first after `partsBeforeNodeConfig`. */
export function renderAl2023UserData(input: Al2023UserDataInput): string {
  const parts: MimePart[] = [
    ...(input.partsBeforeNodeConfig ?? []),
    { contentType: NODECONFIG_CONTENT_TYPE, body: toSortedYaml(buildNodeConfig(input)) },
    ...(input.extraParts ?? []),
  ];
  return renderMultipart(parts);
}
