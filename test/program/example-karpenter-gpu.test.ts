/**
 * examples/stacks/Pulumi.karpenter-gpu.yaml (after an EKS sample's GPU NodePool), planned offline: a karpenter pool of
 * NVIDIA types gets NVIDIA's device plugin on its NodePools' nodes, the AL2023 NVIDIA release of the recommended channel
 * pinned in every EC2NodeClass (the same SSM parameter a managed NVIDIA pool reads; offline the short labelled stand-in
 * `al2023@offline-stand-in`, the parameter named in the plan's stand-ins; never `@latest`), and its taint.
 */
import * as path from "node:path";
import { validateKarpenterManifest } from "../../components/autoscaling";
import { PlanResource, PoolSummary, readStackFile, runPlan, summarizePools } from "../../tools/plan";
import { dig } from "../fixtures/plan-resources";
import { EC2_NODE_CLASS_TYPE, HELM_RELEASE_TYPE, NODE_POOL_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
const NVIDIA_RELEASE = "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/nvidia/recommended/release_version";
let resources: PlanResource[] = [];
let pools: PoolSummary[] = [];
let standIns: string[] = [];
beforeAll(async () => {
  const run = await runPlan(readStackFile(DIR, "karpenter-gpu"), { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  pools = summarizePools(run.config);
  standIns = run.standIns.map((s) => s.question);
});
const of = (type: string): PlanResource[] => resources.filter((r) => r.type === type);

describe("the karpenter GPU example", () => {
  it("places NVIDIA's device plugin on the nodes of exactly the pool's NodePools, tolerating its taint", () => {
    const nodePools = of(NODE_POOL_TYPE).map((r) => String(dig(r.inputs, "metadata.name"))).sort();
    expect(nodePools.length).toBeGreaterThan(0);
    const release = resources.find((r) => r.type === HELM_RELEASE_TYPE && r.name === "addons-nvidia-device-plugin");
    const values = release?.inputs.values;
    expect(dig(values, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms")).toEqual([
      { matchExpressions: [{ key: "karpenter.sh/nodepool", operator: "In", values: nodePools }] },
    ]);
    expect(dig(values, "tolerations")).toContainEqual({ key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" });
    for (const np of of(NODE_POOL_TYPE)) {
      expect(dig(np.inputs, "spec.template.spec.taints")).toEqual([{ key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" }]);
    }
  });

  it("pins every EC2NodeClass to the AL2023 NVIDIA recommended release (its SSM parameter's stand-in, short enough for the CRD), never @latest", () => {
    const classes = of(EC2_NODE_CLASS_TYPE);
    expect(classes.length).toBe(of(NODE_POOL_TYPE).length);
    for (const nc of classes) {
      expect(dig(nc.inputs, "spec.amiSelectorTerms")).toEqual([{ alias: "al2023@offline-stand-in" }]);
      expect(validateKarpenterManifest("EC2NodeClass", nc.inputs, nc.name)).toEqual([]);
    }
    expect(standIns).toContain(`ssm:GetParameter ${NVIDIA_RELEASE}`);
    expect(JSON.stringify(resources.map((r) => r.inputs))).not.toContain("@latest");
    const gpu = pools.find((p) => p.name === "gpu");
    expect(gpu?.karpenter?.ec2NodeClass.amiSelectorTerms).toEqual([{ alias: "al2023@offline-stand-in" }]);
    expect(JSON.stringify(gpu)).toContain("AL2023_x86_64_NVIDIA");
  });
});
