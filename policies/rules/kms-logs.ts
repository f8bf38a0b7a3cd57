/** Rules on the control plane's KMS key and its CloudWatch log group. */
import { PASS, ResourceRule, notApplicable, undecided } from "../rule";
import { describe, isUnknown } from "../rule-values";
import { MAPPINGS } from "./mappings";
import { KMS_KEY_TYPE, LOG_GROUP_TYPE } from "../../components/core";

const SYMMETRIC = "SYMMETRIC_DEFAULT";
const ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";

const keyRotation: ResourceRule = {
  kind: "resource", id: "EKS-KMS-001", name: "eks-kms-key-rotation",
  description: "Symmetric KMS keys (the secrets envelope key among them) rotate automatically.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.rotateCmks, resourceTypes: [KMS_KEY_TYPE],
  remediation: "Set enableKeyRotation: true on the key (the ControlPlane component does).",
  check: (r) => {
    const spec = r.props.customerMasterKeySpec ?? r.props.keySpec;
    const usage = r.props.keyUsage;
    if ((typeof spec === "string" && spec !== SYMMETRIC) || (typeof usage === "string" && usage !== ENCRYPT_DECRYPT)) {
      return notApplicable(`automatic rotation exists only for symmetric encryption keys (this key: ${describe(spec ?? usage)})`);
    }
    const rotation = r.props.enableKeyRotation;
    if (rotation === true) return PASS;
    if (isUnknown(rotation)) return undecided("enableKeyRotation is unknown until deploy");
    return [`enableKeyRotation is ${describe(rotation)} (KMS default: false)`];
  },
};

/** The log group EKS writes control-plane logs to: `/aws/eks/<cluster>/cluster`. */
const CONTROL_PLANE_LOG_GROUP = /^\/aws\/eks\/[^/]+\/cluster$/;

const logRetention: ResourceRule = {
  kind: "resource", id: "EKS-LOG-001", name: "eks-control-plane-log-retention",
  description: "The control-plane log group (/aws/eks/<cluster>/cluster) has a retention period, so audit logs are kept for a managed time.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.auditLogsManaged, resourceTypes: [LOG_GROUP_TYPE],
  remediation: "Set workerpools:cluster.logging.retentionDays (retentionInDays on the log group), e.g. 90 or what your audit policy requires.",
  check: (r) => {
    const name = r.props.name;
    if (isUnknown(name)) return undecided("the log group name is unknown until deploy");
    if (typeof name !== "string" || !CONTROL_PLANE_LOG_GROUP.test(name)) return notApplicable(`not an EKS control-plane log group (${describe(name)})`);
    const days = r.props.retentionInDays;
    if (typeof days === "number" && days > 0) return PASS;
    if (isUnknown(days)) return undecided("retentionInDays is unknown until deploy");
    return [`${name} has no retention (retentionInDays ${describe(days)}): logs never expire and are not managed`];
  },
};

/** Rules on KMS keys and log groups. */
export const KMS_LOG_RULES: readonly ResourceRule[] = [keyRotation, logRetention];
