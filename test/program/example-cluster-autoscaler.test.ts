/**
 * examples/stacks/Pulumi.cluster-autoscaler.yaml (after eksctl's advanced node groups example), planned under the mock
 * runtime: the Helm release's chart, image and values, the Pod Identity role and its tag-scoped policy, the priority
 * expander's ConfigMap from the pools' order, the ordering after the pool it runs on, and the plan's section.
 */
import * as path from "node:path";
import YAML from "yaml";
import { PlanResource, readStackFile, renderClusterAutoscaler, runPlan, summarizeClusterAutoscaler, evaluatePolicies } from "../../tools/plan";
import type { ClusterAutoscalerSummary, PolicyResult } from "../../tools/plan";
import { named as namedIn, ofType } from "../fixtures/plan-resources";
import { AUTOSCALING_TAG_TYPE, CONFIG_MAP_TYPE, HELM_RELEASE_TYPE, IAM_ROLE_TYPE, POD_IDENTITY_ASSOCIATION_TYPE, ROLE_POLICY_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
let resources: PlanResource[] = [];
let summary: ClusterAutoscalerSummary | undefined;
let policies: PolicyResult[] = [];

beforeAll(async () => {
  const run = await runPlan(readStackFile(DIR, "cluster-autoscaler"), { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  summary = summarizeClusterAutoscaler(run.config, resources);
  policies = evaluatePolicies(resources, {}, { now: new Date("2026-12-01T00:00:00Z") });
}, 120_000);

const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);
const values = (): Record<string, unknown> => named(HELM_RELEASE_TYPE, "cluster-autoscaler").inputs.values as Record<string, unknown>;

describe("the release", () => {
  it("is the chart of Kubernetes 1.35 with its image, from the autoscaler's Helm repository, in kube-system", () => {
    const r = named(HELM_RELEASE_TYPE, "cluster-autoscaler").inputs;
    expect(r).toMatchObject({ chart: "cluster-autoscaler", version: "9.59.0", namespace: "kube-system", repositoryOpts: { repo: "https://kubernetes.github.io/autoscaler" } });
    expect(values().image).toEqual({ tag: "v1.35.0" });
  });

  it("discovers the cluster's groups in its region, with the priority expander and balancing for the per-zone pool", () => {
    expect(values()).toMatchObject({
      cloudProvider: "aws", awsRegion: "eu-west-2", autoDiscovery: { clusterName: "cluster-5" },
      extraArgs: { expander: "priority,least-waste", "balance-similar-node-groups": true },
    });
  });

  it("runs on ng2-private-a's node group only, never evicted by itself, and waits for that pool and its Pod Identity", () => {
    expect(JSON.stringify(values().affinity)).toMatch(/"key":"eks.amazonaws.com\/nodegroup","operator":"In","values":\["ng2-private-a-[^"]+"\]/);
    expect(values().podAnnotations).toEqual({ "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" });
    const deps = named(HELM_RELEASE_TYPE, "cluster-autoscaler").dependencies;
    expect(deps.some((d) => d.endsWith("NodeGroup::ng2-private-a"))).toBe(true);
    expect(deps.some((d) => d.endsWith("PodIdentityAssociation::cluster-autoscaler"))).toBe(true);
    expect(deps.some((d) => d.includes("ng1-public"))).toBe(false);
  });
});

describe("IAM", () => {
  it("a Pod Identity association for kube-system/cluster-autoscaler after the agent, on a role pods.eks.amazonaws.com assumes", () => {
    const a = named(POD_IDENTITY_ASSOCIATION_TYPE, "cluster-autoscaler");
    expect(a.inputs).toMatchObject({ clusterName: "cluster-5", namespace: "kube-system", serviceAccount: "cluster-autoscaler" });
    expect(a.dependencies.some((d) => d.endsWith("Addon::addons-eks-pod-identity-agent"))).toBe(true);
    expect(String(named(IAM_ROLE_TYPE, "cluster-autoscaler").inputs.assumeRolePolicy)).toContain("pods.eks.amazonaws.com");
  });

  it("scales only groups tagged for cluster-5", () => {
    const doc = JSON.parse(String(named(ROLE_POLICY_TYPE, "cluster-autoscaler").inputs.policy)) as { Statement: { Action: string[]; Condition?: unknown }[] };
    const scale = doc.Statement.find((s) => s.Action.includes("autoscaling:SetDesiredCapacity"));
    expect(scale?.Condition).toEqual({ StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/cluster-5": "owned", "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true" } });
  });

  it("adds no discovery tags to the Auto Scaling groups (EKS puts them there) and no node-template tags (no pool scales from zero)", () => {
    expect(ofType(resources, AUTOSCALING_TAG_TYPE)).toEqual([]);
  });
});

describe("priorities", () => {
  it("the ConfigMap the priority expander reads ranks the pools in config order, each by its node groups' ASG names", () => {
    const map = named(CONFIG_MAP_TYPE, "cluster-autoscaler-priorities").inputs as { metadata: { name: string; namespace: string }; data: { priorities: string } };
    expect(map.metadata).toEqual({ name: "cluster-autoscaler-priority-expander", namespace: "kube-system" });
    const p = YAML.parse(map.data.priorities) as Record<string, string[]>;
    expect(Object.keys(p).map(Number).sort((a, b) => b - a)).toEqual([30, 20, 10]);
    expect(p[30]).toHaveLength(3);
    expect(p[30].every((x) => x.startsWith("^eks-ng1-public-eu-west-2"))).toBe(true);
    expect(p[20]).toEqual([expect.stringMatching(/^\^eks-ng2-private-a-/)]);
    expect(p[10]).toEqual([expect.stringMatching(/^\^eks-ng3-private-b-/)]);
  });
});

describe("the plan", () => {
  it("shows the release, the version's origin, the priorities and every discovered node group", () => {
    if (!summary) throw new Error("no Cluster Autoscaler section");
    expect(summary.discovers.map((d) => d.nodeGroup).sort()).toEqual(["ng1-public-eu-west-2a", "ng1-public-eu-west-2b", "ng1-public-eu-west-2c", "ng2-private-a", "ng3-private-b"]);
    const text = renderClusterAutoscaler(summary);
    expect(text).toMatch(/chart cluster-autoscaler 9\.59\.0, image v1\.35\.0 \(auto: Kubernetes 1\.35/);
    expect(text).toMatch(/runs on pool ng2-private-a/);
    expect(text).toMatch(/priority 30: \^eks-ng1-public-eu-west-2a-/);
    expect(text).toMatch(/k8s\.io\/cluster-autoscaler\/cluster-5=owned/);
  });

  it("EKS-NG-010 passes: the resizable node groups have an autoscaler", () => {
    const r = policies.filter((x) => x.ruleId === "EKS-NG-010");
    expect(r.length).toBe(5);
    expect(r.every((x) => x.passed)).toBe(true);
  });
});
