/**
 * The CNI a pool's nodes start under tags the pool's resources and instances (`workerpools:cni`), so a change of CNI
 * changes every launch template (and every EC2NodeClass) and replaces the nodes; vpc-cni, the default, adds no tag.
 */
import { cniIdentity, resolveCni } from "../../components/addons";
import { CNI_TAG, planPoolTags, resolveWorkerPoolArgs } from "../../components/worker-pool";

const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b"].map((az) => ({ id: `subnet-${az}`, az }));
const tagsOf = (cni: string | undefined) => planPoolTags(resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...(cni ? { cni } : {}) }), "p");

describe("the CNI tag", () => {
  it.each([
    [{ provider: "vpc-cni" as const }, "vpc-cni"],
    [{ provider: "cilium" as const }, "cilium-eni"],
    [{ provider: "cilium" as const, cilium: { mode: "chaining" as const } }, "cilium-chaining"],
    [{ provider: "cilium" as const, cilium: { kubeProxyReplacement: true } }, "cilium-eni+kube-proxy-replacement"],
  ])("names %j as %s", (options, name) => {
    expect(cniIdentity(resolveCni(options, "1.19.8"))).toBe(name);
  });

  it("is absent when no CNI is passed (as under vpc-cni: stacks that never leave it keep their launch templates), named otherwise", () => {
    expect(tagsOf(undefined)).not.toHaveProperty([CNI_TAG]);
    expect(tagsOf("cilium-eni")[CNI_TAG]).toBe("cilium-eni");
    expect(tagsOf("cilium-eni")).not.toEqual(tagsOf("cilium-chaining"));
  });
});
