/**
 * Kubelet rules (CIS Amazon EKS Benchmark section 3.2), judged on the kubelet configuration a launch template's
 * user data gives its nodes: decoded (AL2023 NodeConfig or Bottlerocket TOML), layered over the platform's own
 * values (nodeadm defaults; what Bottlerocket enforces itself passes), see policies/kubelet-effective.ts.
 */
import { decodeUserData } from "../../components/userdata";
import { EffectiveKubelet, KubeletValue, al2023Kubelet, bottlerocketKubelet, lookupKubelet } from "../kubelet-effective";
import { PASS, ResourceRule, RuleLevel, RuleMapping, RuleResource, Verdict, notApplicable, undecided } from "../rule";
import { describe, isRecord, isUnknown } from "../rule-values";
import { LAUNCH_TEMPLATE } from "./launch-template";
import { MAPPINGS } from "./mappings";

type Kubelet = { readonly kubelet: EffectiveKubelet } | { readonly verdict: Verdict };
const decoded = new WeakMap<object, Kubelet>();

function readKubelet(r: RuleResource): Kubelet {
  const userData = r.props.userData;
  if (isUnknown(userData)) return { verdict: undecided("userData is unknown until deploy (it embeds the cluster endpoint)") };
  if (userData === undefined || userData === "") return { verdict: notApplicable("the launch template has no user data, so it sets no kubelet configuration") };
  if (typeof userData !== "string") return { verdict: undecided(`userData is ${describe(userData)}, not base64 text`) };
  const d = decodeUserData(userData);
  if (d.os === "unrecognized") return { verdict: undecided(`kubelet settings not readable from user data: ${d.reason}`) };
  return { kubelet: d.os === "AL2023" ? al2023Kubelet(d) : bottlerocketKubelet(d) };
}

/** The effective kubelet of a launch template (decoded once per resource). */
export function kubeletOf(r: RuleResource): Kubelet {
  const cached = decoded.get(r.props);
  if (cached) return cached;
  const k = readKubelet(r);
  decoded.set(r.props, k);
  return k;
}

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
    ...meta, kind: "resource", resourceTypes: [LAUNCH_TEMPLATE],
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

/** Rules on the kubelet configuration in launch template user data. */
export const KUBELET_RULES: readonly ResourceRule[] = SPECS.map(kubeletRule);
