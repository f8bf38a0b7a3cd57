/**
 * The effective kubelet of a launch template, decoded once per resource from its user data (AL2023 NodeConfig or
 * Bottlerocket TOML) and layered over the platform's own values (policies/kubelet-effective.ts), or the verdict when
 * it cannot be read (unknown during a preview, no user data, not ours). An EC2NodeClass's: its `spec.userData` (text)
 * decoded the same way, with its `spec.kubelet` over the user data's kubelet config.
 */
import { DecodedUserData, decodeUserData, decodeUserDataText } from "../../components/userdata";
import { EffectiveKubelet, al2023Kubelet, bottlerocketKubelet, withNodeClassKubelet } from "../kubelet-effective";
import { RuleResource, Verdict, notApplicable, undecided } from "../rule";
import { describe, isUnknown } from "../rule-values";
import { isNodeClass, nodeClassBootstrap } from "./ec2-node-class";

export type Kubelet = { readonly kubelet: EffectiveKubelet } | { readonly verdict: Verdict };
const decoded = new WeakMap<object, Kubelet>();

function fromDecoded(d: DecodedUserData): Kubelet {
  if (d.os === "unrecognized") return { verdict: undecided(`kubelet settings not readable from user data: ${d.reason}`) };
  return { kubelet: d.os === "AL2023" ? al2023Kubelet(d) : bottlerocketKubelet(d) };
}

function readNodeClassKubelet(r: RuleResource): Kubelet {
  const { userData, kubelet } = nodeClassBootstrap(r);
  if (isUnknown(userData) || isUnknown(kubelet)) return { verdict: undecided("spec.userData / spec.kubelet is unknown until deploy (the user data embeds the cluster endpoint)") };
  if (userData === undefined || userData === "") return { verdict: notApplicable("the EC2NodeClass has no user data: Karpenter's generated bootstrap is not judged") };
  if (typeof userData !== "string") return { verdict: undecided(`spec.userData is ${describe(userData)}, not text`) };
  const k = fromDecoded(decodeUserDataText(userData));
  return "verdict" in k ? k : { kubelet: withNodeClassKubelet(k.kubelet, kubelet) };
}

function readKubelet(r: RuleResource): Kubelet {
  if (isNodeClass(r)) return readNodeClassKubelet(r);
  const userData = r.props.userData;
  if (isUnknown(userData)) return { verdict: undecided("userData is unknown until deploy (it embeds the cluster endpoint)") };
  if (userData === undefined || userData === "") return { verdict: notApplicable("the launch template has no user data, so it sets no kubelet configuration") };
  if (typeof userData !== "string") return { verdict: undecided(`userData is ${describe(userData)}, not base64 text`) };
  return fromDecoded(decodeUserData(userData));
}

/** The effective kubelet of a launch template or EC2NodeClass (decoded once per resource). */
export function kubeletOf(r: RuleResource): Kubelet {
  const cached = decoded.get(r.props);
  if (cached) return cached;
  const k = readKubelet(r);
  decoded.set(r.props, k);
  return k;
}
