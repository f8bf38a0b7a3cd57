/**
 * Addons: the EKS managed addons, in two phases because nodes need some before they are Ready and
 * others need Ready nodes. Wiring only; values come from `addon-values.ts`.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { renderCorednsValues, renderEbsCsiValues, renderKubeProxyValues, renderVpcCniValues } from "./values";
import { AddonsArgs, KubeProxySettings, ResolvedAddonsArgs, resolveAddonsArgs } from "./args";
import { assertValid } from "../core";
import { validateAddons } from "./validate";

/**
 * We own every addon's configuration: OVERWRITE on create (nothing is there to keep: the cluster is
 * created with `bootstrapSelfManagedAddons: false`) and on update (our `configurationValues` are the
 * desired state; a hand edit of a field we render is reverted, fields we do not render are kept).
 */
export const RESOLVE_CONFLICTS = { onCreate: "OVERWRITE", onUpdate: "OVERWRITE" } as const;

/** IAM policy of the EBS CSI controller (AWS managed). */
export const EBS_CSI_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

/**
 * Phase 1 (constructor): vpc-cni, kube-proxy and eks-pod-identity-agent; node groups should
 * `dependsOn: addons.nodeBootstrap`. Phase 2 ({@link installAfterNodes}): coredns, aws-ebs-csi-driver
 * with its Pod Identity role, the default StorageClass and eks-node-monitoring-agent, after the nodes.
 */
export class Addons extends pulumi.ComponentResource {
  /** Addons nodes need before they can become Ready. */
  readonly nodeBootstrap: aws.eks.Addon[];
  /**
   * The cluster-wide settings every {@link WorkerPool} must share with these addons (vpc-cni prefix
   * delegation changes max pods; IPVS mode needs kernel modules): spread them into each pool's args.
   */
  readonly nodeSettings: { readonly prefixDelegation: boolean; readonly kubeProxy: KubeProxySettings };
  /** Addons installed after the nodes (set by {@link installAfterNodes}). */
  readonly workloads: aws.eks.Addon[] = [];
  private readonly a: ResolvedAddonsArgs;
  private readonly prefix: string;
  private readonly podIdentityAgent: aws.eks.Addon;

  constructor(name: string, args: AddonsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workerpools:index:Addons", name, {}, opts);
    this.a = resolveAddonsArgs(args);
    this.prefix = name;
    this.nodeSettings = { prefixDelegation: this.a.vpcCni.prefixDelegation, kubeProxy: { mode: this.a.kubeProxy.mode, ipvsScheduler: this.a.kubeProxy.ipvsScheduler } };
    assertValid(this.a, validateAddons(this.a, name));
    this.podIdentityAgent = this.addon("eks-pod-identity-agent", this.a.podIdentityAgent.version);
    this.nodeBootstrap = [
      this.addon("vpc-cni", this.a.vpcCni.version, renderVpcCniValues(this.a.vpcCni)),
      this.addon("kube-proxy", this.a.kubeProxy.version, renderKubeProxyValues(this.a.kubeProxy)),
      this.podIdentityAgent,
    ];
  }

  /** Phase 2: installs the addons that need running nodes, each depending on every node group given. */
  installAfterNodes(nodeGroups: pulumi.Resource[]): void {
    const after = { dependsOn: nodeGroups };
    const coredns = this.addon("coredns", this.a.coredns.version, renderCorednsValues(this.a.coredns, this.a.corednsPlacement), after);
    const association = this.ebsCsiIdentity();
    const ebsCsi = this.addon("aws-ebs-csi-driver", this.a.ebsCsi.version, renderEbsCsiValues(this.a.ebsCsi), { dependsOn: [...nodeGroups, association] });
    this.workloads.push(coredns, ebsCsi);
    if (this.a.nodeMonitoringAgent.enabled) {
      this.workloads.push(this.addon("eks-node-monitoring-agent", this.a.nodeMonitoringAgent.version, undefined, after));
    }
    if (this.a.defaultStorageClass) this.storageClass(ebsCsi);
    this.registerOutputs({ addons: [...this.nodeBootstrap, ...this.workloads].map((x) => x.addonName) });
  }

  private addon(addonName: string, version: string, values?: Record<string, unknown>, opts?: pulumi.CustomResourceOptions): aws.eks.Addon {
    const addonVersion = version === "latest"
      ? aws.eks.getAddonVersionOutput({ addonName, kubernetesVersion: this.a.kubernetesVersion, mostRecent: true }, { parent: this }).version
      : version;
    return new aws.eks.Addon(`${this.prefix}-${addonName}`, {
      clusterName: this.a.clusterName,
      addonName,
      addonVersion,
      configurationValues: values ? JSON.stringify(values) : undefined,
      resolveConflictsOnCreate: RESOLVE_CONFLICTS.onCreate,
      resolveConflictsOnUpdate: RESOLVE_CONFLICTS.onUpdate,
      tags: this.a.tags,
    }, { parent: this, ...opts });
  }

  private ebsCsiIdentity(): aws.eks.PodIdentityAssociation {
    const role = new aws.iam.Role(`${this.prefix}-ebs-csi`, {
      description: "EBS CSI controller (EKS Pod Identity)",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
      }),
      tags: this.a.tags,
    }, { parent: this });
    const attachment = new aws.iam.RolePolicyAttachment(`${this.prefix}-ebs-csi`, { role: role.name, policyArn: EBS_CSI_POLICY_ARN }, { parent: this });
    return new aws.eks.PodIdentityAssociation(`${this.prefix}-ebs-csi`, {
      clusterName: this.a.clusterName,
      namespace: "kube-system",
      serviceAccount: "ebs-csi-controller-sa",
      roleArn: role.arn,
      tags: this.a.tags,
    }, { parent: this, dependsOn: [attachment, this.podIdentityAgent] });
  }

  private storageClass(ebsCsi: aws.eks.Addon): k8s.storage.v1.StorageClass {
    const provider = new k8s.Provider(`${this.prefix}-k8s`, { kubeconfig: this.a.kubeconfig, enableServerSideApply: true }, { parent: this });
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
