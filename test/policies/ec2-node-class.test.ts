/**
 * The launch template rules judge a karpenter pool's EC2NodeClass too: IMDSv2 and the hop limit on its
 * spec.metadataOptions (CRD defaults filled in), encrypted spec.blockDeviceMappings, and the kubelet hardening rules on its
 * spec.userData (text, AL2023 or Bottlerocket, from the real renderers) with spec.kubelet over it. Each rule passes on a
 * hardened EC2NodeClass and fails on one with the field weakened; and the karpenter example's plan evaluates them.
 */
import * as path from "node:path";
import { ALL_RULES } from "../../policies/rules";
import { UNKNOWN } from "../../policies/rule-values";
import type { RuleResource } from "../../policies/rule";
import { evaluatePolicies, readStackFile, runPlan } from "../../tools/plan";
import { al2023UserData, bottlerocketUserData, res, run } from "./policy-fixtures";
import { EC2_NODE_CLASS_TYPE } from "../../components/core";

const text = (b64: string): string => Buffer.from(b64, "base64").toString("utf8");
const GOOD_SPEC = {
  amiSelectorTerms: [{ alias: "al2023@v20251120" }], role: "karpenter-node",
  metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
  blockDeviceMappings: [{ deviceName: "/dev/xvda", rootVolume: true, ebs: { encrypted: true, volumeSize: "50Gi", volumeType: "gp3" } }],
  kubelet: { evictionHard: { "memory.available": "100Mi", "nodefs.available": "10%" }, maxPods: 29 },
  userData: text(al2023UserData()),
};
const nodeClass = (over: Record<string, unknown> = {}): RuleResource =>
  res(EC2_NODE_CLASS_TYPE, { apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: "p" }, spec: { ...GOOD_SPEC, ...over } }, "p-nodeclass");
const withKubelet = (kubelet: Record<string, unknown>) => nodeClass({ userData: text(al2023UserData(kubelet)) });
const rule = (id: string) => {
  const r = ALL_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

const CASES: Record<string, { readonly fail: readonly RuleResource[]; readonly message: RegExp }> = {
  "EKS-NODE-001": { fail: [nodeClass({ metadataOptions: { httpTokens: "optional" } })], message: /spec\.metadataOptions\.httpTokens is "optional"/ },
  "EKS-NODE-002": { fail: [nodeClass({ metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 } })], message: /spec\.metadataOptions\.httpPutResponseHopLimit is 2/ },
  "EKS-NODE-003": {
    fail: [nodeClass({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: false } }] }), nodeClass({ blockDeviceMappings: undefined })],
    message: /unencrypted EBS volume "\/dev\/xvda"|no EBS block device mapping in spec\.blockDeviceMappings/,
  },
  "EKS-KUBELET-001": { fail: [withKubelet({ authentication: { anonymous: { enabled: true }, webhook: { enabled: true } } })], message: /anonymous authentication is on/ },
  "EKS-KUBELET-002": { fail: [withKubelet({ authorization: { mode: "AlwaysAllow" } })], message: /authorization\.mode is "AlwaysAllow"/ },
  "EKS-KUBELET-003": { fail: [withKubelet({ readOnlyPort: 10255 })], message: /readOnlyPort is 10255/ },
  "EKS-KUBELET-004": { fail: [withKubelet({ rotateCertificates: false })], message: /rotateCertificates is false/ },
  "EKS-KUBELET-005": { fail: [withKubelet({ protectKernelDefaults: false })], message: /protectKernelDefaults is false/ },
  "EKS-KUBELET-006": {
    fail: [nodeClass({ kubelet: { evictionHard: { "memory.available": "100Mi" } } })],
    message: /evictionHard has no nodefs\.available threshold .*from EC2NodeClass spec\.kubelet on AL2023/,
  },
  "EKS-KUBELET-007": { fail: [withKubelet({ makeIPTablesUtilChains: false })], message: /makeIPTablesUtilChains is false/ },
  "EKS-KUBELET-009": { fail: [withKubelet({ eventRecordQPS: -1 })], message: /eventRecordQPS is -1/ },
};

describe.each(Object.entries(CASES))("%s on an EC2NodeClass", (id, c) => {
  it("is a rule that judges EC2NodeClass resources", () => {
    expect((rule(id) as { resourceTypes?: readonly string[] }).resourceTypes).toContain(EC2_NODE_CLASS_TYPE);
  });
  it("passes a hardened EC2NodeClass (AL2023 and Bottlerocket user data)", () => {
    const r = run(rule(id), [nodeClass(), nodeClass({ userData: text(bottlerocketUserData()), amiSelectorTerms: [{ alias: "bottlerocket@v1.50.0" }] })]);
    expect(r.violations).toEqual([]);
    expect(r.decided).toBe(2);
  });
  it("fails the weakened one", () => {
    const r = run(rule(id), c.fail);
    expect(r.violations).toHaveLength(c.fail.length);
    for (const v of r.violations) expect(v).toMatch(c.message);
  });
});

describe("EC2NodeClass specifics", () => {
  it("metadata options left out take the CRD defaults (required tokens, hop limit 1)", () => {
    for (const id of ["EKS-NODE-001", "EKS-NODE-002"]) {
      expect(run(rule(id), [nodeClass({ metadataOptions: undefined }), nodeClass({ metadataOptions: { httpEndpoint: "enabled" } })]).violations).toEqual([]);
    }
  });

  it("spec.kubelet is over the user data's kubelet config: a weak value there overrides a good one in the user data", () => {
    const v = run(rule("EKS-KUBELET-006"), [nodeClass({ kubelet: { evictionHard: { "memory.available": "1Mi" } }, userData: text(al2023UserData({ evictionHard: { "memory.available": "200Mi", "nodefs.available": "10%" } })) })]).violations;
    expect(v).toHaveLength(1);
  });

  it("unknown user data is undecided, none is not applicable", () => {
    expect(run(rule("EKS-KUBELET-001"), [nodeClass({ userData: UNKNOWN })]).undecided).toBe(1);
    expect(run(rule("EKS-KUBELET-001"), [nodeClass({ userData: undefined })]).notApplicable).toBe(1);
  });
});

describe("the karpenter example's plan", () => {
  it("evaluates the extended rules on its EC2NodeClass, all passing", async () => {
    const planRun = await runPlan(readStackFile(path.resolve(__dirname, "../../examples/stacks"), "karpenter"), { now: new Date("2026-12-01T00:00:00Z") });
    if (!planRun.ok) throw new Error("plan failed");
    const onNodeClass = evaluatePolicies(planRun.resources, {}, { now: new Date("2026-12-01T00:00:00Z") }).filter((r) => r.type === EC2_NODE_CLASS_TYPE);
    // One EC2NodeClass per vCPU band of the example's broad pool: every one judged by every extended rule.
    const classes = new Set(planRun.resources.filter((r) => r.type === EC2_NODE_CLASS_TYPE).map((r) => r.name));
    expect(classes.size).toBeGreaterThan(1);
    // And the node group rules in Karpenter's terms (test/policies/karpenter-rules.test.ts, karpenter-node-rules.test.ts).
    const ids = [...Object.keys(CASES), "EKS-KUBELET-008", "EKS-NG-001", "EKS-NG-006", "EKS-NG-007"].sort();
    expect([...new Set(onNodeClass.map((r) => r.ruleId))].sort()).toEqual(ids);
    expect(onNodeClass).toHaveLength(classes.size * ids.length);
    expect(onNodeClass.filter((r) => !r.passed)).toEqual([]);
  }, 120_000);
});
