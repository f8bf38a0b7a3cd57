/** examples/stacks/Pulumi.neuron.yaml (EKS Blueprints aws-neuron-efa: trn1.32xlarge on AL2023 Neuron), planned offline. */
import { describeAcceleratedExample } from "./accelerated-example";

describeAcceleratedExample({
  stack: "neuron", pool: "neuron", amiType: "AL2023_x86_64_NEURON",
  parameter: "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/neuron/recommended/release_version",
  release: { name: "neuron-device-plugin", chart: "oci://public.ecr.aws/neuron/neuron-helm-chart", version: "1.9.0", podPath: "devicePlugin" },
  taint: { key: "aws.amazon.com/neuron", value: "true", effect: "NoSchedule" },
  perNode: [{ instanceType: "trn1.32xlarge", neuron: { devices: 16, cores: 32, model: "trainium" } }],
  line: "trn1.32xlarge: 16 aws.amazon.com/neuron (trainium, 32 aws.amazon.com/neuroncore)\n      device plugin: AWS Neuron's device plugin (neuron-helm-chart) Helm release neuron-device-plugin 1.9.0",
});
