/**
 * The dev stack under Pulumi's mock runtime with the recording monitor: resource types and counts, the
 * inputs of the cluster, launch templates and node groups, and that the addon/wave ordering is real.
 * One program run per file (Pulumi's runtime is process-global).
 */
import * as path from "node:path";
import { PlanResource, readStackFile, runPlan } from "../../tools/plan";
import { ADDON_TYPE, AUTOSCALING_TAG_TYPE, CLUSTER_TYPE, KMS_KEY_TYPE, LAUNCH_TEMPLATE_TYPE, LOG_GROUP_TYPE, NODE_GROUP_TYPE, POD_IDENTITY_ASSOCIATION_TYPE, SECURITY_GROUP_TYPE, STORAGE_CLASS_TYPE, WORKER_POOL_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
let resources: PlanResource[] = [];
let outputs: Record<string, unknown> = {};

beforeAll(async () => {
  const run = await runPlan(readStackFile(ROOT, "dev"));
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  outputs = run.outputs;
});

const ofType = (type: string) => resources.filter((r) => r.type === type);
const named = (type: string, name: string): PlanResource => {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}`);
  return r;
};

describe("dev stack resources", () => {
  it("has the cluster, 3 pools (per-zone as one node group per AZ), their launch templates and the addons", () => {
    expect(ofType(CLUSTER_TYPE)).toHaveLength(1);
    expect(ofType(WORKER_POOL_TYPE).map((r) => r.name).sort()).toEqual(["batch", "general", "system"]);
    expect(ofType(NODE_GROUP_TYPE).map((r) => r.name).sort()).toEqual(["batch", "general-us-east-1a", "general-us-east-1b", "general-us-east-1c", "system"]);
    expect(ofType(LAUNCH_TEMPLATE_TYPE)).toHaveLength(3);
    expect(ofType(ADDON_TYPE).map((r) => r.inputs.addonName).sort()).toEqual([
      "aws-ebs-csi-driver", "coredns", "eks-node-monitoring-agent", "eks-pod-identity-agent", "kube-proxy", "metrics-server", "vpc-cni",
    ]);
  });

  it("parents every node group under its pool", () => {
    for (const ng of ofType(NODE_GROUP_TYPE)) {
      const pool = String(ng.inputs.tags && (ng.inputs.tags as Record<string, string>)["workerpools/pool"]);
      expect(ng.parent).toBe(named(WORKER_POOL_TYPE, pool).urn);
    }
  });

  it("exports the node group names per pool", () => {
    expect(Object.keys(outputs.pools as object).sort()).toEqual(["batch", "general", "system"]);
    expect((outputs.pools as Record<string, string[]>).general).toHaveLength(3);
  });
});

describe("control plane inputs", () => {
  it("sets private endpoint, no public endpoint, encryption, logs, API auth and no eks-managed addons", () => {
    const c = ofType(CLUSTER_TYPE)[0].inputs;
    expect(c).toMatchObject({
      name: "platform-dev", version: "1.35", endpointPrivateAccess: true, endpointPublicAccess: false,
      authenticationMode: "API", deletionProtection: true, skipDefaultNodeGroup: true, bootstrapSelfManagedAddons: false,
      enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"], upgradePolicy: { supportType: "STANDARD" },
      corednsAddonOptions: { enabled: false }, kubeProxyAddonOptions: { enabled: false },
    });
    expect(c.encryptionConfigKeyArn).toMatch(/^arn:aws:kms:/);
    expect(c.publicAccessCidrs).toBeUndefined();
  });

  it("rotates the KMS key and keeps logs 90 days in the log group EKS writes to", () => {
    expect(ofType(KMS_KEY_TYPE)[0].inputs.enableKeyRotation).toBe(true);
    expect(ofType(LOG_GROUP_TYPE)[0].inputs).toMatchObject({ name: "/aws/eks/platform-dev/cluster", retentionInDays: 90 });
    const cluster = ofType(CLUSTER_TYPE)[0];
    expect(cluster.dependencies).toContain(ofType(LOG_GROUP_TYPE)[0].urn);
  });
});

describe("launch templates and node groups", () => {
  it("require IMDSv2 with hop limit 1, encrypt every gp3 volume and set no SSH key", () => {
    for (const lt of ofType(LAUNCH_TEMPLATE_TYPE)) {
      expect(lt.inputs.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
      const volumes = lt.inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[];
      expect(volumes.length).toBeGreaterThan(0);
      for (const v of volumes) expect(v.ebs).toMatchObject({ encrypted: "true", volumeType: "gp3" });
      expect(lt.inputs.keyName).toBeUndefined();
      // No securityGroupIds / remoteAccess: no list, so EKS attaches the cluster security group itself.
      expect(lt.inputs.vpcSecurityGroupIds).toBeUndefined();
    }
    expect(ofType(SECURITY_GROUP_TYPE)).toEqual([]);
    const devices = (lt: string) => (named(LAUNCH_TEMPLATE_TYPE, lt).inputs.blockDeviceMappings as { deviceName: string; ebs: { volumeSize?: number } }[]);
    expect(devices("system-lt").map((d) => [d.deviceName, d.ebs.volumeSize])).toEqual([["/dev/xvda", 50]]);
    expect(devices("batch-lt").map((d) => [d.deviceName, d.ebs.volumeSize])).toEqual([["/dev/xvda", undefined], ["/dev/xvdb", 100]]);
  });

  it("carry labels, EKS-spelled taints, scaling split per zone, update config and auto-repair", () => {
    const system = named(NODE_GROUP_TYPE, "system").inputs;
    expect(system).toMatchObject({
      labels: { role: "system" }, taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }],
      scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 3 }, capacityType: "ON_DEMAND", amiType: "AL2023_x86_64_STANDARD",
      updateConfig: { maxUnavailablePercentage: 33, updateStrategy: "DEFAULT" }, nodeRepairConfig: { enabled: true },
    });
    expect(system.remoteAccess).toBeUndefined();
    const zonal = ["a", "b", "c"].map((z) => named(NODE_GROUP_TYPE, `general-us-east-1${z}`).inputs);
    expect(zonal.map((g) => g.scalingConfig)).toEqual(Array(3).fill({ desiredSize: 1, maxSize: 4, minSize: 1 }));
    zonal.forEach((g) => expect(g.subnetIds).toHaveLength(1));
    expect(named(NODE_GROUP_TYPE, "batch").inputs).toMatchObject({ capacityType: "SPOT", amiType: "BOTTLEROCKET_x86_64" });
  });

  it("never reverts an autoscaler's desired size", () => {
    for (const ng of ofType(NODE_GROUP_TYPE)) expect(ng.ignoreChanges).toEqual(["scalingConfig.desiredSize"]);
  });

  it("tag the Auto Scaling group of a node group that can scale to zero with its labels and taints for Cluster Autoscaler", () => {
    const tags = ofType(AUTOSCALING_TAG_TYPE);
    expect(tags.every((t) => t.name.startsWith("batch-asg-"))).toBe(true);
    expect(tags.map((t) => t.inputs.tag)).toEqual(expect.arrayContaining([
      { key: "k8s.io/cluster-autoscaler/node-template/label/role", value: "batch", propagateAtLaunch: false },
      { key: "k8s.io/cluster-autoscaler/node-template/taint/workload", value: "batch:NoSchedule", propagateAtLaunch: false },
    ]));
    for (const t of tags) {
      expect(t.inputs.autoscalingGroupName).toBe("eks-batch-offline-asg");
      expect(t.dependencies).toContain(named(NODE_GROUP_TYPE, "batch").urn);
    }
  });

  it("make node groups wait for the node role's policy attachments and the subnets' NAT egress", () => {
    const deps = named(NODE_GROUP_TYPE, "system").dependencies;
    expect(deps.filter((d) => d.includes("RolePolicyAttachment::system-node-"))).toHaveLength(4);
    expect(deps.filter((d) => d.includes("natGateway:NatGateway"))).toHaveLength(3);
  });
});

describe("ordering", () => {
  const addon = (name: string) => named(ADDON_TYPE, `addons-${name}`);
  const nodeGroupUrns = () => ofType(NODE_GROUP_TYPE).map((r) => r.urn);

  it("makes every node group wait for vpc-cni, kube-proxy and the pod identity agent", () => {
    for (const ng of ofType(NODE_GROUP_TYPE)) {
      expect(ng.dependencies).toEqual(expect.arrayContaining(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"].map((n) => addon(n).urn)));
    }
  });

  it("installs coredns and ebs-csi after every node group", () => {
    expect(addon("coredns").dependencies).toEqual(expect.arrayContaining(nodeGroupUrns()));
    expect(addon("aws-ebs-csi-driver").dependencies).toEqual(expect.arrayContaining(nodeGroupUrns()));
    expect(addon("vpc-cni").dependencies).not.toEqual(expect.arrayContaining(nodeGroupUrns()));
  });

  it("orders patching waves: wave 2 node groups depend on the system node group, not the other way", () => {
    const system = named(NODE_GROUP_TYPE, "system");
    for (const name of ["general-us-east-1a", "batch"]) expect(named(NODE_GROUP_TYPE, name).dependencies).toContain(system.urn);
    expect(system.dependencies.some((d) => d.includes("NodeGroup::general") || d.includes("NodeGroup::batch"))).toBe(false);
  });

  it("gives EBS CSI its role through a Pod Identity association and a default encrypted gp3 StorageClass", () => {
    const assoc = ofType(POD_IDENTITY_ASSOCIATION_TYPE)[0];
    expect(assoc.inputs).toMatchObject({ namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa" });
    expect(addon("aws-ebs-csi-driver").dependencies).toContain(assoc.urn);
    const sc = ofType(STORAGE_CLASS_TYPE)[0].inputs;
    expect(sc).toMatchObject({
      provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" }, volumeBindingMode: "WaitForFirstConsumer", allowVolumeExpansion: true,
    });
  });
});
