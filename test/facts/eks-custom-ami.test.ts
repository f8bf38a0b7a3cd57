/** The shipped custom-AMI facts (components/facts/data/eks-custom-ami-bootstrap.json) load typed and say what the code acts on. */
import { CUSTOM_AMI_REFUSED_FIELDS, CUSTOM_AMI_TYPE, EKS_CUSTOM_AMI_RULES, EKS_MANAGED_NODE_LABELS } from "../../components/facts";

describe("EKS custom-AMI facts", () => {
  it("EKS's managed-node labels: two a launch template can carry, three it cannot, each with why", () => {
    expect(EKS_MANAGED_NODE_LABELS.filter((l) => l.rendered).map((l) => [l.key, l.value])).toEqual([
      ["eks.amazonaws.com/nodegroup-image", "imageId"], ["eks.amazonaws.com/capacityType", "capacityType"],
    ]);
    const missing = EKS_MANAGED_NODE_LABELS.filter((l) => !l.rendered);
    expect(missing.map((l) => l.key)).toEqual(["eks.amazonaws.com/nodegroup", "eks.amazonaws.com/sourceLaunchTemplateId", "eks.amazonaws.com/sourceLaunchTemplateVersion"]);
    for (const l of missing) expect(l.why?.length).toBeGreaterThan(20);
  });

  it("the node group: amiType CUSTOM, no releaseVersion or version; the guide's rules quoted", () => {
    expect(CUSTOM_AMI_TYPE).toBe("CUSTOM");
    expect(CUSTOM_AMI_REFUSED_FIELDS).toEqual(["releaseVersion", "version"]);
    expect(EKS_CUSTOM_AMI_RULES.notMerged).toMatch(/doesn't merge any user data/);
    expect(EKS_CUSTOM_AMI_RULES.taints).toMatch(/--register-with-taints/);
  });
});
