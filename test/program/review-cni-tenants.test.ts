/**
 * The change review of a CNI switch and of tenant changes, on the example stacks planned twice (the example as the
 * baseline, an edited copy as the change): examples/stacks/Pulumi.{cilium-eni,tenants}.yaml.
 */
import * as path from "node:path";
import { PlanResource, StackFile, readStackFile, renderChangeReview, runPlan } from "../../tools/plan";
import { ChangeReview, reviewChanges } from "../../tools/review";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");

async function plan(file: StackFile): Promise<PlanResource[]> {
  const run = await runPlan(file, { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return run.resources;
}
const edited = (file: StackFile, values: Record<string, unknown>): StackFile => ({ ...file, values });

let cniReview: ChangeReview;
let tenantReview: ChangeReview;

beforeAll(async () => {
  const cilium = readStackFile(EXAMPLES, "cilium-eni");
  const vpcCniValues = Object.fromEntries(Object.entries(cilium.values).filter(([k]) => k !== "cni"));
  cniReview = reviewChanges(await plan(cilium), await plan(edited(cilium, vpcCniValues)));
  const tenants = readStackFile(EXAMPLES, "tenants");
  type Tenant = { name: string; viewers?: string[]; quota?: Record<string, unknown> };
  const list = tenants.values.tenants as Tenant[];
  const changed: Tenant[] = list
    .filter((t) => t.name !== "blue-team-two")
    .map((t) => (t.name === "red-team" ? { ...t, quota: { ...t.quota, cpu: "500m" } } : t.name === "blue-team-one" ? { ...t, viewers: ["arn:aws:iam::111122223333:role/blue-dev"] } : t));
  tenantReview = reviewChanges(await plan(edited(tenants, { ...tenants.values, tenants: changed })), await plan(tenants));
}, 240_000);

describe("switching cni.provider on an existing stack", () => {
  it("names the CNI change and rolls every node onto it (the CNI tag changes each launch template)", () => {
    expect(cniReview.cni).toMatchObject({ before: "vpc-cni", after: "cilium eni + kube-proxy replacement" });
    const groups = cniReview.pools.flatMap((p) => p.nodeGroups);
    expect(groups.map((g) => g.consequence.kind)).toEqual(["roll"]);
    expect(cniReview.pools.flatMap((p) => p.launchTemplate.map((c) => c.field))).toContain("tagSpecifications");
    expect(cniReview.nodesReplaced).toBe(2);
    expect(cniReview.cni).toMatchObject({ nodesLeft: 0, nodeGroups: [] });
    expect(cniReview.cni?.message).toContain("this update replaces every node group's nodes");
    const text = renderChangeReview(cniReview, "base.json");
    expect(text).toContain("CNI: vpc-cni → cilium eni + kube-proxy replacement");
    expect(text).toContain("fix: roll during a quiet window");
  });
  it("the vpc-cni and kube-proxy add-ons go", () => {
    expect(cniReview.addons.filter((a) => a.kind === "delete").map((a) => a.addon).sort()).toEqual(["kube-proxy", "vpc-cni"]);
  });
});

describe("tenant changes", () => {
  const of = (name: string) => tenantReview.tenants?.find((t) => t.tenant === name);
  it("a removed tenant: its namespace deleted with everything in it, its access gone", () => {
    const t = of("blue-team-two");
    expect(t?.change).toBe("removed");
    expect(t?.objects.map((o) => `${o.change} ${o.kind}`)).toEqual(expect.arrayContaining(["delete Namespace", "delete ResourceQuota"]));
    expect(t?.hazards.join("\n")).toMatch(/namespace blue-two is deleted, and with it every object in it/);
  });
  it("a quota change applies to new pods only", () => {
    const t = of("red-team");
    expect(t?.change).toBe("changed");
    const quota = t?.objects.find((o) => o.kind === "ResourceQuota");
    expect(quota).toMatchObject({ change: "update", fields: ["spec.hard.cpu: 1000m → 500m"] });
    expect(t?.hazards.join("\n")).toContain("applies to pods admitted from now on");
  });
  it("a new viewer changes who can act", () => {
    const t = of("blue-team-one");
    expect(t?.objects.some((o) => o.change === "create" && o.kind === "AccessPolicyAssociation")).toBe(true);
    expect(t?.hazards.join("\n")).toMatch(/who can act changes: arn:aws:iam::111122223333:role\/blue-dev gains AmazonEKSViewPolicy/);
  });
  it("is printed in the change review", () => {
    const text = renderChangeReview(tenantReview, "base.json");
    expect(text).toContain("tenant blue-team-two: removed");
    expect(text).toContain("hazard: namespace blue-two is deleted");
  });
});
