/**
 * Kubelet rules (CIS Amazon EKS Benchmark section 3.2), judged on the kubelet configuration a launch template's
 * user data gives its nodes: decoded (AL2023 NodeConfig or Bottlerocket TOML), layered over the platform's own
 * values (nodeadm's base config.json; what Bottlerocket enforces itself passes), see policies/kubelet-effective.ts; and on
 * a karpenter pool's EC2NodeClass, its `spec.userData` with its `spec.kubelet` over it. They
 * judge the configuration the kubelet runs with: kube-bench, which reads one file, sees only nodeadm's base on AL2023.
 */
import { KubeletValue, lookupKubelet } from "../kubelet-effective";
import { PASS, ResourceRule, Rule, RuleLevel, RuleMapping } from "../rule";
import { describe, isRecord } from "../rule-values";
import { kubeletOf } from "./kubelet-of";
import { MAX_PODS_RULE } from "./kubelet-max-pods";
import { MAPPINGS } from "./mappings";
import { EC2_NODE_CLASS_TYPE, LAUNCH_TEMPLATE_TYPE } from "../../components/core";

interface KubeletRuleSpec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: RuleLevel;
  readonly mapping: RuleMapping;
  readonly remediation: string;
  /** KubeletConfiguration field path. */
  readonly path: readonly string[];
  /** The problem with the effective value, or undefined when it is fine. */
  readonly judge: (value: unknown) => string | undefined;
}

function where(path: readonly string[], v: KubeletValue, os: string): string {
  return v.origin ? `${path.join(".")} from ${v.origin} on ${os}` : `${path.join(".")} not set on ${os}, the kubelet's own default applies`;
}

function kubeletRule(spec: KubeletRuleSpec): ResourceRule {
  const { path, judge, ...meta } = spec;
  return {
    ...meta, kind: "resource", resourceTypes: [LAUNCH_TEMPLATE_TYPE, EC2_NODE_CLASS_TYPE],
    check: (r) => {
      const k = kubeletOf(r);
      if ("verdict" in k) return k.verdict;
      const v = lookupKubelet(k.kubelet, path);
      const problem = judge(v.value);
      return problem === undefined ? PASS : [`${problem} (${where(path, v, k.kubelet.os)})`];
    },
  };
}

const EVICTION_SIGNALS = ["memory.available", "nodefs.available"] as const;

const SPECS: readonly KubeletRuleSpec[] = [
  {
    id: "EKS-KUBELET-001", name: "eks-kubelet-anonymous-auth-off", enforcementLevel: "mandatory", mapping: MAPPINGS.anonymousAuth,
    description: "The kubelet refuses anonymous requests (authentication.anonymous.enabled = false).",
    remediation: "Remove the authentication hardening override from workerpools:kubelet / the pool's kubelet (and Bottlerocket standalone-mode).",
    path: ["authentication", "anonymous", "enabled"],
    judge: (v) => (v === false ? undefined : `anonymous authentication is ${v === true ? "on" : `not turned off (${describe(v)})`}`),
  },
  {
    id: "EKS-KUBELET-002", name: "eks-kubelet-webhook-authorization", enforcementLevel: "mandatory", mapping: MAPPINGS.authorizationMode,
    description: "The kubelet authorizes requests through the API server (authorization.mode = Webhook), never AlwaysAllow.",
    remediation: "Remove the authorization hardening override; the hardened default is Webhook.",
    path: ["authorization", "mode"],
    judge: (v) => (v === "Webhook" ? undefined : `authorization.mode is ${describe(v)}${v === "AlwaysAllow" ? ": every authenticated request is allowed" : "; use Webhook"}`),
  },
  {
    id: "EKS-KUBELET-003", name: "eks-kubelet-read-only-port-off", enforcementLevel: "mandatory", mapping: MAPPINGS.readOnlyPort,
    description: "The kubelet's unauthenticated read-only port is off (readOnlyPort = 0).",
    remediation: "Remove the readOnlyPort hardening override (hardened default 0).",
    path: ["readOnlyPort"],
    judge: (v) => (v === 0 ? undefined : `readOnlyPort is ${describe(v)}: pod and node data is served without authentication`),
  },
  {
    id: "EKS-KUBELET-004", name: "eks-kubelet-rotate-certificates", enforcementLevel: "mandatory", mapping: MAPPINGS.rotateCertificates,
    description: "Kubelet client certificate rotation is not turned off (rotateCertificates absent or true).",
    remediation: "Remove the rotateCertificates hardening override (hardened default true).",
    path: ["rotateCertificates"],
    judge: (v) => (v === false ? "rotateCertificates is false: the kubelet keeps its client certificate until it expires" : undefined),
  },
  {
    id: "EKS-KUBELET-005", name: "eks-kubelet-protect-kernel-defaults", enforcementLevel: "mandatory", mapping: MAPPINGS.protectKernelDefaults,
    description: "The kubelet refuses to run on kernel settings that differ from its defaults (protectKernelDefaults = true).",
    remediation: "Remove the protectKernelDefaults hardening override (hardened default true).",
    path: ["protectKernelDefaults"],
    judge: (v) => (v === true ? undefined : `protectKernelDefaults is ${describe(v)}`),
  },
  {
    id: "EKS-KUBELET-006", name: "eks-kubelet-eviction-thresholds", enforcementLevel: "advisory", mapping: MAPPINGS.resourceRequests,
    description: `Hard eviction thresholds for ${EVICTION_SIGNALS.join(" and ")} are configured, so the kubelet evicts pods before the node runs out.`,
    remediation: "Set workerpools:kubelet.evictionHard (e.g. memory.available: 200Mi, nodefs.available: 10%).",
    path: ["evictionHard"],
    judge: (v) => {
      const missing = EVICTION_SIGNALS.filter((s) => !(isRecord(v) && typeof v[s] === "string"));
      return missing.length === 0 ? undefined : `evictionHard has no ${missing.join(" / ")} threshold (${describe(v)})`;
    },
  },
  {
    id: "EKS-KUBELET-007", name: "eks-kubelet-iptables-util-chains", enforcementLevel: "mandatory", mapping: MAPPINGS.iptablesChains,
    description: "The kubelet manages its iptables utility chains (makeIPTablesUtilChains absent or true).",
    remediation: "Remove makeIPTablesUtilChains: false from the kubelet options.",
    path: ["makeIPTablesUtilChains"],
    judge: (v) => (v === false ? "makeIPTablesUtilChains is false" : undefined),
  },
];

/**
 * CIS 3.2.7, judged on the configuration the kubelet runs with. kube-bench reads one file, the first of its `confs`
 * that exists: on AL2023 /etc/kubernetes/kubelet/config.json, nodeadm's base, not our drop-in config.json.d/40-nodeadm.conf.
 */
const EVENT_QPS: KubeletRuleSpec = {
  id: "EKS-KUBELET-009", name: "eks-kubelet-event-record-qps", enforcementLevel: "advisory", mapping: MAPPINGS.eventRecordQps,
  description: "CIS 3.2.7: eventRecordQPS in the node's effective kubelet configuration is 0 (no limit) or a positive limit (unset: the kubelet's default 50). kube-bench reads only the base config.json on AL2023 (our NodeConfig is the drop-in config.json.d/40-nodeadm.conf, which it does not read), so its 3.2.7 can fail there (cfg/eks-1.7.0 requires the field) although the node runs with eventRecordQPS 50.",
  remediation: "Keep the hardened default eventRecordQPS: 50, or change it with hardeningOverrides: [{ field: eventRecordQPS, value: 0 or more, reason }].",
  path: ["eventRecordQPS"],
  judge: (v) => (v === undefined || (typeof v === "number" && Number.isInteger(v) && v >= 0) ? undefined : `eventRecordQPS is ${describe(v)}; use 0 or a positive limit`),
};

/** Rules on the kubelet configuration in launch template user data (and, for maxPods, the node group and vpc-cni). */
export const KUBELET_RULES: readonly Rule[] = [...SPECS.map(kubeletRule), MAX_PODS_RULE, kubeletRule(EVENT_QPS)];
