/** Pure parts of the CNI and tenant change reviews on hand-written plan resources. */
import { cniOfPlan, reviewCni, reviewTenants } from "../../tools/review";
import { ACCESS_ENTRY_TYPE, ACCESS_POLICY_ASSOCIATION_TYPE, HELM_RELEASE_TYPE, NAMESPACE_TYPE, RESOURCE_QUOTA_TYPE } from "../../components/core";

const release = (values: Record<string, unknown>) => ({ type: HELM_RELEASE_TYPE, name: "addons-cilium", inputs: { chart: "cilium", values } });
const ns = (name: string, tenant: string) => ({ type: NAMESPACE_TYPE, name: `tenants-${name}`, inputs: { metadata: { name, labels: { tenant } } } });
const quota = (nsName: string, tenant: string, cpu: string) => ({
  type: RESOURCE_QUOTA_TYPE, name: `tenants-${nsName}-quota`, inputs: { metadata: { name: "tenant-quota", namespace: nsName, labels: { tenant } }, spec: { hard: { cpu } } },
});
const entry = { type: ACCESS_ENTRY_TYPE, name: "tenants-abc", inputs: { principalArn: "arn:aws:iam::1:role/dev" } };
const assoc = { type: ACCESS_POLICY_ASSOCIATION_TYPE, name: "tenants-abc-viewer", inputs: { principalArn: "arn:aws:iam::1:role/dev", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", accessScope: { type: "namespace", namespaces: ["a"] } } };

describe("cniOfPlan / reviewCni", () => {
  it("reads the CNI from the Cilium release", () => {
    expect(cniOfPlan([])).toBe("vpc-cni");
    expect(cniOfPlan([release({ ipam: { mode: "eni" } })])).toBe("cilium eni");
    expect(cniOfPlan([release({ cni: { chainingMode: "aws-cni" }, kubeProxyReplacement: true })])).toBe("cilium chaining + kube-proxy replacement");
  });
  it("no change, no review; a change counts the nodes not replaced", () => {
    expect(reviewCni([], [], [])).toBeUndefined();
    const r = reviewCni([release({ ipam: { mode: "eni" } })], [release({ cni: { chainingMode: "aws-cni" } })], [
      { nodeGroup: "a", replaced: true, nodes: 3 }, { nodeGroup: "b", replaced: false, nodes: 2 },
    ]);
    expect(r).toMatchObject({ before: "cilium chaining", after: "cilium eni", nodesLeft: 2, nodeGroups: ["b"] });
  });
});

describe("reviewTenants", () => {
  it("unchanged tenants are left out", () => {
    expect(reviewTenants([ns("a", "t"), quota("a", "t", "1")], [ns("a", "t"), quota("a", "t", "1")])).toEqual([]);
  });
  it("an added tenant: its objects created, access under it by namespace", () => {
    const [t] = reviewTenants([ns("a", "t"), entry, assoc], []);
    expect(t).toMatchObject({ tenant: "t", change: "added" });
    expect(t.objects.map((o) => `${o.change} ${o.kind}`)).toEqual(["create Namespace", "create AccessEntry", "create AccessPolicyAssociation"]);
    expect(t.hazards).toContain("who can act changes: arn:aws:iam::1:role/dev gains AmazonEKSViewPolicy access");
  });
  it("a quota change and a removed namespace within a kept tenant", () => {
    const [t] = reviewTenants([ns("a", "t"), quota("a", "t", "2")], [ns("a", "t"), quota("a", "t", "1"), ns("b", "t")]);
    expect(t.change).toBe("changed");
    expect(t.objects).toEqual([
      { kind: "ResourceQuota", resource: "tenants-a-quota", change: "update", fields: ["spec.hard.cpu: 1 → 2"] },
      { kind: "Namespace", resource: "tenants-b", change: "delete", fields: [] },
    ]);
    expect(t.hazards.some((h) => h.startsWith("namespace b is deleted, and with it every object in it"))).toBe(true);
  });
});
