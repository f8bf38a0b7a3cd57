/** examples/stacks/Pulumi.gpu-bottlerocket.yaml (Bottlerocket's aws-k8s-*-nvidia variants on g4dn and g5), planned offline. */
import { describeAcceleratedExample } from "./accelerated-example";

describeAcceleratedExample({
  stack: "gpu-bottlerocket", pool: "gpu", amiType: "BOTTLEROCKET_x86_64_NVIDIA",
  parameter: "/aws/service/bottlerocket/aws-k8s-1.35-nvidia/x86_64/latest/image_version",
  taint: { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" },
  perNode: [
    { instanceType: "g4dn.xlarge", gpus: { count: 1, model: "t4", memoryMiB: 16384, fractional: false } },
    { instanceType: "g5.xlarge", gpus: { count: 1, model: "a10g", memoryMiB: 22888, fractional: false } },
  ],
  line: "g4dn.xlarge: 1 nvidia.com/gpu (t4, 16384 MiB in all); g5.xlarge: 1 nvidia.com/gpu (a10g, 22888 MiB in all)\n      device plugin: built into the AMI",
});
