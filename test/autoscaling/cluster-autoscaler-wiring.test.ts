/**
 * The ClusterAutoscaler component under Pulumi's mock runtime, as a library user wires it: a tainted pool it runs on,
 * `least-waste` and an explicit chart version (no ConfigMap, the chart's image), ordered after that pool's node groups.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import { cluster, namedIn, subnets } from "../worker-pool/wiring-fixtures";
import { CLUSTER_AUTOSCALER_TYPE, CONFIG_MAP_TYPE, HELM_RELEASE_TYPE } from "../../components/core";

let resources: PlanResource[] = [];
let refused = "";
let refusedValues = "";

beforeAll(async () => {
  await pulumi.runtime.setMocks(offlineMocks(new StandInLog(), { region: "us-east-1" }), "proj", "test", true);
  const recorded = installRecorder();
  const { WorkerPool } = await import("../../components/worker-pool");
  const { ClusterAutoscaler, autoscalerPoolArgs } = await import("../../components/autoscaling");
  const k8s = await import("@pulumi/kubernetes");
  await pulumi.runtime.runInPulumiStack(async () => {
    const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
    const taint = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" as const };
    const system = new WorkerPool("system", { cluster, subnets, instanceTypes: ["m6i.large"], scaling: { min: 1, max: 2, desired: 1 }, taints: [taint] });
    const burst = new WorkerPool("burst", { cluster, subnets, instanceTypes: ["m6i.large"], layout: "per-zone", scaling: { min: 0, max: 10, desired: 0 } });
    const pools = [system, burst].map(autoscalerPoolArgs);
    new ClusterAutoscaler("ca", {
      clusterName: "c", region: "us-east-1", kubernetesVersion: "1.35", options: { expander: "least-waste", version: "9.58.0", pool: "system" }, pools, provider,
    });
    try {
      new ClusterAutoscaler("ca-bad", { clusterName: "c", region: "us-east-1", kubernetesVersion: "1.35", options: { pool: "burst" }, pools, provider });
    } catch (e) {
      refused = e instanceof Error ? e.message : String(e);
    }
    // A renderer that writes a key the chart lacks and a flag the autoscaler lacks: refused before registering.
    const plan = await import("../../components/autoscaling/cluster-autoscaler-plan");
    const render = plan.renderClusterAutoscalerValues;
    const spy = jest.spyOn(plan, "renderClusterAutoscalerValues").mockImplementation((p, f) => ({ ...render(p, f), podAnotations: {}, extraArgs: { "scale-down-enable": false } }));
    try {
      new ClusterAutoscaler("ca-values", { clusterName: "c", region: "us-east-1", kubernetesVersion: "1.35", pools, provider });
    } catch (e) {
      refusedValues = e instanceof Error ? e.message : String(e);
    }
    spy.mockRestore();
    return {};
  });
  await pulumi.runtime.disconnect();
  resources = planResources(recorded);
}, 120_000);

const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);

it("installs the given chart version with the chart's image, least-waste, and balancing for the per-zone pool", () => {
  const r = named(HELM_RELEASE_TYPE, "ca").inputs;
  expect(r.version).toBe("9.58.0");
  const values = r.values as Record<string, unknown>;
  expect(values.image).toBeUndefined();
  expect(values.extraArgs).toEqual({ expander: "least-waste", "balance-similar-node-groups": true });
  expect(values.awsRegion).toBe("us-east-1");
  expect(values.tolerations).toEqual([{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }]);
});

it("registers no priority ConfigMap with least-waste", () => {
  expect(resources.filter((r) => r.type === CONFIG_MAP_TYPE)).toEqual([]);
});

it("waits for the node group of the pool it runs on, not for the other pool's", () => {
  const deps = named(HELM_RELEASE_TYPE, "ca").dependencies;
  expect(deps.some((d) => d.endsWith("NodeGroup::system"))).toBe(true);
  expect(deps.some((d) => d.includes("NodeGroup::burst"))).toBe(false);
});

it("refuses, before registering any of its resources, a pool that may scale to zero", () => {
  expect(refused).toMatch(/ca-bad\.pool: pool "burst" may scale to zero/);
  expect(resources.filter((r) => r.name.startsWith("ca-bad") && r.type !== CLUSTER_AUTOSCALER_TYPE)).toEqual([]);
});

it("refuses, before registering, rendered values with a key the chart lacks or a flag the autoscaler lacks", () => {
  expect(refusedValues).toMatch(/ca-values\.values\.podAnotations: is not a key of the cluster-autoscaler chart/);
  expect(refusedValues).toMatch(/ca-values\.values\.extraArgs\.scale-down-enable: is not a flag/);
  expect(resources.filter((r) => r.name.startsWith("ca-values") && r.type !== CLUSTER_AUTOSCALER_TYPE)).toEqual([]);
});
