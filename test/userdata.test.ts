/** User data rendering, parsed back with independent parsers (postal-mime, yaml, smol-toml). */
import PostalMime from "postal-mime";
import * as YAML from "yaml";
import { parse as parseToml } from "smol-toml";
import { chooseBoundary, renderMultipart } from "../components/mime";
import { NODECONFIG_CONTENT_TYPE, renderAl2023UserData } from "../components/userdata";
import { renderBottlerocketUserData, splitForBottlerocket } from "../components/bottlerocket-userdata";
import { HARDENED_KUBELET_DEFAULTS, planKubeletConfig } from "../components/kubelet-config";

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
    expect(splitForBottlerocket(plan.config, plan.origin).unsupported).toContain("nodeStatusReportFrequency");
  });
});
