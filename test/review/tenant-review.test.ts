/**
 * The tenant review classifies each object once across the two plans (type and plan name), then attributes it to
 * its tenants before and after: a moved namespace or a renamed tenant is an in-place update, never a delete; a
 * raised Pod Security enforce level is a hazard.
 */
import { TenantReview, renderTenantReview, reviewTenants } from "../../tools/review";

const PSA = "pod-security.kubernetes.io/enforce";
const ns = (name: string, tenant: string, labels: Record<string, string> = {}) => ({
  type: "kubernetes:core/v1:Namespace", name: `tenants-${name}`, inputs: { metadata: { name, labels: { tenant, ...labels } } },
});
const quota = (nsName: string, tenant: string) => ({
  type: "kubernetes:core/v1:ResourceQuota", name: `tenants-${nsName}-quota`, inputs: { metadata: { name: "tenant-quota", namespace: nsName, labels: { tenant } }, spec: { hard: { cpu: "4" } } },
});
const entry = { type: "aws:eks/accessEntry:AccessEntry", name: "tenants-dev", inputs: { principalArn: "arn:aws:iam::1:role/dev" } };
const viewer = (...namespaces: string[]) => ({
  type: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", name: "tenants-dev-viewer",
  inputs: { principalArn: "arn:aws:iam::1:role/dev", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces } },
});
const of = (rs: TenantReview[], tenant: string) => rs.find((t) => t.tenant === tenant);
const changes = (t: TenantReview | undefined) => t?.objects.map((o) => `${o.change} ${o.kind} ${o.resource}`);
const deletes = (rs: TenantReview[]) => rs.flatMap((t) => t.objects.filter((o) => o.change === "delete"));

describe("objects classified across the whole plans", () => {
  it("a namespace moved to another tenant is an update naming both tenants, never a delete", () => {
    const rs = reviewTenants([ns("pay", "payments"), ns("web", "shop"), quota("pay", "payments")], [ns("pay", "shop"), ns("web", "shop"), quota("pay", "shop")]);
    expect(deletes(rs)).toEqual([]);
    for (const tenant of ["shop", "payments"]) expect(changes(of(rs, tenant))).toEqual(["update Namespace tenants-pay", "update ResourceQuota tenants-pay-quota"]);
    expect(of(rs, "payments")?.change).toBe("added");
    expect(of(rs, "shop")?.change).toBe("changed");
    const moved = of(rs, "shop")?.objects[0];
    expect(moved).toMatchObject({ tenants: { before: ["shop"], after: ["payments"] }, fields: ["metadata.labels.tenant: shop → payments"] });
    const hazards = of(rs, "shop")?.hazards ?? [];
    expect(hazards.some((h) => /is deleted/.test(h))).toBe(false);
    expect(hazards.find((h) => h.startsWith("namespace pay"))).toMatch(/\bshop\b.*\bpayments\b.*in place/);
    expect(renderTenantReview(rs).join("\n")).toMatch(/update Namespace tenants-pay \(tenant shop → payments\)/);
  });

  it("a renamed tenant: its namespace updated in place, the old name removed, the new one added", () => {
    const rs = reviewTenants([ns("pay", "payments")], [ns("pay", "pay")]);
    expect(rs.map((t) => [t.tenant, t.change, changes(t)])).toEqual([
      ["payments", "added", ["update Namespace tenants-pay"]],
      ["pay", "removed", ["update Namespace tenants-pay"]],
    ]);
    expect(deletes(rs)).toEqual([]);
    expect(rs.flatMap((t) => t.hazards).some((h) => /nothing in it survives/.test(h))).toBe(false);
  });

  it("an access entry shared by two tenants survives when one of them goes; only the association's scope changes", () => {
    const rs = reviewTenants([ns("a", "t1"), entry, viewer("a")], [ns("a", "t1"), ns("b", "t2"), entry, viewer("a", "b")]);
    const t2 = of(rs, "t2");
    expect(t2?.change).toBe("removed");
    expect(changes(t2)).toEqual(["update AccessPolicyAssociation tenants-dev-viewer", "delete Namespace tenants-b"]);
    expect(changes(of(rs, "t1"))).toEqual(["update AccessPolicyAssociation tenants-dev-viewer"]);
    expect(rs.flatMap((t) => t.objects).some((o) => o.kind === "AccessEntry")).toBe(false);
    expect(t2?.objects[0]).toMatchObject({ fields: ["accessScope.namespaces: [\"a\",\"b\"] → [\"a\"]"], tenants: { before: ["t1", "t2"], after: ["t1"] } });
  });

  it("a real removal is still a delete with the deletion hazard", () => {
    const [t] = reviewTenants([], [ns("pay", "payments"), quota("pay", "payments")]);
    expect([t.tenant, t.change, changes(t)]).toEqual(["payments", "removed", ["delete Namespace tenants-pay", "delete ResourceQuota tenants-pay-quota"]]);
    expect(t.hazards.some((h) => /^namespace pay is deleted\b.*nothing in it survives/.test(h))).toBe(true);
  });
});

describe("Pod Security Admission labels of a namespace", () => {
  const review = (before: Record<string, string>, after: Record<string, string>) => reviewTenants([ns("a", "t", after)], [ns("a", "t", before)])[0].hazards;
  it.each([
    ["baseline → restricted", { [PSA]: "baseline" }, { [PSA]: "restricted" }, "baseline", "restricted"],
    ["absent (privileged) → baseline", {}, { [PSA]: "baseline" }, "privileged", "baseline"],
  ])("enforce raised, %s: new pods refused, running pods kept", (_, before, after, from, to) => {
    const [h] = review(before, after);
    expect(h).toMatch(new RegExp(`enforce level of namespace a rises from ${from} to ${to}`));
    expect(h).toMatch(/new pods .* refused at admission/);
    expect(h).toMatch(/replacement pods/);
    expect(h).toMatch(/running pods keep running/);
  });

  it("enforce lowered: a note that refused pods are admitted, no refusal", () => {
    const hs = review({ [PSA]: "restricted" }, { [PSA]: "baseline" });
    expect(hs).toHaveLength(1);
    expect(hs[0]).toMatch(/lowered from restricted to baseline/);
    expect(hs[0]).not.toMatch(/refused at admission/);
  });

  it("warn and audit changes alone refuse nothing; an enforce version change is named", () => {
    expect(review({ "pod-security.kubernetes.io/warn": "baseline" }, { "pod-security.kubernetes.io/warn": "restricted" })).toEqual([]);
    const [h] = review({ [PSA]: "restricted", [`${PSA}-version`]: "v1.34" }, { [PSA]: "restricted", [`${PSA}-version`]: "v1.35" });
    expect(h).toMatch(/enforce version of namespace a changes from v1\.34 to v1\.35/);
  });
});
