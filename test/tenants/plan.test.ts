/** components/tenants: the pure plan (namespace labels, quota, limit range, isolation policy, access entries) and pool placement. */
import {
  ADMIN_POLICY_ARN, VIEW_POLICY_ARN, TenantArgs, mergeTenantPlacement, planTenantAccess, planTenantNamespaces, podSecurityLabels, resolveTenant,
} from "../../components/tenants";

const PAYMENTS: TenantArgs = {
  name: "payments", namespaces: ["payments", "payments-jobs"],
  admins: ["arn:aws:iam::111122223333:role/payments-lead"], viewers: ["arn:aws:iam::111122223333:role/payments-dev"],
  quota: { cpu: "200", memory: "400Gi", pods: 500 }, limits: { defaultRequest: { cpu: "100m", memory: "128Mi" } },
  podSecurity: "restricted", networkIsolation: "namespace", pool: "payments",
};

describe("resolveTenant", () => {
  it("applies the documented defaults: no principals, baseline PSA, namespace isolation; no quota, limits or pool", () => {
    const t = resolveTenant({ name: "a", namespaces: ["a"] });
    expect(t).toEqual({ name: "a", namespaces: ["a"], admins: [], viewers: [], podSecurity: "baseline", networkIsolation: "namespace" });
  });
});

describe("planTenantNamespaces", () => {
  const [payments, jobs] = planTenantNamespaces([resolveTenant(PAYMENTS)], "1.35");

  it("labels each namespace with its tenant and the PSA level in all three modes, pinned to the cluster minor", () => {
    expect(payments.labels).toEqual({
      tenant: "payments",
      "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.35",
      "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/audit-version": "v1.35",
      "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/warn-version": "v1.35",
    });
    expect(podSecurityLabels("baseline", "1.33")["pod-security.kubernetes.io/warn-version"]).toBe("v1.33");
  });

  it("gives every namespace the tenant's quota and Container defaults, quantities as strings", () => {
    expect(payments.quota).toEqual({ hard: { cpu: "200", memory: "400Gi", pods: "500" } });
    expect(jobs.limitRange).toEqual({ limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" } }] });
  });

  it("admits ingress only from the tenant's own namespaces, by the API server's name label", () => {
    expect(jobs.networkPolicy).toEqual({
      podSelector: {}, policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["payments", "payments-jobs"] }] } }] }],
    });
  });

  it("renders no quota, limit range or policy when the tenant asks for none", () => {
    const [ns] = planTenantNamespaces([resolveTenant({ name: "a", namespaces: ["a"], networkIsolation: "none", quota: {}, limits: {} })], "1.35");
    expect(ns).toEqual({ name: "a", tenant: "a", labels: expect.objectContaining({ tenant: "a" }) as unknown });
  });
});

describe("planTenantAccess", () => {
  it("makes one entry per principal with a namespace-scoped association per policy", () => {
    const [lead, dev] = planTenantAccess([resolveTenant(PAYMENTS)]);
    expect(lead.principalArn).toBe("arn:aws:iam::111122223333:role/payments-lead");
    expect(lead.associations).toEqual([{ role: "admin", policyArn: ADMIN_POLICY_ARN, namespaces: ["payments", "payments-jobs"], tenants: ["payments"] }]);
    expect(dev.associations).toEqual([{ role: "viewer", policyArn: VIEW_POLICY_ARN, namespaces: ["payments", "payments-jobs"], tenants: ["payments"] }]);
    expect(lead.key).toMatch(/^[0-9a-f]{10}$/);
    expect(lead.key).not.toBe(dev.key);
  });

  it("merges a principal of several tenants: one entry, one association per policy over all its namespaces", () => {
    const ops = "arn:aws:iam::111122223333:role/ops";
    const entries = planTenantAccess([
      resolveTenant({ name: "a", namespaces: ["a1", "a2"], admins: [ops] }),
      resolveTenant({ name: "b", namespaces: ["b1"], admins: [ops] }),
      resolveTenant({ name: "c", namespaces: ["c1"], viewers: [ops] }),
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0].associations.map((a) => [a.role, a.namespaces, a.tenants])).toEqual([
      ["admin", ["a1", "a2", "b1"], ["a", "b"]], ["viewer", ["c1"], ["c"]],
    ]);
  });

  it("keys an entry by its ARN only: reordering principals keeps the keys", () => {
    const x = "arn:aws:iam::111122223333:role/x";
    const y = "arn:aws:iam::111122223333:role/y";
    const keys = (admins: string[]) => Object.fromEntries(planTenantAccess([resolveTenant({ name: "a", namespaces: ["a"], admins })]).map((e) => [e.principalArn, e.key]));
    expect(keys([x, y])).toEqual(keys([y, x]));
  });
});

describe("mergeTenantPlacement", () => {
  it("adds the tenant label and NoSchedule taint to the pool's own", () => {
    const r = mergeTenantPlacement({ labels: { team: "red" }, taints: [{ key: "gpu", effect: "NoSchedule" }] }, "payments", "workerpools:pools[1]");
    expect(r).toEqual({
      labels: { team: "red", tenant: "payments" },
      taints: [{ key: "gpu", effect: "NoSchedule" }, { key: "tenant", value: "payments", effect: "NoSchedule" }],
      issues: [],
    });
  });

  it("keeps an identical taint once", () => {
    const own = { key: "tenant", value: "payments", effect: "NoSchedule" as const };
    expect(mergeTenantPlacement({ labels: { tenant: "payments" }, taints: [own] }, "payments", "p").taints).toEqual([own]);
  });

  it("refuses a tenant label or taint of another value or effect, at its path", () => {
    const r = mergeTenantPlacement({ labels: { tenant: "other" }, taints: [{ key: "tenant", value: "payments", effect: "NoExecute" }] }, "payments", "workerpools:pools[2]");
    expect(r.issues.map((i) => i.path)).toEqual(["workerpools:pools[2].labels.tenant", "workerpools:pools[2].taints[0]"]);
    expect(r.issues[0].message).toMatch(/"other", but the pool is dedicated to tenant "payments"/);
    expect(r.issues[1].message).toMatch(/tenant=payments:NoExecute conflicts with the tenant taint tenant=payments:NoSchedule/);
  });
});
