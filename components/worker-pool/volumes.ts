/**
 * Validation of a pool's further EBS volumes (`extraVolumes`; their block devices and mounts are planned in plan.ts).
 * Device names and mount paths are checked against strict alphabets here, because the mount
 * script (components/userdata volume-mounts.ts) carries them. Pure.
 */
import { ConfigIssue } from "../core";
import type { OperatingSystem, ResolvedWorkerPoolArgs } from "./args";
import { validateEbsVolume } from "./limits";

/** Device names an extra volume may take (EC2's names for EBS volumes on Linux: `/dev/sd[b-z]`, `/dev/xvd[b-z]`). */
export const EXTRA_VOLUME_DEVICE = /^\/dev\/(sd|xvd)[a-z]$/;

/**
 * The devices the OS's own volumes take: AL2023 boots from `/dev/xvda`; Bottlerocket boots from `/dev/xvda` and keeps
 * containerd, the kubelet and host containers on its data volume `/dev/xvdb` (sized by `rootVolume`).
 */
export const reservedDevices = (os: OperatingSystem): readonly string[] => (os === "BOTTLEROCKET" ? ["/dev/xvda", "/dev/xvdb"] : ["/dev/xvda"]);

/** The kernel names `/dev/sdX` and `/dev/xvdX` alike: the letter is what must be distinct. */
const deviceLetter = (name: string): string => name.replace(/^\/dev\/(sd|xvd)/, "");

/** Directories an extra volume may be mounted on exactly, though they sit under the OS's own `/var`. */
export const NODE_STATE_MOUNT_PATHS = ["/var/lib/containerd", "/var/lib/kubelet"] as const;
/** The OS's own directories: a volume mounted on or under one of them would hide what the OS keeps there. */
const OS_DIRECTORIES = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/proc", "/root", "/run", "/sbin", "/sys", "/tmp", "/usr", "/var"];
const MOUNT_PATH = /^(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/;

const within = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

function validateMountPath(path: string, at: string): ConfigIssue[] {
  if (!MOUNT_PATH.test(path) || path.split("/").some((s) => s === "..")) {
    return [{ path: at, message: `must be an absolute path of letters, digits and . _ - (no trailing /, no ..), got ${JSON.stringify(path)}` }];
  }
  if ((NODE_STATE_MOUNT_PATHS as readonly string[]).includes(path)) return [];
  const os = OS_DIRECTORIES.find((d) => within(path, d));
  if (os !== undefined) {
    return [{ path: at, message: `${path} is on or under the OS's own ${os}; use ${NODE_STATE_MOUNT_PATHS.join(" or ")}, or a path outside ${OS_DIRECTORIES.join(", ")} (e.g. /mnt/data)` }];
  }
  return [];
}

function validateDevice(a: ResolvedWorkerPoolArgs, name: string, at: string): ConfigIssue[] {
  if (!EXTRA_VOLUME_DEVICE.test(name)) return [{ path: at, message: `must be /dev/sd[b-z] or /dev/xvd[b-z] (an EC2 device name for an EBS volume; a is the root), got ${JSON.stringify(name)}` }];
  const reserved = reservedDevices(a.os).find((d) => deviceLetter(d) === deviceLetter(name));
  if (reserved === undefined) return [];
  const what = reserved === "/dev/xvda" ? "the root volume" : "Bottlerocket's data volume (size it with rootVolume.sizeGiB)";
  return [{ path: at, message: `${name} is ${reserved === name ? "" : `the same device as ${reserved}, `}${what}; use another letter, e.g. /dev/xvd${a.os === "BOTTLEROCKET" ? "c" : "b"}` }];
}

/** Every problem of the pool's `extraVolumes`; `at` is the pool's path. */
export function validateExtraVolumes(a: ResolvedWorkerPoolArgs, at: string, region?: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  a.extraVolumes.forEach((v, i) => {
    const vAt = `${at}.extraVolumes[${i}]`;
    issues.push(...validateEbsVolume(v, vAt, undefined, region), ...validateDevice(a, v.deviceName, `${vAt}.deviceName`));
    const twin = a.extraVolumes.findIndex((o) => deviceLetter(o.deviceName) === deviceLetter(v.deviceName));
    if (twin !== i) issues.push({ path: `${vAt}.deviceName`, message: `${v.deviceName} is the same device as extraVolumes[${twin}] (${a.extraVolumes[twin].deviceName})` });
    if (v.mountPath === undefined) return;
    if (a.os === "BOTTLEROCKET") {
      issues.push({ path: `${vAt}.mountPath`, message: "Bottlerocket mounts no extra volume from user data (its containerd and kubelet state lives on its data volume /dev/xvdb, sized by rootVolume.sizeGiB); leave mountPath out to attach the volume unformatted, for a CSI driver or your own bootstrap container" });
      return;
    }
    issues.push(...validateMountPath(v.mountPath, `${vAt}.mountPath`));
    const clash = a.extraVolumes.findIndex((o, j) => j !== i && o.mountPath !== undefined && (within(v.mountPath ?? "", o.mountPath) || within(o.mountPath, v.mountPath ?? "")));
    if (clash >= 0 && clash < i) issues.push({ path: `${vAt}.mountPath`, message: `${v.mountPath} overlaps extraVolumes[${clash}].mountPath (${a.extraVolumes[clash].mountPath}); give each volume its own directory, neither inside the other` });
  });
  return issues;
}
