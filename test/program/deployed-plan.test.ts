/** `npm run plan --baseline`: the deployed state (from the baseline) against the config, end to end in a child process. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PlanDocument } from "../../tools/plan";
import { CLUSTER_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const NOW = "2026-11-22T12:00:00Z";

function plan(...args: string[]) {
  const r = spawnSync(TSX, [path.join(ROOT, "tools", "plan", "main.ts"), "--now", NOW, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run plan --baseline: what is deployed decides what AWS accepts", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deployed-"));
  const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
  const writeStack = (text: string) => fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), text);
  const base = path.join(dir, "base.json");
  const edit = (from: string, to: string): string => {
    expect(dev).toContain(from);
    return dev.replace(from, to);
  };

  beforeAll(() => {
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeStack(dev);
    expect(plan("--project-root", dir, "--json", base).code).toBe(0);
  });

  it("an AZ added to the cluster: its subnet goes to pools, not to the control plane, and the plan says so", () => {
    writeStack(edit("availabilityZones: [us-east-1a, us-east-1b, us-east-1c]\n    endpoint", "availabilityZones: [us-east-1a, us-east-1b, us-east-1c, us-east-1d]\n    endpoint"));
    const out = path.join(dir, "added.json");
    const r = plan("--project-root", dir, "--baseline", base, "--json", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/workerpools:cluster\.network\.availabilityZones\[3\]: us-east-1d is not one of the AZs the cluster was created in/);
    const doc = JSON.parse(fs.readFileSync(out, "utf8")) as PlanDocument;
    const cluster = doc.resources.find((x) => x.type === CLUSTER_TYPE);
    expect(cluster?.inputs.privateSubnetIds).toEqual(["network-private-us-east-1a-id", "network-private-us-east-1b-id", "network-private-us-east-1c-id"]);
    const system = doc.resources.find((x) => x.type === NODE_GROUP_TYPE && x.name === "system");
    expect(system?.inputs.subnetIds).toContain("network-private-us-east-1d-id");
    expect(doc.resources.some((x) => x.type === NODE_GROUP_TYPE && x.name === "general-us-east-1d")).toBe(true);
  });

  it("without a baseline (a new cluster) every AZ goes on the control plane", () => {
    writeStack(edit("availabilityZones: [us-east-1a, us-east-1b, us-east-1c]\n    endpoint", "availabilityZones: [us-east-1a, us-east-1b, us-east-1c, us-east-1d]\n    endpoint"));
    const out = path.join(dir, "fresh.json");
    expect(plan("--project-root", dir, "--json", out).code).toBe(0);
    const cluster = (JSON.parse(fs.readFileSync(out, "utf8")) as PlanDocument).resources.find((x) => x.type === CLUSTER_TYPE);
    expect(cluster?.inputs.privateSubnetIds).toContain("network-private-us-east-1d-id");
  });

  it("a control plane downgrade is refused with exit 2 and the key", () => {
    writeStack(edit('kubernetesVersion: "1.35"', 'kubernetesVersion: "1.34"'));
    const r = plan("--project-root", dir, "--baseline", base);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/workerpools:cluster\.kubernetesVersion: the cluster runs Kubernetes 1\.35 \(deployed\); EKS cannot downgrade a cluster, got 1\.34/);
  });

  it("raising min above the deployed desired size: the review says EKS refuses it and how to get there", () => {
    writeStack(edit("scaling: { min: 3, max: 6, desired: 3 }", "scaling: { min: 5, max: 6, desired: 5 }"));
    const r = plan("--project-root", dir, "--baseline", base);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/system: EKS refuses this update as planned/);
    expect(r.stdout).toMatch(/REFUSED BY EKS: EKS refuses this update \(minimum can't be greater than desired size\): minSize 3 -> 5, but desiredSize stays 3/);
    expect(r.stdout).toMatch(/fix: raise the desired size first: aws eks update-nodegroup-config --cluster-name platform-dev/);
    expect(r.stdout).toMatch(/workerpools:pools\[0\]\.scaling\.min: EKS would refuse the update of node group system \(scalingConfig\.minSize\)/);
  });
});
