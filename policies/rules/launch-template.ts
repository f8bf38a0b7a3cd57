/** Rules on worker launch templates: instance metadata, EBS encryption, SSH keys. */
import { PASS, ResourceRule, RuleResource, Verdict, undecided } from "../rule";
import { describe, get, isRecord, isUnknown, looseBool } from "../rule-values";
import { MAPPINGS } from "./mappings";

export const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

/** True when the template turns the metadata endpoint off (no IMDS at all: nothing to harden). */
function imdsDisabled(r: RuleResource): boolean {
  return get(r.props, "metadataOptions", "httpEndpoint") === "disabled";
}

const imdsV2: ResourceRule = {
  kind: "resource", id: "EKS-NODE-001", name: "eks-node-imdsv2-required",
  description: "Worker launch templates require IMDSv2 session tokens (metadataOptions.httpTokens = required).",
  enforcementLevel: "mandatory", mapping: MAPPINGS.instanceProfile, resourceTypes: [LAUNCH_TEMPLATE],
  remediation: "Set metadataOptions.httpTokens to \"required\" (the WorkerPool component does).",
  check: (r) => {
    if (imdsDisabled(r)) return PASS;
    const tokens = get(r.props, "metadataOptions", "httpTokens");
    if (tokens === "required") return PASS;
    if (isUnknown(tokens)) return undecided("metadataOptions.httpTokens is unknown until deploy");
    return [`metadataOptions.httpTokens is ${describe(tokens)}: IMDSv1 stays reachable (SSRF can read node credentials)`];
  },
};

const hopLimit: ResourceRule = {
  kind: "resource", id: "EKS-NODE-002", name: "eks-node-imds-hop-limit",
  description: "The IMDS response hop limit is 1, so pods without host networking cannot reach the node's instance profile.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.instanceProfile, resourceTypes: [LAUNCH_TEMPLATE],
  remediation: "Drop workerpools:pools[].metadataHopLimit (default 1); give pods AWS access through Pod Identity instead.",
  check: (r) => {
    if (imdsDisabled(r)) return PASS;
    const limit = get(r.props, "metadataOptions", "httpPutResponseHopLimit");
    if (limit === 1) return PASS;
    if (isUnknown(limit)) return undecided("metadataOptions.httpPutResponseHopLimit is unknown until deploy");
    const why = limit === undefined ? "not set, so the AMI's or account's default applies" : `${describe(limit)}`;
    return [`metadataOptions.httpPutResponseHopLimit is ${why}; pods can reach the node role's credentials unless it is 1`];
  },
};

function volumeVerdict(mappings: unknown): Verdict {
  if (isUnknown(mappings)) return undecided("blockDeviceMappings is unknown until deploy");
  const list: unknown[] = Array.isArray(mappings) ? mappings : [];
  const ebs = list.filter((m) => isRecord(m) && m.ebs !== undefined);
  if (ebs.length === 0) return ["no EBS block device mapping: the root volume's encryption depends on the account's EBS encryption-by-default setting"];
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
  description: "Every EBS volume a worker launch template declares is encrypted (ebs.encrypted = \"true\").",
  enforcementLevel: "mandatory", mapping: MAPPINGS.encryptAtRest, resourceTypes: [LAUNCH_TEMPLATE],
  remediation: "Declare the root volume in the launch template with ebs.encrypted \"true\" (workerpools:pools[].rootVolume; the WorkerPool component does).",
  check: (r) => volumeVerdict(r.props.blockDeviceMappings),
};

const noSshKey: ResourceRule = {
  kind: "resource", id: "EKS-NODE-004", name: "eks-node-no-ssh-key",
  description: "Worker launch templates carry no EC2 key pair; nodes are reached through SSM Session Manager.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.workerAccess, resourceTypes: [LAUNCH_TEMPLATE],
  remediation: "Remove keyName from the launch template (workerpools:pools[].remoteAccess sets it) and use SSM Session Manager (AmazonSSMManagedInstanceCore on the node role). For deliberate SSH, lower EKS-NODE-004 (and EKS-NG-001 for port 22) to advisory.",
  check: (r) => {
    const key = r.props.keyName;
    if (key === undefined || key === null || key === "") return PASS;
    return [`keyName is ${isUnknown(key) ? "set (to a value known at deploy)" : describe(key)}: SSH keys can be copied and shared`];
  },
};

/** Rules on launch templates (kubelet rules live in kubelet.ts). */
export const LAUNCH_TEMPLATE_RULES: readonly ResourceRule[] = [imdsV2, hopLimit, encryptedVolumes, noSshKey];
