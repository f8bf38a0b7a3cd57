/**
 * Rules on worker launch templates: instance metadata, EBS encryption, SSH keys. The metadata and volume rules judge a
 * karpenter pool's EC2NodeClass too (its `spec.metadataOptions` with the CRD defaults, its `spec.blockDeviceMappings`).
 */
import { PASS, ResourceRule, RuleResource, Verdict, undecided } from "../rule";
import { describe, get, isRecord, isUnknown, looseBool } from "../rule-values";
import { blockDevicesOf, fieldPrefix, isNodeClass, metadataOptionsOf } from "./ec2-node-class";
import { MAPPINGS } from "./mappings";
import { EC2_NODE_CLASS_TYPE, LAUNCH_TEMPLATE_TYPE } from "../../components/core";

/** True when the template turns the metadata endpoint off (no IMDS at all: nothing to harden). */
function imdsDisabled(r: RuleResource): boolean {
  return get(metadataOptionsOf(r), "httpEndpoint") === "disabled";
}
/** Launch templates and karpenter pools' EC2NodeClasses. */
const NODE_TEMPLATES = [LAUNCH_TEMPLATE_TYPE, EC2_NODE_CLASS_TYPE];

const imdsV2: ResourceRule = {
  kind: "resource", id: "EKS-NODE-001", name: "eks-node-imdsv2-required",
  description: "Worker launch templates and EC2NodeClasses require IMDSv2 session tokens (metadataOptions.httpTokens = required; an EC2NodeClass's CRD default is required).",
  enforcementLevel: "mandatory", mapping: MAPPINGS.instanceProfile, resourceTypes: NODE_TEMPLATES,
  remediation: "Set metadataOptions.httpTokens (EC2NodeClass: spec.metadataOptions.httpTokens) to \"required\" (the WorkerPool and karpenter pool components do).",
  check: (r) => {
    if (imdsDisabled(r)) return PASS;
    const tokens = get(metadataOptionsOf(r), "httpTokens");
    const at = `${fieldPrefix(r)}metadataOptions.httpTokens`;
    if (tokens === "required") return PASS;
    if (isUnknown(tokens)) return undecided(`${at} is unknown until deploy`);
    return [`${at} is ${describe(tokens)}: IMDSv1 stays reachable (SSRF can read node credentials)`];
  },
};

const hopLimit: ResourceRule = {
  kind: "resource", id: "EKS-NODE-002", name: "eks-node-imds-hop-limit",
  description: "The IMDS response hop limit is 1, so pods without host networking cannot reach the node's instance profile.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.instanceProfile, resourceTypes: NODE_TEMPLATES,
  remediation: "Drop workerpools:pools[].metadataHopLimit (default 1; an EC2NodeClass's spec.metadataOptions.httpPutResponseHopLimit defaults to 1 too); give pods AWS access through Pod Identity instead.",
  check: (r) => {
    if (imdsDisabled(r)) return PASS;
    const limit = get(metadataOptionsOf(r), "httpPutResponseHopLimit");
    const at = `${fieldPrefix(r)}metadataOptions.httpPutResponseHopLimit`;
    if (limit === 1) return PASS;
    if (isUnknown(limit)) return undecided(`${at} is unknown until deploy`);
    const why = limit === undefined ? "not set, so the AMI's or account's default applies" : `${describe(limit)}`;
    return [`${at} is ${why}; pods can reach the node role's credentials unless it is 1`];
  },
};

function volumeVerdict(mappings: unknown, nodeClass: boolean): Verdict {
  if (isUnknown(mappings)) return undecided(`${nodeClass ? "spec." : ""}blockDeviceMappings is unknown until deploy`);
  const list: unknown[] = Array.isArray(mappings) ? mappings : [];
  const ebs = list.filter((m) => isRecord(m) && m.ebs !== undefined);
  if (ebs.length === 0) {
    return [nodeClass
      ? "no EBS block device mapping in spec.blockDeviceMappings: the root volume is Karpenter's AMI-family default, its encryption not declared here"
      : "no EBS block device mapping: the root volume's encryption depends on the account's EBS encryption-by-default setting"];
  }
  const problems: string[] = [];
  let pending = false;
  for (const m of ebs) {
    const encrypted = get(m, "ebs", "encrypted");
    if (isUnknown(encrypted) || isUnknown(m)) pending = true;
    else if (looseBool(encrypted) !== true) problems.push(`${describe(get(m, "deviceName"))}: ebs.encrypted is ${describe(encrypted)}`);
  }
  if (problems.length > 0) return problems.map((p) => `unencrypted EBS volume ${p}`);
  return pending ? undecided("an ebs.encrypted value is unknown until deploy") : PASS;
}

const encryptedVolumes: ResourceRule = {
  kind: "resource", id: "EKS-NODE-003", name: "eks-node-encrypted-volumes",
  description: "Every EBS volume a worker launch template or EC2NodeClass declares is encrypted (ebs.encrypted = \"true\"; EC2NodeClass: spec.blockDeviceMappings[].ebs.encrypted = true).",
  enforcementLevel: "mandatory", mapping: MAPPINGS.encryptAtRest, resourceTypes: NODE_TEMPLATES,
  remediation: "Declare the root volume in the launch template with ebs.encrypted \"true\" (EC2NodeClass: spec.blockDeviceMappings with ebs.encrypted true; workerpools:pools[].rootVolume; the WorkerPool and karpenter pool components do).",
  check: (r) => volumeVerdict(blockDevicesOf(r), isNodeClass(r)),
};

const noSshKey: ResourceRule = {
  kind: "resource", id: "EKS-NODE-004", name: "eks-node-no-ssh-key",
  description: "Worker launch templates carry no EC2 key pair; nodes are reached through SSM Session Manager.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.workerAccess, resourceTypes: [LAUNCH_TEMPLATE_TYPE],
  remediation: "Remove keyName from the launch template (workerpools:pools[].remoteAccess sets it) and use SSM Session Manager (AmazonSSMManagedInstanceCore on the node role). For deliberate SSH, lower EKS-NODE-004 (and EKS-NG-001 for port 22) to advisory.",
  check: (r) => {
    const key = r.props.keyName;
    if (key === undefined || key === null || key === "") return PASS;
    return [`keyName is ${isUnknown(key) ? "set (to a value known at deploy)" : describe(key)}: SSH keys can be copied and shared`];
  },
};

/** Rules on launch templates (kubelet rules live in kubelet.ts). */
export const LAUNCH_TEMPLATE_RULES: readonly ResourceRule[] = [imdsV2, hopLimit, encryptedVolumes, noSshKey];
