import * as path from "node:path";
import { loadStackConfig } from "../../infra/config";
import type { StackConfig } from "../../infra/stack-config";
import type { PlanResource } from "../../tools/plan";
import {
  readStackFile, azLossInputFromConfig, createCriticalPath, patchCriticalPath, rolloutInputFromConfig, versionStateOf,
} from "../../tools/plan";
import { resolveAssumptions } from "../../components/patching";

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
    res("cp", "workerpools:index:ControlPlane"),
    res("cluster", "eks:index:Cluster", { parent: "urn:cp" }),
    res("canary", "aws:eks/nodeGroup:NodeGroup", { dependencies: ["urn:cp"] }),
    res("rest", "aws:eks/nodeGroup:NodeGroup", { dependencies: ["urn:canary"] }),
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
    res("cluster", "eks:index:Cluster", { inputs: { version: "1.35" } }),
    res("general-a", "aws:eks/nodeGroup:NodeGroup", { inputs: { version: "1.34", releaseVersion: "offline-stand-in(/p)", tags: { "workerpools/pool": "general" } } }),
    res("system", "aws:eks/nodeGroup:NodeGroup", { inputs: { version: "1.35", releaseVersion: "1.35.0-20251120", tags: { "workerpools/pool": "system" } } }),
  ];
  it("reads what a plan deploys; a stand-in release is unknown on the desired side", () => {
    expect(versionStateOf(resources, true)).toEqual({ controlPlane: "1.35", pools: { general: { kubernetesVersion: "1.34" }, system: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120" } }, addons: {} });
    expect(versionStateOf(resources, false).pools.general.releaseVersion).toBe("offline-stand-in(/p)");
  });
});
