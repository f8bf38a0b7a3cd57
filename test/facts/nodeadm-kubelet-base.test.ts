import { KUBELET_CONFIG_V1BETA1_DOCUMENT } from "../../components/facts";
import {
  NODEADM_KUBELET_BASE_FIELDS,
  NODEADM_KUBELET_BASE_SOURCE,
  nodeadmComputedFields,
  nodeadmKubeletBase,
  parseNodeadmKubeletBase,
} from "../../components/facts";
import raw from "../../components/facts/data/nodeadm-kubelet-base.json";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Go time.Duration strings as metav1.Duration serializes them ("2m30s", "30s", "1h0m0s"), in seconds. */
function goSeconds(d: string): number {
  const parts = [...d.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== d) throw new Error(`bad duration ${d}`);
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]], 0);
}

/** Top-level drop-in merge as the kubelet does it: drop-in keys replace base keys (maps merge key by key). */
function mergeDropIn(base: Readonly<Record<string, unknown>>, dropIn: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(dropIn)) out[k] = isObj(v) && isObj(out[k]) ? { ...out[k], ...v } : v;
  return out;
}

/** Static keys of nodeadm's e2e expectations (nodeadm/test/e2e/cases/.../expected-kubelet-config.json at the source commit). */
const E2E_COMMON = {
  kind: "KubeletConfiguration",
  apiVersion: "kubelet.config.k8s.io/v1beta1",
  address: "0.0.0.0",
  authentication: { x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" }, webhook: { enabled: true, cacheTTL: "2m0s" }, anonymous: { enabled: false } },
  authorization: { mode: "Webhook", webhook: { cacheAuthorizedTTL: "5m0s", cacheUnauthorizedTTL: "30s" } },
  cgroupDriver: "systemd",
  cgroupRoot: "/",
  clusterDomain: "cluster.local",
  containerRuntimeEndpoint: "unix:///run/containerd/containerd.sock",
  hairpinMode: "hairpin-veth",
  protectKernelDefaults: true,
  readOnlyPort: 0,
  logging: { verbosity: 2 },
  serializeImagePulls: false,
  serverTLSBootstrap: true,
  tlsCipherSuites: [
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_RSA_WITH_AES_256_GCM_SHA384",
  ],
  evictionHard: { "memory.available": "100Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%" },
  kubeReservedCgroup: "/runtime",
  systemReservedCgroup: "/system",
};
const E2E_COMPUTED_KEYS = ["clusterDNS", "maxPods", "kubeReserved", "providerID"];
/** kubelet-config-dir case, `mock::kubelet 1.29.0`. */
const E2E_1_29 = { ...E2E_COMMON, featureGates: { RotateKubeletServerCertificate: true } };
/** kubelet-config-set-empty case, `mock::kubelet 1.35.0`. */
const E2E_1_35 = {
  ...E2E_COMMON,
  featureGates: { RotateKubeletServerCertificate: true, DynamicResourceAllocation: true, MutableCSINodeAllocatableCount: true },
  shutdownGracePeriod: "2m30s",
  shutdownGracePeriodCriticalPods: "30s",
};

describe("nodeadm base kubelet config: version gates", () => {
  it.each(["1.34", "1.35", "1.34.0", "v1.34.2", "1.36"])("%s has graceful shutdown 2m30s / critical 30s", (v) => {
    const base = nodeadmKubeletBase(v);
    expect(base.shutdownGracePeriod).toBe("2m30s");
    expect(base.shutdownGracePeriodCriticalPods).toBe("30s");
    expect(goSeconds(String(base.shutdownGracePeriodCriticalPods))).toBeLessThanOrEqual(goSeconds(String(base.shutdownGracePeriod)));
  });

  it.each(["1.29", "1.32", "1.33", "1.33.9"])("%s has neither shutdown field", (v) => {
    const base = nodeadmKubeletBase(v);
    expect(base).not.toHaveProperty("shutdownGracePeriod");
    expect(base).not.toHaveProperty("shutdownGracePeriodCriticalPods");
  });

  it("adds DynamicResourceAllocation from 1.33 and MutableCSINodeAllocatableCount from 1.34", () => {
    expect(nodeadmKubeletBase("1.32").featureGates).toEqual({ RotateKubeletServerCertificate: true });
    expect(nodeadmKubeletBase("1.33").featureGates).toEqual({ RotateKubeletServerCertificate: true, DynamicResourceAllocation: true });
    expect(nodeadmKubeletBase("1.34").featureGates).toEqual({
      RotateKubeletServerCertificate: true,
      DynamicResourceAllocation: true,
      MutableCSINodeAllocatableCount: true,
    });
  });

  it("a drop-in with only shutdownGracePeriod: 20s on 1.34 leaves critical 30s > total 20s (kubelet refuses it)", () => {
    const effective = mergeDropIn(nodeadmKubeletBase("1.34"), { shutdownGracePeriod: "20s" });
    expect(goSeconds(String(effective.shutdownGracePeriodCriticalPods))).toBeGreaterThan(goSeconds(String(effective.shutdownGracePeriod)));
    const onOld = mergeDropIn(nodeadmKubeletBase("1.33"), { shutdownGracePeriod: "20s" });
    expect(onOld).not.toHaveProperty("shutdownGracePeriodCriticalPods");
  });
});

describe("nodeadm base kubelet config: matches nodeadm's own e2e expectations", () => {
  it.each([
    ["1.29", E2E_1_29],
    ["1.35", E2E_1_35],
  ])("%s static base plus computed keys equals the expected config.json", (v, expected) => {
    const base = nodeadmKubeletBase(v);
    expect(base).toEqual(expected);
    for (const k of E2E_COMPUTED_KEYS) expect(nodeadmComputedFields()).toContain(k);
  });

  it("leaves computed fields out of the static base", () => {
    const computed = nodeadmComputedFields();
    expect(computed).toEqual(expect.arrayContaining(["maxPods", "kubeReserved", "clusterDNS", "providerID", "imageServiceEndpoint"]));
    for (const v of ["1.29", "1.34", "1.35"]) for (const k of computed) expect(nodeadmKubeletBase(v)).not.toHaveProperty(k);
  });

  it("returns copies the caller cannot use to change the data", () => {
    const a = nodeadmKubeletBase("1.34");
    (a.featureGates as Record<string, boolean>).Foo = true;
    (a.tlsCipherSuites as string[]).length = 0;
    const b = nodeadmKubeletBase("1.34");
    expect(b.featureGates).not.toHaveProperty("Foo");
    expect((b.tlsCipherSuites as string[]).length).toBe(8);
  });

  it("refuses non-versions", () => {
    expect(() => nodeadmKubeletBase("latest")).toThrow(RangeError);
    expect(() => nodeadmKubeletBase("2.1")).toThrow(RangeError);
    expect(() => nodeadmKubeletBase("1.34.x")).toThrow(RangeError);
  });

  it("names the source commit", () => {
    expect(NODEADM_KUBELET_BASE_SOURCE.repo).toBe("awslabs/amazon-eks-ami");
    expect(NODEADM_KUBELET_BASE_SOURCE.path).toBe("nodeadm/internal/kubelet/config.go");
    expect(NODEADM_KUBELET_BASE_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("nodeadm base kubelet config: field names are real KubeletConfiguration fields", () => {
  const schema = KUBELET_CONFIG_V1BETA1_DOCUMENT as { fields: Record<string, { type: string; enum?: unknown[]; fields?: Record<string, unknown> }> };

  function checkNested(value: unknown, spec: { type: string; fields?: Record<string, unknown> }, at: string): void {
    if (spec.type !== "object" || spec.fields === undefined || !isObj(value)) return;
    for (const [k, v] of Object.entries(value)) {
      const sub = spec.fields[k];
      if (!isObj(sub)) throw new Error(`${at}.${k} is not a field of the KubeletConfiguration schema`);
      checkNested(v, sub as { type: string; fields?: Record<string, unknown> }, `${at}.${k}`);
    }
  }

  it.each(NODEADM_KUBELET_BASE_FIELDS.map((f) => [f.field, f] as const))("%s", (name, f) => {
    const spec = schema.fields[name];
    expect(spec).toBeDefined();
    if (f.value === undefined) return;
    if (spec.enum) expect(spec.enum).toContain(f.value);
    expect(() => checkNested(f.value, spec, name)).not.toThrow();
  });
});

describe("parseNodeadmKubeletBase refuses malformed documents", () => {
  const doc = raw as unknown as { source: Record<string, unknown>; fields: Record<string, unknown>[] };
  const withFields = (...fields: unknown[]): unknown => ({ source: doc.source, fields });

  it("accepts the shipped document", () => {
    expect(parseNodeadmKubeletBase(raw).fields.length).toBe(NODEADM_KUBELET_BASE_FIELDS.length);
  });

  it.each<[string, unknown, RegExp]>([
    ["not an object", [], /document must be an object/],
    ["no source", { fields: doc.fields }, /source must be an object/],
    ["short commit", { source: { ...doc.source, commit: "81fec2e8" }, fields: doc.fields }, /source\.commit/],
    ["empty fields", withFields(), /non-empty array/],
    ["both value and computed", withFields({ field: "maxPods", value: 110, computed: "x" }), /exactly one of value and computed/],
    ["neither value nor computed", withFields({ field: "maxPods" }), /exactly one of value and computed/],
    ["bad since", withFields({ field: "address", value: "0.0.0.0", since: "1.34.0" }), /since/],
    ["since after until", withFields({ field: "address", value: "0.0.0.0", since: "1.34", until: "1.33" }), /after until/],
    ["unknown key", withFields({ field: "address", value: "0.0.0.0", sinse: "1.34" }), /unknown key "sinse"/],
    [
      "overlapping ranges",
      withFields({ field: "address", value: "a", until: "1.33" }, { field: "address", value: "b", since: "1.33" }),
      /overlapping/,
    ],
    ["computed twice", withFields({ field: "maxPods", computed: "x" }, { field: "maxPods", computed: "y" }), /computed/],
  ])("%s", (_name, bad, message) => {
    expect(() => parseNodeadmKubeletBase(bad)).toThrow(message);
  });
});
