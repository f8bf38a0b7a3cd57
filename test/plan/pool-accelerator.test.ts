/** The plan's accelerator lines (pure): devices per node as the scheduler will see them, and nothing for CPU pools. */
import { acceleratorSummary, describeNodeAccelerators, renderPoolAccelerator } from "../../tools/plan";

describe("the plan's accelerator lines", () => {
  it("describes whole GPUs, a fractional GPU and Neuron devices per node", () => {
    expect(describeNodeAccelerators({ instanceType: "p5.48xlarge", gpus: { count: 8, model: "h100", memoryMiB: 655360, fractional: false } }))
      .toBe("p5.48xlarge: 8 nvidia.com/gpu (h100, 655360 MiB in all)");
    expect(describeNodeAccelerators({ instanceType: "g6f.large", gpus: { count: 0, model: "l4", memoryMiB: 2861, fractional: true } }))
      .toBe("g6f.large: part of one l4 GPU (2861 MiB; EC2 counts 0 whole GPUs)");
    expect(describeNodeAccelerators({ instanceType: "inf1.xlarge", neuron: { devices: 1, model: "inferentia" } })).toBe("inf1.xlarge: 1 aws.amazon.com/neuron (inferentia)");
  });

  it("adds nothing to a CPU pool's summary (its plan stays as it was)", () => {
    expect(acceleratorSummary({ requested: "auto", kind: "none", amiType: "AL2023_x86_64_STANDARD", devicePlugin: "none", perNode: [] })).toEqual({});
  });

  it("says when no type of an explicitly accelerated pool is in the facts, and who runs the device plugin", () => {
    expect(renderPoolAccelerator({ kind: "neuron", amiType: "AL2023_x86_64_NEURON", devicePlugin: "not-deployed", perNode: [] })).toEqual([
      "    accelerator: neuron, amiType AL2023_x86_64_NEURON; allocatable per node: none of the pool's types is in the accelerator facts",
      "      device plugin: not deployed by the platform (see the warning); until one runs the nodes advertise none",
    ]);
    expect(renderPoolAccelerator({ kind: "neuron", amiType: "BOTTLEROCKET_x86_64", devicePlugin: "platform", perNode: [] })[1])
      .toBe("      device plugin: AWS Neuron's device plugin (neuron-helm-chart) Helm release neuron-device-plugin 1.9.0, installed by the platform after the nodes");
  });
});
