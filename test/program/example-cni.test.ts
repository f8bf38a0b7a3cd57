/**
 * The example stacks examples/stacks/Pulumi.{cilium-eni,custom-networking}.yaml planned whole: the Cilium release (its
 * values, no vpc-cni or kube-proxy add-on) and the ENIConfigs, each waited for by every node group; the node groups'
 * Cilium taint; the custom-network env; max pods without the primary ENI in the launch template's kubelet config.
 */
import * as path from "node:path";
import { PlanResource, readStackFile, runPlan } from "../../tools/plan";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");
const NG = "aws:eks/nodeGroup:NodeGroup";
const plans = new Map<string, PlanResource[]>();

beforeAll(async () => {
  for (const stack of ["cilium-eni", "custom-networking"]) {
    const run = await runPlan(readStackFile(EXAMPLES, stack), { now: NOW });
    if (!run.ok) throw new Error(`${stack}: ${run.errors.map((e) => `${e.path}: ${e.message}`).join("\n")}`);
    plans.set(stack, run.resources);
  }
}, 240_000);

const of = (stack: string, type: string): PlanResource[] => (plans.get(stack) ?? []).filter((r) => r.type === type);

describe("cilium-eni", () => {
  it("installs Cilium with the eni values and kube-proxy replacement, without the vpc-cni and kube-proxy add-ons", () => {
    const [release] = of("cilium-eni", "kubernetes:helm.sh/v3:Release");
    expect(release.inputs).toMatchObject({ chart: "cilium", version: "1.19.1", namespace: "kube-system", repositoryOpts: { repo: "https://helm.cilium.io" } });
    expect(release.inputs.values).toMatchObject({ ipam: { mode: "eni" }, eni: { enabled: true }, routingMode: "native", kubeProxyReplacement: true, k8sServicePort: 443 });
    const addons = of("cilium-eni", "aws:eks/addon:Addon").map((a) => a.inputs.addonName);
    expect(addons).not.toContain("vpc-cni");
    expect(addons).not.toContain("kube-proxy");
  });
  it("every node group waits for the release and starts with Cilium's taint", () => {
    const [release] = of("cilium-eni", "kubernetes:helm.sh/v3:Release");
    const groups = of("cilium-eni", NG);
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.dependencies).toContain(release.urn);
      expect(g.inputs.taints).toContainEqual({ key: "node.cilium.io/agent-not-ready", value: "true", effect: "NO_EXECUTE" });
    }
  });
});

describe("custom-networking", () => {
  it("associates the secondary CIDR and creates a pod subnet per AZ", () => {
    expect(of("custom-networking", "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation")[0].inputs.cidrBlock).toBe("100.64.0.0/16");
    const pods = of("custom-networking", "aws:ec2/subnet:Subnet").filter((s) => s.name.includes("-pods-")).map((s) => s.inputs.cidrBlock);
    expect(pods).toEqual(["100.64.0.0/19", "100.64.32.0/19", "100.64.64.0/19"]);
  });
  it("one ENIConfig per AZ, named by it, before every node group; the env in vpc-cni's values", () => {
    const configs = of("custom-networking", "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig");
    expect(configs.map((c) => (c.inputs.metadata as { name: string }).name)).toEqual(["us-west-2a", "us-west-2b", "us-west-2c"]);
    for (const g of of("custom-networking", NG)) for (const c of configs) expect(g.dependencies).toContain(c.urn);
    const cni = of("custom-networking", "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "vpc-cni");
    expect(JSON.parse(String(cni?.inputs.configurationValues)).env).toMatchObject({ AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true", ENI_CONFIG_LABEL_DEF: "topology.kubernetes.io/zone" });
  });
  it("m5.large nodes get maxPods 20 ((3 − 1) × (10 − 1) + 2) in their user data", () => {
    const lt = of("custom-networking", "aws:ec2/launchTemplate:LaunchTemplate")[0];
    const userData = Buffer.from(String(lt.inputs.userData), "base64").toString();
    expect(userData).toMatch(/maxPods:\s*20\b/);
  });
});
