/** Typed arguments of {@link Tenants} and their defaults (applied only in {@link resolveTenant}). */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Pod Security Standards levels (Pod Security Admission `pod-security.kubernetes.io/<mode>` label values). */
export const POD_SECURITY_LEVELS = ["privileged", "baseline", "restricted"] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];
/** `namespace`: default-deny ingress except from the tenant's own namespaces; `none`: no NetworkPolicy. */
export const NETWORK_ISOLATIONS = ["namespace", "none"] as const;
export type NetworkIsolation = (typeof NETWORK_ISOLATIONS)[number];

/** A Kubernetes resource quantity (`100m`, `400Gi`) or a plain number (YAML `cpu: 200`). */
export type Quantity = string | number;

/** ResourceQuota `spec.hard` of each of the tenant's namespaces (`cpu` and `memory` are the requests' totals). */
export interface TenantQuota {
  /** Total CPU requests. @default - not limited */
  readonly cpu?: Quantity;
  /** Total memory requests. @default - not limited */
  readonly memory?: Quantity;
  /** Number of pods. @default - not limited */
  readonly pods?: number;
}

/** CPU and memory of a container. */
export interface ContainerResources {
  /** @default - not set */
  readonly cpu?: Quantity;
  /** @default - not set */
  readonly memory?: Quantity;
}

/** LimitRange (type Container) of each of the tenant's namespaces. */
export interface TenantLimits {
  /** Requests given to a container that sets none. @default - none */
  readonly defaultRequest?: ContainerResources;
  /** Limits given to a container that sets none. @default - none */
  readonly default?: ContainerResources;
}

/** One tenant (`workerpools:tenants[i]`): its namespaces, who may act in them, what they may use. */
export interface TenantArgs {
  /** Tenant name (a DNS-1123 label): the `tenant` label value of its namespaces and of its dedicated pool. */
  readonly name: string;
  /** Namespaces created for the tenant, each a DNS-1123 label, in no other tenant. */
  readonly namespaces: readonly string[];
  /** IAM principal ARNs given AmazonEKSAdminPolicy scoped to the tenant's namespaces. @default [] */
  readonly admins?: readonly string[];
  /** IAM principal ARNs given AmazonEKSViewPolicy scoped to the tenant's namespaces. @default [] */
  readonly viewers?: readonly string[];
  /** A ResourceQuota in each namespace. @default - none */
  readonly quota?: TenantQuota;
  /** A LimitRange in each namespace. @default - none */
  readonly limits?: TenantLimits;
  /** Pod Security Admission level enforced, audited and warned on its namespaces. @default "baseline" */
  readonly podSecurity?: PodSecurityLevel;
  /** @default "namespace" */
  readonly networkIsolation?: NetworkIsolation;
  /** A pool dedicated to the tenant: it gets the label and the NoSchedule taint `tenant=<name>`. @default - none */
  readonly pool?: string;
}

/** Defaults of {@link TenantArgs}; the single place they are written. */
export const TENANT_DEFAULTS = {
  admins: [],
  viewers: [],
  podSecurity: "baseline",
  networkIsolation: "namespace",
} as const satisfies Partial<TenantArgs>;

/** A tenant with its defaults applied. */
export interface ResolvedTenant extends Omit<Required<TenantArgs>, "quota" | "limits" | "pool"> {
  readonly quota?: TenantQuota;
  readonly limits?: TenantLimits;
  readonly pool?: string;
}

/** Applies {@link TENANT_DEFAULTS}; never writes to `a`. */
export function resolveTenant(a: TenantArgs): ResolvedTenant {
  const d = TENANT_DEFAULTS;
  return {
    ...a,
    admins: a.admins ?? d.admins,
    viewers: a.viewers ?? d.viewers,
    podSecurity: a.podSecurity ?? d.podSecurity,
    networkIsolation: a.networkIsolation ?? d.networkIsolation,
  };
}

/** Arguments of a {@link Tenants} component. */
export interface TenantsArgs {
  /** EKS cluster the access entries are made in. */
  readonly clusterName: pulumi.Input<string>;
  /** Cluster Kubernetes version `1.NN`: the Pod Security Admission `-version` labels pin the standards to it. */
  readonly kubernetesVersion: string;
  /** The platform's Kubernetes provider (namespaces, quotas, limit ranges, network policies). */
  readonly provider: k8s.Provider;
  readonly tenants: readonly TenantArgs[];
  /** The cluster admins (`ControlPlaneArgs.admins`): they have an access entry already, so no tenant may list them. @default [] */
  readonly clusterAdmins?: readonly string[];
  /** What the Kubernetes objects wait for (the stack: the addons nodes need, the CNI among them, as node groups do). @default [] */
  readonly waitFor?: readonly pulumi.Resource[];
  /** Tags on the access entries. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}
