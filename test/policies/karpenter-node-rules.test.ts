/**
 * The node group rules in Karpenter's terms: EKS-NG-002 (disruption budgets), EKS-NG-004 (Spot-only NodePools),
 * EKS-NG-007 (amiSelectorTerms), EKS-IAM-001 (the EC2NodeClass's spec.role), EKS-NG-005 (a karpenter pool's NodePools'
 * zones) and EKS-NG-006 (spec.associatePublicIPAddress and the subnets spec.subnetSelectorTerms select).
 */
import { findRule } from "../../policies/rules";
import type { Rule, RuleResource } from "../../policies/rule";
import { res, run } from "./policy-fixtures";

const NP = "kubernetes:karpenter.sh/v1:NodePool";
const NC = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
const SUBNET = "aws:ec2/subnet:Subnet";
const ruleOf = (id: string): Rule => {
  const r = findRule(id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const DISCOVERY = { "karpenter.sh/discovery": "c" };
interface PoolShape { requirements?: unknown[]; budgets?: unknown; pool?: string; name?: string }
const nodePool = ({ requirements = [], budgets, pool = "p", name = pool }: PoolShape = {}): RuleResource => res(NP, {
  metadata: { name },
  spec: {
    template: { metadata: { labels: { "workerpools/pool": pool } }, spec: { nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name }, requirements } },
    disruption: { consolidateAfter: "0s", ...(budgets !== undefined ? { budgets } : {}) },
  },
}, `${name}-nodepool`);
const nodeClass = (spec: Record<string, unknown>, name = "p"): RuleResource =>
  res(NC, { metadata: { name }, spec: { role: "kn", amiSelectorTerms: [{ alias: "al2023@v20251120" }], subnetSelectorTerms: [{ tags: DISCOVERY }], ...spec } }, `${name}-nodeclass`);
const req = (key: string, ...values: string[]) => ({ key, operator: "In", values });

describe("EKS-NG-002 on NodePools: a disruption budget bounds drift at every time", () => {
  const rule = ruleOf("EKS-NG-002");
  it("passes the CRD default and a budget below 100%; fails when only 100%, a scheduled one or one for other reasons holds", () => {
    expect(run(rule, [nodePool(), nodePool({ budgets: [{ nodes: "10%" }] }), nodePool({ budgets: [{ nodes: "10%" }, { nodes: "0", schedule: "0 9 * * mon", duration: "8h" }] })])).toMatchObject({ violations: [], decided: 3 });
    const all = run(rule, [nodePool({ budgets: [{ nodes: "100%" }] })]).violations;
    expect(all).toEqual([expect.stringMatching(/allow "100%", so a drift .* may replace every node of the NodePool at once/)]);
    expect(run(rule, [nodePool({ budgets: [{ nodes: "0", schedule: "@daily", duration: "1h" }] })]).violations.join()).toMatch(/no budget holds at every time for drift/);
    expect(run(rule, [nodePool({ budgets: [{ nodes: "10%", reasons: ["Empty"] }] })]).violations).toHaveLength(1);
  });
});

describe("EKS-NG-004 on NodePools: a Spot-only NodePool allows several types", () => {
  const rule = ruleOf("EKS-NG-004");
  const spot = (capacity: string[], ...types: string[]) => nodePool({ requirements: [req("karpenter.sh/capacity-type", ...capacity), ...(types.length > 0 ? [req("node.kubernetes.io/instance-type", ...types)] : [])] });
  it("fails fewer than 3 types, passes 3 or an open list, does not judge one with on-demand", () => {
    expect(run(rule, [spot(["spot"], "m6i.large", "m7i.large")]).violations).toEqual([expect.stringMatching(/Spot-only NodePool allowing 2 instance types/)]);
    expect(run(rule, [spot(["spot"], "m6i.large", "m7i.large", "m6a.large"), spot(["spot"])])).toMatchObject({ violations: [], decided: 2 });
    expect(run(rule, [spot(["spot", "on-demand"], "m6i.large"), nodePool()]).notApplicable).toBe(2);
  });
});

describe("EKS-NG-007 on EC2NodeClasses: aliases select EKS AMIs", () => {
  it("passes an alias, fails an id", () => {
    const rule = ruleOf("EKS-NG-007");
    expect(run(rule, [nodeClass({})])).toMatchObject({ violations: [], decided: 1 });
    expect(run(rule, [nodeClass({ amiSelectorTerms: [{ id: "ami-0abc" }] })]).violations).toEqual([expect.stringMatching(/"id":"ami-0abc".*not an EKS-optimized AMI alias/)]);
  });
});

describe("EKS-IAM-001: the EC2NodeClass's spec.role is a node role", () => {
  it("judges the policies attached to it", () => {
    const rule = ruleOf("EKS-IAM-001");
    const attach = (arn: string) => res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "kn", policyArn: arn }, arn.split("/").pop());
    expect(run(rule, [nodeClass({}), attach("arn:aws:iam::aws:policy/AdministratorAccess")]).violations).toEqual(["node role kn has arn:aws:iam::aws:policy/AdministratorAccess"]);
    expect(run(rule, [nodeClass({}), attach("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy")])).toMatchObject({ violations: [], decided: 1 });
    expect(run(rule, [attach("arn:aws:iam::aws:policy/AdministratorAccess")]).decided).toBe(0);
  });
});

describe("placement of karpenter pools", () => {
  const subnet = (name: string, az: string, mapPublic?: boolean) => res(SUBNET, { availabilityZone: az, ...(mapPublic !== undefined ? { mapPublicIpOnLaunch: mapPublic } : {}) }, name);
  const tag = (s: RuleResource) => res("aws:ec2/tag:Tag", { key: "karpenter.sh/discovery", value: "c", resourceId: `${s.name}-id` }, `${s.name}-tag`, { resourceId: [s.urn] });
  const zone = (...z: string[]) => req("topology.kubernetes.io/zone", ...z);

  it("EKS-NG-005: a pool's NodePools together allow 2 AZs (their zone lists, else the selected subnets' AZs)", () => {
    const rule = ruleOf("EKS-NG-005");
    expect(run(rule, [nodePool({ requirements: [zone("us-east-1a")], name: "p-cpu1-3" }), nodePool({ requirements: [zone("us-east-1b")], name: "p-cpu4-up" })])).toMatchObject({ violations: [], decided: 2 });
    expect(run(rule, [nodePool({ requirements: [zone("us-east-1a")] })]).violations).toEqual([expect.stringMatching(/karpenter pool p \(NodePools p-nodepool\) allows 1 AZ \(us-east-1a\); it needs at least 2/)]);
    const [a, b] = [subnet("a", "us-east-1a"), subnet("b", "us-east-1b")];
    expect(run(rule, [nodePool(), nodeClass({}), a, b, tag(a), tag(b)])).toMatchObject({ violations: [], decided: 1 });
    expect(run(rule, [nodePool(), nodeClass({}), a, tag(a), b]).violations).toHaveLength(1);
    expect(run(rule, [nodePool()]).undecided).toBe(1);
  });

  it("EKS-NG-006: no public IP from the EC2NodeClass or the subnets it selects", () => {
    const rule = ruleOf("EKS-NG-006");
    const [priv, pub] = [subnet("private", "us-east-1a"), subnet("public", "us-east-1b", true)];
    expect(run(rule, [nodeClass({}), priv, tag(priv), pub])).toMatchObject({ violations: [], decided: 1 });
    expect(run(rule, [nodeClass({}), priv, tag(priv), pub, tag(pub)]).violations).toEqual([expect.stringMatching(/EC2NodeClass p-nodeclass get public IPs: its subnetSelectorTerms select subnet public/)]);
    expect(run(rule, [nodeClass({ associatePublicIPAddress: true }), priv, tag(priv)]).violations).toEqual([expect.stringMatching(/spec\.associatePublicIPAddress is true/)]);
    expect(run(rule, [nodeClass({ subnetSelectorTerms: [{ id: "subnet-0abc" }] }), priv]).undecided).toBe(1);
    expect(run(rule, [nodeClass({}), priv]).undecided).toBe(1);
  });
});

describe("EKS-NG-001 on EC2NodeClasses: no SSH into the security groups it selects by tags", () => {
  const rule = ruleOf("EKS-NG-001");
  const group = (tags: Record<string, string>) => res("aws:ec2/securityGroup:SecurityGroup", { vpcId: "vpc-1", tags }, "nodes");
  const ssh = (g: RuleResource) => res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { securityGroupId: "nodes-id", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }, "ssh", { securityGroupId: [g.urn] });
  const classSelecting = nodeClass({ securityGroupSelectorTerms: [{ tags: DISCOVERY }] });

  it("fails tcp/22 into a selected group, passes one the selector does not reach", () => {
    const selected = group(DISCOVERY);
    expect(run(rule, [classSelecting, selected, ssh(selected)]).violations).toEqual([expect.stringMatching(/ingress rule ssh admits tcp\/22 from 10\.0\.0\.0\/8 into security group nodes of EC2NodeClass p-nodeclass/)]);
    const other = group({ team: "x" });
    expect(run(rule, [classSelecting, other, ssh(other)])).toMatchObject({ violations: [], decided: 1 });
  });
});
