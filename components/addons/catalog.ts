/**
 * The addon catalog (STYLE §9, SPEC §11.6): every EKS addon the platform installs, one row each, with all of its
 * parts. The other addon lists are derived from it (catalog-lists.ts): the `workerpools:addons` stack config schema
 * (infra/config-schema.ts), version and values validation (validate.ts), ordering, version resolution and IAM
 * (addons.ts), change-freeze pinning (infra/versions.ts) and the shipped schema names (schemas.ts).
 * test/addons/catalog.test.ts compares each derived list with this one.
 */
import type { FieldSpec } from "../core";
import { type ResolvedAddonsArgs, VPC_CNI_LOG_LEVELS } from "./args";
import type { DevicePluginKey } from "./device-plugins";
import {
  renderCloudwatchObservabilityValues, renderCorednsValues, renderEbsCsiValues, renderKubeProxyValues, renderMetricsServerValues, renderVpcCniValues,
} from "./values";

/** When an addon is installed relative to the worker nodes. */
export const ADDON_STAGES = ["before-nodes", "after-nodes"] as const;
/**
 * `before-nodes`: node groups wait for it (nodes cannot become Ready without a CNI); `after-nodes`: it waits for
 * every node group (it needs nodes, or it stays DEGRADED).
 */
export type AddonStage = (typeof ADDON_STAGES)[number];

/** IAM policy of the EBS CSI controller (AWS managed). */
export const EBS_CSI_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

/** IAM policy of the EFS CSI controller (AWS managed). */
export const EFS_CSI_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy";
/** IAM policy of the CloudWatch agent and Fluent Bit of amazon-cloudwatch-observability (AWS managed). */
export const CLOUDWATCH_AGENT_POLICY_ARN = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

/** What an addon needs from IAM. */
export type AddonIam =
  | { readonly kind: "none" }
  | {
      /** An IAM role for the addon's service account, bound through an EKS Pod Identity association. */
      readonly kind: "pod-identity";
      /** Suffix of the role, policy attachment and association names (`<component name>-<name>`). */
      readonly name: string;
      /** The role's description. */
      readonly description: string;
      /** Namespace of the service account. */
      readonly namespace: string;
      /** The Kubernetes service account the addon's pods run as. */
      readonly serviceAccount: string;
      /** AWS managed policy attached to the role. */
      readonly policyArn: string;
    };

/** The addon's `configurationValues`, rendered from the resolved args (pure); `none`: none are sent. */
export type AddonValues = "none" | ((a: ResolvedAddonsArgs) => Record<string, unknown>);

/** The shipped configuration schema that judges the rendered values. */
export type AddonSchemaRef =
  | "none"
  | {
      /** Key into `ADDON_SCHEMA_DOCUMENTS` (components/facts/data/addon-schemas/<document>.json). */
      readonly document: string;
      /** The part of the rendered values the shipped document can judge: all of them, unless it lags the addon. */
      readonly judged: (values: Record<string, unknown>, a: ResolvedAddonsArgs) => Record<string, unknown>;
    };

/**
 * `always` (required: it cannot be turned off); `optional`: while its resolved `enabled` is true (the user's
 * `enabled: false` turns it off); or `auto-repair`: the same, but the stack config defaults `enabled` to "some pool
 * has node auto-repair on" and refuses `false` while one has.
 */
export type AddonInstall = "always" | "optional" | "auto-repair";
/** The install rules of {@link AddonInstall}. */
export const ADDON_INSTALLS = ["always", "optional", "auto-repair"] as const satisfies readonly AddonInstall[];

/** `hold-version`: inside a change freeze the addon stays at its deployed version (patching `applyFreeze`). */
export type AddonFreeze = "hold-version";

/** Keys of {@link ResolvedAddonsArgs} that hold an addon's options (each with a resolved `version`). */
export type AddonKey = Exclude<{
  [K in keyof ResolvedAddonsArgs]-?: ResolvedAddonsArgs[K] extends { readonly version: string } ? K : never;
}[keyof ResolvedAddonsArgs], HelmReleaseKey>;
/** Options of a Helm release beside the catalog (not an EKS add-on): the device plugins of device-plugins.ts. */
export type HelmReleaseKey = DevicePluginKey;

/** `version`: `"latest"` (resolved with `aws.eks.getAddonVersion` for the cluster version) or an exact version. */
export const ADDON_VERSION_FIELD = { kind: "string", description: '"latest" or an exact EKS addon version such as v1.19.2-eksbuild.1' } as const;

/** An addon's options as users write them under `workerpools:addons.<key>`; `version` is always one. */
export type AddonOptionFields = { readonly version: typeof ADDON_VERSION_FIELD } & Readonly<Record<string, FieldSpec>>;

/** One catalog row. Every part is required: a row that forgets one does not compile. */
export interface AddonRowOf<K extends AddonKey> {
  /** Key under `workerpools:addons` and in {@link AddonsArgs}. */
  readonly key: K;
  /** EKS addon name (`aws eks describe-addon-versions --addon-name`). */
  readonly addon: string;
  /** Before the node groups (they wait for it) or after them (it waits for every node group). */
  readonly stage: AddonStage;
  /** Its IAM: none, or a Pod Identity role. */
  readonly iam: AddonIam;
  /** The shipped configuration schema its rendered values are checked against, or none. */
  readonly schema: AddonSchemaRef;
  /** Its typed options (the zod schema and the JSON Schema of `workerpools:addons.<key>` derive from them). */
  readonly options: AddonOptionFields;
  /** Its `configurationValues` renderer, or none. */
  readonly values: AddonValues;
  /** When it is installed; only an addon whose resolved options carry `enabled` can be conditional. */
  readonly install: ResolvedAddonsArgs[K] extends { readonly enabled: boolean } ? AddonInstall : "always";
  /** What a change freeze does to it. */
  readonly freeze: AddonFreeze;
}
/** A row of any addon. */
export type AddonRow = { [K in AddonKey]: AddonRowOf<K> }[AddonKey];

const int = (min: number) => ({ kind: "integer", min }) as const;
const VERSION_ONLY = { version: ADDON_VERSION_FIELD } as const;
const ENABLED = { kind: "boolean", description: "install this addon (default true); false removes it" } as const;
const OPTIONAL = { enabled: ENABLED, version: ADDON_VERSION_FIELD } as const;
const ENABLED_OFF = { kind: "boolean", description: "install this addon (default false)" } as const;
const OFF_BY_DEFAULT = { enabled: ENABLED_OFF, version: ADDON_VERSION_FIELD } as const;
const bool = (description: string) => ({ kind: "boolean", description }) as const;
const ALL_VALUES = (values: Record<string, unknown>): Record<string, unknown> => values;

/** The catalog, in the order addons are listed, validated and (within a stage) registered. */
export const ADDON_CATALOG = [
  {
    key: "vpcCni", addon: "vpc-cni", stage: "before-nodes", iam: { kind: "none" },
    schema: { document: "vpc-cni", judged: ALL_VALUES },
    options: {
      version: ADDON_VERSION_FIELD, prefixDelegation: { kind: "boolean" }, networkPolicy: { kind: "boolean" },
      warmIpTarget: int(0), warmPrefixTarget: int(0), minimumIpTarget: int(0),
      podSecurityGroups: { kind: "boolean" }, disableTcpEarlyDemux: { kind: "boolean" }, logLevel: { kind: "enum", values: VPC_CNI_LOG_LEVELS },
      customNetworking: { kind: "object", fields: { secondaryCidr: { kind: "string" }, podSubnets: { kind: "stringMap" } } },
    },
    values: (a) => renderVpcCniValues(a.vpcCni), install: "always", freeze: "hold-version",
  },
  {
    // The mode settings are cluster-wide stack config of their own (`workerpools:kubeProxy`), not options here.
    key: "kubeProxy", addon: "kube-proxy", stage: "before-nodes", iam: { kind: "none" },
    // The shipped schema's `mode` lists nftables (add-on v1.31 line on); which Kubernetes version takes it is kube-proxy.ts.
    schema: { document: "kube-proxy", judged: ALL_VALUES },
    options: VERSION_ONLY,
    values: (a) => renderKubeProxyValues(a.kubeProxy), install: "always", freeze: "hold-version",
  },
  {
    key: "coredns", addon: "coredns", stage: "after-nodes", iam: { kind: "none" },
    schema: { document: "coredns", judged: ALL_VALUES },
    options: {
      version: ADDON_VERSION_FIELD, replicas: int(1), pool: { kind: "string" },
      autoscaling: { kind: "object", fields: { minReplicas: { ...int(1), required: true }, maxReplicas: { ...int(1), required: true } } },
    },
    values: (a) => renderCorednsValues(a.coredns, a.corednsPlacement), install: "always", freeze: "hold-version",
  },
  {
    key: "ebsCsi", addon: "aws-ebs-csi-driver", stage: "after-nodes",
    iam: {
      kind: "pod-identity", name: "ebs-csi", description: "EBS CSI controller (EKS Pod Identity)",
      namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa", policyArn: EBS_CSI_POLICY_ARN,
    },
    schema: { document: "aws-ebs-csi-driver", judged: ALL_VALUES },
    options: { enabled: ENABLED, version: ADDON_VERSION_FIELD, controllerReplicas: int(1) },
    values: (a) => renderEbsCsiValues(a.ebsCsi), install: "optional", freeze: "hold-version",
  },
  {
    key: "podIdentityAgent", addon: "eks-pod-identity-agent", stage: "before-nodes", iam: { kind: "none" },
    schema: { document: "eks-pod-identity-agent", judged: ALL_VALUES },
    options: OPTIONAL, values: "none", install: "optional", freeze: "hold-version",
  },
  {
    key: "nodeMonitoringAgent", addon: "eks-node-monitoring-agent", stage: "after-nodes", iam: { kind: "none" },
    schema: { document: "eks-node-monitoring-agent", judged: ALL_VALUES },
    options: OPTIONAL, values: "none", install: "auto-repair", freeze: "hold-version",
  },
  {
    // EKS community add-on. Its schema is derived from the upstream chart's values.yaml (partial).
    key: "metricsServer", addon: "metrics-server", stage: "after-nodes", iam: { kind: "none" },
    schema: { document: "metrics-server", judged: ALL_VALUES },
    options: OPTIONAL, values: (a) => renderMetricsServerValues(a.corednsPlacement), install: "optional", freeze: "hold-version",
  },
  {
    // None are rendered; its shipped schema (from the upstream chart's values.yaml, partial) is named in the plan.
    key: "efsCsi", addon: "aws-efs-csi-driver", stage: "after-nodes",
    iam: {
      kind: "pod-identity", name: "efs-csi", description: "EFS CSI controller (EKS Pod Identity)",
      namespace: "kube-system", serviceAccount: "efs-csi-controller-sa", policyArn: EFS_CSI_POLICY_ARN,
    },
    schema: { document: "aws-efs-csi-driver", judged: ALL_VALUES }, options: OFF_BY_DEFAULT, values: "none", install: "optional", freeze: "hold-version",
  },
  {
    key: "cloudwatchObservability", addon: "amazon-cloudwatch-observability", stage: "after-nodes",
    iam: {
      kind: "pod-identity", name: "cloudwatch-observability", description: "CloudWatch agent and Fluent Bit (EKS Pod Identity)",
      namespace: "amazon-cloudwatch", serviceAccount: "cloudwatch-agent", policyArn: CLOUDWATCH_AGENT_POLICY_ARN,
    },
    schema: { document: "amazon-cloudwatch-observability", judged: ALL_VALUES },
    options: {
      enabled: ENABLED_OFF, version: ADDON_VERSION_FIELD,
      containerInsights: bool("Container Insights with enhanced observability (default true)"),
      logs: {
        kind: "object", fields: {
          application: bool("container stdout/stderr (default true)"),
          dataplane: bool("kubelet, kube-proxy and container runtime journals (default true)"),
          host: bool("/var/log/dmesg, messages and secure of the host (default false)"),
        },
      },
    },
    values: (a) => renderCloudwatchObservabilityValues(a.cloudwatchObservability), install: "optional", freeze: "hold-version",
  },
] as const satisfies readonly AddonRow[];

/** Every Pod Identity association waits for this addon (so it is installed before the nodes and registered first). */
export const POD_IDENTITY_AGENT: AddonKey = "podIdentityAgent";
