/**
 * Stack checks of the CNI (`workerpools:cni`) and vpc-cni custom networking (`workerpools:addons.vpcCni.customNetworking`),
 * which need more than one section: the kube-proxy mode, the VPC, the service CIDR and the pools' AZs. Pure; issues at
 * the config paths users write.
 */
import { ConfigIssue } from "../components/core";
import { validateCni } from "../components/addons";
import { CONTROL_PLANE_DEFAULTS } from "../components/control-plane";
import { validateCustomNetworking } from "../components/network";
import type { RawStackConfig } from "./config-schema";
import type { StackConfig } from "./stack-config";

const NS = "workerpools";

/** The CNI and custom networking; `raw` says which keys the user wrote (kube-proxy mode set or not). */
export function validateCniConfig(raw: RawStackConfig, c: StackConfig): ConfigIssue[] {
  const cn = raw.addons?.vpcCni?.customNetworking;
  const customNetworkingAt = `${NS}:addons.vpcCni.customNetworking`;
  const issues = validateCni(raw.cni, {
    kubeProxyModeSet: raw.kubeProxy?.mode !== undefined || raw.kubeProxy?.ipvsScheduler !== undefined,
    customNetworking: cn !== undefined,
    at: `${NS}:cni`, kubeProxyAt: `${NS}:kubeProxy`, customNetworkingAt,
  });
  if (cn === undefined) return issues;
  const poolAzs = [...new Set(c.pools.flatMap((p) => p.args.availabilityZones ?? c.availabilityZones))];
  const ctx = {
    vpcCidr: c.network.kind === "create" ? c.network.vpcCidr : undefined,
    serviceCidr: c.controlPlane.serviceIpv4Cidr ?? CONTROL_PLANE_DEFAULTS.serviceIpv4Cidr,
    poolAzs,
  };
  return [...issues, ...validateCustomNetworking(cn, ctx, customNetworkingAt)];
}
