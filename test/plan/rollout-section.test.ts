import * as path from "node:path";
import { loadStackConfig } from "../../infra/config";
import type { StackConfig } from "../../infra/stack-config";
import type { PlanResource } from "../../tools/plan";
import {
  readStackFile, azLossInputFromConfig, createCriticalPath, patchCriticalPath, rolloutInputFromConfig, versionStateOf,
} from "../../tools/plan";
import { resolveAssumptions } from "../../components/patching";
import { CLUSTER_TYPE, CONTROL_PLANE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

function devConfig(): StackConfig {
  const loaded = loadStackConfig(readStackFile(path.resolve(__dirname, "../.."), "dev").values);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

const res = (name: string, type: string, over: Partial<PlanResource> = {}): PlanResource => ({
  urn: `urn:${name}`,
  type,
  name,
  parent: "",
  dependencies: [],
  propertyDependencies: {},
  ignoreChanges: [],
  inputs: {},
  ...over,
});

describe("rollout input from the dev stack", () => {
  it("has the WorkerPool's node groups, sizes and waves", () => {
    const input = rolloutInputFromConfig(devConfig());
    expect(input.nodeGroups.map((g) => [g.name, g.pool, g.azCount, g.nodes])).toEqual([
      ["system", "system", 3, 3],
      ["general-us-east-1a", "general", 1, 1],
      ["general-us-east-1b", "general", 1, 1],
      ["general-us-east-1c", "general", 1, 1],
      ["batch", "batch", 3, 2],
    ]);
    expect(input.waves).toEqual([["system"], ["general", "batch"]]);
  });

  it("puts CoreDNS's replicas on its pool for the AZ-loss check", () => {
    const pools = azLossInputFromConfig(devConfig());
    expect(pools.find((p) => p.name === "system")?.systemPods).toEqual({ name: "CoreDNS", nodes: 2 });
    expect(pools.find((p) => p.name === "general")?.systemPods).toBeUndefined();
  });
});

describe("critical paths over recorded dependencies", () => {
  const a = resolveAssumptions({ setupSec: 60, nodeLaunchSec: 60, nodeReadySec: 90 });
  const resources: PlanResource[] = [
    res("cp", CONTROL_PLANE_TYPE),
    res("cluster", CLUSTER_TYPE, { parent: "urn:cp" }),
    res("canary", NODE_GROUP_TYPE, { dependencies: ["urn:cp"] }),
    res("rest", NODE_GROUP_TYPE, { dependencies: ["urn:canary"] }),
  ];

  it("a dependent of a component waits for the component's children", () => {
    const p = createCriticalPath(resources, a);
    expect(p.steps.map((s) => s.label)).toEqual(["eks:index:Cluster cluster", "aws:eks/nodeGroup:NodeGroup canary", "aws:eks/nodeGroup:NodeGroup rest"]);
    expect(p.durationSec).toBe(540 + 210 + 210);
  });

  it("a patch follows the wave order and skips node groups that do not roll", () => {
    expect(patchCriticalPath(resources, new Map([["canary", 600], ["rest", 900]])).durationSec).toBe(1500);
    expect(patchCriticalPath(resources, new Map([["rest", 900]])).durationSec).toBe(900);
  });
});

describe("versionStateOf", () => {
  const resources = [
    res("cluster", CLUSTER_TYPE, { inputs: { version: "1.35" } }),
    res("general-a", NODE_GROUP_TYPE, { inputs: { version: "1.34", releaseVersion: "offline-stand-in(/p)", tags: { "workerpools/pool": "general" } } }),
    res("system", NODE_GROUP_TYPE, { inputs: { version: "1.35", releaseVersion: "1.35.0-20251120", tags: { "workerpools/pool": "system" } } }),
  ];
  it("reads what a plan deploys; a stand-in release is unknown on the desired side", () => {
    expect(versionStateOf(resources, true)).toEqual({ controlPlane: "1.35", pools: { general: { kubernetesVersion: "1.34" }, system: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120" } }, addons: {} });
    expect(versionStateOf(resources, false).pools.general.releaseVersion).toBe("offline-stand-in(/p)");
  });
});
