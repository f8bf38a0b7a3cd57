/** User data rendering, parsed back with independent parsers (postal-mime, yaml, smol-toml). */
import PostalMime from "postal-mime";
import * as YAML from "yaml";
import { parse as parseToml } from "smol-toml";
import { chooseBoundary, renderMultipart } from "../../components/core";
import { NODECONFIG_CONTENT_TYPE, renderAl2023UserData, renderBottlerocketUserData } from "../../components/userdata";
import {
  BOTTLEROCKET_KUBERNETES_SETTINGS, BottlerocketKubeletSplit, BottlerocketTomlType, FieldOrigin, HARDENED_KUBELET_DEFAULTS,
  planKubeletConfig, splitForBottlerocket, validateBottlerocketRendering,
} from "../../components/kubelet";

const cluster = { name: "c1", apiServerEndpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };

async function parts(doc: string) {
  const email = await PostalMime.parse(doc);
  return email.attachments.map((a) => ({ type: a.mimeType, body: typeof a.content === "string" ? a.content : new TextDecoder().decode(a.content) }));
}

describe("MIME multipart", () => {
  it("parses back into the same parts, in order", async () => {
    const doc = renderMultipart([
      { contentType: "application/node.eks.aws", body: "a: 1\n" },
      { contentType: 'text/x-shellscript; charset="us-ascii"', body: "#!/bin/sh\necho hi\n" },
    ]);
    const got = await parts(doc);
    expect(got.map((p) => p.type)).toEqual(["application/node.eks.aws", "text/x-shellscript"]);
    expect(got[1].body.replace(/\r\n/g, "\n")).toContain("echo hi");
  });

  it("picks a boundary that no part contains, and the same one for the same parts", () => {
    const parts1 = [{ contentType: "text/plain", body: "x" }];
    const b = chooseBoundary(parts1);
    expect(chooseBoundary(parts1)).toBe(b);
    expect(chooseBoundary([{ contentType: "text/plain", body: `contains ${b}` }])).not.toBe(b);
  });
});

describe("AL2023 NodeConfig", () => {
  it("carries spec.cluster and the kubelet config, hardened defaults included", async () => {
    const plan = planKubeletConfig({ maxPods: 58 });
    const doc = renderAl2023UserData({ cluster, kubeletConfig: plan.config });
    const [part] = await parts(doc);
    expect(part.type).toBe(NODECONFIG_CONTENT_TYPE);
    const nodeConfig = YAML.parse(part.body);
    expect(nodeConfig).toMatchObject({ apiVersion: "node.eks.aws/v1alpha1", kind: "NodeConfig", spec: { cluster } });
    expect(nodeConfig.spec.kubelet.config).toEqual({ ...HARDENED_KUBELET_DEFAULTS, maxPods: 58 });
  });

  it("renders equal configs byte-identically, whatever the key order", () => {
    const a = renderAl2023UserData({ cluster, kubeletConfig: { a: 1, b: 2 } });
    const b = renderAl2023UserData({ cluster, kubeletConfig: { b: 2, a: 1 } });
    expect(a).toBe(b);
  });
});

describe("kubelet layering", () => {
  it("lets configured options win over derived values, and only overrides weaken hardened fields", () => {
    const plan = planKubeletConfig(
      { maxPods: 20, extra: { readOnlyPort: 10255 }, hardeningOverrides: [{ field: "protectKernelDefaults", value: false, reason: "legacy sysctls" }] },
      { maxPods: 58 },
    );
    expect(plan.config.maxPods).toBe(20);
    expect(plan.origin.maxPods).toBe("configured");
    expect(plan.config.readOnlyPort).toBe(0);
    expect(plan.config.protectKernelDefaults).toBe(false);
    expect(plan.origin.protectKernelDefaults).toBe("override");
  });

  it("merges a partial evictionHard over the lower layer instead of dropping its signals", () => {
    const plan = planKubeletConfig({ evictionHard: { "memory.available": "200Mi" } }, {}, { evictionHard: { "memory.available": "100Mi", "nodefs.available": "10%" } });
    expect(plan.config.evictionHard).toEqual({ "memory.available": "200Mi", "nodefs.available": "10%" });
  });
});

describe("Bottlerocket TOML", () => {
  it("parses back with Bottlerocket key names and leaves built-in settings out", () => {
    const plan = planKubeletConfig({ maxPods: 29, kubeReserved: { cpu: "80m", memory: "574Mi" } });
    const split = splitForBottlerocket(plan.config, plan.origin);
    const toml = parseToml(renderBottlerocketUserData({ cluster, kubernetes: split.settings, kernelModules: ["ip_vs"] }));
    const k8s = (toml.settings as Record<string, Record<string, unknown>>).kubernetes;
    expect(k8s).toMatchObject({ "cluster-name": "c1", "api-server": cluster.apiServerEndpoint, "max-pods": 29, "kube-reserved": { cpu: "80m", memory: "574Mi" } });
    expect(k8s).not.toHaveProperty("read-only-port");
    expect(split.builtIn).toEqual(expect.arrayContaining(["readOnlyPort", "authentication", "authorization"]));
    expect((toml.settings as Record<string, Record<string, unknown>>).kernel).toEqual({ modules: { ip_vs: { allowed: true, autoload: true } } });
  });

  it("reports configured fields Bottlerocket cannot express", () => {
    const plan = planKubeletConfig({ extra: { nodeStatusReportFrequency: "5m" } });
    expect(splitForBottlerocket(plan.config, plan.origin).unsupported.map((d) => d.field)).toContain("nodeStatusReportFrequency");
  });
});

/** The TOML type of a parsed value, in the data file's terms. */
function tomlType(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  if (typeof v === "object" && v !== null) return "table";
  return typeof v;
}
const fits = (v: unknown, declared: BottlerocketTomlType): boolean =>
  declared === "string-or-array" ? ["string", "array"].includes(tomlType(v)) : tomlType(v) === declared;

/** The items of an array, the values of a table. */
const entriesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === "object" && v !== null ? Object.values(v) : [v]);

/** Bottlerocket's KubernetesTaintValue (modeled-types kubernetes.rs): optional label-value, ":", alphanumeric effect. */
const TAINT_VALUE = /^([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?:[A-Za-z0-9]{1,253}$/;

function renderedKubernetes(config: Record<string, unknown>, origin: Record<string, FieldOrigin> = {}) {
  const split = splitForBottlerocket(config, origin);
  const toml = parseToml(renderBottlerocketUserData({ cluster, kubernetes: split.settings }));
  const settings = toml.settings as Record<string, Record<string, unknown>>;
  return { split, k8s: settings.kubernetes };
}

/** A field is accounted for: emitted (itself or a nested field), built in, not applicable, or reported. */
function accounted(split: BottlerocketKubeletSplit, field: string): boolean {
  const keys = Object.keys(split.settings);
  const emitted = Object.entries(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped).some(([f, m]) => (f === field || f.startsWith(`${field}.`)) && keys.includes(m.key));
  const reported = split.unsupported.some((d) => d.field === field || d.field.startsWith(`${field}.`) || d.field.startsWith(`${field}[`));
  return emitted || reported || split.builtIn.includes(field) || split.notApplicable.includes(field);
}

describe("Bottlerocket conversions, parsed back and compared with Bottlerocket's types", () => {
  const CONVERTED = {
    maxPods: 58,
    clusterDNS: ["10.100.0.10"],
    evictionHard: { "memory.available": "100Mi" },
    allowedUnsafeSysctls: ["net.core.somaxconn"],
    cpuManagerPolicy: "static",
    cpuManagerPolicyOptions: { "full-pcpus-only": "true" },
    registerWithTaints: [
      { key: "dedicated", value: "gpu", effect: "NoSchedule" },
      { key: "dedicated", value: "gpu", effect: "NoExecute" },
      { key: "spot", effect: "PreferNoSchedule" },
    ],
    memoryManagerPolicy: "Static",
    reservedMemory: [{ numaNode: 0, limits: { memory: "1Gi" } }, { numaNode: 1, limits: { memory: "512Mi" } }],
    memorySwap: { swapBehavior: "LimitedSwap" },
    singleProcessOOMKill: true,
    imageGCHighThresholdPercent: 80,
    imageGCLowThresholdPercent: 75,
  };

  it("emits every field, nothing reported", () => {
    const { split } = renderedKubernetes(CONVERTED);
    expect(split.unsupported).toEqual([]);
    for (const field of Object.keys(CONVERTED)) expect(accounted(split, field)).toBe(true);
  });

  it("gives every emitted key the TOML type (and entry type) the data file records for it", () => {
    const { k8s } = renderedKubernetes(CONVERTED);
    const byKey = new Map(Object.values(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped).map((m) => [m.key, m]));
    const own = ["cluster-name", "api-server", "cluster-certificate"];
    const emitted = Object.keys(k8s).filter((k) => !own.includes(k));
    expect(emitted).toHaveLength(Object.keys(CONVERTED).length);
    for (const key of emitted) {
      const setting = byKey.get(key);
      expect({ key, fits: setting !== undefined && fits(k8s[key], setting.tomlType) }).toEqual({ key, fits: true });
      const entries = setting?.entries;
      if (entries === undefined) continue;
      for (const item of entriesOf(k8s[key])) expect({ key, item, fits: fits(item, entries) }).toEqual({ key, item, fits: true });
    }
  });

  it("converts cpuManagerPolicyOptions to a list of option names", () => {
    expect(renderedKubernetes(CONVERTED).k8s["cpu-manager-policy-options"]).toEqual(["full-pcpus-only"]);
  });

  it("converts registerWithTaints to node-taints: key -> [\"value:Effect\"], empty values kept as \":Effect\"", () => {
    const taints = renderedKubernetes(CONVERTED).k8s["node-taints"] as Record<string, string[]>;
    expect(taints).toEqual({ dedicated: ["gpu:NoSchedule", "gpu:NoExecute"], spot: [":PreferNoSchedule"] });
    for (const v of Object.values(taints).flat()) expect(v).toMatch(TAINT_VALUE);
  });

  it("converts reservedMemory to one enabled table per NUMA node, and renders memoryManagerPolicy with it", () => {
    const { k8s } = renderedKubernetes(CONVERTED);
    expect(k8s["memory-manager-reserved-memory"]).toEqual({ "0": { enabled: true, memory: "1Gi" }, "1": { enabled: true, memory: "512Mi" } });
    expect(k8s["memory-manager-policy"]).toBe("Static");
  });

  it("renders a nested kubelet field to its own Bottlerocket key", () => {
    expect(renderedKubernetes({ memorySwap: { swapBehavior: "NoSwap" } }).k8s["memory-swap-behavior"]).toBe("NoSwap");
  });
});

describe("Bottlerocket: what the renderer cannot emit is reported, never dropped", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["an option turned off", { cpuManagerPolicyOptions: { "full-pcpus-only": "false" } }, "cpuManagerPolicyOptions.full-pcpus-only", /listed option as "true"/],
    ["a hugepages reservation", { memoryManagerPolicy: "Static", reservedMemory: [{ numaNode: 0, limits: { memory: "1Gi", "hugepages-1Gi": "2Gi" } }] }, "reservedMemory[0].limits.hugepages-1Gi", /only the memory limit/],
    ["the same NUMA node twice", { reservedMemory: [{ numaNode: 0, limits: { memory: "1Gi" } }, { numaNode: 0, limits: { memory: "2Gi" } }] }, "reservedMemory[1].numaNode", /twice/],
    ["memoryManagerPolicy without reservedMemory", { memoryManagerPolicy: "Static" }, "memoryManagerPolicy", /only together with reservedMemory/],
    ["a taint with timeAdded", { registerWithTaints: [{ key: "a", effect: "NoSchedule", timeAdded: "2026-01-01T00:00:00Z" }] }, "registerWithTaints[0].timeAdded", /timeAdded/],
    ["a value the template leaves out (false)", { singleProcessOOMKill: false }, "singleProcessOOMKill", /leaves settings.kubernetes.single-process-oom-kill out when it is false/],
    ["a value the template leaves out (0)", { maxParallelImagePulls: 0 }, "maxParallelImagePulls", /out when it is 0/],
    ["a nested field with no key", { memorySwap: { swapBehavior: "NoSwap", other: 1 } }, "memorySwap.other", /no settings.kubernetes/],
    ["a field with no key", { nodeStatusReportFrequency: "5m" }, "nodeStatusReportFrequency", /no settings.kubernetes/],
    ["a fixed field set to another value", { readOnlyPort: 10255 }, "readOnlyPort", /Bottlerocket sets readOnlyPort to 0 itself/],
  ])("%s", (_t, config, field, message) => {
    const { split } = renderedKubernetes(config);
    expect(split.unsupported).toEqual([{ field, message: expect.stringMatching(message) }]);
    for (const f of Object.keys(config)) expect(accounted(split, f)).toBe(true);
    expect(validateBottlerocketRendering(config, {}, "k")).toEqual([{ path: `k.${field}`, message: expect.stringMatching(message) }]);
  });

  it("leaves hardened defaults without a setting to Bottlerocket instead of reporting them", () => {
    const plan = planKubeletConfig({});
    const split = splitForBottlerocket(plan.config, plan.origin);
    expect(split.unsupported).toEqual([]);
    expect(split.notApplicable).toEqual(expect.arrayContaining(["rotateCertificates", "makeIPTablesUtilChains"]));
  });

  it("reports a weakened hardened field it cannot render (a hardening override)", () => {
    const plan = planKubeletConfig({ hardeningOverrides: [{ field: "readOnlyPort", value: 10255, reason: "legacy metrics" }] });
    expect(validateBottlerocketRendering(plan.config, plan.origin, "k")).toEqual([expect.objectContaining({ path: "k.readOnlyPort" })]);
  });

  it("sorts nested tables so equal settings render byte-identically", () => {
    const a = renderBottlerocketUserData({ cluster, kubernetes: { "node-taints": { b: [":NoSchedule"], a: [":NoSchedule"] } } });
    const b = renderBottlerocketUserData({ cluster, kubernetes: { "node-taints": { a: [":NoSchedule"], b: [":NoSchedule"] } } });
    expect(a).toBe(b);
  });
});
