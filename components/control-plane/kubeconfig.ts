/** Reads the facts nodes need (API server URL, CA) from an EKS kubeconfig document. Pure. */
import { isRecord } from "../core";

/** Endpoint and CA of the first cluster in a kubeconfig. */
export interface KubeconfigCluster {
  readonly server: string;
  readonly certificateAuthorityData: string;
}

/** Parses a kubeconfig (JSON text or object); throws when it has no cluster with server and CA data. */
export function readKubeconfigCluster(kubeconfig: unknown): KubeconfigCluster {
  const doc: unknown = typeof kubeconfig === "string" ? JSON.parse(kubeconfig) : kubeconfig;
  const clusters = isRecord(doc) && Array.isArray(doc.clusters) ? doc.clusters : [];
  const first: unknown = clusters[0];
  const cluster = isRecord(first) && isRecord(first.cluster) ? first.cluster : undefined;
  const server = cluster?.server;
  const ca = cluster?.["certificate-authority-data"];
  if (typeof server !== "string" || typeof ca !== "string") {
    throw new Error("kubeconfig has no clusters[0].cluster with server and certificate-authority-data");
  }
  return { server, certificateAuthorityData: ca };
}
