/** Addon configuration values: rendered from typed options, checked against the shipped addon schemas, refused with paths. */
import {
  renderCloudwatchObservabilityValues, renderCorednsValues, renderKubeProxyValues, renderVpcCniValues, AddonsArgs, resolveAddonsArgs, validateAddons, validateRenderedValues, validateAddonConfiguration,
} from "../../components/addons";

const AT = "workerpools:addons";
const KP = "workerpools:kubeProxy";
const base: AddonsArgs = { clusterName: "c", kubeconfig: "{}", kubernetesVersion: "1.35" };
const resolve = (over: Partial<AddonsArgs>) => resolveAddonsArgs({ ...base, ...over });
const errors = (over: Partial<AddonsArgs>) => validateAddons(resolve(over), AT, KP).filter((i) => (i.severity ?? "error") === "error");

describe("rendered configurationValues pass the shipped schemas", () => {
  it.each<[string, Partial<AddonsArgs>]>([
    ["defaults", {}],
    ["ipvs with the lc scheduler", { kubeProxy: { mode: "ipvs", ipvsScheduler: "lc" } }],
    ["nftables on 1.35", { kubeProxy: { mode: "nftables" } }],
    ["prefix delegation with warm targets", { vpcCni: { prefixDelegation: true, warmPrefixTarget: 2, minimumIpTarget: 10 } }],
    ["network policy off, warm IPs", { vpcCni: { networkPolicy: false, warmIpTarget: 5 } }],
    ["coredns placed on a tainted pool with autoscaling", {
      coredns: { replicas: 3, autoscaling: { minReplicas: 2, maxReplicas: 6 } },
      corednsPlacement: { labels: { role: "system" }, taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }] },
    }],
  ])("%s", (_t, over) => {
    expect(validateRenderedValues(resolve(over), AT)).toEqual([]);
  });

  it("renders vpc-cni booleans and numbers as the strings its schema requires", () => {
    const v = renderVpcCniValues(resolve({ vpcCni: { prefixDelegation: true, warmIpTarget: 5 } }).vpcCni);
    expect(v).toEqual({ env: { ENABLE_PREFIX_DELEGATION: "true", AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "false", WARM_IP_TARGET: "5", WARM_PREFIX_TARGET: "1" }, enableNetworkPolicy: "true" });
  });

  it("renders kube-proxy per mode", () => {
    expect(renderKubeProxyValues(resolve({ kubeProxy: { mode: "ipvs" } }).kubeProxy)).toEqual({ mode: "ipvs", ipvs: { scheduler: "rr" } });
    expect(renderKubeProxyValues(resolve({}).kubeProxy)).toEqual({ mode: "iptables" });
  });

  it("spreads CoreDNS over zones and tolerates exactly the placement pool's taints", () => {
    const v = renderCorednsValues(resolve({}).coredns, { labels: { role: "system" }, taints: [{ key: "k", value: "v", effect: "NoSchedule" }] });
    expect(v.nodeSelector).toEqual({ role: "system" });
    expect(v.tolerations).toEqual([{ key: "k", operator: "Equal", value: "v", effect: "NoSchedule" }]);
    expect(v.topologySpreadConstraints).toEqual(expect.arrayContaining([expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone" })]));
  });

  it("the schema itself refuses what the addon would refuse: a boolean where vpc-cni wants a string", () => {
    const issues = validateAddonConfiguration("vpc-cni", { env: { ENABLE_PREFIX_DELEGATION: true } }, `${AT}.vpcCni.configurationValues`);
    expect(issues[0].path).toBe(`${AT}.vpcCni.configurationValues.env.ENABLE_PREFIX_DELEGATION`);
  });
});

describe("invalid addon options are refused with their config path", () => {
  it.each<[string, Partial<AddonsArgs>, string, RegExp]>([
    ["nftables below 1.31", { kubernetesVersion: "1.30", kubeProxy: { mode: "nftables" } }, `${KP}.mode`, /needs Kubernetes 1.31 or newer \(the EKS kube-proxy add-on takes it from its v1.31 line; GA in 1.33\)/],
    ["a scheduler without ipvs", { kubeProxy: { mode: "iptables", ipvsScheduler: "rr" } }, `${KP}.ipvsScheduler`, /only applies with mode ipvs/],
    ["one CoreDNS replica", { coredns: { replicas: 1 } }, `${AT}.coredns.replicas`, /integer >= 2/],
    ["a malformed pinned version", { vpcCni: { version: "1.19" } }, `${AT}.vpcCni.version`, /v1.19.2-eksbuild.1/],
    ["a pinned version without its -eksbuild.N", { coredns: { version: "v1.11.4" } }, `${AT}.coredns.version`, /v1\.11\.4-eksbuild\.N/],
    ["warm prefixes without prefix delegation", { vpcCni: { warmPrefixTarget: 1 } }, `${AT}.vpcCni.warmPrefixTarget`, /prefixDelegation: true/],
    ["autoscaling below 2", { coredns: { autoscaling: { minReplicas: 1, maxReplicas: 3 } } }, `${AT}.coredns.autoscaling`, /2 <= minReplicas/],
  ])("%s", (_t, over, path, message) => {
    expect(errors(over).find((i) => i.path === path)?.message).toMatch(message);
  });

  it("warns that ipvs is deprecated from 1.35 but accepts it", () => {
    const issues = validateAddons(resolve({ kubeProxy: { mode: "ipvs" } }), AT, KP);
    expect(issues).toEqual([expect.objectContaining({ path: `${KP}.mode`, severity: "warning" })]);
  });
});

describe("amazon-cloudwatch-observability values", () => {
  const cw = (o: NonNullable<AddonsArgs["cloudwatchObservability"]>) => renderCloudwatchObservabilityValues(resolve({ cloudwatchObservability: o }).cloudwatchObservability);

  it("defaults: Container Insights, application and dataplane logs, the host stream emptied", () => {
    expect(cw({ enabled: true })).toEqual({
      agent: { config: { logs: { metrics_collected: { kubernetes: { enhanced_container_insights: true } } } } },
      containerLogs: { enabled: true, fluentBit: { config: { extraFiles: { "host-log.conf": "" } } } },
    });
  });

  it("every stream on: no extra files; every stream off: containerLogs off; no Container Insights: no kubernetes section", () => {
    expect(cw({ logs: { host: true } }).containerLogs).toEqual({ enabled: true });
    expect(cw({ logs: { application: false, dataplane: false } }).containerLogs).toEqual({ enabled: false });
    expect(cw({ containerInsights: false }).agent).toEqual({ config: { logs: { metrics_collected: {} } } });
  });
});
