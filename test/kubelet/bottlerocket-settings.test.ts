import {
  BOTTLEROCKET_KUBERNETES_SETTINGS, BOTTLEROCKET_UNSUPPORTED_MESSAGE, BottlerocketTomlType, bottlerocketFixedValue, bottlerocketKeyFor, bottlerocketSettingFor, hasNestedBottlerocketKeys, matchesFixed, parseBottlerocketSettings, validateBottlerocketKubelet, KubeletFieldType, lookupKubeletField, validateKubeletConfig,
} from "../../components/kubelet";

const AT = "workerpools:pools[1].kubelet";
const { mapped, fixed } = BOTTLEROCKET_KUBERNETES_SETTINGS;

/** Which kubelet value types each TOML type can carry. */
const COMPATIBLE: Record<BottlerocketTomlType, readonly KubeletFieldType[]> = {
  integer: ["int32", "int64"],
  boolean: ["boolean"],
  string: ["string", "duration", "quantity"],
  "string-or-array": ["stringList"],
  array: ["stringList", "stringMap"],
  table: ["quantityMap", "thresholdMap", "durationMap", "objectList"],
};

describe("Bottlerocket kubelet settings data", () => {
  it("names its sources with full commits", () => {
    expect(BOTTLEROCKET_KUBERNETES_SETTINGS.sources.template).toEqual(
      expect.objectContaining({ repo: "bottlerocket-os/bottlerocket-core-kit", path: "packages/kubernetes-1.35/kubelet-config" }),
    );
    for (const ref of Object.values(BOTTLEROCKET_KUBERNETES_SETTINGS.sources)) expect(ref.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(BOTTLEROCKET_KUBERNETES_SETTINGS.retrieved).toBe("2026-11-22");
  });

  it.each(Object.keys(mapped))("maps %s, a real KubeletConfiguration field of a compatible type", (field) => {
    const spec = lookupKubeletField(field);
    expect(spec).toBeDefined();
    expect(COMPATIBLE[mapped[field].tomlType]).toContain(spec?.type);
  });

  it.each(Object.keys(fixed))("fixes %s, a real field, to a value the kubelet schema accepts", (field) => {
    expect(lookupKubeletField(field)).toBeDefined();
    expect(validateKubeletConfig({ [field]: fixed[field].value }, "fixed")).toEqual([]);
  });

  it("maps each Bottlerocket key once and never both maps and fixes a field", () => {
    const keys = Object.values(mapped).map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(mapped).filter((f) => f in fixed)).toEqual([]);
  });

  it("refuses malformed data", () => {
    const bad = { source: { retrieved: "x" }, settingsPrefix: "settings.kubernetes", mapped: { maxPods: { key: "max-pods", tomlType: "int" } }, fixed: {} };
    expect(() => parseBottlerocketSettings(bad)).toThrow(/mapped\.maxPods\.tomlType/);
    const entries = { ...bad, mapped: { maxPods: { key: "max-pods", tomlType: "table", entries: "map" } } };
    expect(() => parseBottlerocketSettings(entries)).toThrow(/mapped\.maxPods\.entries/);
    const omitted = { ...bad, mapped: { maxPods: { key: "max-pods", tomlType: "integer", omitted: [{}] } } };
    expect(() => parseBottlerocketSettings(omitted)).toThrow(/mapped\.maxPods\.omitted/);
  });

  it.each(Object.entries(mapped).filter(([, m]) => ["table", "array", "string-or-array"].includes(m.tomlType)))(
    "describes the entries of %s (a table or array)",
    (_field, m) => {
      expect(m.entries).toBeDefined();
    },
  );

  it("records the template's conditional renders: omitted values and required companions", () => {
    expect(mapped.singleProcessOOMKill.omitted).toEqual([false]);
    expect(mapped.maxParallelImagePulls.omitted).toEqual([0]);
    expect(mapped.evictionMaxPodGracePeriod.omitted).toEqual([0]);
    expect(mapped.memoryManagerPolicy.requires).toBe("reservedMemory");
    for (const m of Object.values(mapped)) if (m.requires !== undefined) expect(mapped[m.requires]).toBeDefined();
    expect(mapped.registerWithTaints).toMatchObject({ key: "node-taints", tomlType: "table", entries: "array" });
    expect(mapped.reservedMemory).toMatchObject({ key: "memory-manager-reserved-memory", tomlType: "table", entries: "table" });
    expect(mapped.cpuManagerPolicyOptions).toMatchObject({ tomlType: "array", entries: "string" });
  });
});

describe("bottlerocketSettingFor / hasNestedBottlerocketKeys", () => {
  it("returns the whole setting of a mapped field, nested ones by dotted path", () => {
    expect(bottlerocketSettingFor("memorySwap.swapBehavior")).toBe(mapped["memorySwap.swapBehavior"]);
    expect(bottlerocketSettingFor("memorySwap")).toBeUndefined();
    expect(bottlerocketSettingFor("constructor")).toBeUndefined();
  });

  it("knows which object fields have mapped nested fields", () => {
    expect(hasNestedBottlerocketKeys("memorySwap")).toBe(true);
    expect(hasNestedBottlerocketKeys("crashLoopBackOff")).toBe(false);
    expect(hasNestedBottlerocketKeys("memory")).toBe(false);
  });
});

describe("bottlerocketKeyFor", () => {
  it.each([
    ["maxPods", "max-pods", "integer"],
    ["kubeReserved", "kube-reserved", "table"],
    ["evictionHard", "eviction-hard", "table"],
    ["evictionSoft", "eviction-soft", "table"],
    ["evictionSoftGracePeriod", "eviction-soft-grace-period", "table"],
    ["cpuManagerPolicy", "cpu-manager-policy", "string"],
    ["imageGCHighThresholdPercent", "image-gc-high-threshold-percent", "integer"],
    ["registryPullQPS", "registry-qps", "integer"],
    ["eventRecordQPS", "event-qps", "integer"],
    ["containerLogMaxSize", "container-log-max-size", "string"],
    ["shutdownGracePeriod", "shutdown-grace-period", "string"],
    ["shutdownGracePeriodCriticalPods", "shutdown-grace-period-for-critical-pods", "string"],
    ["podPidsLimit", "pod-pids-limit", "integer"],
    ["allowedUnsafeSysctls", "allowed-unsafe-sysctls", "array"],
    ["topologyManagerPolicy", "topology-manager-policy", "string"],
    ["topologyManagerScope", "topology-manager-scope", "string"],
    ["maxParallelImagePulls", "max-parallel-image-pulls", "integer"],
    ["memorySwap.swapBehavior", "memory-swap-behavior", "string"],
  ])("%s -> settings.kubernetes.%s (%s)", (field, key, tomlType) => {
    expect(bottlerocketKeyFor(field)).toEqual({ key, path: `settings.kubernetes.${key}`, tomlType });
  });

  it.each(["featureGates", "rotateCertificates", "readOnlyPort", "makeIPTablesUtilChains", "toString", "maxpods"])(
    "has no setting for %s",
    (field) => {
      expect(bottlerocketKeyFor(field)).toBeUndefined();
    },
  );

  it("records the hardened values Bottlerocket fixes itself", () => {
    expect(bottlerocketFixedValue("readOnlyPort")).toBe(0);
    expect(bottlerocketFixedValue("protectKernelDefaults")).toBe(true);
    expect(bottlerocketFixedValue("authentication")).toEqual(expect.objectContaining({ anonymous: { enabled: false } }));
    expect(bottlerocketFixedValue("authorization")).toEqual(expect.objectContaining({ mode: "Webhook" }));
    expect(bottlerocketFixedValue("maxPods")).toBeUndefined();
  });
});

describe("validateBottlerocketKubelet", () => {
  it("accepts settable fields and hardened defaults that Bottlerocket already applies", () => {
    const config = {
      maxPods: 58,
      kubeReserved: { cpu: "70m", memory: "893Mi" },
      evictionHard: { "memory.available": "100Mi", "nodefs.available": "10%" },
      imageGCHighThresholdPercent: 80,
      shutdownGracePeriod: "45s",
      cpuManagerPolicyOptions: { "full-pcpus-only": "true" },
      memorySwap: { swapBehavior: "NoSwap" },
      readOnlyPort: 0,
      protectKernelDefaults: true,
      serializeImagePulls: false,
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true, cacheTTL: "2m" } },
      authorization: { mode: "Webhook" },
    };
    expect(validateBottlerocketKubelet(config, AT)).toEqual([]);
  });

  it("refuses an unmapped field with a message naming the field and the alternatives", () => {
    const issues = validateBottlerocketKubelet({ rotateCertificates: true, makeIPTablesUtilChains: true }, AT);
    expect(issues.map((i) => i.path)).toEqual([`${AT}.rotateCertificates`, `${AT}.makeIPTablesUtilChains`]);
    expect(issues[0].message).toContain('no settings.kubernetes.* key for kubelet field "rotateCertificates"');
    expect(issues[0].message).toContain("AL2023");
    expect(issues[0].message).toContain("maxPods");
  });

  it("refuses a value that conflicts with one Bottlerocket fixes", () => {
    const issues = validateBottlerocketKubelet(
      { readOnlyPort: 10255, authentication: { anonymous: { enabled: true } }, featureGates: { Foo: true } },
      AT,
    );
    expect(issues.map((i) => i.path)).toEqual([`${AT}.readOnlyPort`, `${AT}.authentication`, `${AT}.featureGates`]);
    expect(issues[0].message).toBe("Bottlerocket sets readOnlyPort to 0 itself and has no setting to change it; got 10255");
  });

  it("applies Bottlerocket's own limits to mapped fields", () => {
    const issues = validateBottlerocketKubelet(
      {
        evictionHard: { "memory.availabel": "1Gi" },
        kubeReserved: { pid: "100" },
        cpuManagerPolicyOptions: { "align-by-socket": "true" },
        imageGCLowThresholdPercent: 101,
        memorySwap: { swapBehavior: "NoSwap", other: 1 },
      },
      AT,
    );
    expect(issues.map((i) => i.path)).toEqual([
      `${AT}.evictionHard.memory.availabel`,
      `${AT}.kubeReserved.pid`,
      `${AT}.cpuManagerPolicyOptions.align-by-socket`,
      `${AT}.imageGCLowThresholdPercent`,
      `${AT}.memorySwap.other`,
    ]);
    expect(issues[0].message).toContain("memory.available");
  });

  it("suggests the nearest settable field in the unsupported message", () => {
    expect(BOTTLEROCKET_UNSUPPORTED_MESSAGE("maxPod")).toContain('Did you mean "maxPods"?');
  });

  it("compares fixed durations by length and objects as subsets", () => {
    expect(matchesFixed("2m", "2m0s")).toBe(true);
    expect(matchesFixed("3m", "2m0s")).toBe(false);
    expect(matchesFixed("/runtime", "/system")).toBe(false);
    expect(matchesFixed({ mode: "Webhook" }, { mode: "Webhook", webhook: {} })).toBe(true);
    expect(matchesFixed({ mode: "AlwaysAllow" }, { mode: "Webhook" })).toBe(false);
    expect(matchesFixed(["a"], ["a", "b"])).toBe(false);
  });
});
