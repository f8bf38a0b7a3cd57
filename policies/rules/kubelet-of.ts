/**
 * The effective kubelet of a launch template, decoded once per resource from its user data (AL2023 NodeConfig or
 * Bottlerocket TOML) and layered over the platform's own values (policies/kubelet-effective.ts), or the verdict when
 * it cannot be read (unknown during a preview, no user data, not ours).
 */
import { decodeUserData } from "../../components/userdata";
import { EffectiveKubelet, al2023Kubelet, bottlerocketKubelet } from "../kubelet-effective";
import { RuleResource, Verdict, notApplicable, undecided } from "../rule";
import { describe, isUnknown } from "../rule-values";

export type Kubelet = { readonly kubelet: EffectiveKubelet } | { readonly verdict: Verdict };
const decoded = new WeakMap<object, Kubelet>();

function readKubelet(r: RuleResource): Kubelet {
  const userData = r.props.userData;
  if (isUnknown(userData)) return { verdict: undecided("userData is unknown until deploy (it embeds the cluster endpoint)") };
  if (userData === undefined || userData === "") return { verdict: notApplicable("the launch template has no user data, so it sets no kubelet configuration") };
  if (typeof userData !== "string") return { verdict: undecided(`userData is ${describe(userData)}, not base64 text`) };
  const d = decodeUserData(userData);
  if (d.os === "unrecognized") return { verdict: undecided(`kubelet settings not readable from user data: ${d.reason}`) };
  return { kubelet: d.os === "AL2023" ? al2023Kubelet(d) : bottlerocketKubelet(d) };
}

/** The effective kubelet of a launch template (decoded once per resource). */
export function kubeletOf(r: RuleResource): Kubelet {
  const cached = decoded.get(r.props);
  if (cached) return cached;
  const k = readKubelet(r);
  decoded.set(r.props, k);
  return k;
}
