/**
 * The Karpenter component under Pulumi's mock runtime: with its Helm values passing the chart's values.yaml keys the
 * controller is installed; a key the shipped list lacks is refused before a resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import { cluster } from "../worker-pool/wiring-fixtures";
import { HELM_RELEASE_TYPE, KARPENTER_TYPE } from "../../components/core";

let resources: PlanResource[] = [];
let refused = "";

beforeAll(async () => {
  await pulumi.runtime.setMocks(offlineMocks(new StandInLog(), { region: "us-east-1" }), "proj", "test", true);
  const recorded = installRecorder();
  const { Karpenter } = await import("../../components/autoscaling");
  const { KARPENTER_CHART } = await import("../../components/facts");
  await pulumi.runtime.runInPulumiStack(() => {
    const args = {
      cluster, kubeconfig: "{}", privateSubnetIds: ["subnet-a"], dependsOn: [], pools: [],
      controllerPlacement: { labels: { role: "system" }, taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" as const }] },
    };
    new Karpenter("k", args);
    // The shipped keys without settings.interruptionQueue: the value the component sets is then unknown to the chart.
    const keys = KARPENTER_CHART.valuesKeys as string[];
    const at = keys.indexOf("settings.interruptionQueue");
    keys.splice(at, 1);
    try {
      new Karpenter("k-bad", args);
    } catch (e) {
      refused = e instanceof Error ? e.message : String(e);
    } finally {
      keys.splice(at, 0, "settings.interruptionQueue");
    }
    return Promise.resolve({});
  });
  await pulumi.runtime.disconnect();
  resources = planResources(recorded);
}, 120_000);

it("installs the controller of the pinned chart when its values pass", () => {
  const release = resources.find((r) => r.type === HELM_RELEASE_TYPE && r.name === "k-controller");
  expect(release?.inputs).toMatchObject({ chart: "oci://public.ecr.aws/karpenter/karpenter", version: "1.14.1" });
});

it("refuses, before registering, a value the chart's values.yaml keys lack", () => {
  expect(refused).toMatch(/k-bad\.values\.settings\.interruptionQueue: is not a key of the karpenter chart 1\.14\.1's values\.yaml/);
  expect(resources.filter((r) => r.name.startsWith("k-bad") && r.type !== KARPENTER_TYPE)).toEqual([]);
});
