/**
 * Offline stand-ins for values only AWS can give. Every stand-in is labelled in-band (the value says
 * it is a stand-in) and recorded, so the plan can list what it did not really know.
 */
import { isRecord } from "../../components/core";

/** The AWS account id used offline (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "123456789012";

/** One stand-in the plan used. */
export interface StandIn {
  /** What AWS would have answered, e.g. `ssm:GetParameter /aws/service/eks/...`. */
  readonly question: string;
  /** The stand-in value. */
  readonly value: string;
}

/** The stand-in of a public SSM parameter's value (what the offline `ssm:GetParameter` answers). */
export const ssmStandIn = (name: string): string => `offline-stand-in(${name})`;

/** Collects the stand-ins used during one run. */
export class StandInLog {
  private readonly seen = new Map<string, StandIn>();
  /** Records and returns a labelled stand-in value. */
  use(question: string, value: string): string {
    this.seen.set(question, { question, value });
    return value;
  }
  list(): StandIn[] {
    return [...this.seen.values()].sort((a, b) => a.question.localeCompare(b.question));
  }
}

/**
 * The security group EKS creates for the cluster (`eks.Cluster.clusterSecurityGroupId`), as the offline `eks:index:Cluster`
 * returns it. Recorded as a stand-in only when a registered resource uses it (a pool listing security groups), so
 * stacks that never read it list no stand-in for it.
 */
export const CLUSTER_SECURITY_GROUP_STAND_IN = {
  question: "eks:DescribeCluster resourcesVpcConfig.clusterSecurityGroupId (the security group EKS creates for the cluster)",
  value: "offline-stand-in(cluster security group)",
} as const;

/**
 * The name of the IAM role `eks.Cluster` creates for the cluster (`eks.Cluster.core.clusterIamRole`), as the offline
 * `eks:index:Cluster` returns it; recorded as a stand-in only when a registered resource uses it (the
 * AmazonEKSVPCResourceController attachment of security groups for Pods).
 */
export const CLUSTER_ROLE_STAND_IN = {
  question: "iam:GetRole the cluster role eks.Cluster creates (its generated name)",
  value: "offline-stand-in(cluster role)",
} as const;

/** True when `value` is `needle` or holds it anywhere inside (arrays, objects). */
export function mentions(value: unknown, needle: string): boolean {
  if (value === needle) return true;
  if (Array.isArray(value)) return value.some((v: unknown) => mentions(v, needle));
  return isRecord(value) && Object.values(value).some((v) => mentions(v, needle));
}

/** A base64 string that decodes to a PEM-looking but clearly fake CA. */
export const OFFLINE_CA_DATA = Buffer.from("-----BEGIN CERTIFICATE-----\nOFFLINE-STAND-IN\n-----END CERTIFICATE-----\n").toString("base64");

/** The kubeconfig the offline `eks:index:Cluster` returns. */
export function offlineKubeconfig(clusterName: string, region: string): Record<string, unknown> {
  const server = `https://OFFLINE-STAND-IN.gr7.${region}.eks.amazonaws.com`;
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubernetes", cluster: { server, "certificate-authority-data": OFFLINE_CA_DATA } }],
    contexts: [{ name: "aws", context: { cluster: "kubernetes", user: "aws" } }],
    "current-context": "aws",
    users: [{ name: "aws", user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", clusterName] } } }],
  };
}

/** A `secure:` value of the stack file: Pulumi encrypts it, `pulumi up` decrypts it, the offline plan cannot. */
export interface SecretLeaf {
  /** Where the user wrote it: `workerpools:cluster.admins[0]`, or a whole key such as `aws:secretKey`. */
  readonly path: string;
  /** The labelled stand-in the offline plan uses instead. */
  readonly standIn: string;
}

/** The stand-in of a secret string: a valid name, label value, tag value and taint value, and says what it is. */
export const SECRET_STAND_IN = "offline-stand-in";

/**
 * The stand-in for the secret at `path`: an IAM role ARN (in the offline account, named `offline-stand-in`) where an
 * access-entry principal is expected, else {@link SECRET_STAND_IN}.
 */
export function secretStandIn(path: string): string {
  return /\.admins\[\d+\]$/.test(path) ? `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/${SECRET_STAND_IN}` : SECRET_STAND_IN;
}

/** `{ secure: "v1:..." }`: how a stack file holds an encrypted value (a whole key, or a leaf of structured config). */
export const isSecureValue = (v: unknown): v is { readonly secure: string } =>
  isRecord(v) && Object.keys(v).length === 1 && typeof v.secure === "string";

/**
 * A copy of `value` (written at `path`) with every secure leaf replaced by its stand-in; the leaves found are pushed
 * to `found`. Pure apart from `found`.
 */
export function replaceSecureValues(value: unknown, path: string, found: SecretLeaf[]): unknown {
  if (isSecureValue(value)) {
    const leaf = { path, standIn: secretStandIn(path) };
    found.push(leaf);
    return leaf.standIn;
  }
  if (Array.isArray(value)) return value.map((v: unknown, i) => replaceSecureValues(v, `${path}[${i}]`, found));
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSecureValues(v, `${path}.${k}`, found)]));
}
