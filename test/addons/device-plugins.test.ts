/** The device plugin Helm releases beside the addon catalog: pinned chart facts, values, checks, config paths. */
import * as path from "node:path";
import {
  CHART_VERSION_RE, DEVICE_PLUGINS, NODEGROUP_LABEL, NODEPOOL_LABEL, checkDevicePluginValues, chartReference, devicePluginFor, renderDevicePluginValues,
  resolveAddonsArgs, validateAddons,
} from "../../components/addons";
import { AMI_ACCELERATORS } from "../../components/facts";
import { loadStackConfig } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
const taint = { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" };
const NVIDIA = devicePluginFor("nvidia");
const NEURON = devicePluginFor("neuron");

describe("the rows", () => {
  it("cover every accelerator an AMI variant carries drivers for, once", () => {
    expect(DEVICE_PLUGINS.map((r) => r.accelerator)).toEqual(AMI_ACCELERATORS.filter((a) => a !== "none"));
  });

  it("pin NVIDIA's nvidia-device-plugin from its Helm repository, at an exact version with its source commit", () => {
    expect(NVIDIA.chart).toMatchObject({ chart: "nvidia-device-plugin", repository: "https://nvidia.github.io/k8s-device-plugin", version: "0.20.0", valuesSchema: false, podValuesPath: "" });
    expect(chartReference(NVIDIA.chart)).toEqual({ chart: "nvidia-device-plugin", repositoryOpts: { repo: "https://nvidia.github.io/k8s-device-plugin" } });
  });

  it("pin AWS Neuron's neuron-helm-chart 1.9.0 from its OCI registry, the device plugin's values under devicePlugin", () => {
    expect(NEURON.chart).toMatchObject({ chart: "neuron-helm-chart", repository: "oci://public.ecr.aws/neuron", version: "1.9.0", sourceRepo: "aws-neuron/neuron-helm-charts", valuesSchema: false, podValuesPath: "devicePlugin" });
    expect(chartReference(NEURON.chart)).toEqual({ chart: "oci://public.ecr.aws/neuron/neuron-helm-chart" });
    expect(NEURON.chart.valuesKeys).toEqual(expect.arrayContaining(["devicePlugin.enabled", "devicePlugin.affinity", "devicePlugin.tolerations", "scheduler.enabled", "npd.enabled", "draDriver.enabled"]));
  });

  it.each(DEVICE_PLUGINS.map((r) => [r.key, r] as const))("%s: exact version, 40-hex source commit, values keys listing the pod path", (_k, row) => {
    expect(CHART_VERSION_RE.test(row.chart.version)).toBe(true);
    expect(row.chart.sourceCommit).toMatch(/^[0-9a-f]{40}$/);
    const pod = row.chart.podValuesPath === "" ? "" : `${row.chart.podValuesPath}.`;
    expect(row.chart.valuesKeys).toEqual(expect.arrayContaining([`${pod}affinity`, `${pod}tolerations`]));
  });
});

describe("renderDevicePluginValues", () => {
  it("NVIDIA: requires the pools' node groups and tolerates the chart's taints plus every pool taint once", () => {
    const values = renderDevicePluginValues(NVIDIA, [
      { nodeGroupNames: ["gpu-b", "gpu-a"], taints: [taint] },
      { nodeGroupNames: ["train"], taints: [taint, { key: "team", effect: "NoExecute" }] },
    ]);
    expect(values).toEqual({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: NODEGROUP_LABEL, operator: "In", values: ["gpu-a", "gpu-b", "train"] }] }] } } },
      tolerations: [
        { key: "CriticalAddonsOnly", operator: "Exists" },
        { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
        { key: "nvidia.com/gpu", operator: "Equal", value: "true", effect: "NoSchedule" },
        { key: "team", operator: "Equal", value: "", effect: "NoExecute" },
      ],
    });
    expect(checkDevicePluginValues(NVIDIA, values, "v")).toEqual([]);
  });

  it("a karpenter pool: its NodePools by karpenter.sh/nodepool, ORed with the managed pools' node groups", () => {
    const values = renderDevicePluginValues(NVIDIA, [
      { nodeGroupNames: ["gpu-a"], taints: [taint] },
      { nodeGroupNames: [], nodePoolNames: ["burst-cpu31-up", "burst-cpu4-15"], taints: [taint] },
    ]);
    expect((values.affinity as { nodeAffinity: unknown }).nodeAffinity).toEqual({ requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchExpressions: [{ key: NODEGROUP_LABEL, operator: "In", values: ["gpu-a"] }] },
      { matchExpressions: [{ key: NODEPOOL_LABEL, operator: "In", values: ["burst-cpu31-up", "burst-cpu4-15"] }] },
    ] } });
    expect(NODEPOOL_LABEL).toBe("karpenter.sh/nodepool");
    expect(checkDevicePluginValues(NVIDIA, values, "v")).toEqual([]);
    const none = renderDevicePluginValues(NVIDIA, [{ nodeGroupNames: [], nodePoolNames: [], taints: [] }]);
    expect(checkDevicePluginValues(NVIDIA, none, "v")).toEqual([{ path: "v.affinity", message: expect.stringMatching(/one or two terms/) }]);
  });

  it("Neuron: the device plugin only (scheduler extension, node-problem-detector and DRA off), placed under devicePlugin", () => {
    const values = renderDevicePluginValues(NEURON, [{ nodeGroupNames: ["inf-1"], taints: [{ key: "aws.amazon.com/neuron", value: "true", effect: "NoSchedule" }] }]);
    expect(values).toEqual({
      devicePlugin: {
        enabled: true,
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: NODEGROUP_LABEL, operator: "In", values: ["inf-1"] }] }] } } },
        tolerations: [
          { key: "CriticalAddonsOnly", operator: "Exists" },
          { key: "aws.amazon.com/neuron", operator: "Exists", effect: "NoSchedule" },
          { key: "sagemaker.amazonaws.com/node-health-status", operator: "Equal", value: "Unschedulable", effect: "NoSchedule" },
          { key: "aws.amazon.com/neuron", operator: "Equal", value: "true", effect: "NoSchedule" },
        ],
      },
      scheduler: { enabled: false }, npd: { enabled: false }, draDriver: { enabled: false },
    });
    expect(checkDevicePluginValues(NEURON, values, "v")).toEqual([]);
  });

  it("the check refuses an affinity with no node groups, a toleration that is not strings, and keys the chart's values.yaml lacks", () => {
    const values = { ...renderDevicePluginValues(NVIDIA, [{ nodeGroupNames: [], taints: [] }]), tolerations: [{ key: "a", tolerationSeconds: 30 }] };
    expect(checkDevicePluginValues(NVIDIA, values, "v").map((i) => i.path)).toEqual(["v.affinity", "v.tolerations"]);
    const neuron = renderDevicePluginValues(NEURON, [{ nodeGroupNames: ["n"], taints: [] }]);
    const misspelt = { ...neuron, devicePlugin: { ...(neuron.devicePlugin as Record<string, unknown>), enable: true }, schedulerExtension: { enabled: false } };
    expect(checkDevicePluginValues(NEURON, misspelt, "v").map((i) => i.path)).toEqual(["v.devicePlugin.enable", "v.schedulerExtension"]);
  });
});

describe("options", () => {
  const base = { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}" };
  it("default to auto at the pinned version", () => {
    expect(resolveAddonsArgs(base).nvidiaDevicePlugin).toEqual({ enabled: "auto", version: "0.20.0" });
    expect(resolveAddonsArgs(base).neuronDevicePlugin).toEqual({ enabled: "auto", version: "1.9.0" });
  });
  it("refuse a version that is not an exact chart version, at its path", () => {
    for (const version of ["latest", "v0.20.0", "0.20"]) {
      expect(validateAddons(resolveAddonsArgs({ ...base, nvidiaDevicePlugin: { version } }), "workerpools:addons").map((i) => i.path))
        .toEqual(["workerpools:addons.nvidiaDevicePlugin.version"]);
    }
    expect(validateAddons(resolveAddonsArgs({ ...base, nvidiaDevicePlugin: { version: "0.19.3" } }), "a")).toEqual([]);
    expect(validateAddons(resolveAddonsArgs({ ...base, neuronDevicePlugin: { version: "latest" } }), "workerpools:addons")).toEqual([
      { path: "workerpools:addons.neuronDevicePlugin.version", message: 'must be an exact neuron-helm-chart chart version like 1.9.0 (no leading v, no "latest"), got "latest"' },
    ]);
  });
});

describe("stack config", () => {
  const dev = (): Record<string, unknown> => structuredClone(readStackFile(ROOT, "dev").values);
  const withAddon = (options: unknown, pools?: unknown[], key = "nvidiaDevicePlugin"): Record<string, unknown> => {
    const v = dev();
    v.addons = { ...(v.addons as Record<string, unknown> | undefined), [key]: options };
    if (pools) v.pools = [...(v.pools as unknown[]), ...pools];
    return v;
  };

  it.each(DEVICE_PLUGINS.map((r) => r.key))("%s: refuses an enabled that is not auto, true or false, and unknown keys, at their paths", (key) => {
    for (const [value, at] of [[{ enabled: "yes" }, "enabled"], [{ chart: "x" }, ""]] as const) {
      const r = loadStackConfig(withAddon(value, undefined, key));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.path).join(" ")).toContain(`workerpools:addons.${key}${at ? `.${at}` : ""}`);
    }
  });

  it("warns when neuronDevicePlugin is true with no Neuron pool; a Bottlerocket Neuron pool counts", () => {
    const r = loadStackConfig(withAddon({ enabled: true }, undefined, "neuronDevicePlugin"));
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    expect(r.warnings.map((w) => w.path)).toContain("workerpools:addons.neuronDevicePlugin.enabled");
    const br = { name: "inf", os: "BOTTLEROCKET", instanceTypes: ["inf2.xlarge"], scaling: { min: 0, max: 1, desired: 0 } };
    const withPool = loadStackConfig(withAddon({ enabled: true }, [br], "neuronDevicePlugin"));
    expect(withPool.warnings.map((w) => w.path)).not.toContain("workerpools:addons.neuronDevicePlugin.enabled");
  });

  it("warns when enabled is true with no AL2023 NVIDIA pool (a Bottlerocket GPU pool does not count)", () => {
    const br = { name: "gpu-br", os: "BOTTLEROCKET", architecture: "arm64", instanceTypes: ["g5g.xlarge"], scaling: { min: 0, max: 1, desired: 0 } };
    const r = loadStackConfig(withAddon({ enabled: true }, [br]));
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    expect(r.warnings.map((w) => w.path)).toContain("workerpools:addons.nvidiaDevicePlugin.enabled");
    const withGpu = loadStackConfig(withAddon({ enabled: true }, [{ name: "gpu", instanceTypes: ["g5.xlarge"], scaling: { min: 0, max: 1, desired: 0 } }]));
    expect(withGpu.warnings.map((w) => w.path)).not.toContain("workerpools:addons.nvidiaDevicePlugin.enabled");
    expect(withGpu.warnings.map((w) => w.path)).not.toContain("workerpools:pools[3].accelerator");
  });
});
