/**
 * examples/stacks/Pulumi.karpenter.yaml (after Karpenter's getting-started guide), planned: one managed pool running the
 * controller, one karpenter pool as EC2NodeClass + NodePool after the Helm release, the node role's access entry, the
 * interruption queue and its rules, the discovery tags, the controller's Pod Identity role and policy.
 */
import * as path from "node:path";
import { PlanResource, PoolSummary, RolloutSection, planRolloutSection, readStackFile, renderElasticPools, runPlan, summarizePools } from "../../tools/plan";
import { named as namedIn } from "../fixtures/plan-resources";
import { decodeUserDataText } from "../../components/userdata";
import { computeMaxPods } from "../../components/kubelet";
import { ACCESS_ENTRY_TYPE, EC2_NODE_CLASS_TYPE, EC2_TAG_TYPE, EVENT_TARGET_TYPE, HELM_RELEASE_TYPE, NODE_GROUP_TYPE, NODE_POOL_TYPE, POD_IDENTITY_ASSOCIATION_TYPE, SQS_QUEUE_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
let resources: PlanResource[] = [];
let rollout: RolloutSection | undefined;
beforeAll(async () => {
  const run = await runPlan(readStackFile(DIR, "karpenter"), { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  limitWarnings = run.warnings.filter((w) => w.path === "workerpools:pools[1].limits").map((w) => w.message);
  rollout = planRolloutSection(run.config, run.resources);
  pools = summarizePools(run.config);
});
let pools: PoolSummary[] = [];
let limitWarnings: string[] = [];
const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- plan inputs read field by field

describe("the karpenter example", () => {
  it("keeps the karpenter pool off managed node groups and the system pool on one", () => {
    const groups = resources.filter((r) => r.type === NODE_GROUP_TYPE).map((r) => r.name);
    expect(groups).toEqual(["system"]);
  });

  const BANDS = ["default-cpu1-3", "default-cpu4-15", "default-cpu16-30", "default-cpu31-up"];
  const nodePools = (): PlanResource[] => resources.filter((r) => r.type === NODE_POOL_TYPE);

  it("splits the guide's broad requirements into four NodePools by vCPUs, after the controller, with the guide's requirements and disruption", () => {
    expect(nodePools().map((r) => r.name).sort()).toEqual(BANDS.map((b) => `karpenter-${b}-nodepool`).sort());
    const release = named(HELM_RELEASE_TYPE, "karpenter-controller");
    expect(release.inputs).toMatchObject({ chart: "oci://public.ecr.aws/karpenter/karpenter", version: "1.14.1", namespace: "kube-system" });
    BANDS.forEach((band, i) => {
      const np = named(NODE_POOL_TYPE, `karpenter-${band}-nodepool`);
      const spec = np.inputs.spec as Obj;
      const req = Object.fromEntries((spec.template.spec.requirements as Obj[]).map((r) => [`${r.key} ${r.operator}`, r.values]));
      expect(req["karpenter.k8s.aws/instance-category In"]).toEqual(["c", "m", "r"]);
      expect(req["karpenter.k8s.aws/instance-generation Gt"]).toEqual(["2"]);
      expect(req["karpenter.sh/capacity-type In"]).toEqual(["on-demand"]);
      expect(spec.disruption).toMatchObject({ consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "1m" });
      expect(spec.template.metadata.labels["workerpools/pool"]).toBe("default");
      expect(spec.template.spec.nodeClassRef.name).toBe(band);
      expect(spec.weight).toBe(BANDS.length - i); // the smallest band first
      expect(np.dependencies).toEqual(expect.arrayContaining([release.urn]));
    });
  });

  it("shares the pool's limits among the bands, so together they never exceed it", () => {
    const cpus = nodePools().map((r) => Number((r.inputs.spec as Obj).limits.cpu));
    expect(cpus).toEqual([250, 250, 250, 250]);
    expect(cpus.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1000);
    // One warning for the pool: each band reaches only its share, and the 96xlarge types are above the 31-up share.
    expect(limitWarnings).toHaveLength(1);
    expect(limitWarnings[0]).toMatch(/reaches only its share, cpu 250, not the pool's cpu 1000; default-cpu31-up's share is below .*never launches/);
  });

  it("gives each band's EC2NodeClass the pinned alias and our maxPods over exactly its types, the rest in the NodeConfig", () => {
    const seen: number[] = [];
    for (const band of BANDS) {
      const nc = named(EC2_NODE_CLASS_TYPE, `karpenter-${band}-nodeclass`).inputs.spec as Obj;
      expect(nc.amiSelectorTerms).toEqual([{ alias: "al2023@v20251120" }]);
      const np = named(NODE_POOL_TYPE, `karpenter-${band}-nodepool`).inputs.spec as Obj;
      const types = (np.template.spec.requirements as Obj[]).find((r) => r.key === "node.kubernetes.io/instance-type")?.values as string[];
      expect(nc.kubelet.maxPods).toBe(computeMaxPods({ instanceTypes: types, prefixDelegation: false }, "x").value);
      seen.push(nc.kubelet.maxPods as number);
      const text = JSON.stringify(decodeUserDataText(String(nc.userData)));
      expect(text).toContain("karpenter-demo");
      expect(text).not.toContain("maxPods");
    }
    expect(new Set(seen).size).toBe(BANDS.length);
  });

  it("creates the node role's access entry, the interruption queue with its rules, discovery tags and the controller identity", () => {
    expect(named(ACCESS_ENTRY_TYPE, "karpenter-node").inputs.type).toBe("EC2_LINUX");
    expect(named(SQS_QUEUE_TYPE, "karpenter-interruption").inputs).toMatchObject({ messageRetentionSeconds: 300, sqsManagedSseEnabled: true });
    expect(resources.filter((r) => r.type === EVENT_TARGET_TYPE)).toHaveLength(5);
    const tags = resources.filter((r) => r.type === EC2_TAG_TYPE);
    expect(tags.length).toBe(4); // three private subnets and the cluster security group
    expect(tags.every((t) => t.inputs.key === "karpenter.sh/discovery")).toBe(true);
    expect(named(POD_IDENTITY_ASSOCIATION_TYPE, "karpenter-controller").inputs).toMatchObject({ namespace: "kube-system", serviceAccount: "karpenter" });
  });

  it("treats the karpenter pool as elastic within its limits in the rollout and AZ-loss sections", () => {
    expect(rollout?.azLoss.map((p) => p.pool)).toEqual(["system"]);
    expect(rollout?.fleet.waves.flatMap((w) => w.nodeGroups.map((g) => g.pool))).not.toContain("default");
    expect(rollout?.elasticPools).toEqual([{
      pool: "default", availabilityZones: ["us-west-2a", "us-west-2b", "us-west-2c"], limits: { cpu: "1000" },
      bands: BANDS.map((name) => ({ name, limits: { cpu: "250" } })),
    }]);
    const text = renderElasticPools(rollout?.elasticPools ?? []);
    expect(text).toContain("elastic within limits cpu 1000 shared by its 4 NodePools, each reaching only its share (default-cpu1-3 cpu 250; default-cpu4-15 cpu 250;");
  });

  it("summarizes the karpenter pool with its matched types, NodePool, EC2NodeClass and decoded user data", () => {
    const p = pools.find((x) => x.name === "default");
    expect(p?.nodeGroups).toEqual([]);
    expect(p?.instanceTypes.length).toBeGreaterThan(10);
    expect(p?.karpenter?.ec2NodeClass.amiSelectorTerms).toEqual([{ alias: "al2023@v20251120" }]);
    expect(p?.karpenter?.bands.map((b) => [b.name, b.types > 0, b.limits.cpu])).toEqual([
      ["default-cpu1-3", true, "250"], ["default-cpu4-15", true, "250"], ["default-cpu16-30", true, "250"], ["default-cpu31-up", true, "250"],
    ]);
    expect(p?.karpenter?.bands.reduce((n, b) => n + b.types, 0)).toBe(p?.instanceTypes.length);
    expect(JSON.stringify(p?.karpenter?.userData)).toContain("NodeConfig");
    expect(pools.find((x) => x.name === "system")?.karpenter).toBeUndefined();
  });
});
