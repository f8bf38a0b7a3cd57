/** `enabled: false` for the optional addons: what is refused, at which path, and what the stack config derives. */
import * as path from "node:path";
import { AddonsArgs, podIdentityUsers, resolveAddonsArgs, validateAddons } from "../../components/addons";
import { ConfigIssue } from "../../components/core";
import { LoadResult, loadStackConfig } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const AT = "workerpools:addons";
const base: AddonsArgs = { clusterName: "c", kubeconfig: "{}", kubernetesVersion: "1.35" };
const errors = (over: Partial<AddonsArgs>): ConfigIssue[] =>
  validateAddons(resolveAddonsArgs({ ...base, ...over }), AT).filter((i) => (i.severity ?? "error") === "error");

const ROOT = path.resolve(__dirname, "../..");
type Rec = Record<string, unknown>;
const devValues = (): Rec => structuredClone(readStackFile(ROOT, "dev").values);
const load = (v: Rec): LoadResult => loadStackConfig(v, new Date("2026-12-01T00:00:00Z"), { region: "us-east-1" });
const loadErrors = (r: LoadResult): ConfigIssue[] => (r.ok ? [] : r.errors);
const addonsOf = (v: Rec): Rec => v.addons as Rec;

describe("the pod identity agent", () => {
  it("refuses enabled: false while the EBS CSI driver takes its role through a Pod Identity association, naming it", () => {
    expect(errors({ podIdentityAgent: { enabled: false } })).toEqual([
      { path: `${AT}.podIdentityAgent.enabled`, message: expect.stringContaining(`${AT}.ebsCsi takes its IAM role through an EKS Pod Identity association`) },
    ]);
  });

  it("accepts enabled: false once nothing needs it", () => {
    expect(errors({ podIdentityAgent: { enabled: false }, ebsCsi: { enabled: false } })).toEqual([]);
    expect(podIdentityUsers(resolveAddonsArgs({ ...base, ebsCsi: { enabled: false } }), AT)).toEqual([]);
  });
});

describe("the node monitoring agent (stack config)", () => {
  it("is installed while any pool has auto-repair on, and refuses enabled: false then, naming the pools", () => {
    const v = devValues();
    addonsOf(v).nodeMonitoringAgent = { enabled: false };
    const e = loadErrors(load(v)).filter((i) => i.path === `${AT}.nodeMonitoringAgent.enabled`);
    expect(e).toEqual([{ path: `${AT}.nodeMonitoringAgent.enabled`, message: expect.stringContaining("workerpools:pools[0].autoRepair.enabled, workerpools:pools[1].autoRepair.enabled") }]);
  });

  it("defaults to off when auto-repair is off everywhere, takes enabled: false then, and enabled: true still installs it", () => {
    const v = devValues();
    (v.patching as Rec).autoRepair = { enabled: false, reason: "repairs handled by the on-call rotation" };
    const off = load(v);
    if (!off.ok) throw new Error(off.errors.map((i) => `${i.path}: ${i.message}`).join("\n"));
    expect(off.config.addons.nodeMonitoringAgent?.enabled).toBe(false);
    addonsOf(v).nodeMonitoringAgent = { enabled: true };
    const on = load(v);
    expect(on.ok && on.config.addons.nodeMonitoringAgent?.enabled).toBe(true);
    addonsOf(v).nodeMonitoringAgent = { enabled: false };
    expect(loadErrors(load(v))).toEqual([]);
  });
});

describe("EBS CSI", () => {
  it("accepts enabled: false in stack config", () => {
    const v = devValues();
    addonsOf(v).ebsCsi = { enabled: false };
    const r = load(v);
    expect(loadErrors(r)).toEqual([]);
    expect(r.ok && r.config.addons.ebsCsi?.enabled).toBe(false);
  });
});

describe("extra: any other EKS add-on", () => {
  const ok = { name: "cert-manager", version: "latest", configurationValues: { replicaCount: 2 }, podIdentity: { serviceAccount: "cert-manager/cert-manager", policyArns: ["arn:aws:iam::aws:policy/AmazonRoute53ReadOnlyAccess"] } };

  it("accepts a name, version, values and a Pod Identity association; the association needs the agent", () => {
    expect(errors({ extra: [ok] })).toEqual([]);
    expect(podIdentityUsers(resolveAddonsArgs({ ...base, extra: [ok] }), AT)).toContain(`${AT}.extra[0].podIdentity`);
    expect(errors({ extra: [ok], ebsCsi: { enabled: false }, podIdentityAgent: { enabled: false } })).toEqual([
      { path: `${AT}.podIdentityAgent.enabled`, message: expect.stringContaining(`${AT}.extra[0].podIdentity takes its IAM role`) },
    ]);
  });

  it("refuses a name the catalog has (naming its key), a duplicate, a bad version, service account and policy ARN, each at its path", () => {
    const e = errors({ extra: [
      { name: "coredns" },
      ok,
      { ...ok, version: "v1.2.3", podIdentity: { serviceAccount: "no-namespace", policyArns: ["AmazonS3ReadOnlyAccess"] } },
    ] });
    expect(e.map((i) => i.path)).toEqual([
      `${AT}.extra[0].name`, `${AT}.extra[2].name`, `${AT}.extra[2].version`, `${AT}.extra[2].podIdentity.serviceAccount`, `${AT}.extra[2].podIdentity.policyArns[0]`,
    ]);
    expect(e[0].message).toMatch(/"coredns" is in the addon catalog: configure it at workerpools:addons\.coredns instead/);
    expect(e[1].message).toMatch(/"cert-manager" is already workerpools:addons\.extra\[1\]/);
  });

  it("is read from stack config (zod refuses unknown keys in an entry)", () => {
    const v = devValues();
    addonsOf(v).extra = [ok];
    const r = load(v);
    expect(loadErrors(r)).toEqual([]);
    expect(r.ok && r.config.addons.extra).toEqual([ok]);
    addonsOf(v).extra = [{ name: "cert-manager", versoin: "latest" }];
    expect(loadErrors(load(v)).map((i) => i.path)).toContain(`${AT}.extra[0].versoin`);
  });
});
