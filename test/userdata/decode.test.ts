/**
 * The one user data decoder (components/userdata/decode.ts), on user data from the real renderers and on what other
 * tools write: AL2023 MIME and bare NodeConfig, Bottlerocket TOML, and the reasons it gives for anything else.
 */
import { renderMultipart } from "../../components/core";
import { HARDENED_KUBELET_DEFAULTS } from "../../components/kubelet";
import {
  BOTTLEROCKET_CLUSTER_KEYS, NODECONFIG_CONTENT_TYPE, decodeUserData, decodeUserDataText, renderAl2023Preparation, renderAl2023UserData,
  renderBottlerocketUserData,
} from "../../components/userdata";

const CLUSTER = { name: "test", apiServerEndpoint: "https://api.example", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");
const al2023 = (config: Record<string, unknown>, kubeletFlags: string[] = []): string =>
  b64(renderAl2023UserData({ cluster: CLUSTER, kubeletConfig: { ...HARDENED_KUBELET_DEFAULTS, ...config }, kubeletFlags }));
const bottlerocket = (kubernetes: Record<string, unknown>, kernelModules: string[] = []): string =>
  b64(renderBottlerocketUserData({ cluster: CLUSTER, kubernetes, kernelModules }));

const NODECONFIG = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: 29\n";
const SCRIPT = "#!/bin/bash\nmodprobe ip_vs\n";

describe("AL2023", () => {
  it("decodes user data rendered by renderAl2023UserData, keeping every kubelet key, the flags and spec.cluster", () => {
    const d = decodeUserData(al2023({ maxPods: 58, kubeReserved: { cpu: "80m" } }, ["--node-labels=a=b"]));
    expect(d.os).toBe("AL2023");
    if (d.os !== "AL2023") return;
    expect(d.nodeConfigs).toHaveLength(1);
    expect(d.kubeletConfig).toEqual(expect.objectContaining({ maxPods: 58, kubeReserved: { cpu: "80m" }, readOnlyPort: 0 }));
    expect(d.kubeletFlags).toEqual(["--node-labels=a=b"]);
    expect(d.cluster).toEqual({ name: "test", apiServerEndpoint: "https://api.example", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" });
    expect(d.parts.map((p) => p.mediaType)).toEqual([NODECONFIG_CONTENT_TYPE]);
  });

  it("keeps the shell-script parts after the NodeConfig, with their Content-Type as written", () => {
    const script = renderAl2023Preparation({ kernelModules: ["ip_vs"] });
    if (!script) throw new Error("expected a preparation script");
    const d = decodeUserData(b64(renderAl2023UserData({ cluster: CLUSTER, kubeletConfig: { maxPods: 29 }, extraParts: [script] })));
    if (d.os !== "AL2023") throw new Error(`expected AL2023, got ${d.os}`);
    expect(d.parts.map((p) => [p.contentType, p.body])).toEqual([
      [NODECONFIG_CONTENT_TYPE, expect.stringContaining("kind: NodeConfig")],
      ['text/x-shellscript; charset="us-ascii"', script.body],
    ]);
  });

  it("merges several NodeConfig documents in order, as nodeadm does", () => {
    const text = renderMultipart([
      { contentType: "application/node.eks.aws", body: NODECONFIG },
      { contentType: "application/node.eks.aws", body: "---\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: 17\n      readOnlyPort: 0\n" },
    ]);
    const d = decodeUserDataText(text);
    expect(d).toEqual(expect.objectContaining({ os: "AL2023", kubeletConfig: { maxPods: 17, readOnlyPort: 0 }, kubeletFlags: [], cluster: {} }));
    expect(d.os === "AL2023" && d.nodeConfigs.length).toBe(2);
  });

  it("decodes a bare NodeConfig (no MIME)", () => {
    expect(decodeUserData(b64(NODECONFIG))).toEqual(expect.objectContaining({ os: "AL2023", kubeletConfig: { maxPods: 29 }, parts: [] }));
  });
});

describe("Bottlerocket", () => {
  it("decodes TOML from renderBottlerocketUserData: settings.kubernetes whole, the cluster keys apart, other settings groups", () => {
    const d = decodeUserData(bottlerocket({ "max-pods": 29, "eviction-hard": { "memory.available": "5%" } }, ["ip_vs"]));
    expect(d).toEqual({
      os: "BOTTLEROCKET",
      kubernetes: expect.objectContaining({ "max-pods": 29, "cluster-name": "test", "eviction-hard": { "memory.available": "5%" } }),
      cluster: { "api-server": "https://api.example", "cluster-certificate": "Q0E=", "cluster-name": "test" },
      settings: expect.objectContaining({ kernel: { modules: { ip_vs: { allowed: true, autoload: true } } } }),
      // No container-runtime / container-registry settings groups: nothing read as container runtime.
      containerRuntime: {},
      sysctls: {},
      bootstrapCommands: {},
    });
    expect(Object.keys(d.os === "BOTTLEROCKET" ? d.cluster : {}).sort()).toEqual([...BOTTLEROCKET_CLUSTER_KEYS].sort());
  });
});

describe("what it cannot read", () => {
  it("says why, and keeps the text", () => {
    expect(decodeUserData(b64(SCRIPT))).toEqual({ os: "unrecognized", reason: expect.stringMatching(/shell script/), text: SCRIPT, parts: [] });
    expect(decodeUserData("")).toEqual({ os: "unrecognized", reason: "empty user data", text: "", parts: [] });
    expect(decodeUserData(Buffer.from([0x1f, 0x8b, 1, 2]).toString("base64"))).toEqual(expect.objectContaining({ os: "unrecognized", reason: expect.stringMatching(/gzip/) }));
    expect(decodeUserData(b64("just text"))).toEqual(expect.objectContaining({ os: "unrecognized", reason: expect.stringMatching(/^neither MIME/), text: "just text" }));
  });

  it("keeps the parts of MIME user data without a NodeConfig part", () => {
    const d = decodeUserDataText(renderMultipart([{ contentType: "text/x-shellscript", body: SCRIPT }]));
    expect(d).toEqual(expect.objectContaining({ os: "unrecognized", reason: expect.stringMatching(/without an application\/node\.eks\.aws part/) }));
    expect(d.os === "unrecognized" && d.parts.map((p) => [p.mediaType, p.body])).toEqual([["text/x-shellscript", SCRIPT]]);
  });

  it("reports unreadable MIME instead of throwing", () => {
    expect(decodeUserDataText("Content-Type: multipart/mixed\n\nx")).toEqual(expect.objectContaining({ os: "unrecognized", reason: expect.stringMatching(/^unreadable MIME user data: .*without a boundary/) }));
  });
});
