/** The one MIME multipart builder (RFC 2046 `multipart/mixed`) used for EC2 user data. Pure. */
import { createHash } from "node:crypto";

/** One part of a multipart document. */
export interface MimePart {
  /** Full Content-Type value, e.g. `application/node.eks.aws` or `text/x-shellscript; charset="us-ascii"`. */
  readonly contentType: string;
  /** Part body (text). */
  readonly body: string;
}

/**
 * A boundary found in no part: derived from the content hash (stable output for stable input, so a
 * re-render does not create a new launch template version), lengthened until no body contains it.
 */
export function chooseBoundary(parts: readonly MimePart[]): string {
  const digest = createHash("sha256").update(parts.map((p) => p.contentType + "\n" + p.body).join("\0")).digest("hex");
  for (let len = 16; ; len += 8) {
    const boundary = `==BOUNDARY_${digest.slice(0, len)}==`;
    if (parts.every((p) => !p.body.includes(boundary))) return boundary;
    if (len >= digest.length) return `${boundary}${len}`;
  }
}

/** Renders a `multipart/mixed` document with CRLF line ends, as cloud-init and nodeadm parse it. */
export function renderMultipart(parts: readonly MimePart[]): string {
  const boundary = chooseBoundary(parts);
  const lines = ["MIME-Version: 1.0", `Content-Type: multipart/mixed; boundary="${boundary}"`, ""];
  for (const part of parts) {
    lines.push(`--${boundary}`, `Content-Type: ${part.contentType}`, "", part.body.replace(/\r?\n/g, "\r\n"));
  }
  lines.push(`--${boundary}--`, "");
  return lines.join("\r\n");
}
