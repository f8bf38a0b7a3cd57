/** `npm run plan` as a user runs it: a real child process (tsx tools/plan/main.ts), exit codes and outputs. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PlanDocument } from "../../tools/plan";
import { CLUSTER_TYPE, KUBERNETES_PROVIDER_TYPE, NODE_GROUP_TYPE, STACK_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function plan(...args: string[]) {
  const r = spawnSync(TSX, [path.join(ROOT, "tools", "plan", "main.ts"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run plan", () => {
  it("plans the dev stack, exits 0 and writes the JSON document", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "out.json");
    const r = plan("--json", out);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/eks:index:Cluster\s+cluster/);
    expect(r.stdout).toMatch(/Offline stand-ins/);
    const doc = JSON.parse(fs.readFileSync(out, "utf8")) as PlanDocument;
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(["resources", "policyResults", "rollout", "warnings"]));
    const ng = doc.resources.find((x) => x.type === NODE_GROUP_TYPE && x.name === "system");
    expect(ng?.urn).toBe("urn:pulumi:dev::eks-workerpools::workerpools:index:WorkerPool$aws:eks/nodeGroup:NodeGroup::system");
    expect(ng?.parent).toMatch(/workerpools:index:WorkerPool::system$/);
    expect(ng?.dependencies.length).toBeGreaterThan(0);
    const stack = doc.resources.find((x) => x.type === STACK_TYPE);
    expect(stack).toBeDefined();
  });

  it("redacts secrets in the JSON inputs", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-")), "out.json");
    expect(plan("--json", out).code).toBe(0);
    const provider = (JSON.parse(fs.readFileSync(out, "utf8")) as PlanDocument).resources.find((x) => x.type === KUBERNETES_PROVIDER_TYPE);
    expect(provider?.inputs.kubeconfig).toBe("[secret]");
  });

  it("exits 2 on a broken stack, naming every problem's config path, and registers nothing", () => {
    const r = plan("--project-root", path.join(__dirname, "..", "fixtures", "broken"), "--stack", "broken");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    for (const p of [
      "workerpools:cluster.network.vpcCidr", "workerpools:cluster.endpoint.publicAccessCidrs[0]", "workerpools:pools[0].availabilityZones[1]",
      "workerpools:pools[1].taints[0].effect",
    ]) expect(r.stderr).toContain(p);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("reports the second stage's problems together once the shape is right", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const text = fs.readFileSync(path.join(__dirname, "..", "fixtures", "broken", "Pulumi.broken.yaml"), "utf8").replace("NoSchedul", "NoSchedule");
    fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), text);
    const r = plan("--project-root", dir, "--stack", "broken");
    expect(r.code).toBe(2);
    for (const p of ["workerpools:pools[0].scaling.min", "workerpools:pools[1].name", "workerpools:pools[1].instanceTypes", "workerpools:cluster.network.vpcCidr"]) {
      expect(r.stderr).toContain(p);
    }
  });

  it("exits 2 with one line when the stack file does not exist", () => {
    const r = plan("--stack", "nope");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`plan: Pulumi.nope.yaml not found in ${ROOT}`);
  });
});

describe("npm run plan --baseline / --now (change review and freeze)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-"));
  const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
  const writeStack = (text: string) => fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), text);
  const base = path.join(dir, "base.json");

  beforeAll(() => {
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeStack(dev.replace('kubernetesVersion: "1.35"', 'kubernetesVersion: "1.34"'));
    expect(plan("--project-root", dir, "--json", base).code).toBe(0);
  });

  it("after a kubelet edit and a version bump, names the pools that roll and how", () => {
    writeStack(dev.replace("kubelet: { imageGCHighThresholdPercent: 80 }", "kubelet: { imageGCHighThresholdPercent: 75 }"));
    const r = plan("--project-root", dir, "--baseline", base, "--now", "2026-11-22T12:00:00Z");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kubelet\.imageGCHighThresholdPercent: 80 -> 75/);
    expect(r.stdout).toMatch(/system: rolling update of 3 node\(s\) in 3 batch\(es\)/);
    expect(r.stdout).toMatch(/batch: rolling update of 2 node\(s\)[^\n]*MINIMAL/);
    expect(r.stdout).toMatch(/version: 1\.34 -> 1\.35/);
  });

  it("inside a freeze window holds the version bump, keeps the kubelet edit, and says until when", () => {
    const out = path.join(dir, "frozen.json");
    const r = plan("--project-root", dir, "--baseline", base, "--now", "2026-12-24T00:00:00Z", "--json", out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Change freeze in force[^\n]*until 2027-01-04/);
    expect(r.stdout).toMatch(/cluster kubernetesVersion: stays at 1\.34/);
    const doc = JSON.parse(fs.readFileSync(out, "utf8")) as PlanDocument;
    const cluster = doc.resources.find((x) => x.type === CLUSTER_TYPE);
    expect(cluster?.inputs.version).toBe("1.34");
    const ng = doc.resources.find((x) => x.type === NODE_GROUP_TYPE && x.name === "system");
    expect(ng?.inputs.version).toBe("1.34");
    expect(r.stdout).toMatch(/system: rolling update of 3 node\(s\)[^\n]*imageGCHighThresholdPercent/);
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    ["a directory as the stack file", (dir) => fs.mkdirSync(path.join(dir, "Pulumi.dev.yaml")), /^plan: Pulumi\.dev\.yaml in .* is not a file$/],
    ["an alias with no anchor", (dir) => fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  workerpools:cluster: *nope\n"), /^plan: Pulumi\.dev\.yaml:2:24: alias \*nope names no anchor/],
  ])("names the stack file when it cannot be read (%s): one line, exit 2", (_name, make, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-file-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    make(dir);
    const r = plan("--project-root", dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
  });

  it("refuses a duplicate cluster AZ with its path and exit 2 (it used to crash with exit 1)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-dup-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    const text = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("availabilityZones: [us-east-1a, us-east-1b, us-east-1c]", "availabilityZones: [us-east-1a, us-east-1a, us-east-1c]");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), text.replace(/availabilityZones: \[us-east-1a, us-east-1b, us-east-1c\]/g, "availabilityZones: [us-east-1a, us-east-1c]"));
    const r = plan("--project-root", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('workerpools:cluster.network.availabilityZones[1]: "us-east-1a" is listed twice');
  });

  it("warns about a key outside the namespaces it reads (a typo is otherwise silently ignored)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-ns-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("config:\n", "config:\n  workerpool:kubelet: { maxPods: 20 }\n"));
    const r = plan("--project-root", dir, "--now", "2026-11-22T12:00:00Z");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/workerpool:kubelet: not read by this program: namespace "workerpool" is not one of .* \(did you mean "workerpools"\?\)/);
  });

  it("refuses a malformed --now with one line and exit 2", () => {
    const r = plan("--now", "tomorrow");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^plan: --now must be an ISO 8601 time/);
  });
});

describe("npm run plan: the policy pack", () => {
  const FIXTURE = path.join(__dirname, "..", "fixtures", "insecure");
  const NOW = "2026-11-22T12:00:00Z";

  it("exits 1 on the insecure stack, naming each broken rule, after writing the JSON and markdown", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "insecure-"));
    const r = plan("--project-root", FIXTURE, "--stack", "insecure", "--now", NOW, "--json", path.join(dir, "p.json"), "--markdown", path.join(dir, "p.md"));
    expect(r.code).toBe(1);
    for (const id of ["EKS-CP-001", "EKS-CP-004", "EKS-NODE-002", "EKS-KUBELET-001", "EKS-KUBELET-003", "EKS-NG-002", "EKS-ADDON-002"]) expect(r.stdout).toContain(id);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, "p.json"), "utf8")) as PlanDocument;
    expect(doc.policyResults.some((x) => !x.passed && x.level === "mandatory")).toBe(true);
    expect(fs.readFileSync(path.join(dir, "p.md"), "utf8")).toMatch(/mandatory policy violations/);
  });

  it("--policy-config can lower every rule to advisory, and the plan then exits 0", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "levels-"));
    fs.writeFileSync(path.join(dir, "levels.json"), JSON.stringify({ all: "advisory" }));
    const r = plan("--project-root", FIXTURE, "--stack", "insecure", "--now", NOW, "--policy-config", path.join(dir, "levels.json"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[advisory\] EKS-CP-001/);
  });

  it("passes the dev stack with no mandatory violation", () => {
    const r = plan("--now", NOW);
    expect(r.code).toBe(0);
    // Advisory only: EKS-NG-010 flags its resizable node groups (the dev stack installs no autoscaler), EKS-OBS-002 its
    // unshipped dataplane logs (cloudwatchObservability is off by default).
    expect(r.stdout).toMatch(/Policy pack: \d+ evaluations of \d+ rules, \d+ violated \(0 mandatory/);
  });
});

describe("npm run plan's launcher (the esbuild bundle run with plain node)", () => {
  it("builds the bundle when needed and plans the dev stack with it", () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "tools", "plan-launcher.cjs"), "--now", "2026-11-22T12:00:00Z"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/eks:index:Cluster\s+cluster/);
    expect(fs.existsSync(path.join(ROOT, "dist", "plan.cjs"))).toBe(true);
  });
});
