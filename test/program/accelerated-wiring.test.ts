/**
 * GPU and Neuron pools under Pulumi's mock runtime (the dev stack with its pools replaced): each node group's
 * `amiType` and the SSM parameter its `releaseVersion` is read from follow the pool's accelerator, and the plan's
 * pool section lists the devices per node. One program run per file (Pulumi's runtime is process-global).
 */
import * as path from "node:path";
import { PlanResource, StackFile, readStackFile, renderPools, runPlan, summarizePools } from "../../tools/plan";
import type { ConfigIssue } from "../../components/core";
import { HELM_RELEASE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const NOW = new Date("2026-12-01T00:00:00Z");

const dev = readStackFile(ROOT, "dev");
const devPools = dev.values.pools as Record<string, unknown>[];
const gpuTaint = [{ key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" }];
const file: StackFile = {
  ...dev,
  values: {
    ...dev.values,
    pools: [
      devPools[0],
      { name: "gpu", instanceTypes: ["g5.xlarge", "g5.2xlarge"], scaling: { min: 0, max: 4, desired: 1 }, taints: gpuTaint },
      { name: "gpu-arm", os: "BOTTLEROCKET", architecture: "arm64", instanceTypes: ["g5g.xlarge"], scaling: { min: 0, max: 2, desired: 1 }, taints: gpuTaint },
      { name: "inferentia", instanceTypes: ["inf2.xlarge"], scaling: { min: 0, max: 2, desired: 1 }, ami: { channel: "pinned", releaseVersion: "1.35.0-20251120" } },
    ],
    patching: { waves: [["system"], ["gpu", "gpu-arm", "inferentia"]] },
  },
};

let resources: PlanResource[] = [];
let standIns: string[] = [];
let warnings: ConfigIssue[] = [];
let config: Parameters<typeof summarizePools>[0] | undefined;

beforeAll(async () => {
  const run = await runPlan(file, { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  standIns = run.standIns.map((s) => s.question);
  warnings = run.warnings;
  config = run.config;
});

const nodeGroup = (name: string): Record<string, unknown> => {
  const r = resources.find((x) => x.type === NODE_GROUP_TYPE && x.name === name);
  if (!r) throw new Error(`no node group ${name}`);
  return r.inputs;
};

describe("accelerated pools, wired", () => {
  it("a g5 pool gets AL2023_x86_64_NVIDIA and its release from the nvidia SSM parameter", () => {
    const parameter = "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/nvidia/recommended/release_version";
    expect(nodeGroup("gpu")).toMatchObject({ amiType: "AL2023_x86_64_NVIDIA", instanceTypes: ["g5.xlarge", "g5.2xlarge"], releaseVersion: `offline-stand-in(${parameter})` });
    expect(standIns).toContain(`ssm:GetParameter ${parameter}`);
  });

  it("a g5g Bottlerocket pool gets BOTTLEROCKET_ARM_64_NVIDIA and the -nvidia variant's image_version", () => {
    const parameter = "/aws/service/bottlerocket/aws-k8s-1.35-nvidia/arm64/latest/image_version";
    expect(nodeGroup("gpu-arm")).toMatchObject({ amiType: "BOTTLEROCKET_ARM_64_NVIDIA", releaseVersion: `offline-stand-in(${parameter})` });
    expect(standIns).toContain(`ssm:GetParameter ${parameter}`);
  });

  it("an inf2 pool gets AL2023_x86_64_NEURON with its pinned release (no SSM lookup), the CPU pool stays standard", () => {
    expect(nodeGroup("inferentia")).toMatchObject({ amiType: "AL2023_x86_64_NEURON", releaseVersion: "1.35.0-20251120" });
    expect(standIns.filter((s) => s.includes("/neuron/"))).toEqual([]);
    expect(nodeGroup("system")).toMatchObject({ amiType: "AL2023_x86_64_STANDARD" });
    expect(standIns).toContain("ssm:GetParameter /aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version");
  });

  it("warns no pool about its device plugin: the platform deploys NVIDIA's and Neuron's, Bottlerocket NVIDIA ships its own", () => {
    expect(warnings.filter((w) => w.path.endsWith(".accelerator")).map((w) => w.path)).toEqual([]);
  });

  it("installs one NVIDIA device plugin release, pinned, on the AL2023 g5 pool's node groups only, after every node group", () => {
    const releases = resources.filter((r) => r.type === HELM_RELEASE_TYPE);
    expect(releases.map((r) => r.name)).toEqual(["addons-nvidia-device-plugin", "addons-neuron-device-plugin"]);
    const [release, neuron] = releases;
    const neuronValues = neuron.inputs.values as { devicePlugin: { affinity: unknown } };
    expect(JSON.stringify(neuronValues.devicePlugin.affinity)).toMatch(/"values":\["inferentia[^"]*"\]/);
    expect(release.inputs).toMatchObject({
      chart: "nvidia-device-plugin", version: "0.20.0", namespace: "kube-system",
      repositoryOpts: { repo: "https://nvidia.github.io/k8s-device-plugin" },
    });
    const values = release.inputs.values as { affinity: unknown; tolerations: unknown[] };
    const gpuGroup = resources.find((r) => r.type === NODE_GROUP_TYPE && r.name === "gpu");
    const selector = JSON.stringify(values.affinity);
    expect(selector).toContain('"key":"eks.amazonaws.com/nodegroup","operator":"In"');
    // Only the AL2023 pool's node group: not the Bottlerocket NVIDIA pool (it ships its own), not the others.
    const nodeGroupNames = JSON.parse(selector).nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values as string[];
    expect(nodeGroupNames).toHaveLength(1);
    expect(nodeGroupNames[0]).toMatch(/^gpu/);
    expect(values.tolerations).toContainEqual({ key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" });
    const groups = resources.filter((r) => r.type === NODE_GROUP_TYPE).map((r) => r.urn);
    expect(gpuGroup).toBeDefined();
    expect([...release.dependencies].sort()).toEqual(expect.arrayContaining(groups));
  });

  it("lists the allocatable devices per node in the plan's pool section (text and JSON)", () => {
    if (!config) throw new Error("no config");
    const pools = summarizePools(config);
    expect(pools.find((p) => p.name === "system")?.accelerator).toBeUndefined();
    expect(pools.find((p) => p.name === "gpu")?.accelerator).toEqual({
      kind: "nvidia", amiType: "AL2023_x86_64_NVIDIA", devicePlugin: "platform",
      perNode: [
        { instanceType: "g5.xlarge", gpus: { count: 1, model: "a10g", memoryMiB: 22888, fractional: false } },
        { instanceType: "g5.2xlarge", gpus: { count: 1, model: "a10g", memoryMiB: 22888, fractional: false } },
      ],
    });
    const text = renderPools(pools);
    expect(text).toContain("    accelerator: nvidia, amiType AL2023_x86_64_NVIDIA; allocatable per node: g5.xlarge: 1 nvidia.com/gpu (a10g, 22888 MiB in all); g5.2xlarge: 1 nvidia.com/gpu (a10g, 22888 MiB in all)");
    expect(text).toContain("    accelerator: nvidia, amiType BOTTLEROCKET_ARM_64_NVIDIA; allocatable per node: g5g.xlarge: 1 nvidia.com/gpu (t4g, 16384 MiB in all)\n      device plugin: built into the AMI");
    expect(text).toContain("(a10g, 22888 MiB in all)\n      device plugin: NVIDIA's k8s-device-plugin Helm release nvidia-device-plugin 0.20.0, installed by the platform after the nodes");
    expect(text).toContain("inf2.xlarge: 1 aws.amazon.com/neuron (inferentia2, 2 aws.amazon.com/neuroncore)");
  });
});
