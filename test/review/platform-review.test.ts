import { PlatformResource, addonUpdateEffect, decodeConfigurationValues, reviewAddons, reviewControlPlane } from "../../tools/review";
import { ADDON_TYPE, CLUSTER_TYPE, CONTROL_PLANE_TYPE, ROLE_POLICY_ATTACHMENT_TYPE } from "../../components/core";

const addon = (name: string, values?: Record<string, unknown>): PlatformResource => ({
  type: ADDON_TYPE, name: `addons-${name}`, inputs: { addonName: name, ...(values ? { configurationValues: JSON.stringify(values) } : {}) },
});
const cluster = (inputs: Record<string, unknown>): PlatformResource => ({ type: CLUSTER_TYPE, name: "cluster", inputs: { name: "c", version: "1.35", ...inputs } });
const component = (inputs: Record<string, unknown>): PlatformResource => ({ type: CONTROL_PLANE_TYPE, name: "cluster", inputs });
const attachment = (policyArn: string): PlatformResource => ({
  type: ROLE_POLICY_ATTACHMENT_TYPE, name: "cluster-x", inputs: { policyArn, role: "r" },
  parent: "urn:pulumi:s::p::pulumi:pulumi:Stack$workerpools:index:ControlPlane::cluster",
});

describe("addon configuration values", () => {
  it("names each changed value by its path and says the aws-node pods roll, no node replaced", () => {
    const [r] = reviewAddons([addon("vpc-cni", { env: { ENABLE_POD_ENI: "true", AWS_VPC_K8S_CNI_LOGLEVEL: "INFO" } })], [addon("vpc-cni", { env: { AWS_VPC_K8S_CNI_LOGLEVEL: "DEBUG" } })]);
    expect(r.kind).toBe("update");
    expect(r.changes.map((c) => [c.field, c.before, c.after, c.effect])).toEqual([
      ["vpc-cni.env.AWS_VPC_K8S_CNI_LOGLEVEL", "DEBUG", "INFO", "in-place"],
      ["vpc-cni.env.ENABLE_POD_ENI", undefined, "true", "in-place"],
    ]);
    expect(r.effect).toMatch(/UpdateAddon.*aws-node DaemonSet.*restarts.*no node is replaced/);
  });

  it("a coredns replica count alone only scales its Deployment", () => {
    const [r] = reviewAddons([addon("coredns", { replicaCount: 3 })], [addon("coredns", { replicaCount: 2 })]);
    expect(r.changes.map((c) => c.field)).toEqual(["coredns.replicaCount"]);
    expect(r.effect).toMatch(/coredns Deployment.*replica count.*none restarts/);
    expect(addonUpdateEffect("coredns", ["replicaCount", "nodeSelector.role"])).toMatch(/rolling update/);
  });

  it("reports nothing when the values are equal in another key order, and reports added or removed addons", () => {
    expect(reviewAddons([addon("kube-proxy", { a: 1, b: 2 })], [{ ...addon("kube-proxy"), inputs: { addonName: "kube-proxy", configurationValues: '{"b":2,"a":1}' } }])).toEqual([]);
    expect(reviewAddons([addon("coredns")], []).map((r) => r.kind)).toEqual(["create"]);
    expect(reviewAddons([], [addon("coredns")]).map((r) => r.kind)).toEqual(["delete"]);
  });

  it("decodes JSON or YAML values", () => {
    expect(decodeConfigurationValues("replicaCount: 2\n")).toEqual({ replicaCount: 2 });
    expect(decodeConfigurationValues(undefined)).toBeUndefined();
  });
});

describe("control plane inputs", () => {
  it("zonal shift, logging and endpoint changes are in-place cluster updates, each with EKS's update", () => {
    const r = reviewControlPlane(
      [cluster({ enabledClusterLogTypes: ["audit", "api"], endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }), component({ zonalShiftConfig: { enabled: true } })],
      [cluster({ enabledClusterLogTypes: ["api"], endpointPublicAccess: false }), component({})],
    );
    expect(r.consequence).toBe("in-place");
    const by = Object.fromEntries(r.changes.map((c) => [c.field, c]));
    expect(Object.keys(by).sort()).toEqual(["enabledClusterLogTypes", "endpointPublicAccess", "publicAccessCidrs", "zonalShiftConfig.enabled"]);
    expect(by["zonalShiftConfig.enabled"]).toMatchObject({ before: undefined, after: true, effect: "in-place" });
    expect(by["zonalShiftConfig.enabled"].why).toMatch(/UpdateClusterConfig \(zonal shift config\)/);
    expect(by.enabledClusterLogTypes.why).toMatch(/LoggingUpdate.*few minutes/);
    expect(by.endpointPublicAccess.why).toMatch(/EndpointAccessUpdate/);
  });

  it("log types in another order are the same set; nothing changed reports nothing", () => {
    const base = [cluster({ enabledClusterLogTypes: ["api", "audit"] }), attachment("arn:aws:iam::aws:policy/AmazonEKSVPCResourceController")];
    expect(reviewControlPlane([cluster({ enabledClusterLogTypes: ["audit", "api"] }), base[1]], base)).toEqual({ consequence: "none", changes: [] });
  });

  it("a new cluster name replaces the cluster; a cluster role policy change is its own in-place change", () => {
    const r = reviewControlPlane([cluster({ name: "d" }), attachment("arn:aws:iam::aws:policy/AmazonEKSVPCResourceController")], [cluster({})]);
    expect(r.consequence).toBe("replace");
    expect(r.changes.map((c) => [c.field, c.effect])).toEqual([["name", "replace"], ["clusterRole.policyArns", "in-place"]]);
    expect(r.changes[1].after).toEqual(["arn:aws:iam::aws:policy/AmazonEKSVPCResourceController"]);
  });
});
