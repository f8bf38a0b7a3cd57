/** examples/stacks/Pulumi.gpu-al2023.yaml (EKS Blueprints multi-node-vllm: g6e on AL2023 NVIDIA), planned offline. */
import { describeAcceleratedExample } from "./accelerated-example";

describeAcceleratedExample({
  stack: "gpu-al2023", pool: "gpu", amiType: "AL2023_x86_64_NVIDIA",
  parameter: "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/nvidia/recommended/release_version",
  release: { name: "nvidia-device-plugin", chart: "nvidia-device-plugin", version: "0.20.0", podPath: "" },
  taint: { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" },
  perNode: [{ instanceType: "g6e.8xlarge", gpus: { count: 1, model: "l40s", memoryMiB: 45776, fractional: false } }],
  line: "accelerator: nvidia, amiType AL2023_x86_64_NVIDIA; allocatable per node: g6e.8xlarge: 1 nvidia.com/gpu (l40s, 45776 MiB in all)",
});
