/**
 * `extra`: every other EKS add-on, by name (cert-manager, the EKS catalog's others), with a version, configuration values
 * and an optional Pod Identity association; installed after the node groups. Pure: resolution and validation.
 */
import { ConfigIssue, isRecord } from "../core";

/** An EKS add-on outside the catalog. */
export interface ExtraAddon {
  /** EKS add-on name (`aws eks describe-addon-versions --addon-name`), not one of the catalog's. */
  readonly name: string;
  /** `"latest"` or an exact EKS add-on version. @default "latest" */
  readonly version?: string;
  /** Its `configurationValues`, sent as JSON; checked against the shipped schema of its name when there is one, else unchecked. @default - none */
  readonly configurationValues?: Readonly<Record<string, unknown>>;
  /** An IAM role for one of its service accounts, bound by an EKS Pod Identity association. @default - none */
  readonly podIdentity?: {
    /** `namespace/name` of the service account. */
    readonly serviceAccount: string;
    /** Policies attached to the role. @default [] */
    readonly policyArns?: readonly string[];
  };
}

/** An {@link ExtraAddon} with its defaults. */
export interface ResolvedExtraAddon {
  readonly name: string;
  readonly version: string;
  readonly configurationValues?: Readonly<Record<string, unknown>>;
  readonly podIdentity?: { readonly namespace: string; readonly serviceAccount: string; readonly policyArns: readonly string[] };
}

const SERVICE_ACCOUNT_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;
const POLICY_ARN_RE = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;
const ADDON_NAME_RE = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Applies the defaults; a service account that is not `ns/name` is kept whole as the name (validation refuses it). */
export function resolveExtraAddon(e: ExtraAddon, defaultVersion: string): ResolvedExtraAddon {
  const pi = e.podIdentity;
  const [namespace, serviceAccount] = pi && pi.serviceAccount.includes("/") ? pi.serviceAccount.split("/", 2) : ["", pi?.serviceAccount ?? ""];
  return {
    name: e.name,
    version: e.version ?? defaultVersion,
    ...(e.configurationValues !== undefined ? { configurationValues: e.configurationValues } : {}),
    ...(pi ? { podIdentity: { namespace, serviceAccount, policyArns: pi.policyArns ?? [] } } : {}),
  };
}

/**
 * Every problem of `extra` (`at` is its path, e.g. `workerpools:addons.extra`): a name the catalog has, a duplicate, a
 * malformed service account or policy ARN. `catalogKeys`: the catalog's add-on names with their config keys;
 * `validateVersion` judges each version.
 */
export function validateExtraAddons(
  extra: readonly ResolvedExtraAddon[], raw: readonly ExtraAddon[], at: string,
  catalogKeys: ReadonlyMap<string, string>, validateVersion: (v: string, at: string) => ConfigIssue[],
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const first = new Map<string, number>();
  extra.forEach((e, i) => {
    const here = `${at}[${i}]`;
    const key = catalogKeys.get(e.name);
    if (!ADDON_NAME_RE.test(e.name)) issues.push({ path: `${here}.name`, message: `must be an EKS add-on name (lowercase letters, digits, '.', '_', '-'), got "${e.name}"` });
    else if (key !== undefined) issues.push({ path: `${here}.name`, message: `"${e.name}" is in the addon catalog: configure it at ${at.replace(/\.extra$/, "")}.${key} instead` });
    const seen = first.get(e.name);
    if (seen !== undefined) issues.push({ path: `${here}.name`, message: `"${e.name}" is already ${at}[${seen}]; an add-on is installed once` });
    else first.set(e.name, i);
    issues.push(...validateVersion(e.version, `${here}.version`));
    const values = raw[i]?.configurationValues;
    if (values !== undefined && !isRecord(values)) issues.push({ path: `${here}.configurationValues`, message: "must be an object (sent as JSON)" });
    const sa = raw[i]?.podIdentity?.serviceAccount;
    if (sa !== undefined && !SERVICE_ACCOUNT_RE.test(sa)) {
      issues.push({ path: `${here}.podIdentity.serviceAccount`, message: `must be "namespace/name" of a Kubernetes service account (DNS labels), got "${sa}"` });
    }
    (e.podIdentity?.policyArns ?? []).forEach((arn, j) => {
      if (!POLICY_ARN_RE.test(arn)) issues.push({ path: `${here}.podIdentity.policyArns[${j}]`, message: `must be an IAM policy ARN (arn:aws:iam::aws:policy/... or arn:aws:iam::<account>:policy/...), got "${arn}"` });
    });
  });
  return issues;
}

/** Config paths of the `extra` entries that bind a role through a Pod Identity association. */
export const extraPodIdentityUsers = (extra: readonly ResolvedExtraAddon[], at: string): string[] =>
  extra.flatMap((e, i) => (e.podIdentity ? [`${at}[${i}].podIdentity`] : []));
