/**
 * The one MIME multipart builder (RFC 2046 `multipart/mixed`) used for EC2 user data, and the one reader (what
 * cloud-init and nodeadm read): headers with folded lines, a quoted or bare boundary, CRLF or LF line ends, preamble
 * and epilogue, base64 parts, nested multiparts (flattened). Pure; the reader is tested by parsing the builder's
 * output back and against postal-mime.
 */
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

/** One leaf part of a parsed document. */
export interface MimeLeaf {
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The Content-Type value as written, e.g. `text/x-shellscript; charset="us-ascii"`; `text/plain` when absent (RFC 2045). */
  readonly contentType: string;
  /** Media type without parameters, lower-cased, e.g. `application/node.eks.aws`. */
  readonly mediaType: string;
  /** Decoded body text (base64 parts decoded; line ends as written). */
  readonly body: string;
}

/** Headers and body of one entity. */
interface Entity {
  readonly headers: Record<string, string>;
  readonly body: string;
}

function splitEntity(text: string): Entity {
  const lines = text.split(/\r?\n/);
  const headers: Record<string, string> = {};
  let i = 0;
  let last: string | undefined;
  for (; i < lines.length && lines[i] !== ""; i++) {
    const line = lines[i];
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers[last] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) break;
    last = line.slice(0, colon).trim().toLowerCase();
    headers[last] = line.slice(colon + 1).trim();
  }
  const bodyStart = lines[i] === "" ? i + 1 : i;
  return { headers, body: lines.slice(bodyStart).join("\n") };
}

/** The media type of a Content-Type value, lower-cased; `text/plain` when absent (RFC 2045). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? "text/plain").split(";")[0].trim().toLowerCase();
}

/** A Content-Type parameter (`boundary`, `charset`), unquoted; undefined when absent. */
export function contentTypeParam(contentType: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, "i");
  const m = re.exec(contentType);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2];
}

function decodeBody(entity: Entity): string {
  const encoding = (entity.headers["content-transfer-encoding"] ?? "").toLowerCase();
  return encoding === "base64" ? Buffer.from(entity.body.replace(/\s+/g, ""), "base64").toString("utf8") : entity.body;
}

/** Bodies between `--boundary` delimiter lines, up to the `--boundary--` close line. */
function splitParts(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of body.split(/\n/)) {
    const bare = line.replace(/\r$/, "").replace(/[ \t]+$/, "");
    if (bare === `${delimiter}--`) break;
    if (bare === delimiter) {
      if (current) parts.push(current.join("\n"));
      current = [];
      continue;
    }
    current?.push(line.replace(/\r$/, ""));
  }
  if (current) parts.push(current.join("\n"));
  return parts;
}

/** Every leaf part of a multipart document; a single-part document yields itself. Throws on a multipart without boundary. */
export function parseMultipart(text: string): MimeLeaf[] {
  return leavesOf(splitEntity(text), 0);
}

const MAX_DEPTH = 8;

function leavesOf(entity: Entity, depth: number): MimeLeaf[] {
  const contentType = entity.headers["content-type"];
  const mediaType = mediaTypeOf(contentType);
  if (!mediaType.startsWith("multipart/")) {
    return [{ headers: entity.headers, contentType: contentType ?? "text/plain", mediaType, body: decodeBody(entity) }];
  }
  const boundary = contentType === undefined ? undefined : contentTypeParam(contentType, "boundary");
  if (!boundary) throw new Error(`multipart document without a boundary parameter (Content-Type: ${contentType ?? "absent"})`);
  if (depth >= MAX_DEPTH) throw new Error(`multipart nesting deeper than ${MAX_DEPTH} levels`);
  return splitParts(entity.body, boundary).flatMap((part) => leavesOf(splitEntity(part), depth + 1));
}

/** True when `text` starts like a MIME document (a `MIME-Version` or `Content-Type` header first). */
export const looksLikeMime = (text: string): boolean => /^(mime-version|content-type)\s*:/i.test(text.trimStart());
