/**
 * Kubernetes label and taint syntax (apimachinery `validation.IsQualifiedName` / `IsValidLabelValue`), and the rules
 * node group labels must also meet: the kubelet's `--node-labels` restriction on the kubernetes.io / k8s.io
 * namespaces and the EKS node group label limits, shipped as data in `data/kubelet-well-known.json`
 * (sources named there). Pure.
 */
import { KUBELET_WELL_KNOWN_DOCUMENT as rawWellKnown } from "../facts";
import { ConfigIssue, checkEntries, dataReader } from "../core";

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

/** What the kubelet and EKS accept as node group label keys and values. */
export interface NodeLabelRules {
  /** Label namespaces the kubelet restricts in `--node-labels` (and their subdomains): kubernetes.io, k8s.io. */
  readonly kubernetesNamespaces: readonly string[];
  /** Namespaces inside those that the kubelet allows (and their subdomains), e.g. node.kubernetes.io. */
  readonly kubeletNamespaces: readonly string[];
  /** Single labels inside those that the kubelet allows, e.g. topology.kubernetes.io/zone. */
  readonly kubeletLabels: readonly string[];
  /** Key prefixes the EKS API refuses in node group labels. */
  readonly eksReservedPrefixes: readonly string[];
  /** Longest node group label key EKS accepts, prefix included. */
  readonly eksKeyMaxLength: number;
  /** Shortest node group label value EKS accepts. */
  readonly eksValueMinLength: number;
}

const { record, strings, num } = dataReader("kubelet-well-known");

/** Parses the `nodeLabels` and `eksNodegroupLabels` sections (exported for tests; use {@link NODE_LABEL_RULES}). */
export function parseNodeLabelRules(raw: unknown): NodeLabelRules {
  const o = record(raw, "root");
  const k = record(o.nodeLabels, "nodeLabels");
  const e = record(o.eksNodegroupLabels, "eksNodegroupLabels");
  return {
    kubernetesNamespaces: strings(k.kubernetesNamespaces, "nodeLabels.kubernetesNamespaces"),
    kubeletNamespaces: strings(k.kubeletNamespaces, "nodeLabels.kubeletNamespaces"),
    kubeletLabels: strings(k.kubeletLabels, "nodeLabels.kubeletLabels"),
    eksReservedPrefixes: strings(e.reservedPrefixes, "eksNodegroupLabels.reservedPrefixes"),
    eksKeyMaxLength: num(e.keyMaxLength, "eksNodegroupLabels.keyMaxLength"),
    eksValueMinLength: num(e.valueMinLength, "eksNodegroupLabels.valueMinLength"),
  };
}

/** The node label rules, parsed once from the shipped data. */
export const NODE_LABEL_RULES: NodeLabelRules = parseNodeLabelRules(rawWellKnown);

const namespaceOf = (key: string): string => (key.includes("/") ? key.slice(0, key.indexOf("/")) : "");
const inNamespace = (ns: string, parent: string): boolean => ns === parent || ns.endsWith(`.${parent}`);
const nameOf = (key: string): string => key.slice(key.indexOf("/") + 1);

/** True when the kubelet accepts `key` in `--node-labels` (k8s.io/kubelet `IsKubeletLabel`, kubelet `isKubernetesLabel`). */
export function isKubeletNodeLabel(key: string, rules: NodeLabelRules = NODE_LABEL_RULES): boolean {
  const ns = namespaceOf(key);
  if (!rules.kubernetesNamespaces.some((p) => inNamespace(ns, p))) return true;
  return rules.kubeletLabels.includes(key) || rules.kubeletNamespaces.some((p) => inNamespace(ns, p));
}

/** The EKS-reserved prefix a node group label key starts with, if any (also refused for node group taint keys). */
export const eksReservedPrefix = (key: string, rules: NodeLabelRules = NODE_LABEL_RULES): string | undefined =>
  rules.eksReservedPrefixes.find((p) => key.startsWith(p));

/** Why a syntactically valid key cannot be a node group label, if it cannot. */
function nodeLabelKeyProblem(key: string, r: NodeLabelRules): string | undefined {
  const prefix = eksReservedPrefix(key, r);
  if (prefix !== undefined) {
    return `"${key}" starts with "${prefix}", which EKS refuses in node group labels (reserved: ${r.eksReservedPrefixes.join(", ")}); use a prefix of your own, or node.kubernetes.io/${nameOf(key)}`;
  }
  if (!isKubeletNodeLabel(key, r)) {
    const allowed = r.kubeletNamespaces.map((n) => `${n}/`).join(", ");
    return `"${key}" is in the ${namespaceOf(key)} namespace, which the kubelet refuses in --node-labels (it would not start); allowed there: keys under ${allowed} (or their subdomains) and ${r.kubeletLabels.join(", ")}. Use node.kubernetes.io/${nameOf(key)} or a prefix of your own`;
  }
  if (key.length > r.eksKeyMaxLength) return `"${key}" is ${key.length} characters; EKS node group label keys are at most ${r.eksKeyMaxLength}, prefix included`;
  return undefined;
}

/**
 * Checks node group label keys and values: Kubernetes syntax, the kubelet's `--node-labels` namespace rule (a label
 * in kubernetes.io / k8s.io outside the kubelet's allowed set stops the kubelet), and the EKS limits (reserved
 * prefixes, key length, non-empty value). `at` is the labels map path.
 */
export function validateLabels(labels: Readonly<Record<string, string>>, at: string, rules: NodeLabelRules = NODE_LABEL_RULES): ConfigIssue[] {
  return checkEntries(Object.entries(labels), at, ([k, v]): ConfigIssue[] => {
    const keyProblem = isQualifiedName(k)
      ? nodeLabelKeyProblem(k, rules)
      : `"${k}" is not a valid label key: [prefix/]name, name <= 63 characters of [A-Za-z0-9-_.] starting and ending alphanumeric`;
    if (keyProblem !== undefined) return [{ path: `${at}.${k}`, message: keyProblem }];
    if (!isLabelValue(v)) {
      return [{ path: `${at}.${k}`, message: `"${v}" is not a valid label value: <= 63 characters of [A-Za-z0-9-_.], starting and ending alphanumeric` }];
    }
    if (v.length < rules.eksValueMinLength) {
      return [{ path: `${at}.${k}`, message: `EKS node group labels need a value of at least ${rules.eksValueMinLength} character; got an empty value` }];
    }
    return [];
  });
}
