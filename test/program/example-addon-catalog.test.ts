/**
 * examples/stacks/Pulumi.addon-catalog.yaml (the EKS User Guide's add-on page: EFS CSI, snapshot controller,
 * CloudWatch Observability, with the Metrics Server; EBS CSI off), planned: the add-ons and their values in the plan
 * JSON, the schema that checked each, their Pod Identity roles, and nothing of the EBS CSI driver.
 */
import * as path from "node:path";
import { AddonSummary, PlanResource, readStackFile, runPlan, summarizeAddons } from "../../tools/plan";
import { POD_IDENTITY_ASSOCIATION_TYPE, STORAGE_CLASS_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");
let resources: PlanResource[] = [];
let addons: AddonSummary[] = [];

beforeAll(async () => {
  const run = await runPlan(readStackFile(DIR, "addon-catalog"), { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  addons = JSON.parse(JSON.stringify(summarizeAddons(resources))) as AddonSummary[];
}, 240_000);

const addon = (name: string): AddonSummary | undefined => addons.find((a) => a.addon === name);
const ofType = (type: string): PlanResource[] => resources.filter((r) => r.type === type);

describe("the addon-catalog example", () => {
  it("installs metrics-server, the EFS CSI driver, CloudWatch Observability and snapshot-controller, after the node group", () => {
    for (const name of ["metrics-server", "aws-efs-csi-driver", "amazon-cloudwatch-observability", "snapshot-controller"]) {
      expect(addon(name)?.waitsFor).toContain("general");
    }
  });

  it("turns the EBS CSI driver off: no add-on, no role or association, no StorageClass", () => {
    expect(addon("aws-ebs-csi-driver")).toBeUndefined();
    expect(resources.filter((r) => r.name.includes("ebs-csi"))).toEqual([]);
    expect(ofType(STORAGE_CLASS_TYPE)).toEqual([]);
  });

  it("sends CloudWatch Observability Container Insights with enhanced observability and every log stream", () => {
    expect(addon("amazon-cloudwatch-observability")?.configurationValues).toEqual({
      agent: { config: { logs: { metrics_collected: { kubernetes: { enhanced_container_insights: true } } } } },
      containerLogs: { enabled: true },
    });
  });

  it("binds the EFS CSI controller and the CloudWatch agent to their roles by Pod Identity, each add-on waiting for its association", () => {
    const assoc = ofType(POD_IDENTITY_ASSOCIATION_TYPE).map((a) => `${String(a.inputs.namespace)}/${String(a.inputs.serviceAccount)}`);
    expect(assoc).toEqual(expect.arrayContaining(["kube-system/efs-csi-controller-sa", "amazon-cloudwatch/cloudwatch-agent"]));
    expect(addon("aws-efs-csi-driver")?.waitsFor).toContain("addons-efs-csi");
    expect(addon("amazon-cloudwatch-observability")?.waitsFor).toContain("addons-cloudwatch-observability");
  });

  it("names the schema that checked each add-on's values, and says the extra add-on's are unchecked", () => {
    expect(addon("metrics-server")?.schema).toMatch(/^metrics-server chart metrics-server 3\.13\.1 \(app 0\.8\.1\), partial/);
    expect(addon("aws-efs-csi-driver")?.schema).toMatch(/^aws-efs-csi-driver chart aws-efs-csi-driver 4\.4\.1/);
    expect(addon("amazon-cloudwatch-observability")?.schema).toMatch(/^amazon-cloudwatch-observability chart amazon-cloudwatch-observability 6\.4\.0/);
    expect(addon("kube-proxy")?.schema).toMatch(/^kube-proxy v1\.31 line and later, partial/);
    expect(addon("snapshot-controller")?.schema).toBe("none (not a catalog add-on: values unchecked)");
  });
});
