/**
 * Bottlerocket user data: TOML `settings.kubernetes.*` with Bottlerocket's own key names and types,
 * serialized with smol-toml (never line-by-line strings). Pure.
 */
import { stringify } from "smol-toml";
import { bottlerocketFixedValue, bottlerocketKeyFor } from "./bottlerocket-settings";
import type { FieldOrigin, KubeletConfigFields } from "./kubelet-config";
import type { NodeConfigCluster } from "./userdata";

/** How each kubelet field was treated for Bottlerocket. */
export interface BottlerocketKubeletSplit {
  /** `settings.kubernetes` keys to emit. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Fields Bottlerocket already sets itself (not emitted). */
  readonly builtIn: readonly string[];
  /** Hardened defaults with no Bottlerocket setting (not emitted; Bottlerocket's own behaviour applies). */
  readonly notApplicable: readonly string[];
  /** Configured fields with no Bottlerocket setting: errors (validation reports them). */
  readonly unsupported: readonly string[];
}

/** Splits a pool's kubelet fields into Bottlerocket settings, built-ins and unsupported fields. */
export function splitForBottlerocket(config: KubeletConfigFields, origin: Readonly<Record<string, FieldOrigin>>): BottlerocketKubeletSplit {
  const settings: Record<string, unknown> = {};
  const builtIn: string[] = [];
  const notApplicable: string[] = [];
  const unsupported: string[] = [];
  for (const [field, value] of Object.entries(config)) {
    const key = bottlerocketKeyFor(field);
    if (key) settings[key.key] = value;
    else if (bottlerocketFixedValue(field) !== undefined) builtIn.push(field);
    else if (origin[field] === "hardened" || origin[field] === "eks-default") notApplicable.push(field);
    else unsupported.push(field);
  }
  return { settings, builtIn, notApplicable, unsupported };
}

/** Inputs of {@link renderBottlerocketUserData}. */
export interface BottlerocketUserDataInput {
  readonly cluster: NodeConfigCluster;
  /** `settings.kubernetes` keys from {@link splitForBottlerocket}. */
  readonly kubernetes: Readonly<Record<string, unknown>>;
  /** Kernel modules to allow and autoload (`settings.kernel.modules`). @default [] */
  readonly kernelModules?: readonly string[];
}

/** Renders Bottlerocket user data (TOML). */
export function renderBottlerocketUserData(input: BottlerocketUserDataInput): string {
  const kubernetes = {
    "cluster-name": input.cluster.name,
    "api-server": input.cluster.apiServerEndpoint,
    "cluster-certificate": input.cluster.certificateAuthority,
    ...input.kubernetes,
  };
  const settings: Record<string, unknown> = { kubernetes: sortKeys(kubernetes) };
  const modules = input.kernelModules ?? [];
  if (modules.length > 0) {
    settings.kernel = { modules: Object.fromEntries(modules.map((m) => [m, { allowed: true, autoload: true }])) };
  }
  return stringify({ settings });
}

const sortKeys = (o: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
