/**
 * The sysctls the kubelet checks at start-up (`setupKernelTunables`), with the value it expects, as data
 * (`data/kubelet-kernel-tunables.json`, whose `source` names the kubernetes files and commits). With
 * `protectKernelDefaults: true` the kubelet refuses to start when one differs; with `false` it writes its own value over
 * the node's.
 */
import raw from "./data/kubelet-kernel-tunables.json";
import { dataReader } from "../core";

const { num, record } = dataReader("kubelet kernel tunables");
const tunables = record(raw.tunables, "tunables");

/** Sysctl name (dotted) → the value the kubelet expects. */
export const KUBELET_KERNEL_TUNABLES: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(tunables).map(([k, v]) => [k, num(v, `tunables.${k}`)]),
);

/** Where the kubelet's check and its values are read (repo, path, commit). */
export const KUBELET_KERNEL_TUNABLES_SOURCE: string = `${raw.source.kubelet.repo} ${raw.source.kubelet.path} (setupKernelTunables) @ ${raw.source.kubelet.commit.slice(0, 12)}`;

/** The value the kubelet expects for `name`, when it checks that sysctl. */
export const kubeletKernelTunable = (name: string): number | undefined =>
  Object.prototype.hasOwnProperty.call(KUBELET_KERNEL_TUNABLES, name) ? KUBELET_KERNEL_TUNABLES[name] : undefined;
