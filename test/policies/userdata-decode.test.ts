/** Decoding launch template user data: the multipart reader against components/core/mime.ts and postal-mime, AL2023 and Bottlerocket. */
import PostalMime from "postal-mime";
import { renderMultipart } from "../../components/core";
import { al2023Kubelet, bottlerocketKubelet, flagsLayer, lookupKubelet } from "../../policies/kubelet-effective";
import { contentTypeParam, looksLikeMime, parseMultipart } from "../../policies/multipart";
import { decodeUserData, decodeUserDataText, deepMerge } from "../../policies/userdata-decode";
import { al2023UserData, b64, bottlerocketUserData } from "./policy-fixtures";

const NODECONFIG = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: 29\n";
const SCRIPT = "#!/bin/bash\nmodprobe ip_vs\n";

describe("parseMultipart", () => {
  const doc = renderMultipart([
    { contentType: "application/node.eks.aws", body: NODECONFIG },
    { contentType: 'text/x-shellscript; charset="us-ascii"', body: SCRIPT },
  ]);

  it("reads components/core/mime.ts output back: both parts, their types and bodies", () => {
    const parts = parseMultipart(doc);
    expect(parts.map((p) => p.mediaType)).toEqual(["application/node.eks.aws", "text/x-shellscript"]);
    expect(parts[0].body.trim()).toBe(NODECONFIG.trim());
    expect(parts[1].body.trim()).toBe(SCRIPT.trim());
    expect(parts[1].headers["content-type"]).toBe('text/x-shellscript; charset="us-ascii"');
  });

  it("agrees with postal-mime on the parts of the same document", async () => {
    const email = await PostalMime.parse(doc);
    const theirs = email.attachments.map((a) => ({
      mediaType: a.mimeType,
      body: (typeof a.content === "string" ? a.content : new TextDecoder().decode(a.content)).trim(),
    }));
    expect(parseMultipart(doc).map((p) => ({ mediaType: p.mediaType, body: p.body.trim() }))).toEqual(theirs);
  });

  it("handles LF line ends, a bare boundary, a preamble, folded headers and base64 parts", () => {
    const text = [
      "MIME-Version: 1.0",
      "Content-Type: multipart/mixed;",
      " boundary=XYZ",
      "",
      "This is a preamble.",
      "--XYZ",
      "Content-Type: application/node.eks.aws",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from(NODECONFIG).toString("base64"),
      "--XYZ--",
      "epilogue",
    ].join("\n");
    const parts = parseMultipart(text);
    expect(parts).toHaveLength(1);
    expect(parts[0].body).toBe(NODECONFIG);
  });

  it("flattens nested multiparts and refuses a multipart without boundary", () => {
    const inner = renderMultipart([{ contentType: "application/node.eks.aws", body: NODECONFIG }]);
    const [innerHead, ...innerBody] = inner.split("\r\n\r\n");
    const outer = renderMultipart([{ contentType: innerHead.split("\r\n")[1].replace(/^Content-Type: /, ""), body: innerBody.join("\r\n\r\n") }]);
    expect(parseMultipart(outer).map((p) => p.mediaType)).toEqual(["application/node.eks.aws"]);
    expect(() => parseMultipart("Content-Type: multipart/mixed\n\nx")).toThrow(/without a boundary/);
  });

  it("reads quoted and bare Content-Type parameters", () => {
    expect(contentTypeParam('multipart/mixed; boundary="==A;B=="', "boundary")).toBe("==A;B==");
    expect(contentTypeParam("multipart/mixed; charset=utf-8; boundary=abc", "boundary")).toBe("abc");
    expect(contentTypeParam("text/plain", "boundary")).toBeUndefined();
    expect(looksLikeMime("\nMIME-Version: 1.0\n")).toBe(true);
    expect(looksLikeMime("[settings.kubernetes]")).toBe(false);
  });
});

describe("decodeUserData", () => {
  it("decodes AL2023 user data rendered by components/userdata/al2023.ts, keeping every kubelet key", () => {
    const d = decodeUserData(al2023UserData({ maxPods: 58, kubeReserved: { cpu: "80m" } }, ["--node-labels=a=b"]));
    expect(d.os).toBe("AL2023");
    if (d.os !== "AL2023") return;
    expect(d.nodeConfigs).toBe(1);
    expect(d.kubeletConfig).toEqual(expect.objectContaining({ maxPods: 58, kubeReserved: { cpu: "80m" }, readOnlyPort: 0 }));
    expect(d.kubeletFlags).toEqual(["--node-labels=a=b"]);
  });

  it("merges several NodeConfig documents in order, as nodeadm does", () => {
    const text = renderMultipart([
      { contentType: "application/node.eks.aws", body: NODECONFIG },
      { contentType: "application/node.eks.aws", body: "---\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: 17\n      readOnlyPort: 0\n" },
    ]);
    const d = decodeUserDataText(text);
    expect(d).toEqual({ os: "AL2023", kubeletConfig: { maxPods: 17, readOnlyPort: 0 }, kubeletFlags: [], nodeConfigs: 2 });
  });

  it("decodes a bare NodeConfig (no MIME) and Bottlerocket TOML from components/userdata/bottlerocket.ts", () => {
    expect(decodeUserData(b64(NODECONFIG))).toEqual(expect.objectContaining({ os: "AL2023", kubeletConfig: { maxPods: 29 } }));
    const br = decodeUserData(bottlerocketUserData({ "max-pods": 29, "eviction-hard": { "memory.available": "5%" } }));
    expect(br).toEqual({ os: "BOTTLEROCKET", kubernetes: expect.objectContaining({ "max-pods": 29, "cluster-name": "test", "eviction-hard": { "memory.available": "5%" } }) });
  });

  it("says why it cannot read other user data", () => {
    expect(decodeUserData(b64(SCRIPT))).toEqual({ os: "unrecognized", reason: expect.stringMatching(/shell script/) });
    expect(decodeUserData("")).toEqual({ os: "unrecognized", reason: "empty user data" });
    expect(decodeUserData(Buffer.from([0x1f, 0x8b, 1, 2]).toString("base64"))).toEqual({ os: "unrecognized", reason: expect.stringMatching(/gzip/) });
    expect(decodeUserDataText(renderMultipart([{ contentType: "text/x-shellscript", body: SCRIPT }]))).toEqual({ os: "unrecognized", reason: expect.stringMatching(/without an application\/node\.eks\.aws part/) });
  });

  it("deep-merges objects and replaces lists", () => {
    expect(deepMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] } })).toEqual({ a: { b: 1, c: [2] }, d: 1 });
  });
});

describe("effective kubelet", () => {
  const al2023 = (config: Record<string, unknown>, flags: string[] = []) => al2023Kubelet({ os: "AL2023", kubeletConfig: config, kubeletFlags: flags, nodeConfigs: 1 });

  it("falls back to nodeadm's defaults on AL2023 and names the origin", () => {
    const k = al2023({ readOnlyPort: 0 });
    expect(lookupKubelet(k, ["readOnlyPort"])).toEqual({ value: 0, origin: "NodeConfig kubelet.config" });
    expect(lookupKubelet(k, ["authentication", "anonymous", "enabled"])).toEqual({ value: false, origin: "nodeadm default" });
    expect(lookupKubelet(k, ["evictionHard", "memory.available"])).toEqual({ value: "100Mi", origin: "nodeadm default" });
    expect(lookupKubelet(k, ["rotateCertificates"])).toEqual({ value: undefined });
  });

  it("lets flags win, a map flag replacing the whole map", () => {
    const k = al2023({ evictionHard: { "memory.available": "200Mi", "nodefs.available": "10%" } }, ["--eviction-hard=memory.available<300Mi", "--anonymous-auth"]);
    expect(lookupKubelet(k, ["evictionHard"])).toEqual({ value: { "memory.available": "300Mi" }, origin: "NodeConfig kubelet.flags" });
    expect(lookupKubelet(k, ["evictionHard", "nodefs.available"])).toEqual({ value: undefined, origin: "NodeConfig kubelet.flags" });
    expect(lookupKubelet(k, ["authentication", "anonymous", "enabled"]).value).toBe(true);
    expect(flagsLayer(["--read-only-port=10255", "--protect-kernel-defaults=false", "--node-labels=x=y"]).config).toEqual({ readOnlyPort: 10255, protectKernelDefaults: false });
  });

  it("on Bottlerocket, built-in values win over settings and mapped settings are read back as kubelet fields", () => {
    const k = bottlerocketKubelet({ os: "BOTTLEROCKET", kubernetes: { "max-pods": 29, "memory-swap-behavior": "LimitedSwap" } });
    expect(lookupKubelet(k, ["maxPods"])).toEqual({ value: 29, origin: "Bottlerocket settings.kubernetes" });
    expect(lookupKubelet(k, ["memorySwap", "swapBehavior"]).value).toBe("LimitedSwap");
    expect(lookupKubelet(k, ["readOnlyPort"])).toEqual({ value: 0, origin: "Bottlerocket built-in" });
    expect(lookupKubelet(k, ["protectKernelDefaults"])).toEqual({ value: true, origin: "Bottlerocket built-in" });
  });
});
