/** The embedded dev stack (Pulumi.dev.yaml), planned offline, passes every mandatory rule. One runPlan per file (Pulumi's runtime is global). */
import * as path from "node:path";
import { ALL_RULES } from "../../policies/rules";
import type { PlanRun } from "../../tools/plan";
import {
  readStackFile, runPlan, PolicyResult, evaluatePolicies, hasMandatoryViolation, renderPolicyResults,
} from "../../tools/plan";
import { NOW } from "../policies/policy-fixtures";

const ROOT = path.resolve(__dirname, "../..");
let results: PolicyResult[] = [];

beforeAll(async () => {
  const run: PlanRun = await runPlan(readStackFile(ROOT, "dev"), { now: NOW });
  if (!run.ok) throw new Error(`dev stack invalid: ${JSON.stringify(run.errors)}`);
  results = evaluatePolicies(run.resources, {}, { now: NOW });
}, 120_000);

describe("dev stack policy results", () => {
  it("has no mandatory violation", () => {
    const mandatory = results.filter((r) => !r.passed && r.level === "mandatory");
    expect(mandatory.map((r) => `${r.ruleId} ${r.name}: ${r.messages.join("; ")}`)).toEqual([]);
    expect(hasMandatoryViolation(results)).toBe(false);
    expect(renderPolicyResults(results)).toMatch(/\(0 mandatory/);
  });

  it("evaluates every rule on the resources it reads (EKS-NG-009 judges accelerated pools, EKS-TENANT-* tenants' objects, which the dev stack has none of)", () => {
    const noSubject = new Set(["EKS-NG-009", "EKS-TENANT-001", "EKS-TENANT-002"]);
    expect(new Set(results.map((r) => r.ruleId))).toEqual(new Set(ALL_RULES.map((r) => r.id).filter((id) => !noSubject.has(id))));
  });

  it("decodes the kubelet settings of every launch template (AL2023 and Bottlerocket): no kubelet rule is undecided", () => {
    const kubelet = results.filter((r) => r.ruleId.startsWith("EKS-KUBELET-"));
    const templates = new Set(kubelet.map((r) => r.name));
    expect(templates.size).toBeGreaterThanOrEqual(3);
    expect(kubelet.filter((r) => r.undecided !== undefined)).toEqual([]);
  });

  it("groups the per-zone pool's node groups into one multi-AZ pool", () => {
    const multiAz = results.filter((r) => r.ruleId === "EKS-NG-005");
    expect(multiAz.length).toBeGreaterThanOrEqual(3);
    expect(multiAz.every((r) => r.passed && r.undecided === undefined)).toBe(true);
  });
});
