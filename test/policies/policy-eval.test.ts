/** The offline evaluator, level overrides, the terminal report, the README table and the PR summary. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ALL_RULES } from "../../policies/rules";
import type { PlanResource } from "../../tools/plan";
import {
  fenced, renderConfigErrorsMarkdown, renderMarkdownSummary, truncateComment, evaluatePolicies, hasMandatoryViolation, levelOf, loadPolicyConfig, parsePolicyConfig, renderPolicyResults, toRuleResource, violatedRuleIds, renderRuleTable,
} from "../../tools/plan";
import { NOW } from "./policy-fixtures";
import { CLUSTER_TYPE, KMS_KEY_TYPE } from "../../components/core";

function planResource(type: string, name: string, inputs: Record<string, unknown>): PlanResource {
  return { urn: `urn:pulumi:t::p::${type}::${name}`, type, name, parent: "", dependencies: [], propertyDependencies: {}, ignoreChanges: [], inputs };
}

const CLUSTER_OK = { endpointPrivateAccess: true, endpointPublicAccess: false, encryptionConfigKeyArn: "arn:k", enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"], deletionProtection: true, version: "1.35" };
const clusterRes = (over: Record<string, unknown> = {}) => planResource(CLUSTER_TYPE, "cluster", { ...CLUSTER_OK, ...over });

describe("evaluatePolicies", () => {
  it("records every evaluation, passing or not, with rule, resource and level", () => {
    const results = evaluatePolicies([clusterRes({ deletionProtection: false })], {}, { now: NOW });
    const cpRules = ALL_RULES.filter((r) => r.kind === "resource" && r.resourceTypes.includes(CLUSTER_TYPE)).map((r) => r.id);
    expect(results.map((r) => r.ruleId)).toEqual(cpRules);
    expect(results.find((r) => r.ruleId === "EKS-CP-005")).toEqual({
      ruleId: "EKS-CP-005", ruleName: "eks-deletion-protection", urn: "urn:pulumi:t::p::eks:index:Cluster::cluster", name: "cluster",
      type: CLUSTER_TYPE, level: "advisory", passed: false, messages: ["deletionProtection is false (EKS default: false)"],
    });
    expect(results.filter((r) => r.ruleId !== "EKS-CP-005").every((r) => r.passed)).toBe(true);
  });

  it("treats the plan's [unknown] and [secret] placeholders as unknown values: undecided, never a violation", () => {
    const results = evaluatePolicies([clusterRes({ endpointPrivateAccess: "[unknown]", deletionProtection: "[secret]" })], {}, { now: NOW });
    const cp1 = results.find((r) => r.ruleId === "EKS-CP-001");
    expect(cp1).toEqual(expect.objectContaining({ passed: true, messages: [], undecided: "the endpoint settings are unknown until deploy" }));
    expect(results.find((r) => r.ruleId === "EKS-CP-005")?.undecided).toMatch(/unknown until deploy/);
    expect(toRuleResource(planResource("x", "y", { a: ["[unknown]"] })).props.a).toEqual([expect.any(Symbol)]);
  });

  it("applies level overrides by id, by name and for all; disabled rules are not evaluated", () => {
    const plan = [clusterRes({ deletionProtection: false, endpointPrivateAccess: false })];
    expect(hasMandatoryViolation(evaluatePolicies(plan, {}, { now: NOW }))).toBe(true);
    const relaxed = evaluatePolicies(plan, { "EKS-CP-001": "advisory", "eks-deletion-protection": "mandatory" }, { now: NOW });
    expect(relaxed.find((r) => r.ruleId === "EKS-CP-001")?.level).toBe("advisory");
    expect(relaxed.find((r) => r.ruleId === "EKS-CP-005")?.level).toBe("mandatory");
    const off = evaluatePolicies(plan, { all: "disabled", "EKS-CP-005": "advisory" }, { now: NOW });
    expect(off.map((r) => r.ruleId)).toEqual(["EKS-CP-005"]);
    expect(hasMandatoryViolation(off)).toBe(false);
    expect(levelOf(ALL_RULES[0], {})).toBe(ALL_RULES[0].enforcementLevel);
  });

  it("reports violated rule ids", () => {
    const results = evaluatePolicies([clusterRes({ deletionProtection: false, enabledClusterLogTypes: [] })], {}, { now: NOW });
    expect(violatedRuleIds(results)).toEqual(["EKS-CP-004", "EKS-CP-005", "EKS-CP-008"]);
  });
});

describe("policy config", () => {
  it("accepts ids, CrossGuard names, all, and { enforcementLevel } values", () => {
    expect(parsePolicyConfig({ "EKS-CP-001": "advisory", "eks-deletion-protection": { enforcementLevel: "mandatory" }, all: "advisory" })).toEqual({
      levels: { "EKS-CP-001": "advisory", "eks-deletion-protection": "mandatory", all: "advisory" }, issues: [],
    });
  });

  it("reports every unknown rule and level, each with its key as path", () => {
    const { issues } = parsePolicyConfig({ "EKS-XX-999": "advisory", "EKS-CP-001": "warn" });
    expect(issues).toEqual([
      { path: "EKS-XX-999", message: expect.stringMatching(/is not a rule of the pack/) },
      { path: "EKS-CP-001", message: 'level must be one of advisory, mandatory, disabled, got "warn"' },
    ]);
    expect(parsePolicyConfig(["x"]).issues[0].message).toMatch(/must be a mapping/);
  });

  it("loads JSON and YAML files and throws one error listing the problems", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
    const json = path.join(dir, "levels.json");
    fs.writeFileSync(json, JSON.stringify({ "eks-node-imds-hop-limit": { enforcementLevel: "advisory" } }));
    expect(loadPolicyConfig(json)).toEqual({ "eks-node-imds-hop-limit": "advisory" });
    const yaml = path.join(dir, "levels.yaml");
    fs.writeFileSync(yaml, "EKS-CP-005: mandatory\nEKS-NOPE: advisory\nEKS-CP-001: loud\n");
    expect(() => loadPolicyConfig(yaml)).toThrow(/invalid policy config:\n {2}EKS-NOPE: is not a rule.*\n {2}EKS-CP-001: level must be/);
    expect(() => loadPolicyConfig(path.join(dir, "missing.json"))).toThrow(/--policy-config .*missing\.json/);
  });
});

describe("renderPolicyResults", () => {
  it("summarizes, then lists violations mandatory first with rule, resource and message", () => {
    const results = evaluatePolicies([clusterRes({ deletionProtection: false, endpointPrivateAccess: false })], {}, { now: NOW });
    const text = renderPolicyResults(results);
    const lines = text.split("\n");
    expect(lines[0]).toBe(`Policy pack: ${results.length} evaluations of ${results.length} rules, 2 violated (1 mandatory, 1 advisory)`);
    expect(lines[1]).toBe("  [mandatory] EKS-CP-001 eks-endpoint-private-access  eks:index:Cluster cluster");
    expect(lines[2]).toMatch(/^ {6}endpointPrivateAccess is false/);
    expect(lines[3]).toMatch(/^ {2}\[advisory\] EKS-CP-005/);
    expect(renderPolicyResults(evaluatePolicies([clusterRes()], {}, { now: NOW }))).toMatch(/0 violated .*\n {2}no violations$/);
  });
});

describe("renderRuleTable", () => {
  it("has one row per rule with id, name, mapping and level", () => {
    const lines = renderRuleTable(ALL_RULES).split("\n");
    expect(lines[0]).toBe("| ID | What | Mapping | Level |");
    expect(lines).toHaveLength(ALL_RULES.length + 2);
    expect(lines[2]).toMatch(/^\| EKS-CP-001 \| `eks-endpoint-private-access`: .* \| CIS Amazon EKS Benchmark v1\.8\.0 5\.4\.2: Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled \(Manual\) \| mandatory \|$/);
    expect(lines.find((l) => l.startsWith("| EKS-NG-005 "))).toMatch(/EKS Best Practices Guide \(Reliability > EKS Data Plane\): Spread worker nodes and workloads across multiple AZs \| mandatory \|$/);
  });
});

describe("renderMarkdownSummary", () => {
  const resources = [clusterRes({ deletionProtection: false, endpointPrivateAccess: false }), planResource(KMS_KEY_TYPE, "k", { enableKeyRotation: true })];
  const policyResults = evaluatePolicies(resources, {}, { now: NOW });

  it("gives the verdict, the violations (mandatory first), counts by type, and the optional sections", () => {
    const md = renderMarkdownSummary({ stack: "dev", resources, policyResults, rollout: "wave 1: system", changes: "pool general rolls" });
    expect(md).toMatch(/^## Offline plan: stack `dev`\n\n❌ \*\*1 mandatory policy violation: the plan fails\*\* · 2 resources/);
    const rows = md.split("\n").filter((l) => /^\| (mandatory|advisory) \|/.test(l));
    expect(rows).toEqual([
      expect.stringMatching(/^\| mandatory \| EKS-CP-001 `eks-endpoint-private-access` \| `eks:index:Cluster` cluster \| endpointPrivateAccess is false/),
      expect.stringMatching(/^\| advisory \| EKS-CP-005/),
    ]);
    expect(md).toMatch(/### Changes against the baseline\n\npool general rolls\n\n### Rollout\n\nwave 1: system/);
    expect(md).toMatch(/\| `aws:kms\/key:Key` \| 1 \|/);
    expect(md).toMatch(/\| \*\*total\*\* \| \*\*2\*\* \|/);
  });

  it("omits absent sections, says when there is nothing to fix, and caps the violation list", () => {
    const clean = renderMarkdownSummary({ stack: "dev", resources: [clusterRes()], policyResults: evaluatePolicies([clusterRes()], {}, { now: NOW }) });
    expect(clean).toMatch(/✅ \*\*no policy violations\*\*/);
    expect(clean).toMatch(/### Policy violations\n\nNo violations\./);
    expect(clean).not.toMatch(/### Rollout|### Changes/);
    const capped = renderMarkdownSummary({ stack: "dev", resources, policyResults, maxViolations: 1 });
    expect(capped).toMatch(/…and 1 more/);
  });

  it("fits a pull request comment", () => {
    const long = `${"x".repeat(100)}\n`.repeat(1000);
    const cut = truncateComment(long, 5000);
    expect(cut.length).toBeLessThanOrEqual(5000);
    expect(cut).toMatch(/summary truncated/);
    expect(truncateComment("short")).toBe("short");
  });
});

describe("markdown helpers", () => {
  it("fences terminal text with a fence longer than any backtick run inside", () => {
    expect(fenced("a\nb\n")).toBe("```text\na\nb\n```");
    expect(fenced("x ```` y")).toBe("`````text\nx ```` y\n`````");
  });

  it("summarizes invalid configuration with every error and warning path", () => {
    const md = renderConfigErrorsMarkdown("dev", [{ path: "workerpools:pools[0].scaling.min", message: "must be <= max (3), got 5" }],
      [{ path: "workerpools:cluster.logging.types", message: '"audit" logs are off', severity: "warning" }]);
    expect(md).toBe([
      "## Offline plan: stack `dev`", "", "❌ **invalid configuration**: nothing was planned (1 error)", "",
      "- `workerpools:pools[0].scaling.min`: must be <= max (3), got 5", "", "### Warnings", "",
      '- `workerpools:cluster.logging.types`: "audit" logs are off', "",
    ].join("\n"));
  });
});
