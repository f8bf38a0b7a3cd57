/**
 * The example stacks examples/stacks/Pulumi.{cilium-eni,custom-networking}.yaml planned whole: the Cilium release (its
 * values, no vpc-cni or kube-proxy add-on) and the ENIConfigs, each waited for by every node group; the node groups'
 * Cilium taint; the custom-network env; max pods without the primary ENI in the launch template's kubelet config.
 */
import * as path from "node:path";
import { PlanResource, readStackFile, renderCni, runPlan, summarizeCni } from "../../tools/plan";
import type { StackConfig } from "../../infra/stack-config";
import { ADDON_TYPE, ENI_CONFIG_TYPE, HELM_RELEASE_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, POD_IDENTITY_ASSOCIATION_TYPE, ROLE_POLICY_TYPE, SUBNET_TYPE, VPC_CIDR_ASSOCIATION_TYPE } from "../../components/core";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");
const plans = new Map<string, PlanResource[]>();
const configs = new Map<string, StackConfig>();

beforeAll(async () => {
  for (const stack of ["cilium-eni", "custom-networking"]) {
    const run = await runPlan(readStackFile(EXAMPLES, stack), { now: NOW });
    if (!run.ok) throw new Error(`${stack}: ${run.errors.map((e) => `${e.path}: ${e.message}`).join("\n")}`);
    plans.set(stack, run.resources);
    configs.set(stack, run.config);
  }
}, 240_000);

const of = (stack: string, type: string): PlanResource[] => (plans.get(stack) ?? []).filter((r) => r.type === type);

describe("cilium-eni", () => {
  it("installs Cilium with the eni values and kube-proxy replacement, without the vpc-cni and kube-proxy add-ons", () => {
    const [release] = of("cilium-eni", HELM_RELEASE_TYPE);
    expect(release.inputs).toMatchObject({ chart: "cilium", version: "1.19.8", namespace: "kube-system", repositoryOpts: { repo: "https://helm.cilium.io" } });
    expect(release.inputs.values).toMatchObject({ ipam: { mode: "eni" }, eni: { enabled: true }, routingMode: "native", kubeProxyReplacement: true, k8sServicePort: 443 });
    const addons = of("cilium-eni", ADDON_TYPE).map((a) => a.inputs.addonName);
    expect(addons).not.toContain("vpc-cni");
    expect(addons).not.toContain("kube-proxy");
  });
  it("every node group waits for the release and starts with Cilium's taint", () => {
    const [release] = of("cilium-eni", HELM_RELEASE_TYPE);
    const groups = of("cilium-eni", NODE_GROUP_TYPE);
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.dependencies).toContain(release.urn);
      expect(g.inputs.taints).toContainEqual({ key: "node.cilium.io/agent-not-ready", value: "true", effect: "NO_EXECUTE" });
    }
  });
});

describe("cilium-eni: the operator's IAM role", () => {
  it("an EKS Pod Identity role with Cilium's EC2 actions, bound to kube-system/cilium-operator, before the release", () => {
    const [release] = of("cilium-eni", HELM_RELEASE_TYPE);
    const assoc = of("cilium-eni", POD_IDENTITY_ASSOCIATION_TYPE).filter((a) => a.name.includes("cilium-operator"));
    expect(assoc).toHaveLength(1);
    expect(assoc[0].inputs).toMatchObject({ namespace: "kube-system", serviceAccount: "cilium-operator" });
    expect(release.dependencies).toContain(assoc[0].urn);
    expect((release.inputs.values as { serviceAccounts: unknown }).serviceAccounts).toEqual({ operator: { name: "cilium-operator" } });
    const policy = of("cilium-eni", ROLE_POLICY_TYPE).find((p) => p.name.includes("cilium-operator"));
    const doc = JSON.parse(String(policy?.inputs.policy)) as { Statement: { Action: string[] }[] };
    expect(doc.Statement[0].Action).toEqual(expect.arrayContaining(["ec2:CreateNetworkInterface", "ec2:AttachNetworkInterface", "ec2:AssignPrivateIpAddresses"]));
    expect(assoc[0].dependencies).toContain(policy?.urn);
    const agent = of("cilium-eni", ADDON_TYPE).find((a) => a.inputs.addonName === "eks-pod-identity-agent");
    expect(assoc[0].dependencies).toContain(agent?.urn);
  });
});

describe("the plan's CNI section", () => {
  const cni = (stack: string) => summarizeCni(configs.get(stack) as StackConfig, plans.get(stack) ?? []);
  it("cilium-eni: provider, mode, kube-proxy replacement, removed add-ons, chart, taint, role, Cilium's max pods", () => {
    const c = cni("cilium-eni");
    expect(c).toMatchObject({ provider: "cilium", mode: "eni", kubeProxyReplacement: true, removedAddons: ["vpc-cni", "kube-proxy"], chartVersion: "1.19.8", nodeTaint: "node.cilium.io/agent-not-ready=true:NoExecute", customNetworking: false });
    expect(c?.operatorRole).toMatchObject({ serviceAccount: "kube-system/cilium-operator" });
    expect(c?.operatorRole?.actions).toContain("ec2:AttachNetworkInterface");
    expect(c?.maxPods).toMatch(/^Cilium ENI IPAM: ENIs × \(IPv4 per ENI − 1\) \+ 2/);
    const text = renderCni(c as NonNullable<typeof c>);
    expect(text).toContain("removed add-ons: vpc-cni, kube-proxy");
    expect(text).toContain("kube-system/cilium-operator");
  });
  it("custom-networking: vpc-cni with the primary ENI out of the max-pods rule", () => {
    expect(cni("custom-networking")).toMatchObject({ provider: "vpc-cni", removedAddons: [], customNetworking: true, maxPods: expect.stringContaining("(ENIs − 1) × (IPv4 per ENI − 1) + 2") });
  });
});

describe("custom-networking", () => {
  it("associates the secondary CIDR and creates a pod subnet per AZ", () => {
    expect(of("custom-networking", VPC_CIDR_ASSOCIATION_TYPE)[0].inputs.cidrBlock).toBe("100.64.0.0/16");
    const pods = of("custom-networking", SUBNET_TYPE).filter((s) => s.name.includes("-pods-")).map((s) => s.inputs.cidrBlock);
    expect(pods).toEqual(["100.64.0.0/19", "100.64.32.0/19", "100.64.64.0/19"]);
  });
  it("one ENIConfig per AZ, named by it, before every node group; the env in vpc-cni's values", () => {
    const configs = of("custom-networking", ENI_CONFIG_TYPE);
    expect(configs.map((c) => (c.inputs.metadata as { name: string }).name)).toEqual(["us-west-2a", "us-west-2b", "us-west-2c"]);
    for (const g of of("custom-networking", NODE_GROUP_TYPE)) for (const c of configs) expect(g.dependencies).toContain(c.urn);
    const cni = of("custom-networking", ADDON_TYPE).find((a) => a.inputs.addonName === "vpc-cni");
    expect(JSON.parse(String(cni?.inputs.configurationValues)).env).toMatchObject({ AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true", ENI_CONFIG_LABEL_DEF: "topology.kubernetes.io/zone" });
  });
  it("m5.large nodes get maxPods 20 ((3 − 1) × (10 − 1) + 2) in their user data", () => {
    const lt = of("custom-networking", LAUNCH_TEMPLATE_TYPE)[0];
    const userData = Buffer.from(String(lt.inputs.userData), "base64").toString();
    expect(userData).toMatch(/maxPods:\s*20\b/);
  });
});
