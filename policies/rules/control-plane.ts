/**
 * Control-plane rules. They read the `eks:index:Cluster` component's inputs (what the offline plan and the
 * component registration carry) and the `aws:eks/cluster:Cluster` it creates in a real preview, through one view.
 */
import { checkCidr, CLUSTER_TYPE, coversWholeInternet, INNER_EKS_CLUSTER_TYPE, NODE_GROUP_TYPE } from "../../components/core";
import { compareVersions, eksVersion, newestEksVersion, supportStatus } from "../../components/facts";
import { PASS, ResourceRule, RuleResource, Verdict, undecided } from "../rule";
import { describe, get, isUnknown, stringList } from "../rule-values";
import { MAPPINGS } from "./mappings";

/** Resource types carrying control-plane settings. */
export const CLUSTER_TYPES = [CLUSTER_TYPE, INNER_EKS_CLUSTER_TYPE] as const;

/** The control-plane settings of either resource type, by their meaning. */
interface ControlPlaneView {
  readonly privateAccess: unknown;
  readonly publicAccess: unknown;
  readonly publicAccessCidrs: unknown;
  readonly secretsKeyArn: unknown;
  readonly logTypes: unknown;
  readonly deletionProtection: unknown;
}

function secretsKeyOfAwsCluster(p: Readonly<Record<string, unknown>>): unknown {
  const config = p.encryptionConfig;
  if (isUnknown(config)) return config;
  const resources = get(config, "resources");
  if (isUnknown(resources)) return resources;
  return stringList(resources)?.includes("secrets") ? get(config, "provider", "keyArn") : undefined;
}

function controlPlaneView(r: RuleResource): ControlPlaneView {
  const p = r.props;
  if (r.type === CLUSTER_TYPE) {
    return {
      privateAccess: p.endpointPrivateAccess, publicAccess: p.endpointPublicAccess, publicAccessCidrs: p.publicAccessCidrs,
      secretsKeyArn: p.encryptionConfigKeyArn, logTypes: p.enabledClusterLogTypes, deletionProtection: p.deletionProtection,
    };
  }
  return {
    privateAccess: get(p, "vpcConfig", "endpointPrivateAccess"), publicAccess: get(p, "vpcConfig", "endpointPublicAccess"),
    publicAccessCidrs: get(p, "vpcConfig", "publicAccessCidrs"), secretsKeyArn: secretsKeyOfAwsCluster(p),
    logTypes: p.enabledClusterLogTypes, deletionProtection: p.deletionProtection,
  };
}

const OPEN_CIDRS = ["0.0.0.0/0", "::/0"];

const endpointPrivate: ResourceRule = {
  kind: "resource", id: "EKS-CP-001", name: "eks-endpoint-private-access",
  description: "CIS 5.4.2: the private API endpoint is enabled and public access is disabled, so the API server is reachable only inside the VPC.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.privateEndpoint, resourceTypes: CLUSTER_TYPES,
  remediation: "Set workerpools:cluster.endpoint.privateAccess to true and publicAccessCidrs to [] (reach the API from inside the VPC: VPN, bastion, in-VPC runner), or lower this rule's level if a public endpoint is deliberate (EKS-CP-002 still judges its CIDRs).",
  check: (r) => {
    const view = controlPlaneView(r);
    const problems: string[] = [];
    if (isUnknown(view.privateAccess) || isUnknown(view.publicAccess)) return undecided("the endpoint settings are unknown until deploy");
    if (view.privateAccess !== true) problems.push(`endpointPrivateAccess is ${describe(view.privateAccess)} (EKS default: false); enable the private endpoint`);
    if (view.publicAccess !== false) problems.push(`the public endpoint is ${view.publicAccess === true ? "enabled" : "enabled by default (endpointPublicAccess not set)"}`);
    return problems.length === 0 ? PASS : problems;
  },
};

function publicEndpointVerdict(view: ControlPlaneView): Verdict {
  if (view.publicAccess === false) return PASS;
  if (isUnknown(view.publicAccess) || isUnknown(view.publicAccessCidrs)) return undecided("the public endpoint settings are unknown until deploy");
  const cidrs = stringList(view.publicAccessCidrs) ?? [];
  const state = view.publicAccess === true ? "enabled" : "enabled by default (endpointPublicAccess not set)";
  if (cidrs.length === 0) return [`the public endpoint is ${state} with no publicAccessCidrs, so EKS opens it to 0.0.0.0/0`];
  const open = cidrs.filter((c) => OPEN_CIDRS.includes(c.trim()));
  if (open.length > 0) return [`the public endpoint is ${state} and open to ${open.join(", ")}`];
  const blocks = cidrs.flatMap((c) => { const k = checkCidr(c.trim()); return "cidr" in k ? [k.cidr] : []; });
  return coversWholeInternet(blocks) ? [`the public endpoint is ${state} and its CIDRs ${cidrs.join(", ")} together cover the whole IPv4 internet`] : PASS;
}

const endpointPublicRestricted: ResourceRule = {
  kind: "resource", id: "EKS-CP-002", name: "eks-public-endpoint-restricted",
  description: "CIS 5.4.1: the public API endpoint is off, or limited to listed CIDRs that do not together cover the internet (0.0.0.0/0, ::/0, or e.g. 0.0.0.0/1 + 128.0.0.0/1).",
  enforcementLevel: "mandatory", mapping: MAPPINGS.restrictEndpoint, resourceTypes: CLUSTER_TYPES,
  remediation: "Set workerpools:cluster.endpoint.publicAccessCidrs to [] (public endpoint off) or to your office/VPN CIDRs.",
  check: (r) => publicEndpointVerdict(controlPlaneView(r)),
};

const secretsEncryption: ResourceRule = {
  kind: "resource", id: "EKS-CP-003", name: "eks-secrets-kms-encryption",
  description: "Kubernetes Secrets are envelope-encrypted with a customer-managed KMS key.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.secretsKms, resourceTypes: CLUSTER_TYPES,
  remediation: "Give the cluster a KMS key for secrets (encryptionConfigKeyArn; the ControlPlane component creates one with rotation).",
  check: (r) => {
    const key = controlPlaneView(r).secretsKeyArn;
    // An unknown value is a key ARN that is only known after the key is created: encryption is configured.
    if (isUnknown(key) || (typeof key === "string" && key.trim() !== "")) return PASS;
    return [`no KMS key encrypts Secrets (key ARN ${describe(key)}); Secrets are stored without envelope encryption`];
  },
};

/** The log types a check requires, judged on either resource type. */
function logTypesVerdict(r: RuleResource, required: readonly string[]): Verdict {
  const types = controlPlaneView(r).logTypes;
  if (isUnknown(types)) return undecided("enabledClusterLogTypes is unknown until deploy");
  const enabled = stringList(types) ?? [];
  const missing = required.filter((t) => !enabled.includes(t));
  if (missing.length === 0) return PASS;
  if (Array.isArray(types) && types.some(isUnknown)) return undecided("some enabledClusterLogTypes are unknown until deploy");
  return [`control-plane log types ${missing.join(", ")} are off (enabled: ${enabled.length > 0 ? enabled.join(", ") : "none"})`];
}

const controlPlaneLogs: ResourceRule = {
  kind: "resource", id: "EKS-CP-004", name: "eks-control-plane-audit-logs",
  description: "Control-plane audit and authenticator logs are sent to CloudWatch Logs (who did what, and who authenticated).",
  enforcementLevel: "mandatory", mapping: MAPPINGS.auditLogsGuide, resourceTypes: CLUSTER_TYPES,
  remediation: "Add audit and authenticator to workerpools:cluster.logging.types (enabledClusterLogTypes).",
  check: (r) => logTypesVerdict(r, ["audit", "authenticator"]),
};

/** Every control-plane log type EKS offers; CIS 2.1.1's remediation enables all of them. */
const ALL_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

const allControlPlaneLogs: ResourceRule = {
  kind: "resource", id: "EKS-CP-008", name: "eks-control-plane-all-logs",
  description: "CIS 2.1.1: all five control-plane log types (api, audit, authenticator, controllerManager, scheduler) are sent to CloudWatch Logs.",
  enforcementLevel: "advisory", mapping: MAPPINGS.auditLogs, resourceTypes: CLUSTER_TYPES,
  remediation: "Set workerpools:cluster.logging.types to [api, audit, authenticator, controllerManager, scheduler] (CloudWatch Logs charges for the volume).",
  check: (r) => logTypesVerdict(r, ALL_LOG_TYPES),
};

const deletionProtection: ResourceRule = {
  kind: "resource", id: "EKS-CP-005", name: "eks-deletion-protection",
  description: "Deletion protection is on, so the cluster cannot be deleted by accident.",
  enforcementLevel: "advisory", mapping: MAPPINGS.deletionProtection, resourceTypes: CLUSTER_TYPES,
  remediation: "Set workerpools:cluster.deletionProtection to true (disable it deliberately before a planned teardown).",
  check: (r) => {
    const v = controlPlaneView(r).deletionProtection;
    if (v === true) return PASS;
    if (isUnknown(v)) return undecided("deletionProtection is unknown until deploy");
    return [`deletionProtection is ${describe(v)} (EKS default: false)`];
  },
};


function versionOf(r: RuleResource): unknown {
  return r.props.version;
}

function supportedVersionVerdict(version: unknown, now: Date): Verdict {
  if (version === undefined) return PASS; // a node group follows the cluster; a cluster gets EKS's default version
  if (isUnknown(version)) return undecided("the Kubernetes version is unknown until deploy");
  if (typeof version !== "string" || !/^\d+\.\d+(\.\d+)?$/.test(version)) return [`Kubernetes version ${describe(version)} is not a version`];
  const status = supportStatus(version, now);
  const day = now.toISOString().slice(0, 10);
  if (status === "unsupported") return [`Kubernetes ${version} is not supported by Amazon EKS on ${day} (available until ${eksVersion(version)?.endOfExtendedSupport ?? "?"})`];
  if (status !== "unknown") return PASS;
  return compareVersions(version, newestEksVersion().version) > 0
    ? undecided(`Kubernetes ${version} is newer than the shipped EKS calendar; its support dates are unknown`)
    : [`Kubernetes ${version} is older than every version Amazon EKS offers`];
}

const supportedVersion: ResourceRule = {
  kind: "resource", id: "EKS-CP-006", name: "eks-supported-kubernetes-version",
  description: "The cluster and every node group run a Kubernetes version Amazon EKS still supports (standard or extended).",
  enforcementLevel: "mandatory", mapping: MAPPINGS.upToDate, resourceTypes: [...CLUSTER_TYPES, NODE_GROUP_TYPE],
  remediation: "Upgrade workerpools:cluster.kubernetesVersion (and pools' kubernetesVersion) one minor at a time.",
  check: (r, ctx) => supportedVersionVerdict(versionOf(r), ctx.now),
};

const standardSupport: ResourceRule = {
  kind: "resource", id: "EKS-CP-007", name: "eks-standard-support-version",
  description: "The Kubernetes version is in EKS standard support, not extended support (extra cost, shorter runway).",
  enforcementLevel: "advisory", mapping: MAPPINGS.upToDate, resourceTypes: [...CLUSTER_TYPES, NODE_GROUP_TYPE],
  remediation: "Plan the upgrade of workerpools:cluster.kubernetesVersion before standard support ends.",
  check: (r, ctx) => {
    const version = versionOf(r);
    if (version === undefined || typeof version !== "string") return isUnknown(version) ? undecided("the Kubernetes version is unknown until deploy") : PASS;
    if (supportStatus(version, ctx.now) !== "extended") return PASS;
    const info = eksVersion(version);
    return [`Kubernetes ${version} left EKS standard support on ${info?.endOfStandardSupport ?? "?"}; extended support ends ${info?.endOfExtendedSupport ?? "?"}`];
  },
};

/** Rules on the control plane. */
export const CONTROL_PLANE_RULES: readonly ResourceRule[] = [
  endpointPrivate, endpointPublicRestricted, secretsEncryption, controlPlaneLogs, deletionProtection, supportedVersion, standardSupport,
  allControlPlaneLogs,
];
