/**
 * The change review of addon configuration values and control plane inputs, from real plan runs (a tsx child process,
 * as a user runs `npm run plan -- --baseline old.json`): the pod-security-groups example stack against the same stack
 * without its pod security groups, TCP early demux, INFO log level, zonal shift and three of its log types.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PlanDocument } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const NOW = "2026-12-01T00:00:00Z";
const EXAMPLE = fs.readFileSync(path.join(ROOT, "examples", "stacks", "Pulumi.pod-security-groups.yaml"), "utf8");

function plan(dir: string, ...args: string[]) {
  const r = spawnSync(TSX, [path.join(ROOT, "tools", "plan", "main.ts"), "--project-root", dir, "--stack", "psg", "--now", NOW, ...args], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("change review: addon values and control plane inputs", () => {
  jest.setTimeout(600_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-review-"));
  const base = path.join(dir, "base.json");
  const writeStack = (text: string) => fs.writeFileSync(path.join(dir, "Pulumi.psg.yaml"), text);

  beforeAll(() => {
    fs.copyFileSync(path.join(ROOT, "examples", "stacks", "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const older = EXAMPLE.replace("zonalShift: true", "zonalShift: false")
      .replace("vpcCni: { podSecurityGroups: true, disableTcpEarlyDemux: true, logLevel: INFO }", "vpcCni: { logLevel: DEBUG }")
      .replace("types: [api, audit, authenticator, controllerManager, scheduler]", "types: [api, audit]");
    expect(older).not.toBe(EXAMPLE);
    writeStack(older);
    const r = plan(dir, "--json", base);
    expect(r.stderr).not.toMatch(/error/i);
    writeStack(EXAMPLE);
  });

  it("names each changed vpc-cni value and control plane input with what EKS does, in text, markdown and JSON", () => {
    const [json, md] = [path.join(dir, "cur.json"), path.join(dir, "cur.md")];
    const r = plan(dir, "--baseline", base, "--json", json, "--markdown", md);
    expect(r.code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(json, "utf8")) as PlanDocument;
    const review = doc.rollout.changeReview;
    if (!review) throw new Error("no changeReview");
    expect(review.nodesReplaced).toBe(0);
    const [cni] = review.addons;
    expect(review.addons.map((a) => a.addon)).toEqual(["vpc-cni"]);
    expect(cni.changes.map((c) => [c.field, c.before, c.after, c.effect])).toEqual([
      ["vpc-cni.env.AWS_VPC_K8S_CNI_LOGLEVEL", "DEBUG", "INFO", "in-place"],
      ["vpc-cni.env.ENABLE_POD_ENI", undefined, "true", "in-place"],
      ["vpc-cni.init.env.DISABLE_TCP_EARLY_DEMUX", undefined, "true", "in-place"],
    ]);
    expect(cni.effect).toMatch(/in place \(UpdateAddon\).*aws-node DaemonSet.*restarts.*no node is replaced/);
    const cp = review.controlPlane;
    expect(cp.consequence).toBe("in-place");
    expect(cp.changes.map((c) => [c.field, c.effect])).toEqual([
      ["enabledClusterLogTypes", "in-place"], ["zonalShiftConfig.enabled", "in-place"], ["clusterRole.policyArns", "in-place"],
    ]);
    expect(cp.changes[1]).toMatchObject({ before: false, after: true });
    expect(cp.changes[1].why).toMatch(/UpdateClusterConfig \(zonal shift config\)/);
    expect(cp.changes[2].after).toEqual(["arn:aws:iam::aws:policy/AmazonEKSVPCResourceController"]);
    for (const text of [r.stdout, fs.readFileSync(md, "utf8")]) {
      expect(text).toMatch(/vpc-cni\.env\.ENABLE_POD_ENI: \(none\) -> true {2}\[in-place\]/);
      expect(text).toMatch(/addon vpc-cni: EKS updates the addon in place \(UpdateAddon\)[^\n]*no node is replaced/);
      expect(text).toMatch(/zonalShiftConfig\.enabled: false -> true {2}\[in-place\]\n\s+UpdateClusterConfig \(zonal shift config\)/);
      expect(text).toMatch(/enabledClusterLogTypes: [^\n]*\n\s+UpdateClusterConfig \(LoggingUpdate\): an in-place cluster update of a few minutes/);
      expect(text).toMatch(/pool default: no change/);
    }
  });

  it("reports no addon or control plane change when nothing changed", () => {
    const same = path.join(dir, "same.json");
    expect(plan(dir, "--json", same).code).toBe(0);
    const r = plan(dir, "--baseline", same, "--json", path.join(dir, "again.json"));
    expect(r.code).toBe(0);
    const review = (JSON.parse(fs.readFileSync(path.join(dir, "again.json"), "utf8")) as PlanDocument).rollout.changeReview;
    expect(review?.addons).toEqual([]);
    expect(review?.controlPlane).toEqual({ consequence: "none", changes: [] });
    expect(r.stdout).toMatch(/Change review against/);
    expect(r.stdout).not.toMatch(/^control plane:|^addon /m);
  });

  it("reviews an optional addon turned off as a delete (issue 18): EBS CSI goes, no node is touched", () => {
    const on = path.join(dir, "ebs-on.json");
    writeStack(EXAMPLE);
    expect(plan(dir, "--json", on).code).toBe(0);
    writeStack(EXAMPLE.replace("vpcCni: { podSecurityGroups: true, disableTcpEarlyDemux: true, logLevel: INFO }",
      "vpcCni: { podSecurityGroups: true, disableTcpEarlyDemux: true, logLevel: INFO }\n    ebsCsi: { enabled: false }"));
    const off = path.join(dir, "ebs-off.json");
    const r = plan(dir, "--baseline", on, "--json", off);
    writeStack(EXAMPLE);
    expect(r.code).toBe(0);
    const review = (JSON.parse(fs.readFileSync(off, "utf8")) as PlanDocument).rollout.changeReview;
    expect(review?.addons.map((a) => [a.addon, a.kind])).toEqual([["aws-ebs-csi-driver", "delete"]]);
    expect(review?.addons[0].effect).toMatch(/^EKS removes the addon \(DeleteAddon\)/);
    expect(review?.nodesReplaced).toBe(0);
  });
});
