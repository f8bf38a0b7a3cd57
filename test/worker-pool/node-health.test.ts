/** Pools' auto-repair thresholds and overrides (nodeRepairConfig), extra volumes, and the trunk-interface check of security groups for Pods. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  WorkerPoolArgs, planNodeRepairConfig, planWorkerPool, renderPoolUserData, resolveWorkerPoolArgs, validateWorkerPool, branchInterfacesPerNode,
} from "../../components/worker-pool";
import { decodeUserDataText } from "../../components/userdata";
import { errorsOf } from "../../components/core";
import { NODE_MONITORING_CONDITIONS, isUnhealthyReasonOf, trunkEniSupport } from "../../components/facts";

const AT = "workerpools:pools[0]";
const cluster = { name: "c", endpoint: "https://e", certificateAuthority: "Q0E=", serviceCidr: "172.20.0.0/16", kubernetesVersion: "1.35" };
const subnets = ["a", "b", "c"].map((az) => ({ id: `subnet-${az}`, az: `us-east-1${az}` }));
const pool = (over: Partial<WorkerPoolArgs> = {}) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over });
const issues = (over: Partial<WorkerPoolArgs>) => validateWorkerPool(pool(over), AT);
const at = (over: Partial<WorkerPoolArgs>, p: string) => issues(over).filter((i) => i.path === p);
const xid13 = { nodeMonitoringCondition: "AcceleratedHardwareReady", nodeUnhealthyReason: "NvidiaXID13Error", minRepairWaitTimeMins: 10, repairAction: "Reboot" } as const;

describe("auto-repair (nodeRepairConfig)", () => {
  it("maps thresholds and overrides to the node group's nodeRepairConfig", () => {
    const a = pool({ instanceTypes: ["g5.xlarge"], autoRepair: { enabled: true, maxUnhealthyNodeThresholdPercentage: 20, maxParallelNodesRepairedCount: 1, overrides: [xid13] } });
    expect(planNodeRepairConfig(a)).toEqual({ enabled: true, maxUnhealthyNodeThresholdPercentage: 20, maxParallelNodesRepairedCount: 1, nodeRepairConfigOverrides: [xid13] });
    expect(errorsOf(validateWorkerPool(a, AT))).toEqual([]);
    expect(planNodeRepairConfig(pool())).toEqual({ enabled: true });
  });

  it("refuses both members of a pair and values outside the EKS API's ranges, at their paths", () => {
    expect(at({ autoRepair: { maxParallelNodesRepairedCount: 1, maxParallelNodesRepairedPercentage: 10 } }, `${AT}.autoRepair.maxParallelNodesRepairedPercentage`)[0].message).toMatch(/not both/);
    expect(at({ autoRepair: { maxUnhealthyNodeThresholdPercentage: 101 } }, `${AT}.autoRepair.maxUnhealthyNodeThresholdPercentage`)[0].message).toMatch(/between 1 and 100, got 101/);
    expect(at({ autoRepair: { maxUnhealthyNodeThresholdCount: 0 } }, `${AT}.autoRepair.maxUnhealthyNodeThresholdCount`)[0].message).toMatch(/>= 1, got 0/);
    expect(at({ instanceTypes: ["g5.xlarge"], autoRepair: { overrides: [{ ...xid13, minRepairWaitTimeMins: 0 }] } }, `${AT}.autoRepair.overrides[0].minRepairWaitTimeMins`)).toHaveLength(1);
  });

  it("checks overrides against the monitoring agent's conditions and reasons", () => {
    const gpu = { instanceTypes: ["g5.xlarge"] };
    const bad = at({ ...gpu, autoRepair: { overrides: [{ ...xid13, nodeMonitoringCondition: "AcceleratedHardwareRedy" }] } }, `${AT}.autoRepair.overrides[0].nodeMonitoringCondition`);
    expect(bad[0].message).toMatch(/did you mean "AcceleratedHardwareReady"/);
    const wrong = at({ ...gpu, autoRepair: { overrides: [{ ...xid13, nodeMonitoringCondition: "NetworkingReady" }] } }, `${AT}.autoRepair.overrides[0].nodeUnhealthyReason`);
    expect(wrong[0]).toMatchObject({ message: expect.stringMatching(/reported under AcceleratedHardwareReady, not NetworkingReady/) });
    expect(wrong[0].severity).toBeUndefined();
    const unknown = at({ ...gpu, autoRepair: { overrides: [{ ...xid13, nodeUnhealthyReason: "NvidiaXID999Error" }] } }, `${AT}.autoRepair.overrides[0].nodeUnhealthyReason`);
    expect(unknown[0].severity).toBe("warning");
    expect(at({ ...gpu, autoRepair: { overrides: [xid13, { ...xid13, repairAction: "Replace" }] } }, `${AT}.autoRepair.overrides[1]`)[0].message).toMatch(/already overridden by overrides\[0\]/);
    expect(at({ autoRepair: { overrides: [xid13] } }, `${AT}.autoRepair.overrides[0].nodeMonitoringCondition`)[0]).toMatchObject({ severity: "warning", message: expect.stringMatching(/no GPU or Neuron/) });
    expect(NODE_MONITORING_CONDITIONS).toEqual(["AcceleratedHardwareReady", "ContainerRuntimeReady", "KernelReady", "NetworkingReady", "StorageReady"]);
    expect([isUnhealthyReasonOf("AcceleratedHardwareReady", "DCGMHealthCode12"), isUnhealthyReasonOf("NetworkingReady", "IPAMDNotRunning"), isUnhealthyReasonOf("KernelReady", "AppCrash")]).toEqual([true, true, false]);
  });

  it("with auto-repair off, warns (not refuses) and sends only enabled: false", () => {
    const off = { autoRepair: { enabled: false, maxParallelNodesRepairedCount: 2 } };
    expect(at(off, `${AT}.autoRepair`)).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/maxParallelNodesRepairedCount is not sent/) })]);
    expect(planNodeRepairConfig(pool(off))).toEqual({ enabled: false });
  });
});

describe("extra volumes", () => {
  const data = { deviceName: "/dev/xvdb", sizeGiB: 200, type: "gp3", iops: 3000, mountPath: "/var/lib/containerd" } as const;

  it("adds encrypted-style block devices after the root and a mount script before the NodeConfig (AL2023)", () => {
    const a = pool({ extraVolumes: [data] });
    const plan = planWorkerPool(a, AT);
    expect(plan.blockDevices.map((b) => b.deviceName)).toEqual(["/dev/xvda", "/dev/xvdb"]);
    expect(plan.blockDevices[1]).toEqual({ deviceName: "/dev/xvdb", sizeGiB: 200, type: "gp3", iops: 3000 });
    const decoded = decodeUserDataText(renderPoolUserData(a, plan, cluster as never));
    if (decoded.os !== "AL2023") throw new Error(decoded.os);
    expect(decoded.parts.map((p) => p.mediaType)).toEqual(["text/x-shellscript", "application/node.eks.aws"]);
    expect(decoded.parts[0].body).toContain("mount_volume '/dev/xvdb' '/var/lib/containerd'");
    expect(decoded.parts[0].body).toMatch(/ebsnvme-id -b/);
  });

  it("renders a script bash parses", () => {
    const a = pool({ extraVolumes: [data, { deviceName: "/dev/sdc", sizeGiB: 10, mountPath: "/mnt/scratch" }] });
    const decoded = decodeUserDataText(renderPoolUserData(a, planWorkerPool(a, AT), cluster as never));
    if (decoded.os !== "AL2023") throw new Error(decoded.os);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mount-")), "mount.sh");
    fs.writeFileSync(file, decoded.parts[0].body.replace(/\r\n/g, "\n"));
    expect(() => execFileSync("bash", ["-n", file])).not.toThrow();
  });

  it("validates like the root volume (one validator), device names and mount paths", () => {
    expect(at({ extraVolumes: [{ ...data, type: "io2", iops: undefined }] }, `${AT}.extraVolumes[0].iops`)[0].message).toMatch(/required/);
    expect(at({ extraVolumes: [{ ...data, sizeGiB: 0 }] }, `${AT}.extraVolumes[0].sizeGiB`)[0].message).toMatch(/between 1 and 16384 GiB \(EBS gp3\)/);
    expect(at({ extraVolumes: [{ ...data, deviceName: "/dev/xvda" }] }, `${AT}.extraVolumes[0].deviceName`)[0].message).toMatch(/root volume/);
    expect(at({ extraVolumes: [data, { ...data, deviceName: "/dev/sdb", mountPath: "/mnt/x" }] }, `${AT}.extraVolumes[1].deviceName`)[0].message).toMatch(/same device as extraVolumes\[0\]/);
    expect(at({ extraVolumes: [{ ...data, mountPath: "/etc/x" }] }, `${AT}.extraVolumes[0].mountPath`)[0].message).toMatch(/OS's own \/etc/);
    expect(at({ extraVolumes: [{ ...data, mountPath: "/mnt/$(reboot)" }] }, `${AT}.extraVolumes[0].mountPath`)).toHaveLength(1);
    expect(at({ extraVolumes: [{ ...data, mountPath: "/mnt/a" }, { ...data, deviceName: "/dev/xvdc", mountPath: "/mnt/a/b" }] }, `${AT}.extraVolumes[1].mountPath`)[0].message).toMatch(/overlaps/);
  });

  it("Bottlerocket: xvdb is its data volume, and no mountPath; a raw extra volume is fine", () => {
    const br = { os: "BOTTLEROCKET" as const };
    expect(at({ ...br, extraVolumes: [data] }, `${AT}.extraVolumes[0].deviceName`)[0].message).toMatch(/Bottlerocket's data volume/);
    expect(at({ ...br, extraVolumes: [{ ...data, deviceName: "/dev/xvdc" }] }, `${AT}.extraVolumes[0].mountPath`)[0].message).toMatch(/Bottlerocket mounts no extra volume/);
    const raw = pool({ ...br, extraVolumes: [{ deviceName: "/dev/xvdc", sizeGiB: 100 }] });
    expect(errorsOf(validateWorkerPool(raw, AT))).toEqual([]);
    expect(planWorkerPool(raw, AT).blockDevices.map((b) => b.deviceName)).toEqual(["/dev/xvda", "/dev/xvdb", "/dev/xvdc"]);
  });
});

describe("security groups for Pods: trunk interfaces", () => {
  it("refuses types without one at instanceTypes[i] when podSecurityGroups is on, and only then", () => {
    const over = { instanceTypes: ["m5.large", "t3.large"], podSecurityGroups: true };
    expect(at(over, `${AT}.instanceTypes[1]`)[0].message).toMatch(/takes no trunk network interface/);
    expect(at(over, `${AT}.instanceTypes[0]`)).toEqual([]);
    expect(at({ ...over, podSecurityGroups: false }, `${AT}.instanceTypes[1]`)).toEqual([]);
    expect(trunkEniSupport("m5.large")).toEqual({ kind: "compatible", branchInterfaces: 9 });
    expect(branchInterfacesPerNode(["m5.large", "m5.xlarge"])).toBe(9);
  });
});
