/**
 * A consumer's own stack: an EKS cluster with two worker pools, built from the library's components
 * with plain arguments (no `workerpools:*` stack config). Build with `npm run build`, deploy with
 * `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { Addons, ControlPlane, Network, WorkerPool } from "eks-workerpools";

const network = new Network("shop", {
  vpcCidr: "10.60.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  clusterName: "shop",
});

const controlPlane = new ControlPlane("shop", {
  name: "shop",
  kubernetesVersion: "1.34",
  vpcId: network.vpcId,
  privateSubnetIds: network.privateSubnets.map((s) => s.id),
  publicSubnetIds: network.publicSubnetIds,
  admins: ["arn:aws:iam::444455556666:role/shop-admins"],
});

const addons = new Addons("shop-addons", {
  clusterName: controlPlane.clusterName,
  kubernetesVersion: controlPlane.kubernetesVersion,
  kubeconfig: controlPlane.kubeconfig,
  coredns: { replicas: 3 },
  vpcCni: { prefixDelegation: true },
});

const cluster = controlPlane.connection;

// Nodes wait for the CNI, kube-proxy and the pod identity agent.
const afterCni = { dependsOn: addons.nodeBootstrap };

// addons.nodeSettings: the pools must know the cluster's vpc-cni prefix delegation (max pods) and kube-proxy mode.
const web = new WorkerPool("web", {
  ...addons.nodeSettings,
  cluster,
  subnets: network.privateSubnets,
  architecture: "arm64",
  instanceTypes: ["m7g.large", "m6g.large"],
  scaling: { min: 3, max: 9, desired: 3 },
  labels: { tier: "web" },
}, afterCni);

const jobs = new WorkerPool("jobs", {
  ...addons.nodeSettings,
  cluster,
  subnets: network.privateSubnets,
  instanceTypes: ["c6i.xlarge", "c6a.xlarge", "c5.xlarge"],
  capacityType: "SPOT",
  layout: "per-zone",
  scaling: { min: 0, max: 12, desired: 3 },
  taints: [{ key: "workload", value: "jobs", effect: "NoSchedule" }],
  // One kubelet override: keep more memory free before the kubelet evicts batch pods.
  kubelet: { evictionHard: { "memory.available": "500Mi" } },
}, afterCni);

// CoreDNS, EBS CSI and the default StorageClass need running nodes.
addons.installAfterNodes([...web.nodeGroups, ...jobs.nodeGroups]);

export const clusterName = controlPlane.clusterName;
export const kubeconfig = pulumi.secret(controlPlane.kubeconfig);
export const nodeGroups = pulumi.all([web.nodeGroupNames, jobs.nodeGroupNames]);
