/**
 * The Karpenter component under Pulumi's mock runtime, as a library user wires it, with an SSM answer that is a real
 * release (as at `pulumi up`): a managed pool and karpenter pools on the recommended channel take the same release, the
 * EC2NodeClass pinned to it (never `@latest`); a GPU karpenter pool's device plugin runs on its NodePools' nodes.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import { cluster, namedIn, subnets } from "../worker-pool/wiring-fixtures";
import { dig } from "../fixtures/plan-resources";
import { EC2_NODE_CLASS_TYPE, GET_PARAMETER_FN, HELM_RELEASE_TYPE, NODE_GROUP_TYPE, NODE_POOL_TYPE } from "../../components/core";

const RELEASES: Record<string, string> = {
  "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version": "1.35.0-20251201",
  "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/nvidia/recommended/release_version": "1.35.0-20251201",
  "/aws/service/bottlerocket/aws-k8s-1.35/x86_64/latest/image_version": "1.50.0-1a2b3c4d",
};
let resources: PlanResource[] = [];

beforeAll(async () => {
  const offline = offlineMocks(new StandInLog(), { region: "us-east-1" });
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => offline.newResource(args),
    call: (args) => {
      const name = String(dig(args.inputs, "name"));
      return args.token === GET_PARAMETER_FN && RELEASES[name] !== undefined ? { name, type: "String", value: RELEASES[name] } : offline.call(args);
    },
  };
  await pulumi.runtime.setMocks(mocks, "proj", "test", true);
  const recorded = installRecorder();
  const { WorkerPool } = await import("../../components/worker-pool");
  const { Karpenter, karpenterDevicePluginPlacement } = await import("../../components/autoscaling");
  const { Addons } = await import("../../components/addons");
  await pulumi.runtime.runInPulumiStack(() => {
    const system = new WorkerPool("system", { cluster, subnets, instanceTypes: ["m6i.large"], scaling: { min: 1, max: 2, desired: 1 } });
    const limits = { cpu: 100 };
    const gpuArgs = { cluster, subnets, devicePlugins: { nvidia: true }, instanceRequirements: { categories: ["g"], generations: { min: 6 }, cpu: { min: 4, max: 8 } }, limits, taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" as const }] };
    const pools = [
      { name: "burst", args: { cluster, subnets, instanceRequirements: { categories: ["m"], generations: { min: 6 }, cpu: { min: 4, max: 8 } }, limits } },
      { name: "rocket", args: { cluster, subnets, os: "BOTTLEROCKET" as const, instanceRequirements: { categories: ["c"], generations: { min: 6 }, cpu: { min: 4, max: 8 } }, limits } },
      { name: "gpu", args: gpuArgs },
    ];
    const addons = new Addons("addons", { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}" });
    addons.installAfterNodes(system.nodeGroups, [karpenterDevicePluginPlacement(gpuArgs, "gpu"), karpenterDevicePluginPlacement(pools[0].args, "burst")].flatMap((p) => p ?? []));
    new Karpenter("karpenter", {
      cluster, kubeconfig: "{}", privateSubnetIds: subnets.map((s) => s.id), controllerPlacement: { labels: {}, taints: [] }, dependsOn: system.nodeGroups, pools,
    });
    return Promise.resolve({});
  });
  await pulumi.runtime.disconnect();
  resources = planResources(recorded);
}, 120_000);

const terms = (name: string): unknown => dig(namedIn(resources, EC2_NODE_CLASS_TYPE, `karpenter-${name}-cpu4-15-nodeclass`).inputs, "spec.amiSelectorTerms"); // 4 to 8 vCPUs: the one band cpu4-15

describe("the recommended channel at deploy", () => {
  it("pins the EC2NodeClass to the release the managed pools' node groups take, never @latest", () => {
    expect(namedIn(resources, NODE_GROUP_TYPE, "system").inputs.releaseVersion).toBe("1.35.0-20251201");
    expect(terms("burst")).toEqual([{ alias: "al2023@v20251201" }]);
    expect(terms("gpu")).toEqual([{ alias: "al2023@v20251201" }]);
    expect(terms("rocket")).toEqual([{ alias: "bottlerocket@v1.50.0" }]);
    expect(JSON.stringify(resources.map((r) => r.inputs))).not.toContain("@latest");
  });
});

describe("a GPU karpenter pool", () => {
  it("gets NVIDIA's device plugin on its NodePools' nodes (karpenter.sh/nodepool), tolerating its taint", () => {
    const values = namedIn(resources, HELM_RELEASE_TYPE, "addons-nvidia-device-plugin").inputs.values;
    expect(dig(values, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms")).toEqual([
      { matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "In", values: ["gpu-cpu4-15"] }] },
    ]);
    expect(dig(values, "tolerations")).toContainEqual({ key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" });
    const np = namedIn(resources, NODE_POOL_TYPE, "karpenter-gpu-cpu4-15-nodepool").inputs;
    expect(dig(np, "spec.template.spec.taints")).toEqual([{ key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" }]);
  });
  it("places no plugin for a pool without accelerators", () => {
    expect(resources.filter((r) => r.type === HELM_RELEASE_TYPE && r.name.includes("neuron"))).toEqual([]);
  });
});
