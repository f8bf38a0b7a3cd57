/** The MIME multipart reader (components/core/mime.ts) against the builder beside it and against postal-mime. */
import PostalMime from "postal-mime";
import { contentTypeParam, looksLikeMime, mediaTypeOf, parseMultipart, renderMultipart } from "../../components/core";

const NODECONFIG = "apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      maxPods: 29\n";
const SCRIPT = "#!/bin/bash\nmodprobe ip_vs\n";

describe("parseMultipart", () => {
  const doc = renderMultipart([
    { contentType: "application/node.eks.aws", body: NODECONFIG },
    { contentType: 'text/x-shellscript; charset="us-ascii"', body: SCRIPT },
  ]);

  it("reads renderMultipart output back: both parts, their types and bodies", () => {
    const parts = parseMultipart(doc);
    expect(parts.map((p) => p.mediaType)).toEqual(["application/node.eks.aws", "text/x-shellscript"]);
    expect(parts[0].body.trim()).toBe(NODECONFIG.trim());
    expect(parts[1].body.trim()).toBe(SCRIPT.trim());
    expect(parts[1].headers["content-type"]).toBe('text/x-shellscript; charset="us-ascii"');
    expect(parts.map((p) => p.contentType)).toEqual(["application/node.eks.aws", 'text/x-shellscript; charset="us-ascii"']);
  });

  it("returns the bodies as written, CRLF line ends read as LF", () => {
    expect(parseMultipart(doc).map((p) => p.body)).toEqual([NODECONFIG, SCRIPT]);
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

  it("reads a single-part document as itself, text/plain when it has no Content-Type", () => {
    expect(parseMultipart("Content-Type: text/x-shellscript\n\n" + SCRIPT)).toEqual([
      { headers: { "content-type": "text/x-shellscript" }, contentType: "text/x-shellscript", mediaType: "text/x-shellscript", body: SCRIPT },
    ]);
    expect(parseMultipart("MIME-Version: 1.0\n\nhello")[0]).toMatchObject({ contentType: "text/plain", mediaType: "text/plain", body: "hello" });
  });

  it("reads quoted and bare Content-Type parameters", () => {
    expect(contentTypeParam('multipart/mixed; boundary="==A;B=="', "boundary")).toBe("==A;B==");
    expect(contentTypeParam("multipart/mixed; charset=utf-8; boundary=abc", "boundary")).toBe("abc");
    expect(contentTypeParam("text/plain", "boundary")).toBeUndefined();
    expect(mediaTypeOf('Text/X-ShellScript; charset="us-ascii"')).toBe("text/x-shellscript");
    expect(mediaTypeOf(undefined)).toBe("text/plain");
    expect(looksLikeMime("\nMIME-Version: 1.0\n")).toBe(true);
    expect(looksLikeMime("[settings.kubernetes]")).toBe(false);
  });
});
