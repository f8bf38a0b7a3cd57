/**
 * What Karpenter's getting-started CloudFormation defines on the AWS side (controller policies, node role policies,
 * interruption queue and its EventBridge rules), shipped as data in `data/karpenter-aws.json` with the source named
 * there; its Helm chart is pinned in `data/helm-charts.json`.
 */
import raw from "./data/karpenter-aws.json";
import { dataReader } from "../core";
import { HELM_CHARTS, HelmChartFacts } from "./helm-charts";

const { record, list, strings, num } = dataReader("Karpenter AWS");
const root = record(raw, "root");

/** An IAM policy statement with `{Partition}`, `{Region}`, `{AccountId}`, `{ClusterName}`, `{NodeRoleArn}`, `{QueueArn}` placeholders. */
export type PolicyStatementTemplate = Readonly<Record<string, unknown>>;

/** The controller's managed policies, by the CloudFormation resource name. */
export const KARPENTER_CONTROLLER_POLICIES: Readonly<Record<string, readonly PolicyStatementTemplate[]>> = Object.fromEntries(
  Object.entries(record(root.controllerPolicies, "controllerPolicies")).map(([k, v]) => [k, list(v, `controllerPolicies.${k}`).map((s, i) => record(s, `controllerPolicies.${k}[${i}]`))]),
);

/** Managed policy ARNs of the node role (`{Partition}` placeholder). */
export const KARPENTER_NODE_ROLE_POLICIES: readonly string[] = strings(root.nodeRoleManagedPolicies, "nodeRoleManagedPolicies");

const queue = record(root.interruptionQueue, "interruptionQueue");
/** The interruption queue's settings. */
export const KARPENTER_INTERRUPTION_QUEUE = { messageRetentionSeconds: num(queue.messageRetentionSeconds, "interruptionQueue.messageRetentionSeconds"), sqsManagedSse: queue.sqsManagedSse === true } as const;

/** EventBridge rules feeding the queue: name → event pattern. */
export const KARPENTER_INTERRUPTION_RULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = Object.fromEntries(
  Object.entries(record(root.interruptionRules, "interruptionRules")).map(([k, v]) => [k, record(v, `interruptionRules.${k}`)]),
);

/** The pinned OCI chart (data/helm-charts.json `karpenter`, with its values keys and source). */
export const KARPENTER_CHART: HelmChartFacts = HELM_CHARTS.karpenter;
