/**
 * Tenants: per tenant its namespaces (Pod Security Admission labels), a ResourceQuota, a LimitRange and an isolating
 * NetworkPolicy in each, through the platform's Kubernetes provider; EKS access entries with namespace-scoped
 * AmazonEKSAdminPolicy / AmazonEKSViewPolicy associations for its admins and viewers. Wiring only; plan.ts decides.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, TENANTS_TYPE } from "../core";
import { TenantsArgs, resolveTenant } from "./args";
import { AccessEntryPlan, TenantNamespacePlan, planTenantAccess, planTenantNamespaces } from "./plan";
import { validateTenants } from "./validate";

/**
 * Registers the tenants. The namespaces wait for `waitFor` (the stack: the addons nodes need, the CNI among them,
 * as node groups do); each quota, limit range and policy waits for its namespace. The cluster's authentication mode must allow access entries (`API` or `API_AND_CONFIG_MAP`;
 * {@link ControlPlane} sets `API`).
 */
export class Tenants extends pulumi.ComponentResource {
  /** Every tenant namespace, by name. */
  readonly namespaces: Record<string, k8s.core.v1.Namespace> = {};
  /** One access entry per principal. */
  readonly accessEntries: aws.eks.AccessEntry[] = [];

  constructor(name: string, args: TenantsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TENANTS_TYPE, name, {}, opts);
    const tenants = args.tenants.map(resolveTenant);
    assertValid(tenants, validateTenants(tenants, `${name}.tenants`, { clusterAdmins: args.clusterAdmins ?? [], clusterAdminsPath: `${name}.clusterAdmins` }));
    for (const ns of planTenantNamespaces(tenants, args.kubernetesVersion)) this.namespace(name, ns, args);
    for (const entry of planTenantAccess(tenants)) this.accessEntries.push(this.access(name, entry, args));
    this.registerOutputs({ namespaces: Object.keys(this.namespaces) });
  }

  private namespace(prefix: string, ns: TenantNamespacePlan, args: TenantsArgs): void {
    const opts = { parent: this, provider: args.provider };
    const waitFor = args.waitFor ?? [];
    const namespace = new k8s.core.v1.Namespace(`${prefix}-${ns.name}`, { metadata: { name: ns.name, labels: ns.labels } }, {
      ...opts, ...(waitFor.length > 0 ? { dependsOn: [...waitFor] } : {}),
    });
    this.namespaces[ns.name] = namespace;
    const inNs = { ...opts, dependsOn: [namespace] };
    const metadata = (objectName: string) => ({ name: objectName, namespace: ns.name, labels: { tenant: ns.tenant } });
    if (ns.quota) new k8s.core.v1.ResourceQuota(`${prefix}-${ns.name}-quota`, { metadata: metadata("tenant-quota"), spec: ns.quota }, inNs);
    if (ns.limitRange) new k8s.core.v1.LimitRange(`${prefix}-${ns.name}-limits`, { metadata: metadata("tenant-limits"), spec: ns.limitRange }, inNs);
    if (ns.networkPolicy) {
      new k8s.networking.v1.NetworkPolicy(`${prefix}-${ns.name}-isolation`, { metadata: metadata("tenant-isolation"), spec: ns.networkPolicy }, inNs);
    }
  }

  private access(prefix: string, entry: AccessEntryPlan, args: TenantsArgs): aws.eks.AccessEntry {
    const tags = args.tags && Object.keys(args.tags).length > 0 ? { tags: { ...args.tags } } : {};
    const accessEntry = new aws.eks.AccessEntry(`${prefix}-${entry.key}`, {
      clusterName: args.clusterName, principalArn: entry.principalArn, type: "STANDARD", ...tags,
    }, { parent: this });
    for (const a of entry.associations) {
      new aws.eks.AccessPolicyAssociation(`${prefix}-${entry.key}-${a.role}`, {
        clusterName: args.clusterName,
        principalArn: accessEntry.principalArn,
        policyArn: a.policyArn,
        accessScope: { type: "namespace", namespaces: [...a.namespaces] },
      }, { parent: this, dependsOn: [accessEntry] });
    }
    return accessEntry;
  }
}
