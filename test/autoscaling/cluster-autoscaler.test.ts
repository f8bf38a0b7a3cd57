/** Cluster Autoscaler, pure: the chart table, version resolution, values, priorities, the IAM policy, validation with paths. */
import YAML from "yaml";
import {
  AutoscalerPool, CLUSTER_AUTOSCALER_DEFAULTS, planClusterAutoscaler, planPriorities, renderClusterAutoscalerPolicy, renderClusterAutoscalerValues,
  renderPriorities, resolveClusterAutoscalerOptions, validateClusterAutoscaler,
} from "../../components/autoscaling";
import { CLUSTER_AUTOSCALER, EKS_VERSIONS, clusterAutoscalerRelease } from "../../components/facts";

const pool = (name: string, min: number, max: number, layout: AutoscalerPool["layout"] = "spread", taints: AutoscalerPool["taints"] = []): AutoscalerPool => ({
  name, layout, scaling: { min, max }, taints,
  nodeGroups: layout === "spread" ? [{ name, min, max }] : ["a", "b"].map((z) => ({ name: `${name}-${z}`, min: min / 2, max: max / 2 })),
});
const POOLS = [pool("system", 2, 3, "spread", [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]), pool("general", 2, 12, "per-zone"), pool("fixed", 2, 2)];
const on = (over: Parameters<typeof resolveClusterAutoscalerOptions>[0] = {}) => resolveClusterAutoscalerOptions({ enabled: true, ...over }, POOLS.map((p) => p.name));
const PATHS = { at: "workerpools:autoscaling.clusterAutoscaler", pool: (i: number) => `workerpools:pools[${i}]` };

describe("the chart table", () => {
  it("has a release for every Kubernetes minor of the EKS calendar, whose autoscaler has that minor", () => {
    for (const v of EKS_VERSIONS) {
      const r = clusterAutoscalerRelease(v.version);
      expect(r?.appVersion.startsWith(`${v.version}.`)).toBe(true);
    }
    expect(clusterAutoscalerRelease("1.35")).toMatchObject({ chartVersion: "9.59.0", appVersion: "1.35.0" });
    expect(clusterAutoscalerRelease("1.26")).toBeUndefined();
  });

  it("chart versions grow with the minor", () => {
    const versions = Object.keys(CLUSTER_AUTOSCALER.releases).sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]))
      .map((m) => CLUSTER_AUTOSCALER.releases[m].chartVersion.split(".").map(Number));
    for (let i = 1; i < versions.length; i++) expect(versions[i][1]).toBeGreaterThan(versions[i - 1][1]);
  });
});

describe("options", () => {
  it("defaults: off, auto, priority, the first pool", () => {
    expect(resolveClusterAutoscalerOptions(undefined, ["a", "b"])).toEqual({ ...CLUSTER_AUTOSCALER_DEFAULTS, pool: "a" });
    expect(CLUSTER_AUTOSCALER_DEFAULTS).toEqual({ enabled: false, version: "auto", expander: "priority" });
  });
});

describe("plan", () => {
  it("auto: the chart and image of the Kubernetes minor", () => {
    const p = planClusterAutoscaler(on(), POOLS, "1.33");
    expect([p.chartVersion, p.imageTag]).toEqual(["9.51.0", "v1.33.0"]);
    expect(p.versionSource).toMatch(/Kubernetes 1\.33 → chart 9\.51\.0/);
  });

  it("an explicit chart version keeps the chart's image", () => {
    const p = planClusterAutoscaler(on({ version: "9.50.1" }), POOLS, "1.33");
    expect(p.chartVersion).toBe("9.50.1");
    expect(p.imageTag).toBeUndefined();
  });

  it("priorities follow the pools' order, resizable pools only; balancing because a per-zone pool is resizable", () => {
    expect(planPriorities(POOLS)).toEqual([{ priority: 20, pool: "system" }, { priority: 10, pool: "general" }]);
    const p = planClusterAutoscaler(on(), POOLS, "1.35");
    expect(p.expander).toBe("priority,least-waste");
    expect(p.balanceSimilarNodeGroups).toBe(true);
    expect(p.discovers.filter((d) => !d.scalable).map((d) => d.nodeGroup)).toEqual(["fixed"]);
  });

  it("least-waste: no priorities; no per-zone resizable pool: no balancing", () => {
    const p = planClusterAutoscaler(on({ expander: "least-waste" }), [POOLS[0], POOLS[2]], "1.35");
    expect([p.expander, p.priorities, p.balanceSimilarNodeGroups]).toEqual(["least-waste", [], false]);
  });
});

describe("rendering", () => {
  const plan = planClusterAutoscaler(on(), POOLS, "1.35");

  it("values: discovery, region, expander, image, the pod on its pool's node groups with its taints tolerated, never evicted", () => {
    const v = renderClusterAutoscalerValues(plan, { clusterName: "c1", region: "eu-west-2", poolNodeGroupNames: ["system-b", "system-a"], poolTaints: POOLS[0].taints });
    expect(v).toMatchObject({
      cloudProvider: "aws", awsRegion: "eu-west-2", autoDiscovery: { clusterName: "c1" }, image: { tag: "v1.35.0" },
      extraArgs: { expander: "priority,least-waste", "balance-similar-node-groups": true },
      podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
      rbac: { serviceAccount: { name: "cluster-autoscaler" } },
      tolerations: [{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }],
    });
    expect(JSON.stringify(v.affinity)).toContain('"key":"eks.amazonaws.com/nodegroup","operator":"In","values":["system-a","system-b"]');
  });

  it("priorities parse back as priority → ASG name patterns of each pool's node groups", () => {
    const text = renderPriorities(plan.priorities, { system: ["system-abc"], general: ["general-a-1", "general-b-2"] });
    expect(YAML.parse(text)).toEqual({ 20: ["^eks-system-abc-.*"], 10: ["^eks-general-a-1-.*", "^eks-general-b-2-.*"] });
    expect(text.indexOf("20:")).toBeLessThan(text.indexOf("10:"));
  });

  it("the policy: the documented Describe actions on *, scaling only on groups tagged for this cluster", () => {
    const doc = renderClusterAutoscalerPolicy("c1") as { Statement: { Action: string[]; Resource: string; Condition?: unknown }[] };
    const [describe, scale] = doc.Statement;
    expect(describe.Action).toContain("autoscaling:DescribeAutoScalingGroups");
    expect(describe.Action).toContain("eks:DescribeNodegroup");
    expect(describe.Action.every((a) => /:(Describe|Get)/.test(a))).toBe(true);
    expect(describe.Condition).toBeUndefined();
    expect(scale.Action).toEqual(["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]);
    expect(scale.Condition).toEqual({ StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/c1": "owned", "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true" } });
  });
});

describe("validation", () => {
  const issues = (o: ReturnType<typeof on>, version = "1.35") => validateClusterAutoscaler(o, POOLS, version, PATHS);

  it("accepts the defaults on a pool with min >= 1, and checks nothing when off", () => {
    expect(issues(on())).toEqual([]);
    expect(issues({ ...on({ pool: "nope", version: "x" }), enabled: false })).toEqual([]);
  });

  it.each([
    ["auto on a minor without a chart", on(), "1.26", "workerpools:autoscaling.clusterAutoscaler.version", /no Cluster Autoscaler chart is known for Kubernetes 1\.26/],
    ["a version that is no chart version", on({ version: "v1.35.0" }), "1.35", "workerpools:autoscaling.clusterAutoscaler.version", /exact cluster-autoscaler chart version .* got "v1\.35\.0"/],
    ["a missing pool", on({ pool: "nope" }), "1.35", "workerpools:autoscaling.clusterAutoscaler.pool", /no pool named "nope"; pools are system, general, fixed/],
  ])("refuses %s", (_, o, version, path, message) => {
    expect(issues(o, version)).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it("refuses a pool that may scale to zero, naming its min", () => {
    const zero = [pool("burst", 0, 5), ...POOLS];
    expect(validateClusterAutoscaler(on({ pool: "burst" }), zero, "1.35", PATHS)).toEqual([
      { path: "workerpools:autoscaling.clusterAutoscaler.pool", message: expect.stringMatching(/workerpools:pools\[0\]\.scaling\.min is 0/) },
    ]);
  });

});
