/** Pure rendering of each addon's `configurationValues` from typed options. */
import { CLOUDWATCH_LOG_STREAMS, PoolPlacement, ResolvedAddonsArgs } from "./args";

/** The node label whose value names a node's ENIConfig (one ENIConfig per AZ, named by the AZ). */
export const ENI_CONFIG_LABEL = "topology.kubernetes.io/zone";

/** vpc-cni: every `env` value is a string in the addon's schema, booleans included. */
export function renderVpcCniValues(o: ResolvedAddonsArgs["vpcCni"]): Record<string, unknown> {
  const env: Record<string, string> = {
    ENABLE_PREFIX_DELEGATION: String(o.prefixDelegation),
    AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: String(o.customNetworking !== undefined),
  };
  // ipamd picks each node's ENIConfig by the value of this node label: ENIConfigs are named by AZ.
  if (o.customNetworking !== undefined) env.ENI_CONFIG_LABEL_DEF = ENI_CONFIG_LABEL;
  if (o.warmIpTarget !== undefined) env.WARM_IP_TARGET = String(o.warmIpTarget);
  if (o.minimumIpTarget !== undefined) env.MINIMUM_IP_TARGET = String(o.minimumIpTarget);
  const warmPrefix = o.warmPrefixTarget ?? (o.prefixDelegation ? 1 : undefined);
  if (warmPrefix !== undefined) env.WARM_PREFIX_TARGET = String(warmPrefix);
  if (o.podSecurityGroups) env.ENABLE_POD_ENI = "true";
  if (o.logLevel !== undefined) env.AWS_VPC_K8S_CNI_LOGLEVEL = o.logLevel;
  // DISABLE_TCP_EARLY_DEMUX is read by the aws-vpc-cni-init container, whose env is `init.env` in the addon's schema.
  const init = o.disableTcpEarlyDemux ? { init: { env: { DISABLE_TCP_EARLY_DEMUX: "true" } } } : {};
  return { env, enableNetworkPolicy: String(o.networkPolicy), ...init };
}

/** kube-proxy: proxy mode and, for IPVS, the scheduler. */
export function renderKubeProxyValues(o: ResolvedAddonsArgs["kubeProxy"]): Record<string, unknown> {
  return o.mode === "ipvs" ? { mode: "ipvs", ipvs: { scheduler: o.ipvsScheduler } } : { mode: o.mode };
}

const KUBE_DNS_SELECTOR = { matchLabels: { "k8s-app": "kube-dns" } };

/** Kubernetes tolerations that match a pool's taints exactly. */
export const tolerationsFor = (p: PoolPlacement): Record<string, string>[] =>
  p.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value ?? "", effect: t.effect }));

/** CoreDNS: replicas, spread over zones (then nodes), optional autoscaling and placement on a pool. */
export function renderCorednsValues(o: ResolvedAddonsArgs["coredns"], placement?: PoolPlacement): Record<string, unknown> {
  const values: Record<string, unknown> = {
    replicaCount: o.replicas,
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: KUBE_DNS_SELECTOR },
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: KUBE_DNS_SELECTOR },
    ],
  };
  if (o.autoscaling) values.autoScaling = { enabled: true, minReplicas: o.autoscaling.minReplicas, maxReplicas: o.autoscaling.maxReplicas };
  if (placement) {
    values.nodeSelector = { ...placement.labels };
    values.tolerations = tolerationsFor(placement);
  }
  return values;
}

/** aws-ebs-csi-driver: controller replicas. */
export const renderEbsCsiValues = (o: ResolvedAddonsArgs["ebsCsi"]): Record<string, unknown> => ({
  controller: { replicaCount: o.controllerReplicas },
});

/**
 * metrics-server: runs where CoreDNS runs (`coredns.pool`: its labels as `nodeSelector`, its taints tolerated; the keys
 * of the upstream chart's values.yaml, which the EKS build keeps); nothing when CoreDNS runs anywhere.
 */
export function renderMetricsServerValues(placement?: PoolPlacement): Record<string, unknown> {
  return placement ? { nodeSelector: { ...placement.labels }, tolerations: tolerationsFor(placement) } : {};
}

/**
 * amazon-cloudwatch-observability: the CloudWatch agent's config (Container Insights with enhanced observability, or no
 * Kubernetes metrics) and Fluent Bit's log streams. A stream turned off is its `<stream>-log.conf` emptied (Fluent Bit
 * @INCLUDEs every `containerLogs.fluentBit.config.extraFiles` entry); all off turns `containerLogs` off.
 */
export function renderCloudwatchObservabilityValues(o: ResolvedAddonsArgs["cloudwatchObservability"]): Record<string, unknown> {
  const metrics = o.containerInsights ? { kubernetes: { enhanced_container_insights: true } } : {};
  const agent = { config: { logs: { metrics_collected: metrics } } };
  const off = CLOUDWATCH_LOG_STREAMS.filter((s) => !o.logs[s]);
  if (off.length === CLOUDWATCH_LOG_STREAMS.length) return { agent, containerLogs: { enabled: false } };
  const extraFiles = Object.fromEntries(off.map((s) => [`${s}-log.conf`, ""]));
  return { agent, containerLogs: { enabled: true, ...(off.length > 0 ? { fluentBit: { config: { extraFiles } } } : {}) } };
}
