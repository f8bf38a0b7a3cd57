/**
 * The tenants example with vpc-cni network policy turned off and red-team's quota dropped, planned: EKS-TENANT-001 fails
 * (mandatory) on every isolation policy, EKS-TENANT-002 (advisory) on red, and the plan exits 1.
 */
import * as path from "node:path";
import { EXIT, StackOutcome, planStack, readStackFile } from "../../tools/plan";

const DIR = path.resolve(__dirname, "../../examples/stacks");
let outcome: StackOutcome;

beforeAll(async () => {
  const file = readStackFile(DIR, "tenants");
  const values: Record<string, unknown> = structuredClone(file.values);
  values.addons = { vpcCni: { networkPolicy: false } };
  const [red, ...rest] = values.tenants as Record<string, unknown>[];
  values.tenants = [{ ...red, quota: undefined }, ...rest];
  outcome = await planStack({ ...file, values }, { now: new Date("2026-12-01T00:00:00Z"), levels: {} });
});

describe("tenants whose isolation nothing enforces", () => {
  it("fail EKS-TENANT-001 on each NetworkPolicy, and the plan exits with a policy violation", () => {
    const failed = (outcome.document?.policyResults ?? []).filter((r) => !r.passed);
    const tenant001 = failed.filter((r) => r.ruleId === "EKS-TENANT-001");
    expect(tenant001.map((r) => r.name)).toEqual(["tenants-red-isolation", "tenants-blue-one-isolation", "tenants-blue-two-isolation"]);
    expect(tenant001[0].level).toBe("mandatory");
    expect(tenant001[0].messages.join("\n")).toMatch(/nothing enforces it: enableNetworkPolicy is "false"/);
    expect(outcome.code).toBe(EXIT.policyViolation);
  });

  it("flags red, which has no quota now, with EKS-TENANT-002 (advisory)", () => {
    const quota = (outcome.document?.policyResults ?? []).filter((r) => r.ruleId === "EKS-TENANT-002" && !r.passed);
    expect(quota.map((r) => [r.name, r.level])).toEqual([["tenants-red", "advisory"]]);
  });
});
