/**
 * The Addons component under Pulumi's mock runtime (mocks set first, then the component loaded): what each addon
 * switch registers, and what the registered addons wait for.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import { ofType as ofTypeIn } from "../fixtures/plan-resources";
import type { AddonsArgs } from "../../components/addons";
import { ADDON_TYPE, IAM_ROLE_TYPE, POD_IDENTITY_ASSOCIATION_TYPE, ROLE_POLICY_ATTACHMENT_TYPE, STORAGE_CLASS_TYPE } from "../../components/core";

let resources: PlanResource[] = [];

const STACKS: Readonly<Record<string, Partial<AddonsArgs>>> = {
  defaults: {},
  minimal: { ebsCsi: { enabled: false }, podIdentityAgent: { enabled: false }, nodeMonitoringAgent: { enabled: false }, metricsServer: { enabled: false } },
  observed: {
    extra: [{ name: "cert-manager", configurationValues: { replicaCount: 2 }, podIdentity: { serviceAccount: "cert-manager/cert-manager", policyArns: ["arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/B"] } }],
    efsCsi: { enabled: true }, cloudwatchObservability: { enabled: true, logs: { host: true, application: false } } },
  placed: { corednsPlacement: { labels: { role: "system" }, taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }] } },
};

/** A stand-in node group the after-nodes addons wait for. */
class FakeNodeGroup extends pulumi.CustomResource {
  constructor(name: string) { super("test:index:NodeGroup", name, {}); }
}

beforeAll(async () => {
  await pulumi.runtime.setMocks(offlineMocks(new StandInLog(), { region: "us-east-1" }), "proj", "test", true);
  const recorded = installRecorder();
  const { Addons } = await import("../../components/addons");
  await pulumi.runtime.runInPulumiStack(() => {
    for (const [name, args] of Object.entries(STACKS)) {
      const addons = new Addons(name, { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}", ...args });
      addons.installAfterNodes([new FakeNodeGroup(`${name}-ng`)]);
    }
    return Promise.resolve({});
  });
  await pulumi.runtime.disconnect();
  resources = planResources(recorded);
});

const ofType = (type: string, prefix: string): PlanResource[] => ofTypeIn(resources, type).filter((r) => r.name.startsWith(`${prefix}-`));
const addonNames = (prefix: string): string[] => ofType(ADDON_TYPE, prefix).map((r) => String(r.inputs.addonName)).sort();

const addonOf = (prefix: string, name: string): PlanResource | undefined => ofType(ADDON_TYPE, prefix).find((r) => r.inputs.addonName === name);
const valuesOf = (r: PlanResource | undefined): unknown => (typeof r?.inputs.configurationValues === "string" ? JSON.parse(r.inputs.configurationValues) : undefined);

describe("metrics-server", () => {
  it("is installed by default, after the node groups, with no values when CoreDNS runs anywhere", () => {
    const ms = addonOf("defaults", "metrics-server");
    expect(ms).toBeDefined();
    expect(ms?.inputs.configurationValues).toBeUndefined();
  });

  it("runs where CoreDNS runs: the CoreDNS pool's labels as nodeSelector, its taints tolerated", () => {
    const values = valuesOf(addonOf("placed", "metrics-server"));
    expect(values).toEqual({ nodeSelector: { role: "system" }, tolerations: [{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }] });
    expect((valuesOf(addonOf("placed", "coredns")) as Record<string, unknown>).nodeSelector).toEqual({ role: "system" });
  });
});

describe("optional addons turned off", () => {
  it("the defaults install every addon, the EBS CSI role, its association and the gp3 StorageClass", () => {
    expect(addonNames("defaults")).toEqual(expect.arrayContaining(["aws-ebs-csi-driver", "eks-pod-identity-agent", "eks-node-monitoring-agent"]));
    expect(ofType(IAM_ROLE_TYPE, "defaults").map((r) => r.name)).toContain("defaults-ebs-csi");
    expect(ofType(POD_IDENTITY_ASSOCIATION_TYPE, "defaults").map((r) => r.inputs.serviceAccount)).toContain("ebs-csi-controller-sa");
    expect(ofType(STORAGE_CLASS_TYPE, "defaults")).toHaveLength(1);
  });

  it("enabled: false registers neither the addon nor its role, policy, association or StorageClass", () => {
    expect(addonNames("minimal")).toEqual(["coredns", "kube-proxy", "vpc-cni"]);
    expect(ofType(IAM_ROLE_TYPE, "minimal")).toEqual([]);
    expect(ofType(ROLE_POLICY_ATTACHMENT_TYPE, "minimal")).toEqual([]);
    expect(ofType(POD_IDENTITY_ASSOCIATION_TYPE, "minimal")).toEqual([]);
    expect(ofType(STORAGE_CLASS_TYPE, "minimal")).toEqual([]);
  });
});

describe("EFS CSI and CloudWatch observability (off by default)", () => {
  it("are not installed by default", () => {
    expect(addonNames("defaults")).not.toEqual(expect.arrayContaining(["aws-efs-csi-driver"]));
    expect(addonNames("defaults")).not.toEqual(expect.arrayContaining(["amazon-cloudwatch-observability"]));
  });

  it.each([
    ["aws-efs-csi-driver", "observed-efs-csi", "kube-system", "efs-csi-controller-sa", "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"],
    ["amazon-cloudwatch-observability", "observed-cloudwatch-observability", "amazon-cloudwatch", "cloudwatch-agent", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"],
  ])("%s: its role, managed policy and Pod Identity association, which the addon and the association's agent wait for", (addon, name, namespace, sa, policy) => {
    const role = ofType(IAM_ROLE_TYPE, "observed").find((r) => r.name === name);
    const attachment = ofType(ROLE_POLICY_ATTACHMENT_TYPE, "observed").find((r) => r.name === name);
    const association = ofType(POD_IDENTITY_ASSOCIATION_TYPE, "observed").find((r) => r.name === name);
    expect(attachment?.inputs.policyArn).toBe(policy);
    expect(association?.inputs).toMatchObject({ namespace, serviceAccount: sa });
    expect(association?.dependencies).toEqual(expect.arrayContaining([attachment?.urn, addonOf("observed", "eks-pod-identity-agent")?.urn]));
    expect(role).toBeDefined();
    expect(addonOf("observed", addon)?.dependencies).toContain(association?.urn);
  });

  it("CloudWatch: Container Insights in the agent config, and the streams turned off emptied", () => {
    expect(valuesOf(addonOf("observed", "amazon-cloudwatch-observability"))).toEqual({
      agent: { config: { logs: { metrics_collected: { kubernetes: { enhanced_container_insights: true } } } } },
      containerLogs: { enabled: true, fluentBit: { config: { extraFiles: { "application-log.conf": "" } } } },
    });
  });
});

describe("extra add-ons", () => {
  it("an extra add-on waits for the node groups and its association; its role gets every policy", () => {
    const cm = addonOf("observed", "cert-manager");
    const association = ofType(POD_IDENTITY_ASSOCIATION_TYPE, "observed").find((r) => r.name === "observed-extra-cert-manager");
    expect(association?.inputs).toMatchObject({ namespace: "cert-manager", serviceAccount: "cert-manager" });
    expect(cm?.dependencies).toEqual(expect.arrayContaining([association?.urn, expect.stringContaining("observed-ng")]));
    expect(valuesOf(cm)).toEqual({ replicaCount: 2 });
    expect(ofType(ROLE_POLICY_ATTACHMENT_TYPE, "observed").filter((a) => a.name.startsWith("observed-extra-cert-manager")).map((a) => a.inputs.policyArn))
      .toEqual(["arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/B"]);
  });
});
