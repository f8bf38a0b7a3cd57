/** examples/stacks/Pulumi.gpu-arm64.yaml (g5g on AL2023 arm64 NVIDIA), planned offline. */
import { describeAcceleratedExample } from "./accelerated-example";

describeAcceleratedExample({
  stack: "gpu-arm64", pool: "gpu-arm", amiType: "AL2023_ARM_64_NVIDIA",
  parameter: "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/arm64/nvidia/recommended/release_version",
  release: { name: "nvidia-device-plugin", chart: "nvidia-device-plugin", version: "0.20.0", podPath: "" },
  taint: { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" },
  perNode: [
    { instanceType: "g5g.xlarge", gpus: { count: 1, model: "t4g", memoryMiB: 16384, fractional: false } },
    { instanceType: "g5g.2xlarge", gpus: { count: 1, model: "t4g", memoryMiB: 16384, fractional: false } },
  ],
  line: "accelerator: nvidia, amiType AL2023_ARM_64_NVIDIA; allocatable per node: g5g.xlarge: 1 nvidia.com/gpu (t4g, 16384 MiB in all)",
});
