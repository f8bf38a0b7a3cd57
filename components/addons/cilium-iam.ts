/**
 * The Cilium operator's AWS permissions under its ENI IPAM (`cni.cilium.mode: eni`): the operator is the one Cilium
 * component that calls EC2 (it creates and attaches ENIs and assigns their secondary addresses), so it gets its own
 * IAM role through EKS Pod Identity, bound to the chart's operator service account. The actions are Cilium's
 * "Required Privileges" list (components/facts/data/cilium-eni-iam.json, source and version named there). Pure.
 */
import { CILIUM_ENI_IAM, CiliumEniIamCondition } from "../facts";
import type { ResolvedCni } from "./cni";

/** The operator's service account (the chart's `serviceAccounts.operator.name`, set explicitly in ENI mode). */
export const CILIUM_OPERATOR_SERVICE_ACCOUNT = CILIUM_ENI_IAM.serviceAccount;

/**
 * Which of the documented conditions hold for the values the platform renders: ENI garbage collection is on by
 * default and neither `--cluster-name` nor `--eni-gc-tags` is set, so `DescribeTags` is needed; excess-IP release,
 * IPv6 and the instance tags filter are not set, so their actions are not granted.
 */
export const CILIUM_OPERATOR_CONDITIONS: readonly CiliumEniIamCondition[] = ["required", "eniGarbageCollection"];

/** Whether the CNI needs the operator role: Cilium in ENI mode (chaining leaves IPAM to vpc-cni). */
export const ciliumOperatorRoleNeeded = (cni: ResolvedCni): boolean => cni.provider === "cilium" && cni.cilium.mode === "eni";

/** The EC2 actions granted, in the order the documentation lists them, without duplicates. */
export function ciliumOperatorActions(conditions: readonly CiliumEniIamCondition[] = CILIUM_OPERATOR_CONDITIONS): string[] {
  return [...new Set(conditions.flatMap((c) => CILIUM_ENI_IAM.actions[c]))];
}

/** An IAM policy document. */
export interface IamPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly { readonly Sid: string; readonly Effect: "Allow"; readonly Action: readonly string[]; readonly Resource: string }[];
}

/**
 * The operator's inline policy: the actions on every resource, as Cilium's documentation lists them (ENIs, subnets and
 * instances are the node's, created by the node groups and not known to the policy ahead of time).
 */
export function renderCiliumOperatorPolicy(conditions: readonly CiliumEniIamCondition[] = CILIUM_OPERATOR_CONDITIONS): IamPolicyDocument {
  return { Version: "2012-10-17", Statement: [{ Sid: "CiliumEniIpam", Effect: "Allow", Action: ciliumOperatorActions(conditions), Resource: "*" }] };
}
