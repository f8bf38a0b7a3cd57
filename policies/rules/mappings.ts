/**
 * Sources of the rule mappings, read with the search tools on 2026-11-22. CIS ids and titles are the kube-bench
 * control files of the CIS Amazon EKS Benchmark; guide titles are section headings of the EKS Best Practices Guide.
 */
import type { RuleMapping } from "../rule";

const KUBE_BENCH = "aquasecurity/kube-bench";
/** kube-bench `cfg/eks-1.8.0` (CIS Amazon EKS Benchmark v1.8.0). */
const EKS_180 = {
  node: `${KUBE_BENCH} cfg/eks-1.8.0/node.yaml@15e07656a07a6eb4867c999f45fcd7a985969381`,
  controlplane: `${KUBE_BENCH} cfg/eks-1.8.0/controlplane.yaml@9c3666b8ee5b09279a176c29d44ca2aa2b0c2ba1`,
  managed: `${KUBE_BENCH} cfg/eks-1.8.0/managedservices.yaml@9c3666b8ee5b09279a176c29d44ca2aa2b0c2ba1`,
} as const;
/** kube-bench `cfg/eks-1.2.0` (CIS Amazon EKS Benchmark v1.2.0), for a control later versions dropped. */
const EKS_120_NODE = `${KUBE_BENCH} cfg/eks-1.2.0/node.yaml@1d41c7c3dbb55d2cb388a0f87396fe5d1d67bb39`;

const BPG = "aws/aws-eks-best-practices";
const GUIDE = {
  hosts: `${BPG} latest/bpg/security/hosts.adoc@002cce60e57b08d0e651bb9ca66bf9e7df4d6083`,
  detective: `${BPG} latest/bpg/security/detective.adoc@002cce60e57b08d0e651bb9ca66bf9e7df4d6083`,
  data: `${BPG} latest/bpg/security/data.adoc@002cce60e57b08d0e651bb9ca66bf9e7df4d6083`,
  iam: `${BPG} latest/bpg/security/iam.adoc@0bc22849496c668be076a720173d656b430260ae`,
  dataplane: `${BPG} latest/bpg/reliability/dataplane.adoc@16fc405b966e3a4c71637dbad7c9d3145f39f522`,
  upgrades: `${BPG} latest/bpg/upgrades/index.adoc@0449e41a5316d7a582904584eeb0e789cc45327d`,
  autoscaler: `${BPG} latest/bpg/autoscaling/cluster-autoscaler.adoc@0171a1c77bccc222182cf6c71fe9699c8ec27421`,
  application: `${BPG} latest/bpg/reliability/application.adoc@2fd6746d2dc4b4e91d93f396620aff267fbf95bb`,
  clusterServices: `${BPG} latest/bpg/scalability/cluster-services.adoc@1496ae6f4a2fa97c5c715ace6d1912a1568d7c69`,
  prefixMode: `${BPG} latest/bpg/networking/prefix-mode/index_linux.adoc@20dc8c22d221a5aec4932cc916f45d7f3ab7c656`,
  subnets: `${BPG} latest/bpg/networking/subnets.adoc@3c9c1db00666158b64669adba16f6e00e1953e00`,
  multitenancy: `${BPG} latest/bpg/security/multitenancy.adoc@bcd0040ff99c9130ad2f83f308764730136cb67d`,
} as const;

const cis = (control: string, title: string, source: string, version = "1.8.0"): RuleMapping =>
  ({ framework: "CIS Amazon EKS Benchmark", version, control, title, source });
const guide = (control: string, title: string, source: string): RuleMapping =>
  ({ framework: "EKS Best Practices Guide", control, title, source });

/** Every mapping used by the rules, by a short key. */
export const MAPPINGS = {
  auditLogs: cis("2.1.1", "Enable audit Logs (Manual)", EKS_180.controlplane),
  auditLogsGuide: guide("Security > Auditing and logging", "Enable audit logs", GUIDE.detective),
  auditLogsManaged: cis("2.1.2", "Ensure audit logs are collected and managed (Manual)", EKS_180.controlplane),
  anonymousAuth: cis("3.2.1", "Ensure that the Anonymous Auth is Not Enabled (Automated)", EKS_180.node),
  authorizationMode: cis("3.2.2", "Ensure that the --authorization-mode argument is not set to AlwaysAllow (Automated)", EKS_180.node),
  readOnlyPort: cis("3.2.4", "Ensure that the --read-only-port is disabled (Automated)", EKS_180.node),
  iptablesChains: cis("3.2.6", "Ensure that the --make-iptables-util-chains argument is set to true (Automated)", EKS_180.node),
  eventRecordQps: cis("3.2.7", "Ensure that the --eventRecordQPS argument is set to 0 or a level which ensures appropriate event capture (Automated)", EKS_180.node),
  rotateCertificates: cis("3.2.8", "Ensure that the --rotate-certificates argument is not present or is set to true (Automated)", EKS_180.node),
  protectKernelDefaults: cis("3.2.6", "Ensure that the --protect-kernel-defaults argument is set to true (Automated)", EKS_120_NODE, "1.2.0"),
  secretsKms: cis("5.3.1", "Ensure Kubernetes Secrets are encrypted using Customer Master Keys (CMKs) managed in AWS KMS (Manual)", EKS_180.managed),
  restrictEndpoint: cis("5.4.1", "Restrict Access to the Control Plane Endpoint (Manual)", EKS_180.managed),
  privateEndpoint: cis("5.4.2", "Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled (Manual)", EKS_180.managed),
  privateNodes: cis("5.4.3", "Ensure clusters are created with Private Nodes (Manual)", EKS_180.managed),
  networkPolicy: cis("5.4.4", "Ensure Network Policy is Enabled and set as appropriate (Manual)", EKS_180.managed),
  rotateCmks: guide("Security > Data encryption and secrets management", "Rotate your CMKs periodically", GUIDE.data),
  encryptAtRest: guide("Security > Data encryption and secrets management", "Encrypt data at rest", GUIDE.data),
  instanceProfile: guide("Security > Identity and Access Management", "Restrict access to the instance profile assigned to the worker node", GUIDE.iam),
  leastPrivilege: guide("Security > Identity and Access Management", "Employ least privileged access to AWS Resources", GUIDE.iam),
  workerAccess: guide("Security > Protecting the infrastructure (hosts)", "Minimize access to worker nodes", GUIDE.hosts),
  multiAz: guide("Reliability > EKS Data Plane", "Spread worker nodes and workloads across multiple AZs", GUIDE.dataplane),
  nodeMonitoring: guide("Reliability > EKS Data Plane", "Run the Node Monitoring Agent", GUIDE.dataplane),
  resourceRequests: guide("Reliability > EKS Data Plane", "Configure and Size Resource Requests/Limits for all Workloads", GUIDE.dataplane),
  upToDate: guide("Cluster Upgrades", "Keep your cluster up-to-date", GUIDE.upgrades),
  addonUpgrades: guide("Cluster Upgrades", "Upgrade add-ons and components using the Kubernetes API", GUIDE.upgrades),
  managedNodeUpgrades: guide("Cluster Upgrades", "Use Managed Node Groups or Karpenter to simplify data plane upgrades", GUIDE.upgrades),
  spot: guide("Cluster Autoscaler > Optimizing for Cost and Availability", "Spot Instances", GUIDE.autoscaler),
  operateAutoscaler: guide("Cluster Autoscaler", "Operating the Cluster Autoscaler", GUIDE.autoscaler),
  natPerAz: guide("Networking > VPC and Subnet Considerations", "Deploy NAT Gateways in each Availability Zone", GUIDE.subnets),
  podDensity: guide("Networking > Prefix Mode for Linux", "Use Prefix Mode when", GUIDE.prefixMode),
  tenantNetworkPolicy: guide("Security > Tenant Isolation > Kubernetes Constructs", "Network policies", GUIDE.multitenancy),
  tenantQuotas: guide("Security > Tenant Isolation > Kubernetes Constructs", "Quotas", GUIDE.multitenancy),
  metricsServer: guide("Reliability > Applications", "Run Kubernetes Metrics Server", GUIDE.application),
  coreDns: guide("Scalability > Cluster Services", "Scale CoreDNS Horizontally", GUIDE.clusterServices),
  taintGpuNodes: {
    framework: "Amazon EKS User Guide",
    control: "Machine learning > Taint GPU nodes",
    title: "Prevent Pods from being scheduled on specific nodes",
    source: "awsdocs/amazon-eks-user-guide latest/ug/ml/node-taints-managed-node-groups.adoc@f60041409f8255b59682a2ca39382a2278e0e38b",
  },
  deletionProtection: {
    framework: "Amazon EKS User Guide",
    control: "Clusters",
    title: "Protect EKS clusters from accidental deletion",
    source: "awsdocs/amazon-eks-user-guide latest/ug/clusters/deletion-protection.adoc@1ac9b0ca7d8bdad8d12bb4557f87fd3f9b9dcbef",
  },
} as const satisfies Record<string, RuleMapping>;
