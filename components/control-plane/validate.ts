/** Validation of resolved {@link ControlPlaneArgs}. Pure. */
import { Cidr, checkCidr, cidrContains, parseCidr, ConfigIssue } from "../core";
import { LOG_RETENTION_DAYS, ResolvedControlPlaneArgs } from "./args";
import { validateKubernetesVersion } from "../facts";

const CLUSTER_NAME_RE = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
/**
 * Access entries take IAM role or user ARNs (not STS assumed-role sessions): an optional path of printable ASCII
 * between slashes, then a name of `[A-Za-z0-9+=,.@_-]`, at most 64 characters (IAM's limits for role and user names).
 */
const IAM_PRINCIPAL_RE = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;

/** RFC 1918 blocks; EKS requires the service CIDR inside one of them, between /12 and /24. */
const PRIVATE_BLOCKS: readonly Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].flatMap((b) => parseCidr(b) ?? []);

/** EKS's rules for `kubernetesServiceIpAddressRange`. */
export function validateServiceCidr(cidr: string, at: string): ConfigIssue[] {
  const checked = checkCidr(cidr);
  if ("problem" in checked) return [{ path: at, message: checked.problem }];
  const c = checked.cidr;
  if (c.prefix < 12 || c.prefix > 24) return [{ path: at, message: `must be between /12 and /24, got /${c.prefix}` }];
  const inPrivate = PRIVATE_BLOCKS.some((b) => cidrContains(b, c));
  return inPrivate ? [] : [{ path: at, message: `must be inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, got ${cidr}` }];
}

function validateEndpoint(a: ResolvedControlPlaneArgs, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const cidrs = a.endpoint.publicAccessCidrs;
  // Legal but risky (SPEC §6): CIDRs covering the internet are judged by the policy pack, not refused here.
  cidrs.forEach((c, i) => {
    const checked = checkCidr(c);
    if ("problem" in checked) issues.push({ path: `${at}.endpoint.publicAccessCidrs[${i}]`, message: checked.problem });
  });
  if (!a.endpoint.privateAccess && cidrs.length === 0) {
    issues.push({ path: `${at}.endpoint.privateAccess`, message: "with no public CIDRs the private endpoint must stay on, or nothing (nodes included) can reach the API server" });
  }
  return issues;
}

/**
 * Every problem of the control plane args; `at` is the config path (e.g. `workerpools:cluster`). With
 * `now`, the version's EKS support status is checked too (extended support or near its end: warnings).
 */
export function validateControlPlane(a: ResolvedControlPlaneArgs, at: string, now?: Date): ConfigIssue[] {
  const issues: ConfigIssue[] = [...validateEndpoint(a, at)];
  if (!CLUSTER_NAME_RE.test(a.name)) {
    issues.push({ path: `${at}.name`, message: `"${a.name}" is not a valid EKS cluster name: 1-100 characters of [A-Za-z0-9-_], starting alphanumeric` });
  }
  issues.push(...validateKubernetesVersion(a.kubernetesVersion, `${at}.kubernetesVersion`, now));
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(a.logging.retentionDays)) {
    issues.push({ path: `${at}.logging.retentionDays`, message: `${a.logging.retentionDays} is not a CloudWatch retention; valid: ${LOG_RETENTION_DAYS.join(", ")}` });
  }
  a.admins.forEach((arn, i) => {
    if (!IAM_PRINCIPAL_RE.test(arn)) issues.push({ path: `${at}.admins[${i}]`, message: `"${arn}" is not an IAM role or user ARN (arn:aws:iam::<12-digit account>:role/<name>); access entries do not take STS session ARNs` });
  });
  issues.push(...validateServiceCidr(a.serviceIpv4Cidr, `${at}.serviceIpv4Cidr`));
  return issues;
}
