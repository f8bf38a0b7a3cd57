/** The Cilium operator's ENI IPAM permissions: the policy document, when a role is needed, and the pod identity agent it needs. */
import { ciliumOperatorActions, ciliumOperatorRoleNeeded, renderCiliumOperatorPolicy, resolveAddonsArgs, resolveCni, validateAddons } from "../../components/addons";
import { CILIUM_ENI_IAM } from "../../components/facts";

const base = { clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "{}" };

describe("renderCiliumOperatorPolicy", () => {
  const doc = renderCiliumOperatorPolicy();
  it("grants Cilium's required EC2 actions and DescribeTags (ENI garbage collection by the default cluster name)", () => {
    expect(doc.Version).toBe("2012-10-17");
    expect(doc.Statement).toHaveLength(1);
    const [s] = doc.Statement;
    expect(s.Effect).toBe("Allow");
    expect(s.Resource).toBe("*");
    for (const a of ["ec2:CreateNetworkInterface", "ec2:AttachNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:AssignPrivateIpAddresses", "ec2:ModifyNetworkInterfaceAttribute", "ec2:DescribeTags"]) {
      expect(s.Action).toContain(a);
    }
  });
  it("leaves out what only optional operator settings need (excess-IP release, IPv6, the instance tags filter)", () => {
    const [s] = doc.Statement;
    expect(s.Action).not.toContain("ec2:UnassignPrivateIpAddresses");
    expect(s.Action).not.toContain("ec2:AssignIpv6Addresses");
    expect(s.Action).not.toContain("ec2:DescribeInstances");
  });
  it("an extra condition adds its actions once", () => {
    const withRelease = ciliumOperatorActions(["required", "eniGarbageCollection", "releaseExcessIps", "required"]);
    expect(withRelease).toContain("ec2:UnassignPrivateIpAddresses");
    expect(new Set(withRelease).size).toBe(withRelease.length);
    expect(withRelease).toHaveLength(CILIUM_ENI_IAM.actions.required.length + 2);
  });
  it("the data names its source", () => {
    expect(CILIUM_ENI_IAM.source.repository).toBe("cilium/cilium");
    expect(CILIUM_ENI_IAM.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(CILIUM_ENI_IAM.serviceAccount).toEqual({ namespace: "kube-system", name: "cilium-operator" });
  });
});

describe("ciliumOperatorRoleNeeded", () => {
  it("only with Cilium in eni mode", () => {
    expect(ciliumOperatorRoleNeeded(resolveCni(undefined, "1.19.8"))).toBe(false);
    expect(ciliumOperatorRoleNeeded(resolveCni({ provider: "cilium" }, "1.19.8"))).toBe(true);
    expect(ciliumOperatorRoleNeeded(resolveCni({ provider: "cilium", cilium: { mode: "chaining" } }, "1.19.8"))).toBe(false);
  });
});

describe("the pod identity agent under Cilium eni mode", () => {
  const off = { podIdentityAgent: { enabled: false }, ebsCsi: { enabled: false } };
  it("turning the agent off is refused at its path, naming the CNI", () => {
    const issues = validateAddons(resolveAddonsArgs({ ...base, ...off, cni: { provider: "cilium" } }), "workerpools:addons", "workerpools:kubeProxy", "workerpools:cni");
    const agent = issues.filter((i) => i.path === "workerpools:addons.podIdentityAgent.enabled");
    expect(agent).toHaveLength(1);
    expect(agent[0].message).toContain("workerpools:cni");
  });
  it("chaining mode needs no agent", () => {
    const issues = validateAddons(resolveAddonsArgs({ ...base, ...off, cni: { provider: "cilium", cilium: { mode: "chaining" } } }), "workerpools:addons");
    expect(issues.filter((i) => i.path.endsWith("podIdentityAgent.enabled"))).toEqual([]);
  });
});
