/**
 * AL2023: a shell-script part that formats (XFS, only a blank volume) and mounts a pool's extra EBS volumes before
 * the kubelet starts (cloud-init runs it before `nodeadm-run.service`, which waits for `cloud-final.service`), with an
 * `/etc/fstab` entry so the mount returns after a reboot (auto-repair's `Reboot` action too). On Nitro instances EBS
 * volumes appear as NVMe namespaces under other names, so each volume is found by its block device mapping: the
 * device itself (Xen), the udev link amazon-ec2-utils makes for it, or the NVMe controller's vendor-specific field
 * (`ebsnvme-id -b`, else bytes 3072-3103 of `nvme id-ctrl --raw-binary`). Names and paths are checked against strict
 * alphabets and single-quoted. Pure.
 */
import type { MimePart } from "../core";

/** One volume to mount: its block device mapping name and the directory. */
export interface VolumeMount {
  /** `/dev/sd[b-z]` or `/dev/xvd[b-z]`. */
  readonly deviceName: string;
  /** Absolute directory, e.g. `/var/lib/containerd`. */
  readonly mountPath: string;
}

const SAFE_DEVICE = /^\/dev\/(sd|xvd)[b-z]$/;
const SAFE_PATH = /^(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/;

/** Seconds the script waits for a volume to appear before it fails (and with it the node's boot script). */
export const VOLUME_WAIT_SECONDS = 120;

const FUNCTIONS = [
  "# The short EC2 name of a mapping: /dev/xvdb and /dev/sdb name the same device.",
  'short_name() { local n="${1#/dev/}"; echo "${n/#xvd/sd}"; }',
  "# The block device of the EBS volume mapped as $1: the device or its udev link, else the NVMe namespace naming it.",
  "find_ebs_device() {",
  '  local want dev mapped',
  '  want="$(short_name "$1")"',
  '  if [ -b "$1" ]; then readlink -f "$1"; return 0; fi',
  "  for dev in /dev/nvme[0-9]*n1; do",
  '    [ -b "$dev" ] || continue',
  '    mapped="$(ebsnvme-id -b "$dev" 2>/dev/null || nvme id-ctrl --raw-binary "$dev" 2>/dev/null | dd bs=1 skip=3072 count=32 2>/dev/null | tr -d "\\0 " || true)"',
  '    if [ -n "$mapped" ] && [ "$(short_name "$mapped")" = "$want" ]; then echo "$dev"; return 0; fi',
  "  done",
  "  return 1",
  "}",
  "mount_volume() {",
  '  local device="$1" target="$2" dev="" formatted="" scratch uuid i',
  `  for i in $(seq 1 ${VOLUME_WAIT_SECONDS / 2}); do dev="$(find_ebs_device "$device" || true)"; [ -n "$dev" ] && break; sleep 2; done`,
  `  if [ -z "$dev" ]; then echo "workerpools: no EBS volume attached as $device after ${VOLUME_WAIT_SECONDS}s" >&2; return 1; fi`,
  '  if mountpoint -q "$target"; then return 0; fi',
  '  if ! blkid -p "$dev" >/dev/null 2>&1; then mkfs.xfs -q "$dev"; formatted=1; fi',
  '  mkdir -p "$target"',
  '  if [ -n "$formatted" ]; then',
  '    scratch="$(mktemp -d)"; mount "$dev" "$scratch"; cp -a "$target/." "$scratch/"; umount "$scratch"; rmdir "$scratch"',
  "  fi",
  '  uuid="$(blkid -s UUID -o value "$dev")"',
  '  echo "UUID=$uuid $target xfs defaults,nofail 0 2" >> /etc/fstab',
  '  mount "$target"',
  "}",
];

const quote = (s: string): string => `'${s}'`;

/** The script part, or none when no volume is mounted. Throws on a name or path outside the alphabets (validation refuses those first). */
export function renderAl2023VolumeMounts(mounts: readonly VolumeMount[]): MimePart | undefined {
  if (mounts.length === 0) return undefined;
  for (const m of mounts) {
    if (!SAFE_DEVICE.test(m.deviceName)) throw new Error(`unsafe device name: ${m.deviceName}`);
    if (!SAFE_PATH.test(m.mountPath) || m.mountPath.split("/").includes("..")) throw new Error(`unsafe mount path: ${m.mountPath}`);
  }
  const lines = [
    "#!/bin/bash",
    "# workerpools: format (XFS, only when blank) and mount the pool's extra EBS volumes before the kubelet starts.",
    "set -euo pipefail",
    ...FUNCTIONS,
    'restart=""',
    "if systemctl is-active --quiet containerd; then systemctl stop containerd; restart=1; fi",
    ...mounts.map((m) => `mount_volume ${quote(m.deviceName)} ${quote(m.mountPath)}`),
    'if [ -n "$restart" ]; then systemctl start containerd; fi',
  ];
  return { contentType: 'text/x-shellscript; charset="us-ascii"', body: `${lines.join("\n")}\n` };
}
