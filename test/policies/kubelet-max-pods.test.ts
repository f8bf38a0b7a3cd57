/** EKS-KUBELET-008 in detail: maxPods against what the VPC CNI can address, as a preview sees the stack. */
import { findRule } from "../../policies/rules";
import type { RuleResource } from "../../policies/rule";
import { UNKNOWN } from "../../policies/rule-values";
import { al2023UserData, bottlerocketUserData, res, run } from "./policy-fixtures";
import { ADDON_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const rule = findRule("EKS-KUBELET-008");
if (!rule) throw new Error("no EKS-KUBELET-008");

function stack(userData: unknown, instanceTypes: unknown, env?: Record<string, string>): RuleResource[] {
  const lt = res(LAUNCH_TEMPLATE_TYPE, { userData }, "lt");
  const group = res(NODE_GROUP_TYPE, { clusterName: "c", instanceTypes, launchTemplate: { id: "lt-id", version: "1" } }, "ng", { launchTemplate: [lt.urn] });
  const cni = env ? [res(ADDON_TYPE, { addonName: "vpc-cni", clusterName: "c", configurationValues: JSON.stringify({ env }) }, "vpc-cni")] : [];
  return [lt, group, ...cni];
}

describe("EKS-KUBELET-008", () => {
  it("is mandatory and a stack rule", () => {
    expect(rule.enforcementLevel).toBe("mandatory");
    expect(rule.kind).toBe("stack");
  });

  it("judges the smallest instance type of the node group", () => {
    const r = run(rule, stack(al2023UserData({ maxPods: 58 }), ["m6i.xlarge", "m6i.large"], { ENABLE_PREFIX_DELEGATION: "false" }));
    expect(r.violations.join("\n")).toMatch(/more than the 29 pod IPs the VPC CNI can give on m6i\.large/);
  });

  it("counts prefix delegation on Nitro types, and one ENI fewer with custom networking", () => {
    expect(run(rule, stack(al2023UserData({ maxPods: 110 }), ["m6i.large"], { ENABLE_PREFIX_DELEGATION: "true" })).violations).toEqual([]);
    const custom = run(rule, stack(al2023UserData({ maxPods: 29 }), ["m6i.large"], { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true" }));
    expect(custom.violations.join("\n")).toMatch(/the 20 pod IPs the VPC CNI can give on m6i\.large \(2 × \(10 − 1\) \+ 2 = 20; .*custom networking\)/);
  });

  it("assumes secondary IP mode without a vpc-cni add-on, and says so", () => {
    expect(run(rule, stack(al2023UserData({ maxPods: 110 }), ["m6i.large"])).violations.join("\n")).toMatch(/no vpc-cni add-on in this stack: secondary IP mode assumed/);
  });

  it("reads Bottlerocket's max-pods", () => {
    expect(run(rule, stack(bottlerocketUserData({ "max-pods": 110 }), ["m6i.large"], {})).violations).toHaveLength(1);
  });

  it("passes when maxPods is not set (the platform computes it from the ENIs)", () => {
    expect(run(rule, stack(al2023UserData({}), ["m6i.large"], {}))).toMatchObject({ violations: [], decided: 1 });
  });

  it("is undecided when the user data or instance types are unknown, or a type is not in the table", () => {
    expect(run(rule, stack(UNKNOWN, ["m6i.large"], {})).undecided).toBe(1);
    expect(run(rule, stack(al2023UserData({ maxPods: 110 }), UNKNOWN, {})).undecided).toBe(1);
    expect(run(rule, stack(al2023UserData({ maxPods: 110 }), ["z9.huge"], {})).undecided).toBe(1);
  });

  it("does not apply to a node group without a launch template of this stack", () => {
    expect(run(rule, [res(NODE_GROUP_TYPE, { instanceTypes: ["m6i.large"] }, "ng")]).notApplicable).toBe(1);
  });
});
