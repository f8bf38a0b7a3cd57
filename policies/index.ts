/**
 * The CrossGuard policy pack: `pulumi preview --policy-pack policies`. The only module that starts a pack (the
 * PolicyPack constructor serves the analyzer over gRPC); tests and the offline plan import policies/rules instead.
 * Levels are overridable with `--policy-pack-config FILE`, keyed by policy name (e.g. `eks-deletion-protection`).
 */
import { PolicyPack } from "@pulumi/policy";
import { toCrossGuardPolicy } from "./rule";
import { ALL_RULES } from "./rules";

new PolicyPack("eks-workerpools", {
  policies: ALL_RULES.map((rule) => toCrossGuardPolicy(rule)),
});
