/**
 * Settings @pulumi/eks 4.3's `eks.Cluster` has no input for, and how they reach the AWS resources it creates: ARC zonal
 * shift (`zonalShiftConfig` of the inner `aws:eks/cluster:Cluster`, set by a Pulumi resource transform, which the
 * engine also applies to the children of a packaged component) and the AmazonEKSVPCResourceController policy on the
 * cluster role it makes (a policy attachment on `eks.Cluster.core.clusterIamRole`). Pure.
 */
import type * as pulumi from "@pulumi/pulumi";
import { INNER_EKS_CLUSTER_TYPE } from "../core";

/** The type token of the EKS cluster `eks.Cluster` creates inside itself. */

/** AWS managed policy security groups for Pods need on the cluster role (EKS user guide, security groups for Pods). */
export const VPC_RESOURCE_CONTROLLER_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonEKSVPCResourceController";

/** A transform setting `zonalShiftConfig.enabled` on the inner EKS cluster, leaving every other resource alone. */
export function zonalShiftTransform(enabled: boolean): pulumi.ResourceTransform {
  return (args) => (args.type === INNER_EKS_CLUSTER_TYPE ? { props: { ...args.props, zonalShiftConfig: { enabled } }, opts: args.opts } : undefined);
}

/**
 * The transforms for `eks.Cluster`'s resource options: zonal shift when it is set (true or false: false turns it off
 * again); none when unset, so the cluster keeps EKS's own setting.
 */
export const clusterTransforms = (zonalShift: boolean | undefined): pulumi.ResourceTransform[] =>
  zonalShift === undefined ? [] : [zonalShiftTransform(zonalShift)];
