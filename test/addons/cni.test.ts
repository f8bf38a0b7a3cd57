/** The CNI's pure parts: Cilium values per mode, which add-ons it removes, validation paths; custom networking's env and max pods. */
import { ADDON_CATALOG, apiServerHost, chartValuesIssues, isInstalled, renderCiliumValues, renderVpcCniValues, resolveAddonsArgs, resolveCni, validateCni } from "../../components/addons";
import { HELM_CHARTS, lookupInstanceType } from "../../components/facts";
import { recommendedMaxPods } from "../../components/kubelet";
import { planPodSubnets, validateCustomNetworking } from "../../components/network";

const base = { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}" };
const ctx = { kubeProxyModeSet: false, customNetworking: false, at: "workerpools:cni", kubeProxyAt: "workerpools:kubeProxy", customNetworkingAt: "workerpools:addons.vpcCni.customNetworking" };

describe("Cilium values", () => {
  it("eni mode with kube-proxy replacement: Cilium's EKS guide values and the API host", () => {
    const v = renderCiliumValues({ mode: "eni", kubeProxyReplacement: true, version: "1.19.1" }, apiServerHost("https://ABC.gr7.us-west-2.eks.amazonaws.com"));
    expect(v).toEqual({ eni: { enabled: true }, ipam: { mode: "eni" }, egressMasqueradeInterfaces: "eth+", routingMode: "native", kubeProxyReplacement: true, k8sServiceHost: "ABC.gr7.us-west-2.eks.amazonaws.com", k8sServicePort: 443, serviceAccounts: { operator: { name: "cilium-operator" } } });
    expect(chartValuesIssues(HELM_CHARTS.cilium, v, "v")).toEqual([]);
  });
  it("chaining mode keeps vpc-cni for IPAM", () => {
    expect(renderCiliumValues({ mode: "chaining", kubeProxyReplacement: false, version: "1.19.1" }, "")).toEqual({ cni: { chainingMode: "aws-cni", exclusive: false }, enableIPv4Masquerade: false, routingMode: "native" });
  });
  it("a value the chart does not have is refused at its path", () => {
    expect(chartValuesIssues(HELM_CHARTS.cilium, { eni: { enabeld: true } }, "v")).toEqual([expect.objectContaining({ path: "v.eni.enabeld" })]);
  });
});

describe("which add-ons the CNI installs", () => {
  const installed = (cni: Parameters<typeof resolveAddonsArgs>[0]["cni"]) => {
    const a = resolveAddonsArgs({ ...base, cni });
    return ADDON_CATALOG.filter((r) => r.stage === "before-nodes" && isInstalled(r, a)).map((r) => r.addon);
  };
  it("vpc-cni: both", () => expect(installed(undefined)).toEqual(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"]));
  it("cilium eni + kube-proxy replacement: neither", () => expect(installed({ provider: "cilium", cilium: { kubeProxyReplacement: true } })).toEqual(["eks-pod-identity-agent"]));
  it("cilium chaining: vpc-cni stays", () => expect(installed({ provider: "cilium", cilium: { mode: "chaining" } })).toEqual(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"]));
  it("the pinned chart version is the default", () => expect(resolveCni({ provider: "cilium" }, HELM_CHARTS.cilium.version)).toEqual({ provider: "cilium", cilium: { mode: "eni", kubeProxyReplacement: false, version: "1.19.8" } }));
});

describe("validateCni", () => {
  it("kube-proxy replacement with kubeProxy.mode set is an error at that path", () => {
    expect(validateCni({ provider: "cilium", cilium: { kubeProxyReplacement: true } }, { ...ctx, kubeProxyModeSet: true })).toEqual([expect.objectContaining({ path: "workerpools:kubeProxy.mode" })]);
  });
  it("cilium options without provider cilium, and custom networking under eni mode", () => {
    expect(validateCni({ cilium: { mode: "eni" } }, ctx).map((i) => i.path)).toEqual(["workerpools:cni.cilium"]);
    expect(validateCni({ provider: "cilium" }, { ...ctx, customNetworking: true }).map((i) => i.path)).toEqual(["workerpools:addons.vpcCni.customNetworking"]);
  });
});

describe("custom networking", () => {
  it("renders the custom-network env", () => {
    const env = renderVpcCniValues(resolveAddonsArgs({ ...base, vpcCni: { customNetworking: { secondaryCidr: "100.64.0.0/16" } } }).vpcCni).env;
    expect(env).toMatchObject({ AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true", ENI_CONFIG_LABEL_DEF: "topology.kubernetes.io/zone" });
    expect(renderVpcCniValues(resolveAddonsArgs(base).vpcCni).env).toMatchObject({ AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "false" });
  });
  // max-pods-calculator.sh --cni-custom-networking-enabled leaves the primary ENI out: (ENIs − 1) × (IPs − 1) + 2.
  it.each([["m5.large", 20], ["t3.medium", 12], ["m5.4xlarge", 205]])("%s without the primary ENI: %i (uncapped)", (type, pods) => {
    const f = lookupInstanceType(type);
    if (!f) throw new Error(type);
    expect(recommendedMaxPods(f, { customNetworking: true, cap: "none" }).raw).toBe(pods);
  });
  it("pod subnets take the AZ letter's eighth of the secondary CIDR", () => {
    expect(planPodSubnets("100.64.0.0/16", ["us-west-2a", "us-west-2c"])).toEqual([{ az: "us-west-2a", cidr: "100.64.0.0/19" }, { az: "us-west-2c", cidr: "100.64.64.0/19" }]);
  });
  const net = { vpcCidr: "10.0.0.0/16", serviceCidr: "172.20.0.0/16", poolAzs: ["us-west-2a", "us-west-2b"] };
  const at = "workerpools:addons.vpcCni.customNetworking";
  it("refuses a public, overlapping or service-overlapping CIDR at secondaryCidr", () => {
    expect(validateCustomNetworking({ secondaryCidr: "8.8.0.0/16" }, net, at).map((i) => i.path)).toEqual([`${at}.secondaryCidr`]);
    expect(validateCustomNetworking({ secondaryCidr: "10.0.0.0/16" }, net, at)[0].message).toMatch(/overlaps the VPC/);
    expect(validateCustomNetworking({ secondaryCidr: "172.20.0.0/16" }, net, at)[0].message).toMatch(/overlaps the service CIDR/);
    expect(validateCustomNetworking({ secondaryCidr: "100.64.0.0/16" }, net, at)).toEqual([]);
  });
  it("a brought VPC needs podSubnets for every pool AZ", () => {
    expect(validateCustomNetworking({ secondaryCidr: "100.64.0.0/16" }, { ...net, vpcCidr: undefined }, at).map((i) => i.path)).toEqual([`${at}.secondaryCidr`]);
    expect(validateCustomNetworking({ podSubnets: { "us-west-2a": "subnet-0abc" } }, net, at)).toEqual([expect.objectContaining({ path: `${at}.podSubnets`, message: expect.stringContaining("us-west-2b") })]);
  });
});
