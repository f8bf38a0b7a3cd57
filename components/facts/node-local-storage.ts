/**
 * How the node OSes use EC2 instance store (local NVMe) for the kubelet and containerd, as data
 * (`data/node-local-storage.json`, sources named there): nodeadm's `spec.instance.localStorage` strategies and what
 * they mount, and Bottlerocket's `apiclient ephemeral-storage` commands (RAID0 only) with the release that has them.
 */
import raw from "./data/node-local-storage.json";
import { dataReader } from "../core";

const { record, str, strings } = dataReader("node local storage");

/** nodeadm's local storage facts. */
export interface NodeadmLocalStorageFacts {
  /** Our strategy name → nodeadm's `LocalStorageStrategy` value. */
  readonly strategies: Readonly<Record<string, string>>;
  /** Where nodeadm mounts the array (`<mountPath>/0`) or each disk (`<mountPath>/1..`). */
  readonly mountPath: string;
  /** What a RAID strategy bind-mounts onto the array. */
  readonly bindMounts: readonly string[];
}

/** Bottlerocket's ephemeral storage facts. */
export interface BottlerocketEphemeralStorageFacts {
  /** Strategies `apiclient ephemeral-storage init` can build (one RAID0 array). */
  readonly strategies: readonly string[];
  /** The first Bottlerocket release with bootstrap commands and the ephemeral-storage API. */
  readonly minimumRelease: string;
  /** The directories we bind to the array (all in the k8s variants' allowed list). */
  readonly bindDirs: readonly string[];
}

const n = record(raw.nodeadm, "nodeadm");
const b = record(raw.bottlerocket, "bottlerocket");

export const NODEADM_LOCAL_STORAGE: NodeadmLocalStorageFacts = {
  strategies: Object.fromEntries(Object.entries(record(n.strategies, "nodeadm.strategies")).map(([k, v]) => [k, str(v, `nodeadm.strategies.${k}`)])),
  mountPath: str(n.mountPath, "nodeadm.mountPath"),
  bindMounts: strings(n.bindMounts, "nodeadm.bindMounts"),
};

export const BOTTLEROCKET_EPHEMERAL_STORAGE: BottlerocketEphemeralStorageFacts = {
  strategies: strings(b.strategies, "bottlerocket.strategies"),
  minimumRelease: str(b.minimumRelease, "bottlerocket.minimumRelease"),
  bindDirs: strings(b.bindDirs, "bottlerocket.bindDirs"),
};

/** The files the facts were read from, for messages and the README. */
export const NODE_LOCAL_STORAGE_SOURCES: Readonly<Record<string, { readonly repo: string; readonly path: string; readonly commit: string }>> = {
  nodeadm: raw.source.nodeadmApi,
  nodeadmSetup: raw.source.nodeadmSetup,
  bottlerocket: raw.source.bottlerocketApi,
  bottlerocketRelease: raw.source.bottlerocketRelease,
};
