/**
 * examples/stacks/Pulumi.cilium-chaining.yaml (Cilium's "AWS VPC CNI plugin" chaining guide) planned whole: vpc-cni and
 * kube-proxy stay, Cilium is chained with aws-cni, no operator IAM role; the plan's CNI section says so.
 */
import * as path from "node:path";
import { CniSummary, PlanResource, readStackFile, renderCni, runPlan, summarizeCni } from "../../tools/plan";
import { ADDON_TYPE, HELM_RELEASE_TYPE, IAM_ROLE_TYPE, POD_IDENTITY_ASSOCIATION_TYPE } from "../../components/core";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
let resources: PlanResource[] = [];
let cni: CniSummary | undefined;

beforeAll(async () => {
  const run = await runPlan(readStackFile(EXAMPLES, "cilium-chaining"), { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  cni = summarizeCni(run.config, run.resources);
}, 240_000);

const of = (type: string): PlanResource[] => resources.filter((r) => r.type === type);

describe("cilium-chaining", () => {
  it("keeps the vpc-cni and kube-proxy add-ons", () => {
    const addons = of(ADDON_TYPE).map((a) => a.inputs.addonName);
    expect(addons).toEqual(expect.arrayContaining(["vpc-cni", "kube-proxy"]));
  });
  it("chains Cilium with aws-cni", () => {
    const [release] = of(HELM_RELEASE_TYPE);
    expect(release.inputs.values).toMatchObject({ cni: { chainingMode: "aws-cni", exclusive: false }, enableIPv4Masquerade: false, routingMode: "native" });
    expect(release.inputs.values).not.toHaveProperty("ipam");
  });
  it("creates no operator role or association", () => {
    expect(of(POD_IDENTITY_ASSOCIATION_TYPE).filter((a) => a.name.includes("cilium"))).toEqual([]);
    expect(of(IAM_ROLE_TYPE).filter((r) => r.name.includes("cilium"))).toEqual([]);
  });
  it("the plan's CNI section: chaining, vpc-cni's max pods, nothing removed, no role", () => {
    expect(cni).toMatchObject({ provider: "cilium", mode: "chaining", kubeProxyReplacement: false, removedAddons: [] });
    expect(cni).not.toHaveProperty("operatorRole");
    expect(cni?.maxPods).toContain("vpc-cni");
    expect(renderCni(cni as CniSummary)).toContain("operator role: none (chaining: vpc-cni calls EC2)");
  });
});
