/** The AWS side of Karpenter as plain data: the controller's IAM policy, the interruption rules, the Helm values. Pure. */
import { ConfigIssue } from "../core";
import { KARPENTER_CHART, KARPENTER_CONTROLLER_POLICIES, KARPENTER_INTERRUPTION_RULES, PolicyStatementTemplate } from "../facts";
import { chartValuesIssues } from "../addons";
import type { Taint } from "../worker-pool";

/** What the controller policy's placeholders stand for. */
export interface ControllerPolicyContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
  readonly nodeRoleArn: string;
  /** The interruption queue's ARN. @default - no queue: the interruption policy is left out */
  readonly queueArn?: string;
}

function fill(v: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof v === "string") return v.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
  if (Array.isArray(v)) return v.map((x) => fill(x, values));
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [fill(k, values) as string, fill(x, values)]));
  return v;
}

/** The controller's policy document: every statement of the getting-started policies, placeholders filled. */
export function karpenterControllerPolicy(ctx: ControllerPolicyContext): { readonly Version: "2012-10-17"; readonly Statement: readonly PolicyStatementTemplate[] } {
  const values: Record<string, string> = {
    Partition: ctx.partition, Region: ctx.region, AccountId: ctx.accountId, ClusterName: ctx.clusterName, NodeRoleArn: ctx.nodeRoleArn, ...(ctx.queueArn ? { QueueArn: ctx.queueArn } : {}),
  };
  const statements = Object.entries(KARPENTER_CONTROLLER_POLICIES).filter(([name]) => ctx.queueArn !== undefined || name !== "InterruptionPolicy").flatMap(([, s]) => s);
  return { Version: "2012-10-17", Statement: statements.map((s) => fill(s, values) as PolicyStatementTemplate) };
}

/** The EventBridge rules (spot interruption, rebalance, instance state change, scheduled change, capacity reservation). */
export const karpenterInterruptionRules = (): { readonly name: string; readonly eventPattern: string }[] =>
  Object.entries(KARPENTER_INTERRUPTION_RULES).map(([name, p]) => ({ name, eventPattern: JSON.stringify(p) }));

/** What the controller's Helm values need. */
export interface KarpenterValuesInput {
  readonly clusterName: string;
  readonly clusterEndpoint: string;
  /** @default - none: no interruption handling */
  readonly interruptionQueue?: string;
  /** The labels and taints of the managed pool the controller runs on (`workerpools:autoscaling.karpenter.pool`). */
  readonly placement: { readonly labels: Readonly<Record<string, string>>; readonly taints: readonly Taint[] };
}

/**
 * The chart's values: settings, and the controller on its pool: the chart's node selector (`kubernetes.io/os: linux`) and
 * the pool's labels, the chart's toleration and the pool's taints. The chart's own affinity (`karpenter.sh/nodepool
 * DoesNotExist`: never on a node Karpenter manages) is kept.
 */
export function karpenterHelmValues(i: KarpenterValuesInput): Record<string, unknown> {
  return {
    settings: { clusterName: i.clusterName, clusterEndpoint: i.clusterEndpoint, ...(i.interruptionQueue ? { interruptionQueue: i.interruptionQueue } : {}) },
    nodeSelector: { "kubernetes.io/os": "linux", ...i.placement.labels },
    tolerations: [...KARPENTER_CHART.defaultTolerations, ...i.placement.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value ?? "", effect: t.effect }))],
  };
}

/** The chart ships no values.schema.json: every key of the rendered values must be a key of its values.yaml (components/facts helm-charts). */
export const checkKarpenterValues = (values: Readonly<Record<string, unknown>>, at: string): ConfigIssue[] => chartValuesIssues(KARPENTER_CHART, values, at);

/**
 * The values' problems before a resource is registered: rendered with placeholders for the cluster's name, endpoint and
 * queue (known only once they exist; they change no key), then checked.
 */
export function karpenterValuesIssues(i: Pick<KarpenterValuesInput, "placement"> & { readonly interruptionQueue: boolean }, at: string): ConfigIssue[] {
  const probe = karpenterHelmValues({ clusterName: "cluster", clusterEndpoint: "https://cluster", ...(i.interruptionQueue ? { interruptionQueue: "queue" } : {}), placement: i.placement });
  return checkKarpenterValues(probe, at);
}
