/**
 * Offline stand-ins for values only AWS can give. Every stand-in is labelled in-band (the value says
 * it is a stand-in) and recorded, so the plan can list what it did not really know.
 */

/** The AWS account id used offline (AWS's documentation example account). */
export const OFFLINE_ACCOUNT_ID = "123456789012";

/** One stand-in the plan used. */
export interface StandIn {
  /** What AWS would have answered, e.g. `ssm:GetParameter /aws/service/eks/...`. */
  readonly question: string;
  /** The stand-in value. */
  readonly value: string;
}

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
