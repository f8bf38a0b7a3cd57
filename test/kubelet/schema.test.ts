import wellKnown from "../../components/facts/data/kubelet-well-known.json";
import {
  KUBELET_CONFIG_SCHEMA,
  KUBELET_IMAGE_GC_DEFAULTS,
  KUBELET_KEY_LISTS,
  isThreshold,
  lookupKubeletField,
  parseGoDuration,
  parseKubeletSchema,
  quantitySign,
  suggestField,
  validateKubeletConfig,
} from "../../components/kubelet";

const AT = "workerpools:pools[0].kubelet";

/** A realistic AL2023 kubelet config, as nodeadm would receive it in spec.kubelet.config. */
const AL2023_CONFIG: Record<string, unknown> = {
  readOnlyPort: 0,
  authentication: {
    anonymous: { enabled: false },
    webhook: { enabled: true, cacheTTL: "2m0s" },
    x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" },
  },
  authorization: { mode: "Webhook", webhook: { cacheAuthorizedTTL: "5m0s", cacheUnauthorizedTTL: "30s" } },
  rotateCertificates: true,
  serverTLSBootstrap: true,
  protectKernelDefaults: true,
  maxPods: 110,
  kubeReserved: { cpu: "70m", memory: "1465Mi", "ephemeral-storage": "1Gi" },
  evictionHard: { "memory.available": "100Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%" },
  evictionSoft: { "memory.available": "300Mi" },
  evictionSoftGracePeriod: { "memory.available": "1m30s" },
  imageGCHighThresholdPercent: 85,
  containerLogMaxSize: "10Mi",
  shutdownGracePeriod: "60s",
  shutdownGracePeriodCriticalPods: "15s",
  cpuManagerPolicy: "static",
  registryPullQPS: 10,
  maxParallelImagePulls: 4,
  serializeImagePulls: false,
  podPidsLimit: 4096,
  allowedUnsafeSysctls: ["net.core.somaxconn", "net.ipv4.tcp_*"],
  featureGates: { RotateKubeletServerCertificate: true },
  makeIPTablesUtilChains: true,
  eventRecordQPS: 50,
  clusterDNS: ["10.100.0.10"],
  clusterDomain: "cluster.local",
  registerWithTaints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
};

describe("KubeletConfiguration schema data", () => {
  it("names its source file and commit", () => {
    expect(KUBELET_CONFIG_SCHEMA.source.path).toBe("staging/src/k8s.io/kubelet/config/v1beta1/types.go");
    expect(KUBELET_CONFIG_SCHEMA.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(KUBELET_CONFIG_SCHEMA.source.retrieved).toBe("2026-11-22");
  });

  it.each([
    ["maxPods", "int32"], ["podPidsLimit", "int64"], ["shutdownGracePeriod", "duration"], ["kubeReserved", "quantityMap"],
    ["evictionHard", "thresholdMap"], ["evictionSoftGracePeriod", "durationMap"], ["featureGates", "boolMap"],
    ["allowedUnsafeSysctls", "stringList"], ["memoryThrottlingFactor", "float"], ["containerLogMaxSize", "quantity"],
    ["authentication.anonymous.enabled", "boolean"], ["authentication.webhook.cacheTTL", "duration"],
    ["authentication.x509.clientCAFile", "string"], ["authorization.webhook.cacheAuthorizedTTL", "duration"],
  ])("types %s as %s", (path, type) => {
    expect(lookupKubeletField(path)?.type).toBe(type);
  });

  it("marks pointer fields and documents enums", () => {
    expect(lookupKubeletField("registryPullQPS")?.pointer).toBe(true);
    expect(lookupKubeletField("maxPods")?.pointer).toBe(false);
    expect(lookupKubeletField("authorization.mode")?.enum).toEqual(["AlwaysAllow", "Webhook"]);
    expect(lookupKubeletField("topologyManagerScope")?.enum).toEqual(["container", "pod"]);
  });

  it("has no field that is not in v1beta1 and misses none of the common ones", () => {
    expect(lookupKubeletField("maxpods")).toBeUndefined();
    expect(lookupKubeletField("cloudProvider")).toBeUndefined();
    expect(Object.keys(KUBELET_CONFIG_SCHEMA.fields).length).toBeGreaterThan(120);
  });

  it("refuses malformed schema data", () => {
    const bad = { source: KUBELET_CONFIG_SCHEMA.source, apiVersion: "x", kind: "y", fields: { a: { type: "uint8" } } };
    expect(() => parseKubeletSchema(bad)).toThrow(/fields\.a\.type/);
  });
});

describe("kubelet well-known data (map keys, defaults)", () => {
  it("names a source with a full commit for every list and default", () => {
    for (const [name, ref] of Object.entries(wellKnown.source.refs)) {
      expect({ name, ok: "commit" in ref ? /^[0-9a-f]{40}$/.test(ref.commit) : "url" in ref }).toEqual({ name, ok: true });
    }
  });

  it("lists the nine signals the kubelet's eviction parser accepts, not swap.available", () => {
    expect([...(KUBELET_KEY_LISTS.evictionSignals ?? [])].sort()).toEqual([
      "allocatableMemory.available", "containerfs.available", "containerfs.inodesFree", "imagefs.available", "imagefs.inodesFree",
      "memory.available", "nodefs.available", "nodefs.inodesFree", "pid.available",
    ]);
    expect(KUBELET_KEY_LISTS.reservedResources).toEqual(["cpu", "memory", "ephemeral-storage", "pid"]);
  });

  it("gives the eviction and reservation maps their keys; featureGates none", () => {
    for (const f of ["evictionHard", "evictionSoft", "evictionSoftGracePeriod", "evictionMinimumReclaim"]) {
      expect(lookupKubeletField(f)?.keys).toBe(KUBELET_KEY_LISTS.evictionSignals);
    }
    for (const f of ["kubeReserved", "systemReserved"]) expect(lookupKubeletField(f)?.keys).toBe(KUBELET_KEY_LISTS.reservedResources);
    expect(lookupKubeletField("featureGates")?.keys).toBeUndefined();
  });

  it("has the kubelet's image GC defaults (high 85, low 80)", () => {
    expect(KUBELET_IMAGE_GC_DEFAULTS).toEqual({ high: 85, low: 80 });
  });

  it("refuses a schema field naming a key list that does not exist", () => {
    const bad = { source: KUBELET_CONFIG_SCHEMA.source, apiVersion: "x", kind: "y", fields: { a: { type: "thresholdMap", keysFrom: "signals" } } };
    expect(() => parseKubeletSchema(bad)).toThrow(/fields\.a\.keysFrom must be one of evictionSignals, reservedResources/);
  });
});

describe("validateKubeletConfig", () => {
  it("accepts a realistic AL2023 kubelet config", () => {
    expect(validateKubeletConfig(AL2023_CONFIG, AT)).toEqual([]);
  });

  it.each([
    ["maxpods", "maxPods"],
    ["evictonHard", "evictionHard"],
    ["imageGcHighThresholdPercent", "imageGCHighThresholdPercent"],
    ["readOnlyPorts", "readOnlyPort"],
  ])("reports unknown key %s with the nearest field %s", (key, near) => {
    const issues = validateKubeletConfig({ [key]: 1 }, AT);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(`${AT}.${key}`);
    expect(issues[0].message).toContain(`did you mean "${near}"`);
  });

  it("lists the valid fields when nothing is close", () => {
    const [issue] = validateKubeletConfig({ zzqqxxyy: true }, AT);
    expect(issue.message).not.toContain("did you mean");
    expect(issue.message).toContain("maxPods");
  });

  it("reports a wrong type with what was received and what is expected", () => {
    expect(validateKubeletConfig({ maxPods: "110" }, AT)).toEqual([
      { path: `${AT}.maxPods`, message: 'must be an int32 integer, got string "110"' },
    ]);
  });

  it.each([
    [{ maxPods: 3.5 }, "maxPods", "int32 integer"],
    [{ maxPods: 2147483648 }, "maxPods", "between 0 and 2147483647"],
    [{ readOnlyPort: 70000 }, "readOnlyPort", "between 0 and 65535"],
    [{ imageGCHighThresholdPercent: 101 }, "imageGCHighThresholdPercent", "between 0 and 100"],
    [{ oomScoreAdj: -1001 }, "oomScoreAdj", "between -1000 and 1000"],
    [{ protectKernelDefaults: "true" }, "protectKernelDefaults", 'boolean (true or false), got string "true"'],
    [{ allowedUnsafeSysctls: "net.*" }, "allowedUnsafeSysctls", "must be a list"],
    [{ maxPods: null }, "maxPods", "got null"],
  ])("rejects %j", (config, field, message) => {
    const issues = validateKubeletConfig(config, AT);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(`${AT}.${field}`);
    expect(issues[0].message).toContain(message);
  });

  it("lists the valid values of an enum", () => {
    const [issue] = validateKubeletConfig({ cpuManagerPolicy: "Static" }, AT);
    expect(issue.path).toBe(`${AT}.cpuManagerPolicy`);
    expect(issue.message).toBe('must be one of "none", "static", got "Static"');
    const [topo] = validateKubeletConfig({ topologyManagerPolicy: "numa" }, AT);
    expect(topo.message).toContain('"restricted", "best-effort", "none", "single-numa-node"');
  });

  it.each(["30", "1d", "30 s", "", "m", "1h-5m"])("rejects duration %j", (d) => {
    const [issue] = validateKubeletConfig({ shutdownGracePeriod: d }, AT);
    expect(issue.path).toBe(`${AT}.shutdownGracePeriod`);
    expect(issue.message).toContain("Go duration");
  });

  it.each(["30s", "1m30s", "500ms", "0", "1.5h", "2h45m", "1us", "-0s"])("accepts duration %j", (d) => {
    expect(validateKubeletConfig({ shutdownGracePeriod: d }, AT)).toEqual([]);
  });

  it.each<[Record<string, unknown>, string, RegExp]>([
    [{ shutdownGracePeriod: "-30s" }, "shutdownGracePeriod", /must not be negative, got "-30s"/],
    [{ imageMinimumGCAge: "-1m" }, "imageMinimumGCAge", /must not be negative/],
    [{ evictionSoftGracePeriod: { "memory.available": "-1m30s" } }, "evictionSoftGracePeriod.memory.available", /must not be negative/],
    [{ containerLogMaxSize: "-1Mi" }, "containerLogMaxSize", /must not be negative, got "-1Mi"/],
    [{ kubeReserved: { cpu: "-100m" } }, "kubeReserved.cpu", /must not be negative/],
    [{ systemReserved: { memory: "-1e3" } }, "systemReserved.memory", /must not be negative/],
    [{ evictionHard: { "memory.available": "-5Mi" } }, "evictionHard.memory.available", /must not be negative.*the kubelet refuses it/],
    [{ evictionSoft: { "nodefs.available": "0" } }, "evictionSoft.nodefs.available", /must be above zero.*"eviction threshold nodefs.available must be positive"/],
    [{ evictionMinimumReclaim: { "memory.available": "-1Mi" } }, "evictionMinimumReclaim.memory.available", /must not be negative/],
  ])("refuses the negative (or, for eviction thresholds, zero) value %j", (config, path, message) => {
    const issues = validateKubeletConfig(config, AT);
    expect(issues).toEqual([{ path: `${AT}.${path}`, message: expect.stringMatching(message) }]);
  });

  it("accepts zero where the kubelet does: sizes, reservations, 0% thresholds, a zero minimum reclaim", () => {
    const config = {
      containerLogMaxSize: "0", kubeReserved: { cpu: "0" }, evictionHard: { "memory.available": "0%" },
      evictionMinimumReclaim: { "memory.available": "0Mi" }, shutdownGracePeriod: "0s",
    };
    expect(validateKubeletConfig(config, AT)).toEqual([]);
  });

  it("validates nested authentication fields by path", () => {
    const issues = validateKubeletConfig({ authentication: { anonymous: { enabled: "false" }, anonymus: {} } }, AT);
    expect(issues).toEqual([
      { path: `${AT}.authentication.anonymous.enabled`, message: 'must be a boolean (true or false), got string "false"' },
      expect.objectContaining({ path: `${AT}.authentication.anonymus` }),
    ]);
    expect(issues[1].message).toContain('did you mean "anonymous"');
  });

  it("validates authorization mode and webhook TTLs", () => {
    const issues = validateKubeletConfig({ authorization: { mode: "RBAC", webhook: { cacheAuthorizedTTL: "5 minutes" } } }, AT);
    expect(issues.map((i) => i.path)).toEqual([`${AT}.authorization.mode`, `${AT}.authorization.webhook.cacheAuthorizedTTL`]);
    expect(issues[0].message).toContain('"AlwaysAllow", "Webhook"');
  });

  it("checks map values: thresholds, quantities, booleans", () => {
    const issues = validateKubeletConfig(
      {
        evictionHard: { "memory.available": "lots", "nodefs.available": "110%" },
        kubeReserved: { cpu: 100, memory: "1Gi" },
        featureGates: { SomeGate: "true" },
        evictionSoftGracePeriod: { "memory.available": "90" },
      },
      AT,
    );
    expect(issues.map((i) => i.path)).toEqual([
      `${AT}.evictionHard.memory.available`,
      `${AT}.evictionHard.nodefs.available`,
      `${AT}.kubeReserved.cpu`,
      `${AT}.featureGates.SomeGate`,
      `${AT}.evictionSoftGracePeriod.memory.available`,
    ]);
  });

  it("checks list items: taint effects and enforceNodeAllocatable", () => {
    const issues = validateKubeletConfig(
      { registerWithTaints: [{ key: "a", effect: "NoScheduel" }], enforceNodeAllocatable: ["pods", "kube"] },
      AT,
    );
    expect(issues.map((i) => i.path)).toEqual([`${AT}.registerWithTaints[0].effect`, `${AT}.enforceNodeAllocatable[1]`]);
    expect(issues[0].message).toContain('"NoSchedule", "PreferNoSchedule", "NoExecute"');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["a misspelt hard eviction signal", { evictionHard: { "memory.availble": "100Mi" } }, "evictionHard.memory.availble", 'did you mean "memory.available"'],
    ["a soft eviction signal in the wrong case", { evictionSoft: { "nodefs.inodesfree": "5%" } }, "evictionSoft.nodefs.inodesfree", 'did you mean "nodefs.inodesFree"'],
    ["a grace period for an unknown signal", { evictionSoftGracePeriod: { "imagefs.avail": "1m" } }, "evictionSoftGracePeriod.imagefs.avail", 'did you mean "imagefs.available"'],
    ["a minimum reclaim for an unknown signal", { evictionMinimumReclaim: { disk: "1Gi" } }, "evictionMinimumReclaim.disk", "valid: memory.available"],
    ["a GPU reservation", { kubeReserved: { "nvidia.com/gpu": "1" } }, "kubeReserved.nvidia.com/gpu", "valid: cpu, memory, ephemeral-storage, pid"],
    ["a misspelt system reservation", { systemReserved: { cpus: "100m" } }, "systemReserved.cpus", 'did you mean "cpu"'],
  ])("refuses %s, naming the nearest valid key", (_t, config, path, message) => {
    const issues = validateKubeletConfig(config, AT);
    expect(issues).toEqual([{ path: `${AT}.${path}`, message: expect.stringContaining(message) }]);
  });

  it("accepts every listed signal and resource, and any feature gate name", () => {
    const signals = Object.fromEntries((KUBELET_KEY_LISTS.evictionSignals ?? []).map((s) => [s, "5%"]));
    const config = {
      evictionHard: signals, evictionSoft: signals, evictionMinimumReclaim: signals,
      evictionSoftGracePeriod: Object.fromEntries(Object.keys(signals).map((s) => [s, "1m"])),
      kubeReserved: { cpu: "100m", memory: "1Gi", "ephemeral-storage": "1Gi", pid: "1000" },
      featureGates: { AnyGateAtAll: true },
    };
    expect(validateKubeletConfig(config, AT)).toEqual([]);
  });

  it("reports every problem at once", () => {
    expect(validateKubeletConfig({ maxPods: "x", cpuManagerPolicy: "y", maxpod: 1 }, AT)).toHaveLength(3);
  });
});

describe("value grammars", () => {
  it.each([
    ["1m30s", 90e9], ["500ms", 5e8], ["0", 0], ["1.5h", 5.4e12], ["-2s", -2e9], ["1h2m3s4ms", 3723004e6],
  ])("parses Go duration %s", (s, ns) => {
    expect(parseGoDuration(s)).toBe(ns);
  });

  it.each<[string, number | undefined]>([["-5Mi", -1], ["-0", 0], ["0", 0], ["+1.5Gi", 1], ["129e6", 1], [".5", 1], ["-.5m", -1], ["lots", undefined], ["5%", undefined]])(
    "quantity %s has sign %s",
    (s, sign) => {
      expect(quantitySign(s)).toBe(sign);
    },
  );

  it.each([["10%", true], ["100%", true], ["100.5%", false], ["200Mi", true], ["1.5Gi", true], ["12ki", false], ["%", false]])(
    "threshold %s is valid: %s",
    (s, ok) => {
      expect(isThreshold(s)).toBe(ok);
    },
  );

  it("suggests fields case-insensitively first, then by edit distance", () => {
    expect(suggestField("MAXPODS")).toBe("maxPods");
    expect(suggestField("featureGate")).toBe("featureGates");
    expect(suggestField("somethingElseEntirely")).toBeUndefined();
  });
});
