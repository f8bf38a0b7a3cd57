/** EKS-TENANT-001 (NetworkPolicy enforced: vpc-cni or Cilium) and EKS-TENANT-002 (tenant namespaces with a quota) beyond their pass/fail cases. */
import { findRule } from "../../policies/rules";
import { UNKNOWN } from "../../policies/rule-values";
import { isPassedBecause, isUndecided } from "../../policies/rule";
import { res, run, verdictsOf } from "./policy-fixtures";
import { ADDON_TYPE, HELM_RELEASE_TYPE, NAMESPACE_TYPE, NETWORK_POLICY_TYPE, RESOURCE_QUOTA_TYPE } from "../../components/core";

const enforced = findRule("EKS-TENANT-001");
const quota = findRule("EKS-TENANT-002");
if (!enforced || !quota) throw new Error("tenant rules missing");

const policy = (ns: string) => res(NETWORK_POLICY_TYPE, { metadata: { name: "tenant-isolation", namespace: ns } }, `tenants-${ns}-isolation`);
const vpcCni = (values: unknown) => res(ADDON_TYPE, { addonName: "vpc-cni", addonVersion: "v1", configurationValues: values }, "addons-vpc-cni");
const cilium = (values: unknown, chart = "cilium") => res(HELM_RELEASE_TYPE, { chart, values }, "cni-cilium");
const off = vpcCni(JSON.stringify({ enableNetworkPolicy: "false" }));

describe("EKS-TENANT-001 eks-tenant-network-policy-enforced", () => {
  it("is mandatory and judges each NetworkPolicy (none: nothing judged)", () => {
    expect(enforced.enforcementLevel).toBe("mandatory");
    expect(verdictsOf(enforced, [off])).toEqual([]);
    expect(run(enforced, [off, policy("a"), policy("b")]).violations).toHaveLength(2);
  });

  it("passes with a Cilium release even when vpc-cni does not enforce (chaining), by chart name or OCI reference", () => {
    for (const release of [cilium({ cni: { chainingMode: "aws-cni" } }), cilium({}, "oci://quay.io/cilium/charts/cilium")]) {
      const [v] = verdictsOf(enforced, [off, release, policy("a")]);
      expect(isPassedBecause(v) && v.passedBecause).toMatch(/Cilium release cni-cilium enforces NetworkPolicy/);
    }
  });

  it("fails with a Cilium release whose policyEnforcementMode is never, naming it", () => {
    expect(run(enforced, [off, cilium({ policyEnforcementMode: "never" }), policy("a")]).violations.join("\n")).toMatch(/policyEnforcementMode "never"/);
  });

  it("does not count another chart named like Cilium", () => {
    expect(run(enforced, [off, cilium({}, "cilium-dashboards"), policy("a")]).violations).toHaveLength(1);
  });

  it("is undecided when vpc-cni's values are unknown, and fails with neither engine in the stack", () => {
    const [v] = verdictsOf(enforced, [vpcCni(UNKNOWN), policy("a")]);
    expect(isUndecided(v)).toBe(true);
    expect(run(enforced, [policy("a")]).violations.join("\n")).toMatch(/neither a vpc-cni add-on nor a Cilium Helm release/);
  });
});

describe("EKS-TENANT-002 eks-tenant-namespace-quota", () => {
  const ns = (name: string, labels: Record<string, string>) => res(NAMESPACE_TYPE, { metadata: { name, labels } }, `tenants-${name}`);
  const rq = (namespace: string) => res(RESOURCE_QUOTA_TYPE, { metadata: { name: "tenant-quota", namespace } }, `tenants-${namespace}-quota`);

  it("is advisory, judges only tenant-labelled namespaces, and wants a quota in the same namespace", () => {
    expect(quota.enforcementLevel).toBe("advisory");
    expect(verdictsOf(quota, [ns("other", {})])).toEqual([]);
    const r = run(quota, [ns("a", { tenant: "t" }), ns("b", { tenant: "t" }), rq("a")]);
    expect(r.violations).toEqual(['tenant "t" namespace "b" has no ResourceQuota: its pods may take the cluster\'s capacity from every other tenant']);
  });
});
