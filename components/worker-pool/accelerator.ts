/**
 * A pool's accelerator: what its instance types carry (components/facts instance-accelerators), the AMI variant that
 * follows (`accelerator: auto` picks it from the types), what one node offers the scheduler, and every problem with
 * its path. A GPU instance type never gets a non-GPU AMI (SPEC §11.2). Pure.
 */
import { ConfigIssue } from "../core";
import { CUSTOM_AMI_TYPE, acceleratorFacts, lookupInstanceType } from "../facts";
import { Accelerator, AmiAccelerator, AmiType, amiVariantFor, amiVariantIssue } from "./ami";
import type { ResolvedWorkerPoolArgs } from "./args";
import { devicePluginFor } from "../addons";

/** What one instance type carries, as far as its AMI is concerned; `unknown`: the accelerator facts do not cover it. */
export type TypeAcceleration = "none" | "nvidia" | "neuron" | "amd" | "habana" | "other" | "unknown";

/** The accelerator class of `instanceType` from the shipped instance facts. */
export function typeAcceleration(instanceType: string): TypeAcceleration {
  const f = acceleratorFacts(instanceType);
  if (f === undefined) return "unknown";
  if (f.gpus) return f.gpus.vendor;
  if (f.neuron) return "neuron";
  return f.otherAccelerators ? "other" : "none";
}

/** What one node of a type offers: its GPUs (`nvidia.com/gpu`) or Neuron devices (`aws.amazon.com/neuron`, `.../neuroncore`). */
export interface NodeAccelerators {
  readonly instanceType: string;
  /** NVIDIA GPUs. @default - none */
  readonly gpus?: {
    /** GPUs per node; 0 for a fractional type (EC2 reports part of one GPU). */
    readonly count: number;
    readonly model: string;
    /** GPU memory of the node, MiB. */
    readonly memoryMiB: number;
    readonly fractional: boolean;
  };
  /** AWS Neuron devices. @default - none */
  readonly neuron?: { readonly devices: number; readonly model: string; /** @default - unknown */ readonly cores?: number };
}

/** Who runs the Kubernetes device plugin that makes the devices allocatable. */
export type DevicePlugin = "none" | "built-in" | "platform" | "not-deployed";

/** The pool's accelerator and AMI variant. */
export interface PoolAcceleratorPlan {
  /** As configured. */
  readonly requested: Accelerator;
  /** The drivers the AMI carries: the configured accelerator, or with `auto` what the types have. */
  readonly kind: AmiAccelerator;
  /**
   * The node group's `amiType`; `CUSTOM` for a custom image (whose drivers the plan cannot see).
   * @default - none: EKS publishes no AMI for the combination (validation refuses it)
   */
  readonly amiType?: AmiType | typeof CUSTOM_AMI_TYPE;
  /**
   * `built-in`: Bottlerocket's NVIDIA variants ship the NVIDIA device plugin; `platform`: a pool whose AMI ships none
   * (AL2023 NVIDIA, AL2023 and Bottlerocket Neuron) on which the platform's Addons install the accelerator's device
   * plugin (components/addons device-plugins.ts: `nvidiaDevicePlugin`, `neuronDevicePlugin`); `not-deployed`: such a
   * pool with that plugin off, and a custom image (its plugin is its owner's); `none`: no accelerator.
   */
  readonly devicePlugin: DevicePlugin;
  /** Per instance type (in the pool's order), what one node offers. Empty without an accelerator. */
  readonly perNode: readonly NodeAccelerators[];
}

/** The drivers a pool's AMI carries: `requested`, or with `auto` what the types have. */
export function acceleratorKind(requested: Accelerator, types: readonly string[]): AmiAccelerator {
  if (requested !== "auto") return requested;
  const classes = types.map(typeAcceleration);
  if (classes.includes("nvidia")) return "nvidia";
  return classes.includes("neuron") ? "neuron" : "none";
}

function nodeAccelerators(instanceType: string): NodeAccelerators | undefined {
  const f = acceleratorFacts(instanceType);
  if (f?.gpus?.vendor === "nvidia") {
    const { count, model, memoryMiB, fractional } = f.gpus;
    return { instanceType, gpus: { count, model, memoryMiB, fractional } };
  }
  if (f?.neuron) return { instanceType, neuron: f.neuron };
  return undefined;
}

function devicePluginOf(kind: AmiAccelerator, a: ResolvedWorkerPoolArgs): DevicePlugin {
  if (kind === "none") return "none";
  // The platform's plugin is placed by the eks.amazonaws.com/nodegroup label, which a custom image's user data cannot carry.
  if (isCustomImage(a)) return "not-deployed";
  if (devicePluginFor(kind).builtInOn.some((os) => os === a.os)) return "built-in";
  return a.devicePlugins[kind] ? "platform" : "not-deployed";
}

/** The pool's accelerator, AMI type and per-node devices (from resolved args; valid or not). */
export function planAccelerator(a: ResolvedWorkerPoolArgs): PoolAcceleratorPlan {
  const kind = acceleratorKind(a.accelerator, a.instanceTypes);
  const amiType = isCustomImage(a) ? CUSTOM_AMI_TYPE : amiVariantIssue(a.os, a.architecture, kind) === undefined ? amiVariantFor(a.os, a.architecture, kind).amiType : undefined;
  const devicePlugin = devicePluginOf(kind, a);
  const perNode = kind === "none" ? [] : [...new Set(a.instanceTypes)].flatMap((t) => nodeAccelerators(t) ?? []);
  return { requested: a.accelerator, kind, ...(amiType ? { amiType } : {}), devicePlugin, perNode };
}

const NAMES: Readonly<Record<TypeAcceleration, string>> = {
  none: "no accelerator", nvidia: "NVIDIA GPUs", neuron: "AWS Neuron devices", amd: "AMD GPUs", habana: "Habana Gaudi accelerators",
  other: "other accelerators", unknown: "unknown accelerators",
};

/** One issue per type whose accelerator no EKS AMI serves (AMD, Habana), or that the facts do not cover. */
function typeIssues(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const explicitKubelet = a.kubelet.maxPods !== undefined && a.kubelet.kubeReserved !== undefined;
  return a.instanceTypes.flatMap((t, i): ConfigIssue[] => {
    const path = `${at}.instanceTypes[${i}]`;
    const f = acceleratorFacts(t);
    const c = typeAcceleration(t);
    if ((c === "amd" || c === "habana") && f?.gpus) {
      if (isCustomImage(a)) {
        return [{ path, severity: "warning", message: `"${t}" has ${NAMES[c]} (${f.gpus.count} x ${f.gpus.model}): the custom image must carry their drivers and you their device plugin; the platform cannot check either` }];
      }
      return [{ path, message: `"${t}" has ${NAMES[c]} (${f.gpus.count} x ${f.gpus.model}): EKS publishes AMIs with NVIDIA and Neuron drivers only, so its nodes would boot without a driver for them; use an NVIDIA or Neuron type, or ami.channel custom with an image that carries the drivers` }];
    }
    if (c === "other" && f?.otherAccelerators) {
      const o = f.otherAccelerators;
      return [{ path, severity: "warning", message: `"${t}" has ${o.count} ${o.vendor} ${o.model} accelerators, for which no EKS AMI has drivers: pods get its CPUs only` }];
    }
    // A type unknown to the instance table is already refused there, unless the pool sizes it explicitly.
    if (c !== "unknown" || a.accelerator !== "auto" || (lookupInstanceType(t) === undefined && !explicitKubelet)) return [];
    return [{ path, message: `the instance accelerator facts (components/facts/data/instance-accelerators.json) do not cover "${t}", so accelerator auto cannot tell whether it needs a GPU or Neuron AMI; set the pool's accelerator (none | nvidia | neuron)` }];
  });
}

const listed = (types: readonly string[]): string => types.slice(0, 3).join(", ") + (types.length > 3 ? `, ... (${types.length})` : "");

/** GPU and non-GPU types, or NVIDIA and Neuron types, in one pool: one node group has one AMI type. */
function mixIssues(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const by = (c: TypeAcceleration | readonly TypeAcceleration[]): string[] =>
    a.instanceTypes.filter((t) => ([] as TypeAcceleration[]).concat(c).includes(typeAcceleration(t)));
  const [nvidia, neuron, bare] = [by("nvidia"), by("neuron"), by(["none", "other"])];
  const path = `${at}.instanceTypes`;
  const issues: ConfigIssue[] = [];
  if (nvidia.length && neuron.length) {
    issues.push({ path, message: `mixes NVIDIA GPU types (${listed(nvidia)}) and AWS Neuron types (${listed(neuron)}): no EKS AMI carries both drivers and a node group has one AMI type; put them in separate pools` });
  }
  for (const [what, accelerated] of [["NVIDIA GPUs", nvidia], ["AWS Neuron devices", neuron]] as const) {
    if (accelerated.length && bare.length) {
      issues.push({ path, message: `mixes types with ${what} (${listed(accelerated)}) and types without (${listed(bare)}): a node group has one AMI type, and a GPU or Neuron type never gets one without its drivers; put them in separate pools` });
    }
  }
  return issues;
}

/** An explicit accelerator the types lack, `none` on accelerated types, or one the OS and architecture have no AMI for. */
function requestIssues(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const path = `${at}.accelerator`;
  const requested = a.accelerator;
  if (requested === "auto") return [];
  const issues: ConfigIssue[] = [];
  if (requested === "none") {
    const accelerated = a.instanceTypes.filter((t) => ["nvidia", "neuron"].includes(typeAcceleration(t)));
    if (accelerated.length) {
      issues.push({ path, message: `none, but ${listed(accelerated)} ${accelerated.length > 1 ? "have" : "has"} ${NAMES[typeAcceleration(accelerated[0])]}: an accelerated type never gets an AMI without its drivers (SPEC §11.2); leave accelerator at auto` });
    }
  } else {
    const lacking = a.instanceTypes.filter((t) => !["unknown", requested].includes(typeAcceleration(t)));
    if (lacking.length) {
      issues.push({ path, message: `${requested}, but ${listed(lacking)} ${lacking.length > 1 ? "have" : "has"} no ${NAMES[requested]} (${lacking.map((t) => NAMES[typeAcceleration(t)]).filter((n, i, all) => all.indexOf(n) === i).join(", ")}); use types with ${NAMES[requested]}, or accelerator auto` });
    }
  }
  // With auto the kind comes from the types, whose OS or architecture mismatch is reported at the type itself; a custom
  // image is not one of EKS's variants.
  const why = a.os === "AL2" || isCustomImage(a) ? undefined : amiVariantIssue(a.os, a.architecture, requested);
  if (why !== undefined) issues.push({ path, message: `${requested}: no EKS-optimized AMI for ${a.os} ${a.architecture} with ${NAMES[requested]}: ${why}` });
  return issues;
}

/**
 * Warns that the devices are not allocatable while the platform deploys no device plugin for the pool (its addon key is
 * off), and that Bottlerocket Neuron nodes give non-root containers no access to the devices without a setting the
 * platform does not set yet.
 */
function devicePluginIssues(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const p = planAccelerator(a);
  if (p.kind === "none" || p.amiType === undefined) return [];
  if (p.amiType === CUSTOM_AMI_TYPE) return [customImageDriverWarning(p.kind, a, at)];
  const issues: ConfigIssue[] = [];
  const row = devicePluginFor(p.kind);
  if (p.devicePlugin === "not-deployed") {
    issues.push({
      path: `${at}.accelerator`, severity: "warning",
      message: `${p.kind} pool on ${p.amiType}: the platform does not deploy a device plugin (addons ${row.key}.enabled is false); install ${row.title} yourself, or nodes advertise no ${row.resources[0]}`,
    });
  }
  if (a.os === "BOTTLEROCKET" && p.kind === "neuron") {
    issues.push({
      path: `${at}.accelerator`, severity: "warning",
      message: `neuron pool on ${p.amiType}: non-root containers also need the Bottlerocket setting settings.kubernetes.device-ownership-from-security-context, which the platform does not set yet`,
    });
  }
  return issues;
}

/** Every accelerator problem of a pool; `at` is its config path. */
export function validateAccelerator(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  return [...typeIssues(a, at), ...mixIssues(a, at), ...requestIssues(a, at), ...devicePluginIssues(a, at)];
}

/** True for a pool that boots its own image (`ami.channel: custom`). */
export const isCustomImage = (a: ResolvedWorkerPoolArgs): boolean => a.ami.channel === "custom";

/** A custom image's accelerated pool: the types still decide the accelerator, but only the image's owner knows its drivers. */
function customImageDriverWarning(kind: AmiAccelerator, a: ResolvedWorkerPoolArgs, at: string): ConfigIssue {
  const drivers = kind === "nvidia" ? "the NVIDIA driver and container toolkit" : "the AWS Neuron driver";
  const plugin = kind === "nvidia"
    ? `the NVIDIA device plugin${a.os === "BOTTLEROCKET" ? " (Bottlerocket's NVIDIA variants ship it)" : ""}`
    : "the Neuron device plugin";
  return {
    path: `${at}.accelerator`,
    severity: "warning",
    message: `${kind} pool on a custom image (${a.ami.imageId ?? "ami.imageId"}): the plan cannot see which drivers an image carries, so it must carry ${drivers}, and ${plugin} must run on its nodes; the platform deploys none for custom images (its placement uses the eks.amazonaws.com/nodegroup label, which their user data cannot carry)`,
  };
}
