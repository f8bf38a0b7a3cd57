/**
 * A pool's kubelet fields in Bottlerocket's shape: `settings.kubernetes.*` keys with Bottlerocket's own names and
 * types. Fields whose Bottlerocket shape differs from the kubelet's go through a converter; anything that cannot be
 * emitted as given is reported, never dropped. Pure; userdata/ serializes the result.
 */
import {
  BOTTLEROCKET_UNSUPPORTED_MESSAGE, BottlerocketSetting, bottlerocketFixedValue, bottlerocketSettingFor, hasNestedBottlerocketKeys, matchesFixed,
} from "./bottlerocket-settings";
import { ConfigIssue, isRecord } from "../core";
import type { FieldOrigin, KubeletConfigFields } from "./layers";

/** A kubelet field (or part of one) the renderer would not emit as given. */
export interface BottlerocketDrop {
  /** Kubelet field path, nested fields dotted and list items indexed, e.g. `memorySwap.swapBehavior`, `reservedMemory[1]`. */
  readonly field: string;
  /** Why, and what to do instead. */
  readonly message: string;
}

/** How each kubelet field was treated for Bottlerocket. */
export interface BottlerocketKubeletSplit {
  /** `settings.kubernetes` keys to emit, already in Bottlerocket's shape. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The kubelet field paths those settings carry (nested ones dotted, e.g. `memorySwap.swapBehavior`). */
  readonly rendered: readonly string[];
  /** Fields Bottlerocket already sets itself, to the same value (not emitted). */
  readonly builtIn: readonly string[];
  /** Hardened / EKS defaults with no Bottlerocket setting (not emitted; Bottlerocket's own behaviour applies). */
  readonly notApplicable: readonly string[];
  /** Configured, derived or overridden values the renderer cannot emit: errors ({@link validateBottlerocketRendering}). */
  readonly unsupported: readonly BottlerocketDrop[];
}


/** A converted value, or why the value cannot be converted (`at`: suffix of the field path, e.g. `[0].limits.hugepages-1Gi`). */
export type Conversion = { readonly value: unknown } | { readonly problem: string; readonly at?: string };
/** Converts a kubelet value to its Bottlerocket shape; `config` is the whole kubelet config, for fields that depend on others. */
type Converter = (value: unknown, config: KubeletConfigFields) => Conversion;

/** kubelet `cpuManagerPolicyOptions` `{ "full-pcpus-only": "true" }` -> Bottlerocket list of option names. */
export function toCpuManagerPolicyOptions(value: unknown): Conversion {
  if (!isRecord(value)) return { problem: "must be a map of option names to \"true\"" };
  const off = Object.entries(value).find(([, v]) => v !== "true");
  if (off) return { problem: `Bottlerocket renders every listed option as "true", so option "${off[0]}" cannot be ${JSON.stringify(off[1])}; leave it out to keep it off`, at: `.${off[0]}` };
  return { value: Object.keys(value).sort() };
}

/** kubelet `registerWithTaints` `[{ key, value, effect }]` -> Bottlerocket `node-taints` table `{ key: ["value:Effect"] }`. */
export function toNodeTaints(value: unknown): Conversion {
  if (!Array.isArray(value)) return { problem: "must be a list of taints" };
  const items: unknown[] = value;
  const taints: Record<string, string[]> = {};
  for (const [i, t] of items.entries()) {
    if (!isRecord(t) || typeof t.key !== "string" || typeof t.effect !== "string") return { problem: "needs a string key and effect", at: `[${i}]` };
    if (t.timeAdded !== undefined) return { problem: "timeAdded cannot be set on a taint to register (the kubelet refuses it too)", at: `[${i}].timeAdded` };
    const v = t.value === undefined ? "" : t.value;
    if (typeof v !== "string") return { problem: "value must be a string", at: `[${i}].value` };
    taints[t.key] = [...(taints[t.key] ?? []), `${v}:${t.effect}`];
  }
  return { value: taints };
}

/** kubelet `reservedMemory` `[{ numaNode, limits: { memory } }]` -> Bottlerocket table `{ "<numaNode>": { enabled, memory } }`. */
export function toReservedMemory(value: unknown): Conversion {
  if (!Array.isArray(value)) return { problem: "must be a list of { numaNode, limits }" };
  const items: unknown[] = value;
  const table: Record<string, { enabled: boolean; memory: unknown }> = {};
  for (const [i, r] of items.entries()) {
    if (!isRecord(r) || typeof r.numaNode !== "number" || !isRecord(r.limits)) return { problem: "needs a numaNode number and a limits map", at: `[${i}]` };
    const other = Object.keys(r.limits).find((k) => k !== "memory");
    if (other !== undefined) return { problem: `Bottlerocket's template renders only the memory limit of reservedMemory, so "${other}" would be dropped; reserve it another way or use an AL2023 pool`, at: `[${i}].limits.${other}` };
    if (typeof r.limits.memory !== "string") return { problem: "needs a memory limit (the only one Bottlerocket renders)", at: `[${i}].limits` };
    const node = String(r.numaNode);
    if (table[node]) return { problem: `NUMA node ${node} is given twice`, at: `[${i}].numaNode` };
    table[node] = { enabled: true, memory: r.limits.memory };
  }
  return { value: table };
}

/** Fields whose Bottlerocket value is not the kubelet value as is. */
const CONVERTERS: Readonly<Record<string, Converter>> = {
  cpuManagerPolicyOptions: toCpuManagerPolicyOptions,
  registerWithTaints: toNodeTaints,
  reservedMemory: toReservedMemory,
};

/** The Bottlerocket value of a mapped field, or why the template would not render it. */
function convert(field: string, setting: BottlerocketSetting, value: unknown, config: KubeletConfigFields): Conversion {
  if (setting.omitted?.some((o) => o === value)) {
    return { problem: `Bottlerocket's template leaves settings.kubernetes.${setting.key} out when it is ${JSON.stringify(value)}, so the kubelet would never get it; remove ${field} (the kubelet default applies)` };
  }
  if (setting.requires !== undefined && config[setting.requires] === undefined) {
    return { problem: `Bottlerocket renders ${field} only together with ${setting.requires}; set ${setting.requires} too, or remove ${field}` };
  }
  const converter = Object.prototype.hasOwnProperty.call(CONVERTERS, field) ? CONVERTERS[field] : undefined;
  return converter ? converter(value, config) : { value };
}

interface SplitAcc {
  settings: Record<string, unknown>;
  rendered: string[];
  builtIn: string[];
  notApplicable: string[];
  unsupported: BottlerocketDrop[];
}

function splitField(field: string, value: unknown, from: FieldOrigin | undefined, config: KubeletConfigFields, acc: SplitAcc): void {
  const isDefault = from === "hardened" || from === "eks-default";
  const setting = bottlerocketSettingFor(field);
  const fixed = bottlerocketFixedValue(field);
  if (setting) {
    const c = convert(field, setting, value, config);
    if ("value" in c) {
      acc.settings[setting.key] = c.value;
      acc.rendered.push(field);
    } else acc.unsupported.push({ field: `${field}${c.at ?? ""}`, message: c.problem });
  } else if (fixed !== undefined && matchesFixed(value, fixed)) {
    acc.builtIn.push(field);
  } else if (hasNestedBottlerocketKeys(field) && isRecord(value)) {
    for (const [k, v] of Object.entries(value)) splitField(`${field}.${k}`, v, from, config, acc);
  } else if (isDefault) {
    acc.notApplicable.push(field);
  } else if (fixed !== undefined) {
    acc.unsupported.push({ field, message: `Bottlerocket sets ${field} to ${JSON.stringify(fixed)} itself and has no setting to change it; got ${JSON.stringify(value)}` });
  } else {
    acc.unsupported.push({ field, message: BOTTLEROCKET_UNSUPPORTED_MESSAGE(field) });
  }
}

/** Splits a pool's kubelet fields into Bottlerocket settings (converted), built-ins, not-applicable defaults and drops. */
export function splitForBottlerocket(config: KubeletConfigFields, origin: Readonly<Record<string, FieldOrigin>>): BottlerocketKubeletSplit {
  const acc: SplitAcc = { settings: {}, rendered: [], builtIn: [], notApplicable: [], unsupported: [] };
  for (const [field, value] of Object.entries(config)) splitField(field, value, origin[field], config, acc);
  return acc;
}

/**
 * Every kubelet value the Bottlerocket renderer would not emit as given, as an issue at `${at}.<field>`: the same
 * split the renderer uses, so "dropped by the renderer" is always a validation error.
 */
export function validateBottlerocketRendering(config: KubeletConfigFields, origin: Readonly<Record<string, FieldOrigin>>, at: string): ConfigIssue[] {
  return splitForBottlerocket(config, origin).unsupported.map((d) => ({ path: `${at}.${d.field}`, message: d.message }));
}
