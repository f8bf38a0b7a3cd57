/** Node group labels: Kubernetes syntax, the kubelet's --node-labels namespace rule, and the EKS label limits. */
import wellKnown from "../../components/facts/data/kubelet-well-known.json";
import {
  NODE_LABEL_RULES, eksReservedPrefix, isKubeletNodeLabel, isLabelValue, isQualifiedName, parseNodeLabelRules, validateLabels,
} from "../../components/worker-pool";

const AT = "workerpools:pools[0].labels";

describe("node label rules data", () => {
  it("names the kubelet sources with full commits and the EKS pages", () => {
    const refs = wellKnown.source.refs;
    expect(refs.kubeletLabels).toMatchObject({ repo: "kubernetes/kubernetes", path: "staging/src/k8s.io/kubelet/pkg/apis/well_known_labels.go" });
    expect(refs.kubeletLabels.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(refs.kubeletNodeLabelsFlag).toMatchObject({ path: "cmd/kubelet/app/options/options.go" });
    expect(refs.eksLabelLimits.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/eks\//);
  });

  it("has the kubelet's allowed namespaces and its eleven allowed labels", () => {
    expect(NODE_LABEL_RULES.kubernetesNamespaces).toEqual(["kubernetes.io", "k8s.io"]);
    expect(NODE_LABEL_RULES.kubeletNamespaces).toEqual(["kubelet.kubernetes.io", "node.kubernetes.io"]);
    expect(NODE_LABEL_RULES.kubeletLabels).toHaveLength(11);
    expect(NODE_LABEL_RULES.kubeletLabels).toEqual(expect.arrayContaining(["kubernetes.io/arch", "topology.kubernetes.io/zone", "node.kubernetes.io/instance-type"]));
    expect(NODE_LABEL_RULES.eksReservedPrefixes).toEqual(["kubernetes.io/", "k8s.io/", "eks.amazonaws.com/"]);
  });

  it("refuses malformed data", () => {
    expect(() => parseNodeLabelRules({ ...wellKnown, nodeLabels: { ...wellKnown.nodeLabels, kubeletLabels: "kubernetes.io/arch" } })).toThrow(/nodeLabels\.kubeletLabels must be a list/);
    expect(() => parseNodeLabelRules({ ...wellKnown, eksNodegroupLabels: { ...wellKnown.eksNodegroupLabels, keyMaxLength: "63" } })).toThrow(/keyMaxLength must be a number/);
  });
});

describe("isKubeletNodeLabel (the kubelet's --node-labels rule)", () => {
  it.each([
    ["role", true],
    ["example.com/team", true],
    ["notkubernetes.io/x", true],
    ["node.kubernetes.io/lifecycle", true],
    ["karpenter.node.kubernetes.io/x", true],
    ["kubelet.kubernetes.io/x", true],
    ["topology.kubernetes.io/zone", true],
    ["kubernetes.io/arch", true],
    ["beta.kubernetes.io/instance-type", true],
    ["node-role.kubernetes.io/worker", false],
    ["kubernetes.io/role", false],
    ["topology.kubernetes.io/rack", false],
    ["node-restriction.kubernetes.io/x", false],
    ["k8s.io/x", false],
    ["team.k8s.io/x", false],
  ])("%s -> %s", (key, allowed) => {
    expect(isKubeletNodeLabel(key)).toBe(allowed);
  });
});

describe("eksReservedPrefix", () => {
  it.each([
    ["kubernetes.io/arch", "kubernetes.io/"],
    ["k8s.io/x", "k8s.io/"],
    ["eks.amazonaws.com/nodegroup", "eks.amazonaws.com/"],
    ["node.kubernetes.io/x", undefined],
    ["role", undefined],
  ])("%s -> %s", (key, prefix) => {
    expect(eksReservedPrefix(key)).toBe(prefix);
  });
});

describe("validateLabels", () => {
  it("accepts plain, own-domain and node.kubernetes.io labels", () => {
    expect(validateLabels({ role: "system", "example.com/team": "platform", "node.kubernetes.io/lifecycle": "spot" }, AT)).toEqual([]);
  });

  it.each<[string, string, string, RegExp]>([
    ["a namespace the kubelet refuses", "node-role.kubernetes.io/worker", "true", /kubelet refuses in --node-labels \(it would not start\).*node\.kubernetes\.io\/.*node\.kubernetes\.io\/worker/],
    ["a k8s.io subdomain", "team.k8s.io/owner", "a", /team\.k8s\.io namespace, which the kubelet refuses/],
    ["an EKS-reserved prefix (even for a label the kubelet allows)", "kubernetes.io/arch", "amd64", /starts with "kubernetes\.io\/", which EKS refuses in node group labels/],
    ["the EKS prefix", "eks.amazonaws.com/capacityType", "SPOT", /EKS refuses/],
    ["a key longer than EKS accepts", `example.com/${"a".repeat(60)}`, "x", /72 characters; EKS node group label keys are at most 63/],
    ["an empty value (EKS needs 1 to 63 characters)", "role", "", /need a value of at least 1 character; got an empty value/],
    ["invalid key syntax", "-role", "x", /not a valid label key/],
    ["invalid value syntax", "role", "a b", /not a valid label value/],
  ])("refuses %s", (_t, key, value, message) => {
    expect(validateLabels({ [key]: value }, AT)).toEqual([{ path: `${AT}.${key}`, message: expect.stringMatching(message) }]);
  });

  it("reports every label at once", () => {
    expect(validateLabels({ "kubernetes.io/role": "x", "node-role.kubernetes.io/a": "y", ok: "z" }, AT).map((i) => i.path)).toEqual([
      `${AT}.kubernetes.io/role`, `${AT}.node-role.kubernetes.io/a`,
    ]);
  });
});

describe("label syntax", () => {
  it.each([["a", true], ["example.com/a", true], ["a/b/c", false], ["Example.com/a", false], ["a".repeat(64), false]])("isQualifiedName(%s) = %s", (k, ok) => {
    expect(isQualifiedName(k)).toBe(ok);
  });

  it("allows empty label values syntactically (EKS refuses them separately)", () => {
    expect(isLabelValue("")).toBe(true);
    expect(isLabelValue("a".repeat(64))).toBe(false);
  });
});
