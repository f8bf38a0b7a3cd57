/**
 * The example stacks after published node-health and CNI configurations (examples/stacks: eksctl's node-repair example,
 * the EKS Blueprints stateful pattern, the pod security groups setup of pulumi-eks's cluster-addons example and the EKS
 * Workshop), each planned as a user plans it (a tsx child process, `--project-root examples/stacks --stack <name>`),
 * their settings asserted in the node groups, launch templates, decoded user data and addon values of the JSON plan.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PlanDocument, PlanResource } from "../../tools/plan";
import { decodeUserData } from "../../components/userdata";
import { ADDON_TYPE, CONTROL_PLANE_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, ROLE_POLICY_ATTACHMENT_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const NOW = "2026-12-01T00:00:00Z";

function planExample(stack: string): { code: number | null; doc: PlanDocument; stdout: string } {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "example-")), `${stack}.json`);
  const r = spawnSync(TSX, [path.join(ROOT, "tools", "plan", "main.ts"), "--project-root", path.join(ROOT, "examples", "stacks"), "--stack", stack, "--json", out, "--now", NOW], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${stack}: exit ${r.status}\n${r.stderr}\n${r.stdout.slice(-2000)}`);
  return { code: r.status, doc: JSON.parse(fs.readFileSync(out, "utf8")) as PlanDocument, stdout: r.stdout };
}

const find = (doc: PlanDocument, type: string, name: string): PlanResource => {
  const r = doc.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} ${name}`);
  return r;
};

describe("example stacks for node health and CNI depth", () => {
  jest.setTimeout(600_000);

  it("node-repair (eksctl 44-node-repair + the EKS user guide's overrides): thresholds and overrides in nodeRepairConfig", () => {
    const { doc, stdout } = planExample("node-repair");
    expect(find(doc, NODE_GROUP_TYPE, "ng-1").inputs.nodeRepairConfig).toEqual({ enabled: true, maxUnhealthyNodeThresholdPercentage: 10, maxParallelNodesRepairedCount: 3 });
    expect(find(doc, NODE_GROUP_TYPE, "gpu").inputs.nodeRepairConfig).toMatchObject({
      enabled: true,
      nodeRepairConfigOverrides: [
        { nodeMonitoringCondition: "AcceleratedHardwareReady", nodeUnhealthyReason: "NvidiaXID64Error", minRepairWaitTimeMins: 5, repairAction: "Replace" },
        { nodeMonitoringCondition: "AcceleratedHardwareReady", nodeUnhealthyReason: "NvidiaXID31Error", minRepairWaitTimeMins: 15, repairAction: "NoAction" },
      ],
    });
    expect(doc.policyResults.filter((p) => p.ruleId === "EKS-NG-008").map((p) => p.passed)).toEqual([true, true]);
    expect(stdout).toMatch(/auto-repair \(nodeRepairConfig\): \{"enabled":true,"maxUnhealthyNodeThresholdPercentage":10/);
  });

  it("stateful-containerd-volume (EKS Blueprints stateful): /dev/xvdb in the launch template, mounted on /var/lib/containerd before the NodeConfig", () => {
    const { doc } = planExample("stateful-containerd-volume");
    const lt = find(doc, LAUNCH_TEMPLATE_TYPE, "multi-volume-lt").inputs;
    expect(lt.blockDeviceMappings).toEqual([
      expect.objectContaining({ deviceName: "/dev/xvda" }),
      { deviceName: "/dev/xvdb", ebs: { volumeSize: 24, volumeType: "gp3", iops: 3000, encrypted: "true", deleteOnTermination: "true" } },
    ]);
    const decoded = decodeUserData(String(lt.userData));
    if (decoded.os !== "AL2023") throw new Error(decoded.os);
    expect(decoded.parts.map((p) => p.mediaType)).toEqual(["text/x-shellscript", "application/node.eks.aws"]);
    expect(decoded.parts[0].body).toMatch(/mount_volume '\/dev\/xvdb' '\/var\/lib\/containerd'/);
    expect(decoded.parts[0].body).toMatch(/mkfs\.xfs/);
    expect(doc.pools[0].extraVolumes).toEqual([{ deviceName: "/dev/xvdb", sizeGiB: 24, type: "gp3", iops: 3000, mountPath: "/var/lib/containerd" }]);
  });

  it("pod-security-groups (pulumi-eks cluster-addons / EKS Workshop): vpc-cni env and init env, the cluster role's policy, zonal shift", () => {
    const { doc } = planExample("pod-security-groups");
    const cni = find(doc, ADDON_TYPE, "addons-vpc-cni").inputs;
    const values = JSON.parse(String(cni.configurationValues)) as { env: Record<string, string>; init: { env: Record<string, string> } };
    expect(values.env).toMatchObject({ ENABLE_POD_ENI: "true", AWS_VPC_K8S_CNI_LOGLEVEL: "INFO" });
    expect(values.init.env).toEqual({ DISABLE_TCP_EARLY_DEMUX: "true" });
    expect(find(doc, ROLE_POLICY_ATTACHMENT_TYPE, "cluster-vpc-resource-controller").inputs).toEqual({
      role: "offline-stand-in(cluster role)", policyArn: "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController",
    });
    expect(find(doc, CONTROL_PLANE_TYPE, "cluster").inputs).toEqual({ zonalShiftConfig: { enabled: true } });
    expect(doc.standIns.map((s) => s.question)).toContain("iam:GetRole the cluster role eks.Cluster creates (its generated name)");
    expect(doc.warnings.filter((w) => w.path.includes("vpcCni"))).toEqual([]);
  });
});
