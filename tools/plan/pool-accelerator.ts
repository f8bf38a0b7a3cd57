/** Pure: a GPU or Neuron pool's accelerator as the plan prints it and its JSON carries it (amiType, devices per node). */
import type { NodeAccelerators, PoolAcceleratorPlan } from "../../components/worker-pool";
import { devicePluginFor } from "../../components/addons";

/** A pool's accelerator in the plan document: the drivers its AMI carries, its `amiType`, the device plugin, devices per node. */
export type PoolAcceleratorSummary = Omit<PoolAcceleratorPlan, "requested">;

/** The summary of an accelerated pool; nothing for a pool without an accelerator (its plan is unchanged). */
export function acceleratorSummary(p: PoolAcceleratorPlan): { accelerator?: PoolAcceleratorSummary } {
  if (p.kind === "none") return {};
  const { requested: _requested, ...accelerator } = p;
  return { accelerator };
}

/** One node's devices as the scheduler sees them once a device plugin runs, e.g. `g5.xlarge: 1 nvidia.com/gpu (a10g, 22888 MiB)`. */
export function describeNodeAccelerators(n: NodeAccelerators): string {
  if (n.gpus) {
    const g = n.gpus;
    return g.fractional
      ? `${n.instanceType}: part of one ${g.model} GPU (${g.memoryMiB} MiB; EC2 counts 0 whole GPUs)`
      : `${n.instanceType}: ${g.count} nvidia.com/gpu (${g.model}, ${g.memoryMiB} MiB in all)`;
  }
  if (n.neuron) {
    const cores = n.neuron.cores === undefined ? "" : `, ${n.neuron.cores} aws.amazon.com/neuroncore`;
    return `${n.instanceType}: ${n.neuron.devices} aws.amazon.com/neuron (${n.neuron.model}${cores})`;
  }
  return `${n.instanceType}: no devices known`;
}

const DEVICE_PLUGIN: Readonly<Record<PoolAcceleratorPlan["devicePlugin"], (p: PoolAcceleratorSummary) => string>> = {
  none: () => "no device plugin needed",
  "built-in": () => "device plugin: built into the AMI",
  platform: (p) => {
    const row = p.kind === "none" ? undefined : devicePluginFor(p.kind);
    return `device plugin: ${row?.title ?? "?"} Helm release ${row?.releaseName ?? "?"} ${row?.chart.version ?? ""}, installed by the platform after the nodes`;
  },
  "not-deployed": () => "device plugin: not deployed by the platform (see the warning); until one runs the nodes advertise none",
};

/** The pool's accelerator lines of the text plan. */
export function renderPoolAccelerator(p: PoolAcceleratorSummary): string[] {
  const perNode = p.perNode.length ? p.perNode.map(describeNodeAccelerators).join("; ") : "none of the pool's types is in the accelerator facts";
  return [`    accelerator: ${p.kind}, amiType ${p.amiType ?? "none (refused)"}; allocatable per node: ${perNode}`, `      ${DEVICE_PLUGIN[p.devicePlugin](p)}`];
}
