/**
 * Addons: the EKS managed addons of the catalog (catalog.ts), in two stages because nodes need some before they
 * are Ready and others need Ready nodes. Wiring only; rows, values and validation are pure.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AddonsArgs, KubeProxySettings, ResolvedAddonsArgs, resolveAddonsArgs } from "./args";
import type { ResolvedExtraAddon } from "./extra";
import { ADDONS_TYPE, assertValid } from "../core";
import { validateAddons } from "./validate";
import { AddonIam, AddonKey, AddonRow, AddonStage, POD_IDENTITY_AGENT } from "./catalog";
import { addonsInStage, isInstalled, registrationOrder } from "./derive";
import { CILIUM_RELEASE, apiServerHost, renderCiliumValues } from "./cni";
import { chartValuesIssues } from "./chart-values";
import { CILIUM_OPERATOR_SERVICE_ACCOUNT, ciliumOperatorRoleNeeded, renderCiliumOperatorPolicy } from "./cilium-iam";
import { HELM_CHARTS } from "../facts";
import {
  AcceleratedPoolPlacement, DEVICE_PLUGINS, DevicePlugin, DevicePluginAccelerator, checkDevicePluginValues, chartReference, perAccelerator, renderDevicePluginValues,
} from "./device-plugins";

/**
 * We own every addon's configuration: OVERWRITE on create (nothing is there to keep: the cluster is
 * created with `bootstrapSelfManagedAddons: false`) and on update (our `configurationValues` are the
 * desired state; a hand edit of a field we render is reverted, fields we do not render are kept).
 */
export const RESOLVE_CONFLICTS = { onCreate: "OVERWRITE", onUpdate: "OVERWRITE" } as const;

type PodIdentity = Extract<AddonIam, { kind: "pod-identity" }>;

/** The trust policy of a role for EKS Pod Identity (the pod identity agent assumes it and tags the session). */
export const POD_IDENTITY_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
});

/**
 * Installs the catalog's addons by stage. `before-nodes` (constructor; today vpc-cni, kube-proxy and
 * eks-pod-identity-agent): node groups should `dependsOn: addons.nodeBootstrap`. `after-nodes`
 * ({@link installAfterNodes}; today coredns, aws-ebs-csi-driver with its Pod Identity role,
 * eks-node-monitoring-agent and metrics-server; each optional one only while enabled), then the default StorageClass and, for accelerated pools whose AMI ships no device
 * plugin, the device plugin Helm releases of device-plugins.ts (NVIDIA's, AWS Neuron's), all through one Kubernetes
 * provider. Versions `latest` resolve with `aws.eks.getAddonVersion`.
 */
export class Addons extends pulumi.ComponentResource {
  /** Addons nodes need before they can become Ready. */
  readonly nodeBootstrap: aws.eks.Addon[];
  /** The Cilium release (`cni.provider: cilium`), installed before the nodes. */
  readonly cilium?: k8s.helm.v3.Release;
  /** The Cilium operator's EKS Pod Identity association (ENI mode: its IAM role calls EC2), created before the release. */
  readonly ciliumOperatorIdentity?: aws.eks.PodIdentityAssociation;
  /** One ENIConfig per AZ (vpc-cni custom networking), named by the AZ. */
  readonly eniConfigs: k8s.apiextensions.CustomResource[];
  /** Everything node groups must `dependsOn`: {@link nodeBootstrap}, the Cilium release and the ENIConfigs. */
  readonly beforeNodes: pulumi.Resource[];
  /**
   * The cluster-wide settings every {@link WorkerPool} must share with these addons (vpc-cni prefix
   * delegation changes max pods; IPVS mode needs kernel modules): spread them into each pool's args.
   */
  readonly nodeSettings: {
    readonly prefixDelegation: boolean;
    readonly kubeProxy: KubeProxySettings;
    /** Per accelerator, whether its device plugin release is on (a pool of it whose AMI ships none is warned otherwise). */
    readonly devicePlugins: Readonly<Record<DevicePluginAccelerator, boolean>>;
  };
  /** The device plugin releases, by accelerator (set by {@link installAfterNodes} for each given pool's accelerator not disabled). */
  readonly devicePlugins: Partial<Record<DevicePluginAccelerator, k8s.helm.v3.Release>> = {};
  /** Addons installed after the nodes (set by {@link installAfterNodes}). */
  readonly workloads: aws.eks.Addon[] = [];
  private readonly a: ResolvedAddonsArgs;
  private readonly prefix: string;
  private readonly installed = new Map<AddonKey, aws.eks.Addon>();
  private k8sProvider?: k8s.Provider;

  constructor(name: string, args: AddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ADDONS_TYPE, name, {}, opts);
    this.a = resolveAddonsArgs(args);
    this.prefix = name;
    this.nodeSettings = {
      prefixDelegation: this.a.vpcCni.prefixDelegation,
      kubeProxy: { mode: this.a.kubeProxy.mode, ipvsScheduler: this.a.kubeProxy.ipvsScheduler },
      devicePlugins: perAccelerator((row) => this.devicePluginOn(row)),
    };
    assertValid(this.a, validateAddons(this.a, name));
    this.nodeBootstrap = this.installStage("before-nodes", []);
    this.ciliumOperatorIdentity = ciliumOperatorRoleNeeded(this.a.cni) ? this.podIdentity({
      name: "cilium-operator", description: "Cilium operator, ENI IPAM (EKS Pod Identity)",
      namespace: CILIUM_OPERATOR_SERVICE_ACCOUNT.namespace, serviceAccount: CILIUM_OPERATOR_SERVICE_ACCOUNT.name, policyArns: [], inlinePolicy: JSON.stringify(renderCiliumOperatorPolicy()),
    }) : undefined;
    this.cilium = this.a.cni.provider === "cilium" ? this.ciliumRelease() : undefined;
    this.eniConfigs = this.a.vpcCni.customNetworking !== undefined ? this.a.podSubnets.map((s) => this.eniConfig(s)) : [];
    this.beforeNodes = [...this.nodeBootstrap, ...(this.cilium ? [this.cilium] : []), ...this.eniConfigs];
  }

  /** Cilium from https://helm.cilium.io, its values for the mode (checked against the chart's keys), before the nodes. */
  private ciliumRelease(): k8s.helm.v3.Release {
    const cni = this.a.cni;
    if (cni.provider !== "cilium") throw new Error("ciliumRelease: provider is not cilium");
    const chart = HELM_CHARTS.cilium;
    const endpoint = this.a.apiServerEndpoint;
    if (cni.cilium.kubeProxyReplacement && endpoint === undefined) throw new Error(`${this.prefix}: kube-proxy replacement needs apiServerEndpoint (Cilium's k8sServiceHost)`);
    const values = pulumi.output(endpoint ?? "").apply((url) => {
      const rendered = renderCiliumValues(cni.cilium, apiServerHost(url));
      const issues = chartValuesIssues(chart, rendered, `${this.prefix}.cilium.values`);
      if (issues.length > 0) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
      return rendered;
    });
    return new k8s.helm.v3.Release(`${this.prefix}-${CILIUM_RELEASE.name}`, {
      name: CILIUM_RELEASE.name, chart: chart.chart, repositoryOpts: { repo: chart.repository }, version: cni.cilium.version, namespace: CILIUM_RELEASE.namespace, values,
    }, { parent: this, provider: this.kubernetesProvider(), ...(this.ciliumOperatorIdentity ? { dependsOn: [this.ciliumOperatorIdentity] } : {}) });
  }

  /** The AZ's ENIConfig: pods of nodes labelled with this AZ get addresses from its pod subnet, in the cluster security group. */
  private eniConfig(s: { readonly az: string; readonly id: pulumi.Input<string> }): k8s.apiextensions.CustomResource {
    const sg = this.a.clusterSecurityGroupId;
    if (sg === undefined) throw new Error(`${this.prefix}: custom networking needs clusterSecurityGroupId (the ENIConfigs' securityGroups)`);
    // vpc-cni (before-nodes) installs the ENIConfig CRD: the objects wait for it.
    const vpcCni = this.installed.get("vpcCni");
    return new k8s.apiextensions.CustomResource(`${this.prefix}-eniconfig-${s.az}`, {
      apiVersion: "crd.k8s.amazonaws.com/v1alpha1", kind: "ENIConfig",
      // Named by the AZ: ipamd reads the node's ENI_CONFIG_LABEL_DEF label (topology.kubernetes.io/zone) to pick it.
      metadata: { name: s.az },
      spec: { subnet: s.id, securityGroups: [sg] },
    }, { parent: this, provider: this.kubernetesProvider(), ...(vpcCni ? { dependsOn: [vpcCni] } : {}) });
  }

  /**
   * Stage `after-nodes`: installs the addons that need running nodes, each depending on every node group given; then
   * one device plugin release per accelerator of `acceleratedPools` (each pool's `devicePluginPlacement`), unless disabled.
   */
  installAfterNodes(nodeGroups: pulumi.Resource[], acceleratedPools: readonly AcceleratedPoolPlacement<pulumi.Input<string>>[] = []): void {
    this.workloads.push(...this.installStage("after-nodes", nodeGroups));
    this.workloads.push(...this.a.extra.map((e) => this.extraAddon(e, nodeGroups)));
    const ebsCsi = this.installed.get("ebsCsi");
    if (this.a.defaultStorageClass && ebsCsi !== undefined) this.storageClass(ebsCsi);
    for (const row of DEVICE_PLUGINS) {
      const pools = acceleratedPools.filter((p) => p.accelerator === row.accelerator);
      if (this.devicePluginOn(row) && pools.length > 0) this.devicePlugins[row.accelerator] = this.devicePluginRelease(row, pools, nodeGroups);
    }
    this.registerOutputs({ addons: [...this.nodeBootstrap, ...this.workloads].map((x) => x.addonName) });
  }

  /** Registers the stage's installed addons in registration order; returns them in catalog order. */
  private installStage(stage: AddonStage, waitFor: pulumi.Resource[]): aws.eks.Addon[] {
    for (const row of registrationOrder(stage).filter((r) => isInstalled(r, this.a))) {
      const dependsOn = row.iam.kind === "pod-identity" ? [...waitFor, this.podIdentity({ ...row.iam, policyArns: [row.iam.policyArn] })] : waitFor;
      this.installed.set(row.key, this.addon(row, dependsOn.length > 0 ? { dependsOn } : undefined));
    }
    return addonsInStage(stage).flatMap((row) => this.installed.get(row.key) ?? []);
  }

  private addon(row: AddonRow, opts?: pulumi.CustomResourceOptions): aws.eks.Addon {
    const rendered = row.values === "none" ? undefined : row.values(this.a);
    return this.eksAddon(`${this.prefix}-${row.addon}`, row.addon, this.a[row.key].version, rendered, opts);
  }

  /** One EKS add-on; `latest` resolved for the cluster version; empty values are not sent. */
  private eksAddon(resourceName: string, addonName: string, version: string, rendered: Readonly<Record<string, unknown>> | undefined, opts?: pulumi.CustomResourceOptions): aws.eks.Addon {
    const addonVersion = version === "latest"
      ? aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion: this.a.kubernetesVersion, mostRecent: true }, { parent: this }).version
      : version;
    const values = rendered !== undefined && Object.keys(rendered).length > 0 ? rendered : undefined;
    return new aws.eks.Addon(resourceName, {
      clusterName: this.a.clusterName,
      addonName,
      addonVersion,
      configurationValues: values ? JSON.stringify(values) : undefined,
      resolveConflictsOnCreate: RESOLVE_CONFLICTS.onCreate,
      resolveConflictsOnUpdate: RESOLVE_CONFLICTS.onUpdate,
      tags: this.a.tags,
    }, { parent: this, ...opts });
  }

  /** An `extra` add-on: after the node groups (and its Pod Identity association, when it has one). */
  private extraAddon(e: ResolvedExtraAddon, nodeGroups: pulumi.Resource[]): aws.eks.Addon {
    const pi = e.podIdentity;
    const association = pi ? [this.podIdentity({ name: `extra-${e.name}`, description: `${e.name} (EKS Pod Identity)`, ...pi })] : [];
    const dependsOn = [...nodeGroups, ...association];
    return this.eksAddon(`${this.prefix}-extra-${e.name}`, e.name, e.version, e.configurationValues, dependsOn.length > 0 ? { dependsOn } : undefined);
  }

  /** The addon's IAM role, its policies (managed ARNs and an optional inline document) and the Pod Identity association (which waits for the agent). */
  private podIdentity(iam: Omit<PodIdentity, "kind" | "policyArn"> & { readonly policyArns: readonly string[]; readonly inlinePolicy?: string }): aws.eks.PodIdentityAssociation {
    const agent = this.installed.get(POD_IDENTITY_AGENT);
    if (agent === undefined) throw new Error(`${iam.name}: a Pod Identity association needs the pod identity agent installed first`);
    const name = `${this.prefix}-${iam.name}`;
    const role = new aws.iam.Role(name, {
      description: iam.description,
      assumeRolePolicy: POD_IDENTITY_TRUST_POLICY,
      tags: this.a.tags,
    }, { parent: this });
    const attachments = iam.policyArns.map((policyArn, i) =>
      new aws.iam.RolePolicyAttachment(i === 0 ? name : `${name}-${i}`, { role: role.name, policyArn }, { parent: this }));
    const inline = iam.inlinePolicy === undefined ? [] : [new aws.iam.RolePolicy(name, { role: role.name, policy: iam.inlinePolicy }, { parent: this })];
    return new aws.eks.PodIdentityAssociation(name, {
      clusterName: this.a.clusterName,
      namespace: iam.namespace,
      serviceAccount: iam.serviceAccount,
      roleArn: role.arn,
      tags: this.a.tags,
    }, { parent: this, dependsOn: [...attachments, ...inline, agent] });
  }

  /** The platform's Kubernetes provider (one, created on first use; the tenants' objects and the autoscalers' releases use it too). */
  kubernetesProvider(): k8s.Provider {
    this.k8sProvider ??= new k8s.Provider(`${this.prefix}-k8s`, { kubeconfig: this.a.kubeconfig, enableServerSideApply: true }, { parent: this });
    return this.k8sProvider;
  }

  private devicePluginOn(row: DevicePlugin): boolean {
    return this.a[row.key].enabled !== false;
  }

  /** A device plugin's chart, pinned, scheduled only on the given pools' node groups (or NodePools) and tolerating their taints. */
  private devicePluginRelease(row: DevicePlugin, pools: readonly AcceleratedPoolPlacement<pulumi.Input<string>>[], nodeGroups: pulumi.Resource[]): k8s.helm.v3.Release {
    const values = pulumi.all(pools.map((p) => pulumi.all([...p.nodeGroupNames])))
      .apply((names) => {
        const rendered = renderDevicePluginValues(row, pools.map((p, i) => ({ nodeGroupNames: names[i], nodePoolNames: p.nodePoolNames ?? [], taints: p.taints })));
        // The charts ship no values schema: the values we set are checked against their values.yaml keys and by type.
        const issues = checkDevicePluginValues(row, rendered, `${this.prefix}.${row.key}.values`);
        if (issues.length > 0) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
        return rendered;
      });
    return new k8s.helm.v3.Release(`${this.prefix}-${row.releaseName}`, {
      name: row.releaseName,
      ...chartReference(row.chart),
      version: this.a[row.key].version,
      namespace: row.namespace,
      values,
    }, { parent: this, provider: this.kubernetesProvider(), ...(nodeGroups.length > 0 ? { dependsOn: nodeGroups } : {}) });
  }

  private storageClass(ebsCsi: aws.eks.Addon): k8s.storage.v1.StorageClass {
    const provider = this.kubernetesProvider();
    return new k8s.storage.v1.StorageClass(`${this.prefix}-gp3`, {
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: "Delete",
    }, { parent: this, provider, dependsOn: [ebsCsi] });
  }
}
