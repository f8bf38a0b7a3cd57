/**
 * The node group rules that judge Karpenter's custom resources: EKS-NG-009 on a NodePool whose requirements allow only
 * accelerated types, EKS-KUBELET-008 on an EC2NodeClass against the types its NodePools list; each with pass and fail
 * cases, and on the karpenter examples' plans (the GPU one with its taint removed fails).
 */
import * as path from "node:path";
import { findRule } from "../../policies/rules";
import type { Rule, RuleResource } from "../../policies/rule";
import { UNKNOWN } from "../../policies/rule-values";
import { StackFile, evaluatePolicies, readStackFile, runPlan } from "../../tools/plan";
import { al2023UserData, res, run } from "./policy-fixtures";

const NP = "kubernetes:karpenter.sh/v1:NodePool";
const NC = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
const NOW = new Date("2026-12-01T00:00:00Z");
const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const ruleOf = (id: string): Rule => {
  const r = findRule(id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const TYPE = "node.kubernetes.io/instance-type";
const GPU_TAINT = { key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" };
const nodePool = (requirements: unknown, taints?: unknown, name = "gpu", nodeClass = name): RuleResource =>
  res(NP, { metadata: { name }, spec: { template: { spec: { nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: nodeClass }, requirements, ...(taints !== undefined ? { taints } : {}) } } } }, `${name}-nodepool`);
const types = (...t: string[]) => [{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }, { key: TYPE, operator: "In", values: t }];

describe("EKS-NG-009 on Karpenter NodePools", () => {
  const rule = ruleOf("EKS-NG-009");

  it("judges a NodePool of only NVIDIA types by its taints: nvidia.com/gpu NoSchedule passes, none or another key fails", () => {
    expect(run(rule, [nodePool(types("g5.xlarge", "g6.2xlarge"), [GPU_TAINT])])).toMatchObject({ violations: [], decided: 1 });
    const bare = run(rule, [nodePool(types("g5.xlarge", "g6.2xlarge"))]);
    expect(bare.violations).toEqual([expect.stringMatching(/^Karpenter NodePool with NVIDIA GPUs \(node\.kubernetes\.io\/instance-type In: 2 type\(s\).*no NoSchedule or NoExecute taint keyed nvidia\.com\/gpu/)]);
    expect(run(rule, [nodePool(types("g5.xlarge"), [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }])]).violations.join()).toMatch(/"dedicated":"NoSchedule" keeps other pods off too/);
    expect(run(rule, [nodePool(types("g5.xlarge"), [{ ...GPU_TAINT, effect: "PreferNoSchedule" }])]).violations).toHaveLength(1);
  });

  it("tells Neuron by the instance facts, a family list or Karpenter's accelerator labels", () => {
    expect(run(rule, [nodePool(types("inf2.xlarge"))]).violations.join()).toMatch(/AWS Neuron devices.*aws\.amazon\.com\/neuron or aws\.amazon\.com\/neuroncore/);
    expect(run(rule, [nodePool(types("inf2.xlarge"), [{ key: "aws.amazon.com/neuron", effect: "NoSchedule" }])]).violations).toEqual([]);
    expect(run(rule, [nodePool([{ key: "karpenter.k8s.aws/instance-family", operator: "In", values: ["trn1"] }])]).violations).toHaveLength(1);
    expect(run(rule, [nodePool([{ key: "karpenter.k8s.aws/instance-accelerator-manufacturer", operator: "In", values: ["aws"] }])]).violations).toHaveLength(1);
    expect(run(rule, [nodePool([{ key: "karpenter.k8s.aws/instance-gpu-manufacturer", operator: "In", values: ["nvidia"] }], [GPU_TAINT])]).violations).toEqual([]);
  });

  it("does not judge a NodePool that also allows plain types, nor one of plain types; GPUs of no named maker or unknown requirements are undecided", () => {
    expect(run(rule, [nodePool(types("g5.xlarge", "m6i.large"))]).notApplicable).toBe(1);
    expect(run(rule, [nodePool(types("m6i.large", "c6i.large"))]).notApplicable).toBe(1);
    expect(run(rule, [nodePool([{ key: "karpenter.k8s.aws/instance-category", operator: "In", values: ["m"] }])]).notApplicable).toBe(1);
    expect(run(rule, [nodePool([{ key: "karpenter.k8s.aws/instance-gpu-count", operator: "Gt", values: ["0"] }])]).undecided).toBe(1);
    expect(run(rule, [nodePool(UNKNOWN)]).undecided).toBe(1);
  });
});

describe("EKS-KUBELET-008 on EC2NodeClasses", () => {
  const rule = ruleOf("EKS-KUBELET-008");
  const nodeClass = (kubelet: Record<string, unknown> | undefined, userData?: string, name = "gpu"): RuleResource =>
    res(NC, { metadata: { name }, spec: { ...(kubelet ? { kubelet } : {}), ...(userData !== undefined ? { userData } : {}), subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "c" } }] } }, `${name}-nodeclass`);
  const cni = (prefix: boolean) => res("aws:eks/addon:Addon", { addonName: "vpc-cni", clusterName: "c", configurationValues: JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: String(prefix) } }) }, "vpc-cni");
  const text = (b64: string): string => Buffer.from(b64, "base64").toString("utf8");

  it("passes maxPods within the formula's minimum over the NodePool's listed types, fails above it", () => {
    expect(run(rule, [nodeClass({ maxPods: 29 }), nodePool(types("m6i.xlarge", "m6i.large")), cni(false)])).toMatchObject({ violations: [], decided: 1 });
    const over = run(rule, [nodeClass({ maxPods: 58 }), nodePool(types("m6i.xlarge", "m6i.large")), cni(false)]);
    expect(over.violations).toEqual([expect.stringMatching(/^maxPods 58 \(from EC2NodeClass spec\.kubelet\) is more than the 29 pod IPs the VPC CNI can give on m6i\.large .*NodePool gpu-nodepool/)]);
  });

  it("counts prefix delegation as the vpc-cni add-on sets it, and reads maxPods from the user data when spec.kubelet has none", () => {
    expect(run(rule, [nodeClass({ maxPods: 110 }), nodePool(types("m6i.large")), cni(true)]).violations).toEqual([]);
    const fromUserData = run(rule, [nodeClass(undefined, text(al2023UserData({ maxPods: 110 }))), nodePool(types("m6i.large")), cni(false)]);
    expect(fromUserData.violations.join()).toMatch(/maxPods 110 \(from NodeConfig kubelet\.config on AL2023\)/);
  });

  it("unions the types of every NodePool naming the EC2NodeClass", () => {
    const r = run(rule, [nodeClass({ maxPods: 58 }), nodePool(types("m6i.xlarge"), undefined, "a", "gpu"), nodePool(types("m6i.large"), undefined, "b", "gpu"), cni(false)]);
    expect(r.violations.join()).toMatch(/on m6i\.large .*NodePool a-nodepool, b-nodepool/);
  });

  it("is undecided without an instance-type list, not applicable without a NodePool, and passes without maxPods", () => {
    expect(run(rule, [nodeClass({ maxPods: 58 }), nodePool([{ key: "karpenter.k8s.aws/instance-category", operator: "In", values: ["m"] }])]).undecided).toBe(1);
    expect(run(rule, [nodeClass({ maxPods: 58 })]).notApplicable).toBe(1);
    expect(run(rule, [nodeClass({}), nodePool(types("m6i.large"))])).toMatchObject({ violations: [], decided: 1 });
  });
});

async function evaluated(file: StackFile, ids: readonly string[]) {
  const r = await runPlan(file, { now: NOW });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return evaluatePolicies(r.resources, {}, { now: NOW }).filter((e) => ids.includes(e.ruleId));
}

describe("the karpenter examples' plans", () => {
  it("karpenter-gpu: every NodePool is judged by EKS-NG-009 and passes; a copy without the taint fails on each", async () => {
    const file = readStackFile(EXAMPLES, "karpenter-gpu");
    const good = (await evaluated(file, ["EKS-NG-009"])).filter((e) => e.type === NP);
    expect(good.length).toBeGreaterThan(0);
    expect(good.filter((e) => !e.passed || e.undecided !== undefined)).toEqual([]);
    const pools = (file.values.pools as Record<string, unknown>[]).map(({ taints: _t, ...p }) => p);
    const bad = (await evaluated({ ...file, values: { ...file.values, pools } }, ["EKS-NG-009"])).filter((e) => e.type === NP);
    expect(bad).toHaveLength(good.length);
    for (const e of bad) expect(e.passed).toBe(false);
  }, 180_000);

  it("karpenter: EKS-KUBELET-008 judges every EC2NodeClass against its band's types, all passing", async () => {
    const found = (await evaluated(readStackFile(EXAMPLES, "karpenter"), ["EKS-KUBELET-008"])).filter((e) => e.type === NC);
    expect(found.length).toBeGreaterThan(1);
    expect(found.filter((e) => !e.passed || e.undecided !== undefined)).toEqual([]);
  }, 180_000);
});
