/** The NVIDIA device plugin Helm release beside the addon catalog: pinned chart facts, values, checks, config paths. */
import * as path from "node:path";
import {
  CHART_VERSION_RE, NODEGROUP_LABEL, NVIDIA_DEVICE_PLUGIN_CHART, checkNvidiaDevicePluginValues, renderNvidiaDevicePluginValues,
  resolveAddonsArgs, validateAddons,
} from "../../components/addons";
import { loadStackConfig } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
const taint = { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" };

describe("the pinned chart", () => {
  it("is NVIDIA's nvidia-device-plugin from its Helm repository, at an exact version with its source commit", () => {
    expect(NVIDIA_DEVICE_PLUGIN_CHART).toMatchObject({ chart: "nvidia-device-plugin", repository: "https://nvidia.github.io/k8s-device-plugin", version: "0.20.0", valuesSchema: false });
    expect(NVIDIA_DEVICE_PLUGIN_CHART.sourceCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(CHART_VERSION_RE.test(NVIDIA_DEVICE_PLUGIN_CHART.version)).toBe(true);
  });
});

describe("renderNvidiaDevicePluginValues", () => {
  it("requires the pools' node groups and tolerates the chart's taints plus every pool taint once", () => {
    const values = renderNvidiaDevicePluginValues([
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
    expect(checkNvidiaDevicePluginValues(values, "v")).toEqual([]);
  });

  it("the type check refuses an affinity with no node groups and a toleration that is not strings", () => {
    const values = { ...renderNvidiaDevicePluginValues([{ nodeGroupNames: [], taints: [] }]), tolerations: [{ key: "a", tolerationSeconds: 30 }] };
    expect(checkNvidiaDevicePluginValues(values, "v").map((i) => i.path)).toEqual(["v.affinity", "v.tolerations"]);
  });
});

describe("options", () => {
  const base = { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}" };
  it("default to auto at the pinned version", () => {
    expect(resolveAddonsArgs(base).nvidiaDevicePlugin).toEqual({ enabled: "auto", version: "0.20.0" });
  });
  it("refuse a version that is not an exact chart version, at its path", () => {
    for (const version of ["latest", "v0.20.0", "0.20"]) {
      expect(validateAddons(resolveAddonsArgs({ ...base, nvidiaDevicePlugin: { version } }), "workerpools:addons").map((i) => i.path))
        .toEqual(["workerpools:addons.nvidiaDevicePlugin.version"]);
    }
    expect(validateAddons(resolveAddonsArgs({ ...base, nvidiaDevicePlugin: { version: "0.19.3" } }), "a")).toEqual([]);
  });
});

describe("stack config", () => {
  const dev = (): Record<string, unknown> => structuredClone(readStackFile(ROOT, "dev").values);
  const withAddon = (nvidiaDevicePlugin: unknown, pools?: unknown[]): Record<string, unknown> => {
    const v = dev();
    v.addons = { ...(v.addons as Record<string, unknown> | undefined), nvidiaDevicePlugin };
    if (pools) v.pools = [...(v.pools as unknown[]), ...pools];
    return v;
  };

  it("refuses an enabled that is not auto, true or false, and unknown keys, at their paths", () => {
    for (const [value, at] of [[{ enabled: "yes" }, "enabled"], [{ chart: "x" }, ""]] as const) {
      const r = loadStackConfig(withAddon(value));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.path).join(" ")).toContain(`workerpools:addons.nvidiaDevicePlugin${at ? `.${at}` : ""}`);
    }
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
