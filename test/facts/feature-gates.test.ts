import {
  FEATURE_GATES_SOURCE,
  featureGateAt,
  featureGateDependencies,
  featureGateHistory,
  featureGateRefusal,
  knownFeatureGates,
  removedFeatureGate,
} from "../../components/facts";
import raw from "../../components/facts/data/kubelet-feature-gates.json";

describe("kubelet feature gate data", () => {
  it("names its sources and refs", () => {
    expect(FEATURE_GATES_SOURCE.repo).toBe("kubernetes/kubernetes");
    expect(FEATURE_GATES_SOURCE.paths).toContain("pkg/features/kube_features.go");
    expect(FEATURE_GATES_SOURCE.ref).toMatch(/1\.35/);
  });

  it("is sorted by name, each history ordered by version, nothing newer than 1.35", () => {
    const names = Object.keys(raw.gates);
    expect(names).toEqual([...names].sort());
    expect(names.length).toBeGreaterThan(200);
    for (const name of names) {
      const minors = (featureGateHistory(name) ?? []).map((s) => Number(s.since.split(".")[1]) + 1000 * Number(s.since.split(".")[0]));
      expect(minors).toEqual([...minors].sort((a, b) => a - b));
      expect(Math.max(...minors)).toBeLessThanOrEqual(1035);
    }
  });
});

describe("featureGateAt", () => {
  it("InPlacePodVerticalScaling: alpha off 1.27, beta on 1.33, GA locked on 1.35", () => {
    expect(featureGateAt("InPlacePodVerticalScaling", "1.26")).toBeUndefined();
    expect(featureGateAt("InPlacePodVerticalScaling", "1.30")).toEqual({ default: false, stage: "ALPHA", lockToDefault: false });
    expect(featureGateAt("InPlacePodVerticalScaling", "1.34")).toEqual({ default: true, stage: "BETA", lockToDefault: false });
    expect(featureGateAt("InPlacePodVerticalScaling", "1.35")).toEqual({ default: true, stage: "GA", lockToDefault: true });
    expect(featureGateAt("InPlacePodVerticalScaling", "v1.35.2")).toEqual({ default: true, stage: "GA", lockToDefault: true });
  });

  it("an alpha gate defaults to false", () => {
    expect(featureGateAt("MemoryQoS", "1.35")).toEqual({ default: false, stage: "ALPHA", lockToDefault: false });
    expect(featureGateAt("ImageVolumeWithDigest", "1.35")?.default).toBe(false);
  });

  it("unknown names and case differences are undefined", () => {
    expect(featureGateAt("NoSuchGate", "1.35")).toBeUndefined();
    expect(featureGateAt("inplacepodverticalscaling", "1.35")).toBeUndefined();
  });

  it("a gate introduced after a version is unknown at that version", () => {
    expect(featureGateAt("GangScheduling", "1.34")).toBeUndefined();
    expect(featureGateAt("GangScheduling", "1.35")).toEqual({ default: false, stage: "ALPHA", lockToDefault: false });
    expect(knownFeatureGates("1.34")).not.toContain("GangScheduling");
    expect(knownFeatureGates("1.35")).toContain("GangScheduling");
  });

  it("uses the Go string of a gate, not its constant name", () => {
    expect(featureGateAt("CustomCPUCFSQuotaPeriod", "1.35")?.stage).toBe("ALPHA");
    expect(featureGateAt("CPUCFSQuotaPeriod", "1.35")).toBeUndefined();
    expect(featureGateAt("RuntimeClassInImageCriApi", "1.35")?.stage).toBe("ALPHA");
  });

  it("covers the gates the kubelet registers from staging modules and the built-ins", () => {
    expect(featureGateAt("APIServerTracing", "1.35")).toEqual({ default: true, stage: "GA", lockToDefault: true });
    expect(featureGateAt("ContextualLogging", "1.35")).toEqual({ default: true, stage: "BETA", lockToDefault: false });
    expect(featureGateAt("InformerResourceVersion", "1.35")).toEqual({ default: true, stage: "GA", lockToDefault: false });
    expect(featureGateAt("ComponentFlagz", "1.35")?.stage).toBe("ALPHA");
    expect(featureGateAt("AllAlpha", "1.35")).toEqual({ default: false, stage: "ALPHA", lockToDefault: false });
  });

  it("a deprecated gate locked to false", () => {
    expect(featureGateAt("AllowOverwriteTerminationGracePeriodSeconds", "1.34")).toEqual({ default: false, stage: "DEPRECATED", lockToDefault: false });
    expect(featureGateAt("AllowOverwriteTerminationGracePeriodSeconds", "1.35")).toEqual({ default: false, stage: "DEPRECATED", lockToDefault: true });
  });

  it("throws on a malformed version", () => {
    expect(() => featureGateAt("NodeSwap", "latest")).toThrow(/not a Kubernetes version/);
    expect(() => knownFeatureGates("1")).toThrow(/not a Kubernetes version/);
  });
});

describe("featureGateRefusal", () => {
  it("refuses locked gates set against their default, unknown and not-yet-existing gates", () => {
    expect(featureGateRefusal("InPlacePodVerticalScaling", false, "1.35")).toBe(
      "cannot set feature gate InPlacePodVerticalScaling to false, feature is locked to true",
    );
    expect(featureGateRefusal("InPlacePodVerticalScaling", true, "1.35")).toBeUndefined();
    expect(featureGateRefusal("InPlacePodVerticalScaling", false, "1.34")).toBeUndefined();
    expect(featureGateRefusal("NoSuchGate", true, "1.35")).toBe("unrecognized feature gate: NoSuchGate");
    expect(featureGateRefusal("GangScheduling", true, "1.33")).toMatch(/does not exist yet/);
  });
});

describe("dependencies and removed gates", () => {
  it("records 1.35 dependencies", () => {
    expect(featureGateDependencies("InPlacePodVerticalScalingExclusiveMemory")).toEqual(["InPlacePodVerticalScaling", "MemoryManager"]);
    expect(featureGateDependencies("NodeSwap")).toEqual([]);
  });

  it("keeps gates gone by 1.35 apart from the known ones", () => {
    expect(featureGateAt("ComponentSLIs", "1.33")).toBeUndefined();
    expect(removedFeatureGate("ComponentSLIs")?.at(-1)).toEqual({ since: "1.32", default: true, stage: "GA", lockToDefault: true });
    expect(removedFeatureGate("NodeSwap")).toBeUndefined();
  });
});

describe("loader", () => {
  afterEach(() => {
    jest.dontMock("../../components/facts/data/kubelet-feature-gates.json");
    jest.resetModules();
  });

  it("refuses malformed data with the file and field in the message", async () => {
    jest.resetModules();
    jest.doMock("../../components/facts/data/kubelet-feature-gates.json", () => ({
      source: { repo: "r", paths: ["p"], ref: "x", notes: "n" },
      gates: { Foo: [{ since: "1.30", default: false, stage: "ALPHA", lockToDefault: false }, { since: "1.29", default: true, stage: "BETA", lockToDefault: false }] },
    }));
    await expect(import("../../components/facts/feature-gates")).rejects.toThrow(
      'data/kubelet-feature-gates.json: gates.Foo[1].since must be later than the previous entry\'s, got "1.29"',
    );
  });
});
