/**
 * Bottlerocket container runtime settings, and reading them back: `settings.container-registry.mirrors`
 * (`[{ registry, endpoint[] }]`, tried in order, then the registry itself) and `settings.container-runtime.*`
 * (keys from the shipped settings model, facts `BOTTLEROCKET_CONTAINER_RUNTIME_SETTINGS`). `discardUnpackedLayers`
 * has no setting (validation refuses `true`). Pure.
 */
import { isRecord, stringList } from "../core";
import { BOTTLEROCKET_CONTAINER_RUNTIME_SETTINGS } from "../facts";
import type { ContainerRuntimeOptions } from "./container-runtime";
import type { DecodedContainerRuntime } from "./containerd";
import type { RegistryMirror } from "./runtime-plan";

/** Our option → its `settings.container-runtime` key (each must be in the shipped model). */
export const BOTTLEROCKET_RUNTIME_KEYS = { maxConcurrentDownloads: "max-concurrent-downloads" } as const;

for (const key of Object.values(BOTTLEROCKET_RUNTIME_KEYS)) {
  if (!(key in BOTTLEROCKET_CONTAINER_RUNTIME_SETTINGS)) throw new Error(`settings.container-runtime.${key} is not in the shipped Bottlerocket settings model`);
}

/** The `container-registry` and `container-runtime` settings groups (none when nothing is set). */
export function bottlerocketContainerSettings(o: ContainerRuntimeOptions, mirrors: readonly RegistryMirror[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  if (mirrors.length > 0) {
    settings["container-registry"] = { mirrors: mirrors.map((m) => ({ registry: m.host, endpoint: m.endpoints.map((e) => e.url) })) };
  }
  if (o.maxConcurrentDownloads !== undefined) settings["container-runtime"] = { [BOTTLEROCKET_RUNTIME_KEYS.maxConcurrentDownloads]: o.maxConcurrentDownloads };
  return settings;
}

/** The container runtime a decoded Bottlerocket `settings` table configures, by our option names. */
export function readBottlerocketContainerRuntime(settings: Readonly<Record<string, unknown>>): DecodedContainerRuntime {
  const runtime = isRecord(settings["container-runtime"]) ? settings["container-runtime"] : {};
  const registry = isRecord(settings["container-registry"]) ? settings["container-registry"] : {};
  const list = Array.isArray(registry.mirrors) ? registry.mirrors.filter(isRecord) : [];
  const mirrors = Object.fromEntries(list.flatMap((m) => (typeof m.registry === "string" ? [[m.registry, stringList(m.endpoint) ?? []]] : [])));
  const downloads = runtime[BOTTLEROCKET_RUNTIME_KEYS.maxConcurrentDownloads];
  return {
    ...(downloads !== undefined ? { maxConcurrentDownloads: downloads } : {}),
    ...(list.length > 0 ? { mirrors } : {}),
  };
}
