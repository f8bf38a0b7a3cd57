/**
 * The Tenants component under Pulumi's mock runtime (mocks set first, then the component loaded): what it registers
 * for two tenants sharing a principal, and the order (namespaces after `waitFor`, namespaced objects after their
 * namespace, associations after their entry). A bad tenant throws one ConfigError before anything is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import { named as namedIn, ofType as ofTypeIn } from "../fixtures/plan-resources";
import { ACCESS_ENTRY_TYPE, ACCESS_POLICY_ASSOCIATION_TYPE, ADDON_TYPE, LIMIT_RANGE_TYPE, NAMESPACE_TYPE, NETWORK_POLICY_TYPE, RESOURCE_QUOTA_TYPE } from "../../components/core";

const OPS = "arn:aws:iam::111122223333:role/ops";
const DEV = "arn:aws:iam::111122223333:role/payments-dev";
let resources: PlanResource[] = [];
let refused: unknown;

beforeAll(async () => {
  await pulumi.runtime.setMocks(offlineMocks(new StandInLog(), { region: "us-east-1" }), "proj", "test", true);
  const recorded = installRecorder();
  const aws = await import("@pulumi/aws");
  const k8s = await import("@pulumi/kubernetes");
  const { Tenants } = await import("../../components/tenants");
  await pulumi.runtime.runInPulumiStack(() => {
    const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
    const cni = new aws.eks.Addon("vpc-cni", { clusterName: "c", addonName: "vpc-cni" });
    new Tenants("tenants", {
      clusterName: "c", kubernetesVersion: "1.34", provider, waitFor: [cni], tags: { team: "platform" },
      tenants: [
        { name: "payments", namespaces: ["payments", "payments-jobs"], admins: [OPS], viewers: [DEV], quota: { cpu: "200", memory: "400Gi", pods: 500 },
          limits: { defaultRequest: { cpu: "100m", memory: "128Mi" } }, podSecurity: "restricted" },
        { name: "search", namespaces: ["search"], admins: [OPS], networkIsolation: "none" },
      ],
    });
    try {
      new Tenants("bad", { clusterName: "c", kubernetesVersion: "1.34", provider, tenants: [{ name: "x", namespaces: ["kube-system"] }], clusterAdmins: [] });
    } catch (err) {
      refused = err;
    }
    return Promise.resolve({});
  });
  await pulumi.runtime.disconnect();
  resources = planResources(recorded);
});

const ofType = (type: string) => ofTypeIn(resources, type);
const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);

describe("Tenants", () => {
  it("registers a namespace per tenant namespace, with PSA labels pinned to the cluster minor, after the CNI", () => {
    expect(ofType(NAMESPACE_TYPE).map((r) => r.name)).toEqual(["tenants-payments", "tenants-payments-jobs", "tenants-search"]);
    const ns = named(NAMESPACE_TYPE, "tenants-payments");
    expect(ns.inputs.metadata).toMatchObject({ name: "payments", labels: { tenant: "payments", "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.34" } });
    expect(ns.dependencies).toContain(named(ADDON_TYPE, "vpc-cni").urn);
  });

  it("puts quota, limit range and isolation in each of payments' namespaces, each after its namespace; search gets no policy", () => {
    const quota = named(RESOURCE_QUOTA_TYPE, "tenants-payments-jobs-quota");
    expect(quota.inputs).toMatchObject({ metadata: { name: "tenant-quota", namespace: "payments-jobs" }, spec: { hard: { cpu: "200", memory: "400Gi", pods: "500" } } });
    expect(quota.dependencies).toContain(named(NAMESPACE_TYPE, "tenants-payments-jobs").urn);
    expect(named(LIMIT_RANGE_TYPE, "tenants-payments-limits").inputs.spec).toEqual({ limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" } }] });
    const policies = ofType(NETWORK_POLICY_TYPE);
    expect(policies.map((p) => p.name)).toEqual(["tenants-payments-isolation", "tenants-payments-jobs-isolation"]);
    expect(policies[0].dependencies).toContain(named(NAMESPACE_TYPE, "tenants-payments").urn);
  });

  it("makes one access entry per principal and one namespace-scoped association per policy, after the entry", () => {
    const entries = ofType(ACCESS_ENTRY_TYPE);
    expect(entries.map((e) => e.inputs.principalArn)).toEqual([OPS, DEV]);
    expect(entries[0].inputs).toMatchObject({ clusterName: "c", type: "STANDARD", tags: { team: "platform" } });
    const associations = ofType(ACCESS_POLICY_ASSOCIATION_TYPE);
    expect(associations.map((a) => [a.inputs.policyArn, a.inputs.accessScope]).sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy", { type: "namespace", namespaces: ["payments", "payments-jobs", "search"] }],
      ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", { type: "namespace", namespaces: ["payments", "payments-jobs"] }],
    ]);
    expect(named(ACCESS_POLICY_ASSOCIATION_TYPE, `${entries[0].name}-admin`).dependencies).toContain(entries[0].urn);
  });

  it("refuses a reserved namespace with a ConfigError before registering anything of it", () => {
    expect(refused).toMatchObject({ name: "ConfigError", message: expect.stringContaining("bad.tenants[0].namespaces[0]: \"kube-system\" is reserved") as unknown });
    expect(resources.filter((r) => r.name.startsWith("bad-"))).toEqual([]);
  });
});
