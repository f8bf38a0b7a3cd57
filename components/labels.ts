/** Kubernetes label and taint syntax (apimachinery `validation.IsQualifiedName` / `IsValidLabelValue`). Pure. */
import { ConfigIssue } from "./config-issue";

const NAME_RE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A qualified name: optional DNS-subdomain prefix (<= 253) and `/`, then a name of <= 63 characters. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split("/");
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (name.length === 0 || name.length > 63 || !NAME_RE.test(name)) return false;
  if (parts.length === 2) return parts[0].length > 0 && parts[0].length <= 253 && DNS_SUBDOMAIN_RE.test(parts[0]);
  return true;
}

/** A label value: empty, or <= 63 characters of the name alphabet. */
export const isLabelValue = (v: string): boolean => v === "" || (v.length <= 63 && NAME_RE.test(v));

/** Checks label keys and values; `at` is the labels map path. */
export function validateLabels(labels: Readonly<Record<string, string>>, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [k, v] of Object.entries(labels)) {
    if (!isQualifiedName(k)) {
      issues.push({ path: `${at}.${k}`, message: `"${k}" is not a valid label key: [prefix/]name, name <= 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric` });
    } else if (!isLabelValue(v)) {
      issues.push({ path: `${at}.${k}`, message: `"${v}" is not a valid label value: <= 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric, or empty` });
    }
  }
  return issues;
}
