/** The autoscalers' Helm values against their charts' values.yaml keys and the autoscaler's flags (shipped as data). */
import { chartValuesIssues, unknownChartValueKeys } from "../../components/addons";
import {
  AutoscalerPool, checkClusterAutoscalerValues, checkKarpenterValues, clusterAutoscalerValuesIssues, karpenterHelmValues, karpenterValuesIssues,
  planClusterAutoscaler, renderClusterAutoscalerValues, resolveClusterAutoscalerOptions,
} from "../../components/autoscaling";
import { CLUSTER_AUTOSCALER, KARPENTER_CHART, KARPENTER_CRD_VERSION, karpenterCrdSource } from "../../components/facts";

const TAINT = { key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" as const };
const POOLS: AutoscalerPool[] = [
  { name: "system", layout: "spread", scaling: { min: 2, max: 3 }, nodeGroups: [{ name: "system", min: 2, max: 3 }], taints: [TAINT] },
  { name: "general", layout: "per-zone", scaling: { min: 2, max: 12 }, nodeGroups: [{ name: "general-a", min: 1, max: 6 }, { name: "general-b", min: 1, max: 6 }], taints: [] },
];
const FACTS = { clusterName: "dev", region: "us-east-1", poolNodeGroupNames: ["system-abc"], poolTaints: [TAINT] };

describe("the generic values-key check", () => {
  const keys = ["a", "b.c", "b.d", "e"];
  it("knows a parent from the keys below it and does not walk below an unwalked key", () => {
    expect(unknownChartValueKeys({ a: { free: 1 }, b: { c: 1 }, e: [1] }, keys)).toEqual([]);
  });
  it("names every unknown key at each level the list reaches", () => {
    expect(unknownChartValueKeys({ x: 1, b: { c: 1, cc: 2 } }, keys)).toEqual(["x", "b.cc"]);
    expect(chartValuesIssues({ chart: "c", version: "1.0.0", valuesKeys: keys }, { b: { z: 1 } }, "v")).toEqual([{ path: "v.b.z", message: expect.stringMatching(/not a key of the c chart 1\.0\.0/) }]);
  });
});

describe("Cluster Autoscaler values", () => {
  it("ships the keys it sets, extraArgs as a free map, and the flags it passes", () => {
    expect(CLUSTER_AUTOSCALER.valuesKeys).toEqual(expect.arrayContaining(["autoDiscovery.clusterName", "rbac.serviceAccount.name", "rbac.serviceAccount.create", "image.tag", "extraArgs", "expanderPriorities", "podAnnotations"]));
    expect(CLUSTER_AUTOSCALER.valuesKeys.some((k) => k.startsWith("extraArgs."))).toBe(false);
    expect(CLUSTER_AUTOSCALER.flags).toEqual(expect.arrayContaining(["expander", "balance-similar-node-groups", "node-group-auto-discovery", "scale-down-enabled"]));
    // Gone after 1.27, so not a flag of every pinned release.
    expect(CLUSTER_AUTOSCALER.flags).not.toContain("max-empty-bulk-delete");
  });

  it("accepts the rendered values for every pinned Kubernetes minor, both expanders, explicit version", () => {
    for (const minor of Object.keys(CLUSTER_AUTOSCALER.releases)) {
      for (const expander of ["priority", "least-waste"] as const) {
        const plan = planClusterAutoscaler(resolveClusterAutoscalerOptions({ enabled: true, expander }, ["system", "general"]), POOLS, minor);
        expect(checkClusterAutoscalerValues(renderClusterAutoscalerValues(plan, FACTS), "v")).toEqual([]);
        expect(clusterAutoscalerValuesIssues(plan, POOLS[0], "v")).toEqual([]);
      }
    }
    const explicit = planClusterAutoscaler(resolveClusterAutoscalerOptions({ enabled: true, version: "9.58.0" }, ["system"]), POOLS, "1.35");
    expect(checkClusterAutoscalerValues(renderClusterAutoscalerValues(explicit, FACTS), "v")).toEqual([]);
  });

  it("refuses a wrong key, top level or nested, at its path", () => {
    const plan = planClusterAutoscaler(resolveClusterAutoscalerOptions({ enabled: true }, ["system", "general"]), POOLS, "1.35");
    const v = renderClusterAutoscalerValues(plan, FACTS);
    const wrong = { ...v, tolerationz: [], autoDiscovery: { clusterNmae: "dev" }, rbac: { serviceAccount: { nmae: "x" } } };
    expect(checkClusterAutoscalerValues(wrong, "v").map((i) => i.path)).toEqual(["v.autoDiscovery.clusterNmae", "v.rbac.serviceAccount.nmae", "v.tolerationz"]);
    // A key only later charts have is not a key of every pinned chart.
    expect(checkClusterAutoscalerValues({ ...v, dnsConfig: {} }, "v").map((i) => i.path)).toEqual(["v.dnsConfig"]);
  });

  it("refuses a flag the autoscaler lacks and a flag value that is not a scalar", () => {
    const issues = checkClusterAutoscalerValues({ extraArgs: { "balance-similar-nodegroups": true, expander: ["priority"] } }, "v");
    expect(issues).toEqual([
      { path: "v.extraArgs.balance-similar-nodegroups", message: expect.stringMatching(/not a flag/) },
      { path: "v.extraArgs.expander", message: expect.stringMatching(/string, number or boolean/) },
    ]);
    expect(checkClusterAutoscalerValues({ extraArgs: "expander=random" }, "v").map((i) => i.path)).toEqual(["v.extraArgs"]);
  });
});

describe("Karpenter values", () => {
  const placement = { labels: { role: "system" }, taints: [TAINT] };
  it("pins the chart of the shipped CRDs' release, with its values keys", () => {
    expect(KARPENTER_CHART.version).toBe(KARPENTER_CRD_VERSION);
    expect(karpenterCrdSource.tag).toBe(`v${KARPENTER_CHART.version}`);
    expect(KARPENTER_CHART.sourceCommit).toBe(karpenterCrdSource.commit);
    expect(KARPENTER_CHART.valuesKeys).toEqual(expect.arrayContaining(["settings.clusterName", "settings.clusterEndpoint", "settings.interruptionQueue", "nodeSelector", "tolerations"]));
  });

  it("accepts the rendered values, with and without a queue", () => {
    expect(checkKarpenterValues(karpenterHelmValues({ clusterName: "dev", clusterEndpoint: "https://x", interruptionQueue: "q", placement }), "v")).toEqual([]);
    expect(karpenterValuesIssues({ placement, interruptionQueue: false }, "v")).toEqual([]);
    expect(karpenterValuesIssues({ placement, interruptionQueue: true }, "v")).toEqual([]);
  });

  it("refuses a wrong key at its path", () => {
    const v = karpenterHelmValues({ clusterName: "dev", clusterEndpoint: "https://x", placement });
    const wrong = { ...v, settings: { clusterNmae: "dev" }, nodeSelectors: {} };
    expect(checkKarpenterValues(wrong, "v").map((i) => i.path)).toEqual(["v.settings.clusterNmae", "v.nodeSelectors"]);
  });
});
