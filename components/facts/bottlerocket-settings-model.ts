/**
 * The Bottlerocket settings model of the aws-k8s variants as data (`data/bottlerocket-settings-model.json`, sources
 * named there): the top-level groups under `settings`, and for the groups we check further their fields (`kubernetes`,
 * `kernel`) or the fields of each named entry (`host-containers.<name>`, `bootstrap-commands.<name>`, ...).
 * Groups without either are free-form below their name here.
 */
import raw from "./data/bottlerocket-settings-model.json";
import { dataReader } from "../core";

const { record, strings, str } = dataReader("bottlerocket settings model");

/** One group of `settings.*`. */
export interface BottlerocketSettingsGroup {
  /** The group is a single value of this TOML type (e.g. `motd`: a string). @default - a table */
  readonly type?: "string";
  /** The keys the group's table accepts. @default - not checked */
  readonly fields?: readonly string[];
  /** The keys each named entry of the group accepts (`host-containers.<name>.source`). @default - not checked */
  readonly entries?: readonly string[];
}

const groups = record(raw.groups, "groups");

function parseGroup(v: unknown, at: string): BottlerocketSettingsGroup {
  const g = record(v, at);
  if (g.type !== undefined && g.type !== "string") throw new Error(`bottlerocket settings model data: ${at}.type must be "string"`);
  return {
    ...(g.type === "string" ? { type: "string" as const } : {}),
    ...(g.fields !== undefined ? { fields: strings(g.fields, `${at}.fields`) } : {}),
    ...(g.entries !== undefined ? { entries: strings(g.entries, `${at}.entries`) } : {}),
  };
}

/** The groups of the aws-k8s variants, by TOML name. */
export const BOTTLEROCKET_SETTINGS_GROUPS: Readonly<Record<string, BottlerocketSettingsGroup>> = Object.fromEntries(
  Object.entries(groups).map(([k, v]) => [k, parseGroup(v, `groups.${k}`)]),
);

/** Groups only the aws-k8s-*-nvidia variants have. */
export const BOTTLEROCKET_NVIDIA_SETTINGS_GROUPS: readonly string[] = strings(raw.nvidiaGroups, "nvidiaGroups");

/** The variant model's source, for messages. */
export const BOTTLEROCKET_SETTINGS_MODEL_SOURCE: string = `${str(raw.source.variant.repo, "source.variant.repo")} ${raw.source.variant.path}`;
