/** The refreshed vpc-cni schema: v1.15.1 fields kept, newer keys accepted as typed, what the sources leave out refused. */
import { addonSchema, renderVpcCniValues, resolveAddonsArgs, validateAddonConfiguration, validateRenderedValues } from "../../components/addons";
import { isRecord } from "../../components/core";

const AT = "v";
const check = (values: unknown) => validateAddonConfiguration("vpc-cni", values, AT);

/** The property names of each definition in the v1.15.1-eksbuild.1 dump (AWS CLI reference, Example 1). */
const V1_15_1: Readonly<Record<string, readonly string[]>> = {
  VpcCni: ["affinity", "enableNetworkPolicy", "enableWindowsIpam", "eniConfig", "env", "init", "livenessProbeTimeoutSeconds", "nodeAgent", "readinessProbeTimeoutSeconds", "resources", "tolerations"],
  Env: [
    "ADDITIONAL_ENI_TAGS", "ANNOTATE_POD_IP", "AWS_EC2_ENDPOINT", "AWS_EXTERNAL_SERVICE_CIDRS", "AWS_MANAGE_ENIS_NON_SCHEDULABLE", "AWS_VPC_CNI_NODE_PORT_SUPPORT",
    "AWS_VPC_ENI_MTU", "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS", "AWS_VPC_K8S_CNI_EXTERNALSNAT", "AWS_VPC_K8S_CNI_LOGLEVEL",
    "AWS_VPC_K8S_CNI_LOG_FILE", "AWS_VPC_K8S_CNI_RANDOMIZESNAT", "AWS_VPC_K8S_CNI_VETHPREFIX", "AWS_VPC_K8S_PLUGIN_LOG_FILE", "AWS_VPC_K8S_PLUGIN_LOG_LEVEL",
    "CLUSTER_ENDPOINT", "DISABLE_INTROSPECTION", "DISABLE_LEAKED_ENI_CLEANUP", "DISABLE_METRICS", "DISABLE_NETWORK_RESOURCE_PROVISIONING", "DISABLE_POD_V6",
    "ENABLE_BANDWIDTH_PLUGIN", "ENABLE_POD_ENI", "ENABLE_PREFIX_DELEGATION", "ENABLE_V4_EGRESS", "ENABLE_V6_EGRESS", "ENI_CONFIG_ANNOTATION_DEF", "ENI_CONFIG_LABEL_DEF",
    "INTROSPECTION_BIND_ADDRESS", "IP_COOLDOWN_PERIOD", "MAX_ENI", "MINIMUM_IP_TARGET", "POD_SECURITY_GROUP_ENFORCING_MODE", "WARM_ENI_TARGET", "WARM_IP_TARGET", "WARM_PREFIX_TARGET",
  ],
  EniConfig: ["create", "region", "subnets"],
  Init: ["env"],
  InitEnv: ["DISABLE_TCP_EARLY_DEMUX", "ENABLE_V6_EGRESS"],
  NodeAgent: ["enableCloudWatchLogs", "enablePolicyEventLogs", "healthProbeBindAddr", "metricsBindAddr"],
  Resources: ["limits", "requests"],
  Limits: ["cpu", "memory"],
};

function definition(name: string): Record<string, unknown> {
  const defs = addonSchema("vpc-cni").schema.definitions;
  const d = isRecord(defs) ? defs[name] : undefined;
  if (!isRecord(d)) throw new Error(`no definition ${name}`);
  return d;
}

describe("vpc-cni schema refresh", () => {
  it("is partial, names the chart tag's commit and the dump threads", () => {
    const s = addonSchema("vpc-cni");
    expect(s).toMatchObject({ partial: true, addonVersion: "v1.18.5-eksbuild.1 + chart 1.23.0 keys" });
    expect(s.source).toMatchObject({ repo: "aws/amazon-vpc-cni-k8s", path: "charts/aws-vpc-cni/values.yaml", commit: "0c65d58cf2b490014e7aa19aac172a032f4e520a" });
  });

  it.each(Object.entries(V1_15_1))("keeps every v1.15.1 property of %s, still closed", (name, keys) => {
    const d = definition(name);
    expect(Object.keys(isRecord(d.properties) ? d.properties : {})).toEqual(expect.arrayContaining([...keys]));
    expect(d.additionalProperties).toBe(false);
  });

  it("accepts the keys the v1.18.5 dump and the chart added, as they type them", () => {
    expect(check({
      env: { NETWORK_POLICY_ENFORCING_MODE: "strict", ENABLE_SUBNET_DISCOVERY: "false", POD_MTU: "8911", ENABLE_MULTI_NIC: "true" },
      enableWindowsPrefixDelegation: "true", warmWindowsPrefixTarget: 1, branchENICooldown: 60,
      nodeAgent: { networkPolicyAgentLogFileLocation: "stdout", conntrackCacheCleanupPeriod: 300, logLevel: "info", enablePolicyEventLogs: "true" },
    })).toEqual([]);
  });

  it("refuses a mode outside NETWORK_POLICY_ENFORCING_MODE's enum, a non-boolean subnet discovery, a string period", () => {
    const issues = check({ env: { NETWORK_POLICY_ENFORCING_MODE: "loose", ENABLE_SUBNET_DISCOVERY: "maybe" }, nodeAgent: { conntrackCacheCleanupPeriod: "300" } });
    expect(issues.map((i) => i.path).sort()).toEqual([`${AT}.env.ENABLE_SUBNET_DISCOVERY`, `${AT}.env.NETWORK_POLICY_ENFORCING_MODE`, `${AT}.nodeAgent.conntrackCacheCleanupPeriod`]);
  });

  it("still refuses a misspelt env var, and chart keys the dumps leave out", () => {
    const [typo] = check({ env: { NETWORK_POLICY_ENFORCING_MOD: "strict" } });
    expect(typo).toMatchObject({ path: `${AT}.env.NETWORK_POLICY_ENFORCING_MOD`, message: expect.stringMatching(/^unknown property .*NETWORK_POLICY_ENFORCING_MODE/) });
    const left = check({ env: { ENABLE_IPv6: "true", VPC_CNI_VERSION: "v1.23.0" }, image: { pullPolicy: "Always" }, nodeAgent: { enableIpv6: "true" } });
    expect(left.map((i) => i.path).sort()).toEqual([`${AT}.env.ENABLE_IPv6`, `${AT}.env.VPC_CNI_VERSION`, `${AT}.image`, `${AT}.nodeAgent.enableIpv6`]);
  });

  const base = { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}" };
  it.each([
    ["defaults", {}],
    ["prefix delegation with targets", { prefixDelegation: true, warmPrefixTarget: 2, warmIpTarget: 5, minimumIpTarget: 10 }],
    ["custom networking", { customNetworking: { secondaryCidr: "100.64.0.0/16" } }],
    ["pod security groups, early demux off, log level", { podSecurityGroups: true, disableTcpEarlyDemux: true, logLevel: "ERROR" as const }],
    ["network policy off", { networkPolicy: false }],
  ])("every value the platform renders validates: %s", (_label, vpcCni) => {
    const args = resolveAddonsArgs({ ...base, vpcCni });
    expect(check(renderVpcCniValues(args.vpcCni))).toEqual([]);
    expect(validateRenderedValues(args, "workerpools:addons")).toEqual([]);
  });
});
