/**
 * examples/stacks/Pulumi.tenants.yaml (after aws-ia/terraform-aws-eks-blueprints-teams tests/complete/teams.tf), planned:
 * the tenants' namespaces, quotas, limit range and isolation through the one Kubernetes provider after the CNI, their
 * namespace-scoped access entries, red-team's dedicated node group (label and taint), the tenant rules, the plan section.
 */
import * as path from "node:path";
import { PlanResource, TenantSummary, evaluatePolicies, readStackFile, runPlan, summarizeTenants } from "../../tools/plan";
import type { PolicyResult } from "../../tools/plan";
import { named as namedIn, ofType as ofTypeIn } from "../fixtures/plan-resources";
import { ACCESS_ENTRY_TYPE, ACCESS_POLICY_ASSOCIATION_TYPE, ADDON_TYPE, KUBERNETES_PROVIDER_TYPE, LIMIT_RANGE_TYPE, NAMESPACE_TYPE, NODE_GROUP_TYPE, RESOURCE_QUOTA_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");
let resources: PlanResource[] = [];
let tenants: TenantSummary[] = [];
let results: PolicyResult[] = [];

beforeAll(async () => {
  const run = await runPlan(readStackFile(DIR, "tenants"), { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  tenants = summarizeTenants(run.config);
  results = evaluatePolicies(resources, {}, { now: NOW });
});

const ofType = (type: string) => ofTypeIn(resources, type);
const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);

describe("the tenants example", () => {
  it("creates red, blue-one and blue-two, each with the blueprint's quota, after the vpc-cni addon", () => {
    expect(ofType(NAMESPACE_TYPE).map((r) => (r.inputs.metadata as { name: string }).name)).toEqual(["red", "blue-one", "blue-two"]);
    const vpcCni = named(ADDON_TYPE, "addons-vpc-cni").urn;
    for (const ns of ofType(NAMESPACE_TYPE)) expect(ns.dependencies).toContain(vpcCni);
    expect(named(RESOURCE_QUOTA_TYPE, "tenants-red-quota").inputs.spec).toEqual({ hard: { cpu: "1000m", memory: "4Gi", pods: "10" } });
    expect(named(RESOURCE_QUOTA_TYPE, "tenants-blue-two-quota").inputs.spec).toEqual({ hard: { cpu: "2000m", memory: "4Gi", pods: "20" } });
    expect(named(LIMIT_RANGE_TYPE, "tenants-red-limits").inputs.spec).toEqual({ limits: [{ type: "Container", default: { cpu: "50m", memory: "24Mi" } }] });
  });

  it("enforces restricted on red and baseline (the default) on the blue namespaces", () => {
    const labels = (name: string) => (named(NAMESPACE_TYPE, `tenants-${name}`).inputs.metadata as { labels: Record<string, string> }).labels;
    expect(labels("red")["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    expect(labels("blue-one")["pod-security.kubernetes.io/enforce"]).toBe("baseline");
  });

  it("uses the platform's one Kubernetes provider", () => {
    expect(ofType(KUBERNETES_PROVIDER_TYPE)).toHaveLength(1);
  });

  it("gives red-team's lead admin and its developers view on red, and the blue team one admin association over both blue namespaces", () => {
    expect(ofType(ACCESS_ENTRY_TYPE).map((e) => e.inputs.principalArn)).toEqual([
      "arn:aws:iam::111122223333:role/red-team-lead", "arn:aws:iam::111122223333:role/red-team-dev", "arn:aws:iam::111122223333:role/blue-team",
    ]);
    const scopes = ofType(ACCESS_POLICY_ASSOCIATION_TYPE).map((a) => (a.inputs.accessScope as { namespaces: string[] }).namespaces.join(",")).sort();
    expect(scopes).toEqual(["blue-one,blue-two", "red", "red"]);
  });

  it("labels and taints red-team's dedicated node group tenant=red-team besides its own label; the shared pool gets neither", () => {
    const red = named(NODE_GROUP_TYPE, "red").inputs;
    expect(red.labels).toMatchObject({ team: "red", tenant: "red-team" });
    expect(red.taints).toEqual([{ key: "tenant", value: "red-team", effect: "NO_SCHEDULE" }]);
    const shared = named(NODE_GROUP_TYPE, "shared").inputs;
    expect((shared.labels as Record<string, string>).tenant).toBeUndefined();
    expect(shared.taints ?? []).toEqual([]);
  });

  it("passes EKS-TENANT-001 for each isolation policy and EKS-TENANT-002 for each namespace", () => {
    const of = (id: string) => results.filter((r) => r.ruleId === id);
    expect(of("EKS-TENANT-001")).toHaveLength(3);
    expect(of("EKS-TENANT-002")).toHaveLength(3);
    expect([...of("EKS-TENANT-001"), ...of("EKS-TENANT-002")].every((r) => r.passed)).toBe(true);
  });

  it("shows each tenant in the plan: namespaces, PSA, quota, isolation, access and pool", () => {
    expect(tenants.map((t) => t.tenant)).toEqual(["red-team", "blue-team-one", "blue-team-two"]);
    expect(tenants[0]).toMatchObject({
      namespaces: ["red"], podSecurity: { level: "restricted", version: "v1.35" }, isolation: "namespace", quota: { cpu: "1000m", memory: "4Gi", pods: "10" },
      pool: { name: "red", label: "tenant=red-team", taint: "tenant=red-team:NoSchedule" },
    });
    expect(tenants[1].access).toEqual([{ principalArn: "arn:aws:iam::111122223333:role/blue-team", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy", namespaces: ["blue-one", "blue-two"] }]);
  });
});
