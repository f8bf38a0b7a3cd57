import { karpenterControllerPolicy, karpenterHelmValues, karpenterInterruptionRules } from "../../components/autoscaling";
import { KARPENTER_CHART, KARPENTER_NODE_ROLE_POLICIES } from "../../components/facts";

const ctx = { partition: "aws", region: "us-east-1", accountId: "111122223333", clusterName: "dev", nodeRoleArn: "arn:aws:iam::111122223333:role/dev-karpenter-node" };

describe("controller policy", () => {
  it("fills every placeholder and scopes launches to the cluster's tag", () => {
    const doc = karpenterControllerPolicy({ ...ctx, queueArn: "arn:aws:sqs:us-east-1:111122223333:dev-karpenter" });
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/\{(Partition|Region|AccountId|ClusterName|NodeRoleArn|QueueArn)\}/);
    expect(text).toContain("aws:ResourceTag/kubernetes.io/cluster/dev");
    const sids = doc.Statement.map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(["AllowScopedEC2InstanceAccessActions", "AllowPassingInstanceRole", "AllowInterruptionQueueActions", "AllowAPIServerEndpointDiscovery"]));
    const pass = doc.Statement.find((s) => s.Sid === "AllowPassingInstanceRole");
    expect(pass?.Resource).toBe(ctx.nodeRoleArn);
  });
  it("leaves the interruption statement out without a queue", () => {
    expect(karpenterControllerPolicy(ctx).Statement.map((s) => s.Sid)).not.toContain("AllowInterruptionQueueActions");
  });
});

describe("interruption rules and chart", () => {
  it("has the spot interruption, rebalance, state change and scheduled change rules", () => {
    const types = karpenterInterruptionRules().map((r) => (JSON.parse(r.eventPattern) as { "detail-type": string[] })["detail-type"][0]);
    expect(types).toEqual(expect.arrayContaining(["EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation", "EC2 Instance State-change Notification", "AWS Health Event"]));
  });
  it("pins the OCI chart and the node role's policies", () => {
    expect(`${KARPENTER_CHART.repository}/${KARPENTER_CHART.chart}`).toBe("oci://public.ecr.aws/karpenter/karpenter");
    expect(KARPENTER_NODE_ROLE_POLICIES).toContain("arn:{Partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy");
  });
  it("runs the controller on its pool and tolerates the pool's taints", () => {
    const v = karpenterHelmValues({ clusterName: "dev", clusterEndpoint: "https://x", interruptionQueue: "dev-karpenter", placement: { labels: { role: "system" }, taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }] } });
    expect(v).toMatchObject({ settings: { clusterName: "dev", interruptionQueue: "dev-karpenter" }, nodeSelector: { "kubernetes.io/os": "linux", role: "system" } });
    expect(v.tolerations).toContainEqual({ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" });
  });
});
