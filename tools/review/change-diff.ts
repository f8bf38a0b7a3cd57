/**
 * Pure field-by-field diff of a node group's and a launch template's inputs between two plans, each change
 * labelled with its effect under the rules AWS and the provider apply (`components/facts/managed-node-update.ts`).
 */
import {
  FieldEffect,
  LAUNCH_TEMPLATE_REPLACE_FIELDS,
  LAUNCH_TEMPLATE_VERSION_FIELDS,
  nodeGroupFieldEffect,
} from "../../components/facts";
import { MimeLeaf, isRecord, sortKeysDeep, unionKeys } from "../../components/core";
import {
  BOTTLEROCKET_CLUSTER_KEYS, DecodedUserData, EPHEMERAL_STORAGE_COMMAND, NODECONFIG_CONTENT_TYPE, decodeUserData, isRegistryHostsPart, parseAl2023SysctlPart,
} from "../../components/userdata";

export const CHANGE_EFFECTS = ["replace", "roll", "in-place", "ignored"] as const;
/** {@link FieldEffect}, plus `ignored`: a change `pulumi up` does not apply (ignoreChanges). */
export type ChangeEffect = (typeof CHANGE_EFFECTS)[number];

/** One changed field. `undefined` before or after means absent. */
export interface FieldChange {
  /** Dotted input name, e.g. `releaseVersion`, `scalingConfig.maxSize`, `kubelet.maxPods`. */
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly effect: ChangeEffect;
  /** Why it has that effect. */
  readonly why: string;
  /** For a change derived from others (a launch template version), the fields that caused it. @default - none */
  readonly causes?: readonly string[];
}

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value)) ?? "undefined";
}

const same = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);
/** Order-free comparison for the provider's set-typed inputs. */
const sameSet = (a: unknown, b: unknown): boolean =>
  same(Array.isArray(a) ? a.map(stableJson).sort() : a, Array.isArray(b) ? b.map(stableJson).sort() : b);

const WHY: Record<FieldEffect, string> = {
  replace: "ForceNew in the provider schema: a new node group is created and the old one deleted",
  roll: "UpdateNodegroupVersion: every node is replaced, maxUnavailable at a time",
  "in-place": "UpdateNodegroupConfig (or tags): applied to the node group and its nodes without replacing any",
};

/** Node group inputs compared key by key (each key has its own effect). */
const NESTED = ["scalingConfig", "launchTemplate"] as const;
/** Set-typed node group inputs (order does not matter); `instanceTypes` is a list: its order does. */
const SETS = ["subnetIds", "taints"] as const;

function nodeGroupChange(field: string, before: unknown, after: unknown, ignore: readonly string[]): FieldChange {
  if (ignore.includes(field)) return { field, before, after, effect: "ignored", why: "ignoreChanges: owned by the autoscaler, never reverted" };
  const effect = nodeGroupFieldEffect(field);
  if (!effect) return { field, before, after, effect: "in-place", why: "not in the provider table; assumed to update in place" };
  return { field, before, after, effect, why: WHY[effect] };
}

/** Field changes between two node group input maps. */
export function diffNodeGroupInputs(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  ignoreChanges: readonly string[] = [],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of unionKeys(before, after)) {
    const b = before[key];
    const a = after[key];
    if ((NESTED as readonly string[]).includes(key) && (isRecord(b) || isRecord(a))) {
      const bb = isRecord(b) ? b : {};
      const aa = isRecord(a) ? a : {};
      for (const sub of unionKeys(bb, aa)) {
        if (!same(bb[sub], aa[sub])) changes.push(nodeGroupChange(`${key}.${sub}`, bb[sub], aa[sub], ignoreChanges));
      }
    } else if ((SETS as readonly string[]).includes(key) ? !sameSet(b, a) : !same(b, a)) {
      changes.push(nodeGroupChange(key, b, a, ignoreChanges));
    }
  }
  return changes;
}

const NEW_VERSION = "a new launch template version, which the node group rolls to (every node replaced)";

function recordChanges(prefix: string, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, why: string): FieldChange[] {
  return unionKeys(before, after)
    .filter((k) => !same(before[k], after[k]))
    .map((k) => ({ field: `${prefix}${k}`, before: before[k], after: after[k], effect: "roll" as const, why }));
}

export const USER_DATA_FORMATS = ["al2023-nodeconfig", "bottlerocket", "unknown"] as const;
export type UserDataFormat = (typeof USER_DATA_FORMATS)[number];

/** What the user data says, split the way a reviewer reads it (decoded by components/userdata `decodeUserData`). */
export interface UserDataFields {
  readonly format: UserDataFormat;
  /** Kubelet settings by the name written: NodeConfig `spec.kubelet.config` keys, or Bottlerocket `settings.kubernetes` keys. */
  readonly kubelet: Readonly<Record<string, unknown>>;
  /** NodeConfig `spec.kubelet.flags`. */
  readonly kubeletFlags: readonly string[];
  /** How nodes find the cluster (NodeConfig `spec.cluster`; Bottlerocket cluster-name, api-server, cluster-certificate). */
  readonly cluster: Readonly<Record<string, unknown>>;
  /** The node beyond the kubelet by the pool key that sets it: `kernel.sysctls.<name>`, `instanceStorage`. */
  readonly node: Readonly<Record<string, unknown>>;
  /** Everything else: further MIME parts by Content-Type, other Bottlerocket settings groups, or the raw text. */
  readonly other: Readonly<Record<string, unknown>>;
  /**
   * Container runtime settings by option name (`maxConcurrentDownloads`, `discardUnpackedLayers`, `mirrors.<host>`):
   * AL2023 `spec.containerd.config` and the hosts.toml part, Bottlerocket `container-runtime` / `container-registry`.
   * @default {}
   */
  readonly containerRuntime?: Readonly<Record<string, unknown>>;
}

const FORMATS: Readonly<Record<DecodedUserData["os"], UserDataFormat>> = { AL2023: "al2023-nodeconfig", BOTTLEROCKET: "bottlerocket", unrecognized: "unknown" };
const CLUSTER_KEYS: readonly string[] = BOTTLEROCKET_CLUSTER_KEYS;

/** MIME parts other than NodeConfig and our sysctl part, by `part[<index among all parts>] <Content-Type>`. */
const otherParts = (parts: readonly MimeLeaf[]): Record<string, unknown> =>
  Object.fromEntries(parts.flatMap((p, i) => (p.mediaType === NODECONFIG_CONTENT_TYPE || isRegistryHostsPart(p) || parseAl2023SysctlPart(p.body) ? [] : [[`part[${i}] ${p.contentType}`, p.body]])));

/** Bottlerocket settings groups read as container runtime settings (not repeated under `other`). */
const RUNTIME_GROUPS: readonly string[] = ["container-runtime", "container-registry"];

/** The decoded container runtime flattened: `mirrors.<host>` per registry. */
function runtimeFields(d: DecodedUserData): Record<string, unknown> {
  if (d.os === "unrecognized") return {};
  const { mirrors, ...settings } = d.containerRuntime;
  return { ...settings, ...Object.fromEntries(Object.entries(mirrors ?? {}).map(([host, urls]) => [`mirrors.${host}`, urls])) };
}

const sysctlFields = (sysctls: Readonly<Record<string, string>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(sysctls).map(([k, v]) => [`kernel.sysctls.${k}`, v]));

/** Bottlerocket settings groups other than kubernetes, without the parts {@link nodeFields} and {@link runtimeFields} name (sysctls, our ephemeral storage, the runtime). */
function bottlerocketOther(settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (k === "kubernetes" || RUNTIME_GROUPS.includes(k)) continue;
    const drop = k === "kernel" ? "sysctl" : k === "bootstrap-commands" ? EPHEMERAL_STORAGE_COMMAND : undefined;
    const rest = drop !== undefined && isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([sub]) => sub !== drop)) : v;
    if (!isRecord(rest) || Object.keys(rest).length > 0) out[`settings.${k}`] = rest;
  }
  return out;
}

function nodeFields(d: DecodedUserData): Record<string, unknown> {
  if (d.os === "AL2023") {
    const storage = isRecord(d.instance.localStorage) ? { instanceStorage: d.instance.localStorage } : {};
    return { ...sysctlFields(d.sysctls), ...storage };
  }
  if (d.os !== "BOTTLEROCKET") return {};
  const storage = d.bootstrapCommands[EPHEMERAL_STORAGE_COMMAND];
  return { ...sysctlFields(d.sysctls), ...(storage === undefined ? {} : { instanceStorage: storage }) };
}

/**
 * A launch template's `userData` input (base64) as review fields. Plan placeholders (`[unknown]`, `[secret]`) and
 * non-strings are `unknown` with the value kept in `other.value`.
 */
export function userDataFields(userData: unknown): UserDataFields {
  const none = { kubelet: {}, kubeletFlags: [], cluster: {}, node: {} };
  if (typeof userData !== "string" || userData.startsWith("[")) return { format: "unknown", ...none, other: { value: userData } };
  const d = decodeUserData(userData);
  const format = FORMATS[d.os];
  if (d.os === "AL2023") {
    return { format, kubelet: d.kubeletConfig, kubeletFlags: d.kubeletFlags, cluster: d.cluster, node: nodeFields(d), other: otherParts(d.parts), containerRuntime: runtimeFields(d) };
  }
  if (d.os === "unrecognized") return { format, ...none, other: d.parts.length > 0 ? otherParts(d.parts) : { text: d.text } };
  const kubelet = Object.fromEntries(Object.entries(d.kubernetes).filter(([k]) => !CLUSTER_KEYS.includes(k)));
  return { format, kubelet, kubeletFlags: [], cluster: d.cluster, node: nodeFields(d), other: bottlerocketOther(d.settings), containerRuntime: runtimeFields(d) };
}

/** Changes inside the user data: each kubelet setting, kubelet flags, cluster connection, other parts. */
export function diffUserData(before: unknown, after: unknown): FieldChange[] {
  if (same(before, after)) return [];
  const b = userDataFields(before);
  const a = userDataFields(after);
  const why = `user data changed: ${NEW_VERSION}`;
  const changes = [
    ...recordChanges("kubelet.", b.kubelet, a.kubelet, why),
    ...(same(b.kubeletFlags, a.kubeletFlags) ? [] : [{ field: "kubelet.flags", before: b.kubeletFlags, after: a.kubeletFlags, effect: "roll" as const, why }]),
    ...recordChanges("cluster.", b.cluster, a.cluster, why),
    ...recordChanges("containerRuntime.", b.containerRuntime ?? {}, a.containerRuntime ?? {}, why),
    ...recordChanges("", b.node, a.node, why),
    ...recordChanges("userData.", b.other, a.other, why),
  ];
  if (b.format !== a.format) changes.unshift({ field: "userData.format", before: b.format, after: a.format, effect: "roll", why });
  return changes.length > 0 ? changes : [{ field: "userData", before, after, effect: "roll", why }];
}

/** Why a launch-data field rolls the nodes, where a reviewer would ask. */
const VERSION_WHY: Readonly<Record<string, string>> = {
  tagSpecifications: `the instances' and volumes' tags are launch data (tagSpecifications): ${NEW_VERSION}, so the nodes carry the new tags; the launch template's and the node group's own tags change in place`,
};

function launchTemplateChange(field: string, before: unknown, after: unknown): FieldChange {
  if (LAUNCH_TEMPLATE_REPLACE_FIELDS.includes(field)) {
    return { field, before, after, effect: "replace", why: "ForceNew: a new launch template (new id), so node groups using it are replaced" };
  }
  if (field === "imageId") {
    const why = before === undefined || after === undefined
      ? `the pool ${after === undefined ? "leaves its custom image for EKS's AMIs" : "moves to a custom image"}: ${NEW_VERSION} (EKS refuses the switch on an existing node group, whose amiType changes too, so it is replaced)`
      : `a new custom image: ${NEW_VERSION}; nothing else patches a custom image, this rolls every node group of the pool in its wave`;
    return { field, before, after, effect: "roll", why };
  }
  if (LAUNCH_TEMPLATE_VERSION_FIELDS.includes(field)) return { field, before, after, effect: "roll", why: VERSION_WHY[field] ?? NEW_VERSION };
  return { field, before, after, effect: "in-place", why: "no new launch template version (tags and version settings only)" };
}

const KEY_WHY = `the volumes' KMS key is launch data: ${NEW_VERSION}; new nodes get volumes encrypted with the new key (EBS never re-encrypts an existing volume)`;

/** Block device changes by device and EBS field, e.g. `blockDeviceMappings[/dev/xvda].ebs.kmsKeyId`. */
function diffBlockDevices(before: unknown, after: unknown): FieldChange[] {
  const byDevice = (v: unknown): Map<string, Record<string, unknown>> =>
    new Map((Array.isArray(v) ? v : []).filter(isRecord).map((m) => [String(m.deviceName), isRecord(m.ebs) ? m.ebs : {}]));
  const [b, a] = [byDevice(before), byDevice(after)];
  const changes: FieldChange[] = [];
  for (const device of [...new Set([...b.keys(), ...a.keys()])]) {
    const [bb, aa] = [b.get(device), a.get(device)];
    if (!bb || !aa) {
      changes.push({ field: `blockDeviceMappings[${device}]`, before: bb, after: aa, effect: "roll", why: NEW_VERSION });
      continue;
    }
    for (const k of unionKeys(bb, aa).filter((x) => !same(bb[x], aa[x]))) {
      changes.push({ field: `blockDeviceMappings[${device}].ebs.${k}`, before: bb[k], after: aa[k], effect: "roll", why: k === "kmsKeyId" ? KEY_WHY : NEW_VERSION });
    }
  }
  return changes.length > 0 ? changes : [launchTemplateChange("blockDeviceMappings", before, after)];
}

/** Field changes between two launch template input maps; `userData` is decoded and compared setting by setting. */
export function diffLaunchTemplateInputs(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of unionKeys(before, after)) {
    if (key === "userData") changes.push(...diffUserData(before[key], after[key]));
    else if (key === "blockDeviceMappings" && !same(before[key], after[key])) changes.push(...diffBlockDevices(before[key], after[key]));
    else if (!same(before[key], after[key])) changes.push(launchTemplateChange(key, before[key], after[key]));
  }
  return changes;
}
