/** Every rule of the pack, in report order. The pack (policies/index.ts), the offline plan and the tests use this list. */
import type { Rule } from "../rule";
import { ACCELERATOR_TAINT_RULES } from "./accelerator-taint";
import { ADDON_RULES } from "./addons";
import { AUTOSCALING_RULES } from "./autoscaling";
import { CONTROL_PLANE_RULES } from "./control-plane";
import { KMS_LOG_RULES } from "./kms-logs";
import { KUBELET_RULES } from "./kubelet";
import { LAUNCH_TEMPLATE_RULES } from "./launch-template";
import { NODE_GROUP_RULES } from "./node-group";
import { NODE_IAM_RULES } from "./node-iam";
import { NODE_PLACEMENT_RULES } from "./node-placement";
import { NETWORK_RULES } from "./network";
import { OBSERVABILITY_RULES } from "./observability";
import { REMOTE_ACCESS_RULES } from "./remote-access";
import { TENANT_RULES } from "./tenants";

export const ALL_RULES: readonly Rule[] = [
  ...CONTROL_PLANE_RULES,
  ...KMS_LOG_RULES,
  ...LAUNCH_TEMPLATE_RULES,
  ...KUBELET_RULES,
  ...REMOTE_ACCESS_RULES,
  ...NODE_GROUP_RULES,
  ...NODE_PLACEMENT_RULES,
  ...ACCELERATOR_TAINT_RULES,
  ...AUTOSCALING_RULES,
  ...NETWORK_RULES,
  ...NODE_IAM_RULES,
  ...ADDON_RULES,
  ...TENANT_RULES,
  ...OBSERVABILITY_RULES,
];

/** The rule with this id or CrossGuard name. */
export const findRule = (idOrName: string): Rule | undefined => ALL_RULES.find((r) => r.id === idOrName || r.name === idOrName);
