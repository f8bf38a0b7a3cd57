/** Typed arguments of {@link Addons} and their defaults (applied only in {@link resolveAddonsArgs}). */
import * as pulumi from "@pulumi/pulumi";
import { devicePluginFor } from "./device-plugins";
import { CniOptions, ResolvedCni, resolveCni } from "./cni";
import { HELM_CHARTS } from "../facts";
import { ExtraAddon, ResolvedExtraAddon, resolveExtraAddon } from "./extra";

/** `"latest"` (resolved with `aws.eks.getAddonVersion` for the cluster version) or an exact version like `v1.19.2-eksbuild.1`. */
export type AddonVersion = string;

export const KUBE_PROXY_MODES = ["iptables", "ipvs", "nftables"] as const;
export type KubeProxyMode = (typeof KUBE_PROXY_MODES)[number];
/** IPVS schedulers kube-proxy accepts (`--ipvs-scheduler`), each backed by an `ip_vs_<name>` kernel module. */
export const IPVS_SCHEDULERS = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "mh"] as const;
export type IpvsScheduler = (typeof IPVS_SCHEDULERS)[number];
/** kube-proxy's own default scheduler (round robin). */
export const DEFAULT_IPVS_SCHEDULER: IpvsScheduler = "rr";

/** Cluster-wide kube-proxy settings (the addon runs one DaemonSet). */
export interface KubeProxySettings {
  /** @default "iptables" */
  readonly mode?: KubeProxyMode;
  /** Only with mode ipvs. @default "rr" (with ipvs) */
  readonly ipvsScheduler?: IpvsScheduler;
}

/** vpc-cni options, rendered into its `configurationValues` (whose env values are strings). */
export interface VpcCniOptions {
  /** @default "latest" */
  readonly version?: AddonVersion;
  /** `ENABLE_PREFIX_DELEGATION`: /28 prefixes per ENI slot; also changes the max-pods formula. @default false */
  readonly prefixDelegation?: boolean;
  /** `enableNetworkPolicy`: the node agent enforces NetworkPolicy. @default true */
  readonly networkPolicy?: boolean;
  /** `WARM_IP_TARGET`. @default - unset (vpc-cni keeps one warm ENI) */
  readonly warmIpTarget?: number;
  /** `WARM_PREFIX_TARGET` (prefix delegation only). @default - unset (1 when prefix delegation is on) */
  readonly warmPrefixTarget?: number;
  /** `MINIMUM_IP_TARGET`. @default - unset */
  readonly minimumIpTarget?: number;
  /**
   * Security groups for Pods: `ENABLE_POD_ENI` (the VPC resource controller gives each node a trunk interface; only
   * trunk-capable instance types, see components/facts trunk-eni.ts) and the cluster role's AmazonEKSVPCResourceController
   * policy (the control plane's `vpcResourceController`). @default false
   */
  readonly podSecurityGroups?: boolean;
  /** `DISABLE_TCP_EARLY_DEMUX` of the aws-vpc-cni-init container: kubelet probes reach pods on branch interfaces. @default false */
  readonly disableTcpEarlyDemux?: boolean;
  /** `AWS_VPC_K8S_CNI_LOGLEVEL` of ipamd. @default - unset (vpc-cni's DEBUG) */
  readonly logLevel?: VpcCniLogLevel;
  /**
   * Custom networking (`AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`, `ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone`): pods
   * get addresses from per-AZ pod subnets named by one `ENIConfig` per AZ, not from the node's subnet; the primary ENI
   * carries no pod IPs, so max pods drops (components/kubelet max-pods.ts). @default - off
   */
  readonly customNetworking?: VpcCniCustomNetworking;
}

/**
 * Where custom networking takes pod subnets from: a secondary CIDR the platform associates with the VPC it creates and
 * carves into one pod subnet per AZ, or given pod subnets (AZ → subnet id; required when the VPC is brought).
 */
export interface VpcCniCustomNetworking {
  /** Secondary VPC CIDR (RFC 1918 or 100.64.0.0/10). @default - none (give `podSubnets`) */
  readonly secondaryCidr?: string;
  /** Pod subnet per AZ, e.g. `{ us-east-1a: subnet-… }`. @default - none (carved from `secondaryCidr`) */
  readonly podSubnets?: Readonly<Record<string, string>>;
}

/** `AWS_VPC_K8S_CNI_LOGLEVEL` values (amazon-vpc-cni-k8s README; it also takes them in lower case). */
export const VPC_CNI_LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
export type VpcCniLogLevel = (typeof VPC_CNI_LOG_LEVELS)[number];

/** CoreDNS options. */
export interface CorednsOptions {
  /** @default "latest" */
  readonly version?: AddonVersion;
  /** `replicaCount`, at least 2. @default 2 */
  readonly replicas?: number;
  /** Place CoreDNS on this pool (node selector + tolerations of its labels and taints). @default - anywhere */
  readonly pool?: string;
  /** `autoScaling` (the addon's own proportional autoscaler). @default - off */
  readonly autoscaling?: { readonly minReplicas: number; readonly maxReplicas: number };
}

/** aws-ebs-csi-driver options. */
export interface EbsCsiOptions {
  /** Install the driver, its Pod Identity role and the default StorageClass. @default true */
  readonly enabled?: boolean;
  /** @default "latest" */
  readonly version?: AddonVersion;
  /** `controller.replicaCount`. @default 2 */
  readonly controllerReplicas?: number;
}

/** An addon with only a version. */
export interface VersionOnly {
  /** @default "latest" */
  readonly version?: AddonVersion;
}

/** An optional addon with only a version and its switch. */
export interface OptionalAddonOptions extends VersionOnly {
  /** Install it. @default true */
  readonly enabled?: boolean;
}

/** An optional addon that is off unless turned on. */
export interface OffByDefaultAddonOptions extends VersionOnly {
  /** Install it. @default false */
  readonly enabled?: boolean;
}

/** The node log streams of amazon-cloudwatch-observability's Fluent Bit (its `<name>-log.conf` files). */
export const CLOUDWATCH_LOG_STREAMS = ["application", "dataplane", "host"] as const;
export type CloudwatchLogStream = (typeof CLOUDWATCH_LOG_STREAMS)[number];

/** amazon-cloudwatch-observability options (CloudWatch agent and Fluent Bit, with a Pod Identity role). */
export interface CloudwatchObservabilityOptions extends OffByDefaultAddonOptions {
  /** Container Insights with enhanced observability (`agent.config.logs.metrics_collected.kubernetes`). @default true */
  readonly containerInsights?: boolean;
  /**
   * Which node logs Fluent Bit ships to CloudWatch Logs: container stdout/stderr (`application`), the kubelet,
   * kube-proxy and container runtime journals (`dataplane`), the host's /var/log/dmesg, messages and secure (`host`).
   * @default { application: true, dataplane: true, host: false }
   */
  readonly logs?: { readonly application?: boolean; readonly dataplane?: boolean; readonly host?: boolean };
}

/**
 * A device plugin Helm release (device-plugins.ts). `enabled`: `auto` installs it when some pool of its accelerator
 * whose AMI ships no plugin is given to `installAfterNodes`, `true` the same (and stack validation warns when there is
 * none), `false` never (those pools are then warned that their devices are not allocatable).
 */
export interface DevicePluginOptions {
  /** @default "auto" */
  readonly enabled?: boolean | "auto";
  /** Exact chart version. @default - the pinned chart version (components/facts/data/helm-charts.json) */
  readonly version?: string;
}

/** Where CoreDNS runs: the target pool's labels and taints. */
export interface PoolPlacement {
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
}

/** Arguments of {@link Addons}. */
export interface AddonsArgs {
  /** Cluster name (an Output of the control plane, so addons wait for it). */
  readonly clusterName: pulumi.Input<string>;
  /** Control plane version `1.NN`, for `latest` resolution. */
  readonly kubernetesVersion: string;
  /** Kubeconfig JSON for the StorageClass's Kubernetes provider. */
  readonly kubeconfig: pulumi.Input<string>;
  /** @default {} */ readonly vpcCni?: VpcCniOptions;
  /** @default {} */ readonly kubeProxy?: VersionOnly & KubeProxySettings;
  /** @default {} */ readonly coredns?: CorednsOptions;
  /** @default {} */ readonly ebsCsi?: EbsCsiOptions;
  /** eks-pod-identity-agent; `enabled: false` is refused while a Pod Identity association needs it. @default {} */
  readonly podIdentityAgent?: OptionalAddonOptions;
  /**
   * eks-node-monitoring-agent (needed by node auto-repair). The stack config defaults `enabled` to "some pool has
   * auto-repair on" and refuses `false` while one has. @default - { enabled: true, version: "latest" }
   */
  readonly nodeMonitoringAgent?: OptionalAddonOptions;
  /**
   * metrics-server (EKS community add-on: the Metrics API behind `kubectl top` and the Horizontal Pod Autoscaler), placed
   * like CoreDNS (`corednsPlacement`). @default { enabled: true, version: "latest" }
   */
  readonly metricsServer?: OptionalAddonOptions;
  /** aws-efs-csi-driver with its Pod Identity role (AmazonEFSCSIDriverPolicy). @default { enabled: false, version: "latest" } */
  readonly efsCsi?: OffByDefaultAddonOptions;
  /** amazon-cloudwatch-observability with its Pod Identity role (CloudWatchAgentServerPolicy). @default { enabled: false } */
  readonly cloudwatchObservability?: CloudwatchObservabilityOptions;
  /** Other EKS add-ons by name, installed after the node groups (and after the catalog's). @default [] */
  readonly extra?: readonly ExtraAddon[];
  /** NVIDIA's device plugin for AL2023 NVIDIA pools. @default {} */
  readonly nvidiaDevicePlugin?: DevicePluginOptions;
  /** AWS Neuron's device plugin for Neuron pools (AL2023 and Bottlerocket). @default {} */
  readonly neuronDevicePlugin?: DevicePluginOptions;
  /** Labels/taints of `coredns.pool`. @default - no placement */
  readonly corednsPlacement?: PoolPlacement;
  /** Create the default gp3 encrypted StorageClass. @default true */
  readonly defaultStorageClass?: boolean;
  /** @default {} */ readonly tags?: Readonly<Record<string, string>>;
  /** The cluster's CNI: vpc-cni (the add-on) or Cilium (a Helm release before the nodes). @default - { provider: "vpc-cni" } */
  readonly cni?: CniOptions;
  /** API server URL (Cilium's `k8sServiceHost` with kube-proxy replacement). @default - none (required then) */
  readonly apiServerEndpoint?: pulumi.Input<string>;
  /** The cluster security group (the ENIConfigs' `securityGroups` with custom networking). @default - none (required then) */
  readonly clusterSecurityGroupId?: pulumi.Input<string>;
  /** Custom networking's pod subnet per AZ (one ENIConfig each, named by the AZ). @default [] */
  readonly podSubnets?: readonly { readonly az: string; readonly id: pulumi.Input<string> }[];
}

/** Defaults of {@link AddonsArgs}; the single place they are written. */
export const ADDONS_DEFAULTS = {
  version: "latest",
  vpcCni: { prefixDelegation: false, networkPolicy: true, podSecurityGroups: false, disableTcpEarlyDemux: false },
  kubeProxy: { mode: "iptables", ipvsScheduler: DEFAULT_IPVS_SCHEDULER },
  coredns: { replicas: 2 },
  ebsCsi: { enabled: true, controllerReplicas: 2 },
  podIdentityAgent: { enabled: true },
  metricsServer: { enabled: true },
  efsCsi: { enabled: false },
  cloudwatchObservability: { enabled: false, containerInsights: true, logs: { application: true, dataplane: true, host: false } },
  nodeMonitoringAgent: { enabled: true },
  nvidiaDevicePlugin: { enabled: "auto", version: devicePluginFor("nvidia").chart.version },
  neuronDevicePlugin: { enabled: "auto", version: devicePluginFor("neuron").chart.version },
  defaultStorageClass: true,
} as const;

/** Resolved arguments. */
export interface ResolvedAddonsArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly kubernetesVersion: string;
  readonly kubeconfig: pulumi.Input<string>;
  readonly vpcCni: VpcCniOptions & Required<Pick<VpcCniOptions, "version" | "prefixDelegation" | "networkPolicy" | "podSecurityGroups" | "disableTcpEarlyDemux">>;
  readonly kubeProxy: { readonly version: string } & ResolvedKubeProxy;
  readonly coredns: CorednsOptions & Required<Pick<CorednsOptions, "version" | "replicas">>;
  readonly ebsCsi: Required<EbsCsiOptions>;
  readonly podIdentityAgent: Required<OptionalAddonOptions>;
  readonly nodeMonitoringAgent: Required<OptionalAddonOptions>;
  readonly metricsServer: Required<OptionalAddonOptions>;
  readonly efsCsi: Required<OffByDefaultAddonOptions>;
  readonly cloudwatchObservability: Required<OffByDefaultAddonOptions> & {
    readonly containerInsights: boolean;
    readonly logs: Readonly<Record<CloudwatchLogStream, boolean>>;
  };
  readonly extra: readonly ResolvedExtraAddon[];
  /** `extra` as given (validation reports what was written). */
  readonly extraAsWritten: readonly ExtraAddon[];
  readonly nvidiaDevicePlugin: Required<DevicePluginOptions>;
  readonly neuronDevicePlugin: Required<DevicePluginOptions>;
  readonly corednsPlacement?: PoolPlacement;
  readonly defaultStorageClass: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly cni: ResolvedCni;
  readonly apiServerEndpoint?: pulumi.Input<string>;
  readonly clusterSecurityGroupId?: pulumi.Input<string>;
  readonly podSubnets: readonly { readonly az: string; readonly id: pulumi.Input<string> }[];
}

/** kube-proxy as the nodes need it: the mode, and in IPVS mode the scheduler (whose kernel module nodes load). */
export type ResolvedKubeProxy =
  | { readonly mode: "ipvs"; readonly ipvsScheduler: IpvsScheduler }
  | { readonly mode: Exclude<KubeProxyMode, "ipvs">; readonly ipvsScheduler?: IpvsScheduler };

/** Applies the kube-proxy defaults ({@link ADDONS_DEFAULTS}, where they are written once): the addon and every pool resolve through here. */
export function resolveKubeProxySettings(k: KubeProxySettings | undefined): ResolvedKubeProxy {
  const d = ADDONS_DEFAULTS.kubeProxy;
  const mode = k?.mode ?? d.mode;
  if (mode === "ipvs") return { mode, ipvsScheduler: k?.ipvsScheduler ?? d.ipvsScheduler };
  return k?.ipvsScheduler === undefined ? { mode } : { mode, ipvsScheduler: k.ipvsScheduler };
}

const resolveDevicePlugin = (o: DevicePluginOptions | undefined, d: Required<DevicePluginOptions>): Required<DevicePluginOptions> =>
  ({ enabled: o?.enabled ?? d.enabled, version: o?.version ?? d.version });

function resolveCloudwatch(o: CloudwatchObservabilityOptions | undefined, version: string): ResolvedAddonsArgs["cloudwatchObservability"] {
  const d = ADDONS_DEFAULTS.cloudwatchObservability;
  return {
    enabled: o?.enabled ?? d.enabled, version: o?.version ?? version, containerInsights: o?.containerInsights ?? d.containerInsights,
    logs: { application: o?.logs?.application ?? d.logs.application, dataplane: o?.logs?.dataplane ?? d.logs.dataplane, host: o?.logs?.host ?? d.logs.host },
  };
}

/** Applies {@link ADDONS_DEFAULTS}; never writes to `a`. */
export function resolveAddonsArgs(a: AddonsArgs): ResolvedAddonsArgs {
  const d = ADDONS_DEFAULTS;
  return {
    clusterName: a.clusterName,
    kubernetesVersion: a.kubernetesVersion,
    kubeconfig: a.kubeconfig,
    vpcCni: {
      ...a.vpcCni, version: a.vpcCni?.version ?? d.version, prefixDelegation: a.vpcCni?.prefixDelegation ?? d.vpcCni.prefixDelegation, networkPolicy: a.vpcCni?.networkPolicy ?? d.vpcCni.networkPolicy,
      podSecurityGroups: a.vpcCni?.podSecurityGroups ?? d.vpcCni.podSecurityGroups, disableTcpEarlyDemux: a.vpcCni?.disableTcpEarlyDemux ?? d.vpcCni.disableTcpEarlyDemux,
    },
    kubeProxy: { version: a.kubeProxy?.version ?? d.version, ...resolveKubeProxySettings(a.kubeProxy) },
    coredns: { ...a.coredns, version: a.coredns?.version ?? d.version, replicas: a.coredns?.replicas ?? d.coredns.replicas },
    ebsCsi: { enabled: a.ebsCsi?.enabled ?? d.ebsCsi.enabled, version: a.ebsCsi?.version ?? d.version, controllerReplicas: a.ebsCsi?.controllerReplicas ?? d.ebsCsi.controllerReplicas },
    podIdentityAgent: { version: a.podIdentityAgent?.version ?? d.version, enabled: a.podIdentityAgent?.enabled ?? d.podIdentityAgent.enabled },
    nodeMonitoringAgent: { version: a.nodeMonitoringAgent?.version ?? d.version, enabled: a.nodeMonitoringAgent?.enabled ?? d.nodeMonitoringAgent.enabled },
    metricsServer: { version: a.metricsServer?.version ?? d.version, enabled: a.metricsServer?.enabled ?? d.metricsServer.enabled },
    efsCsi: { version: a.efsCsi?.version ?? d.version, enabled: a.efsCsi?.enabled ?? d.efsCsi.enabled },
    cloudwatchObservability: resolveCloudwatch(a.cloudwatchObservability, d.version),
    extra: (a.extra ?? []).map((e) => resolveExtraAddon(e, d.version)),
    extraAsWritten: a.extra ?? [],
    nvidiaDevicePlugin: resolveDevicePlugin(a.nvidiaDevicePlugin, d.nvidiaDevicePlugin),
    neuronDevicePlugin: resolveDevicePlugin(a.neuronDevicePlugin, d.neuronDevicePlugin),
    corednsPlacement: a.corednsPlacement,
    defaultStorageClass: a.defaultStorageClass ?? d.defaultStorageClass,
    tags: a.tags ?? {},
    cni: resolveCni(a.cni, HELM_CHARTS.cilium.version),
    apiServerEndpoint: a.apiServerEndpoint,
    clusterSecurityGroupId: a.clusterSecurityGroupId,
    podSubnets: a.podSubnets ?? [],
  };
}
