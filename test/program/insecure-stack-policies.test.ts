/**
 * A deliberately insecure stack (test/fixtures/insecure): valid configuration, so it is planned, and the policy
 * pack names every broken rule; a mandatory one makes the plan exit 1. One runPlan per file (Pulumi's runtime is global).
 */
import * as path from "node:path";
import {
  readStackFile, runPlan, PolicyResult, evaluatePolicies, hasMandatoryViolation, violatedRuleIds,
} from "../../tools/plan";
import { NOW } from "../policies/policy-fixtures";

const FIXTURE = path.resolve(__dirname, "../fixtures/insecure");
let results: PolicyResult[] = [];
let warnings: string[] = [];

beforeAll(async () => {
  const run = await runPlan(readStackFile(FIXTURE, "insecure"), { now: NOW });
  if (!run.ok) throw new Error(`the insecure fixture must be valid configuration: ${JSON.stringify(run.errors)}`);
  warnings = run.warnings.map((w) => w.path);
  results = evaluatePolicies(run.resources, {}, { now: NOW });
}, 120_000);

describe("insecure stack policy results", () => {
  it("is valid configuration, with the validator's warnings", () => {
    expect(warnings).toEqual(expect.arrayContaining(["workerpools:pools[0].instanceTypes"]));
  });

  it("violates exactly the rules its config breaks", () => {
    expect(violatedRuleIds(results)).toEqual([
      "EKS-ADDON-002", "EKS-CP-001", "EKS-CP-004", "EKS-CP-005", "EKS-CP-007", "EKS-CP-008",
      "EKS-KUBELET-001", "EKS-KUBELET-002", "EKS-KUBELET-003", "EKS-KUBELET-004", "EKS-KUBELET-005",
      "EKS-NG-002", "EKS-NG-003", "EKS-NG-004", "EKS-NG-010", "EKS-NODE-002", "EKS-OBS-002",
    ]);
  });

  it("has mandatory violations (the plan exits 1)", () => {
    expect(hasMandatoryViolation(results)).toBe(true);
  });

  it("blames the AL2023 pool's launch template for the kubelet overrides, not the Bottlerocket one", () => {
    const kubelet = results.filter((r) => r.ruleId.startsWith("EKS-KUBELET-") && !r.passed);
    expect(new Set(kubelet.map((r) => r.name))).toEqual(new Set(["web-lt"]));
    expect(results.filter((r) => r.ruleId.startsWith("EKS-KUBELET-") && r.name === "batch-lt").every((r) => r.passed)).toBe(true);
  });
});
