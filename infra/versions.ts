/**
 * Versions and change freezes in the stack program: what the config asks for, what was deployed last,
 * and the config actually deployed once a freeze has held version and AMI changes back.
 */
import * as pulumi from "@pulumi/pulumi";
import { AmiSelection, validateImageId, validateReleaseVersion, WORKER_POOL_DEFAULTS } from "../components/worker-pool";
import { ADDON_CATALOG, ADDON_VERSION_RE, FREEZE_HELD_ADDONS } from "../components/addons";
import { FreezeDecision, VersionState, applyFreeze, parseVersionState } from "../components/patching";
import type { StackConfig } from "./stack-config";

/** Config namespace the offline plan uses to hand the program its baseline and clock. */
export const PLAN_NAMESPACE = "workerpools-plan";

/** Pinned addon versions of the config, by EKS addon name (`latest` resolves at deploy, so absent). */
function pinnedAddonVersions(config: StackConfig): Record<string, string> {
  return Object.fromEntries(ADDON_CATALOG.flatMap((row): [string, string][] => {
    const version = config.addons[row.key]?.version;
    return version !== undefined && version !== "latest" ? [[row.addon, version]] : [];
  }));
}

/**
 * The config's addons with these versions pinned: a freeze holds every addon whose catalog row says
 * `hold-version` at its deployed version. Only a real version is pinned; an offline stand-in is not one (and
 * `latest` already asks AWS).
 */
function withAddonVersions(config: StackConfig, versions: Readonly<Record<string, string>>): StackConfig["addons"] {
  return FREEZE_HELD_ADDONS.reduce((addons, row) => {
    const version = versions[row.addon];
    const options = addons[row.key];
    return { ...addons, [row.key]: version === undefined || !ADDON_VERSION_RE.test(version) ? options : { ...options, version } };
  }, config.addons);
}

/**
 * A pool's AMI "release" as the `versions` output records it: the pinned release, or a custom image's id (EKS reports
 * that as the node group's release too); undefined for the recommended channel (resolved at deploy).
 */
export function amiReleaseOf(ami: AmiSelection | undefined): string | undefined {
  if (ami?.channel === "pinned") return ami.releaseVersion;
  return ami?.channel === "custom" ? ami.imageId : undefined;
}

/** The versions the config asks for (recommended-channel releases and `latest` addons are resolved at deploy, so absent). */
export function desiredVersions(config: StackConfig): VersionState {
  const cp = config.controlPlane.kubernetesVersion;
  return {
    controlPlane: cp,
    addons: pinnedAddonVersions(config),
    pools: Object.fromEntries(config.pools.map((p) => {
      const release = amiReleaseOf(p.args.ami);
      return [p.name, { kubernetesVersion: p.args.kubernetesVersion ?? cp, ...(release ? { releaseVersion: release } : {}) }];
    })),
  };
}

/**
 * The AMI selection that deploys a held (or desired) release `rv`: a real release pinned, an image id as a custom image
 * (a freeze holds a new image id like a new release, and a switch between EKS's AMIs and an image of one's own), else the
 * config's (an offline stand-in is not a release, and holding the version already keeps the same SSM parameter).
 */
function amiFor(ami: AmiSelection | undefined, os: Parameters<typeof validateReleaseVersion>[0], rv: string | undefined, version: string): AmiSelection | undefined {
  if (rv !== undefined && validateImageId(rv, "").length === 0) return { channel: "custom", imageId: rv };
  if (rv !== undefined && validateReleaseVersion(os, rv, "", version).length === 0) return { channel: "pinned", releaseVersion: rv };
  // A pinned release dropped by the freeze: the recommended one of the held version. A custom image held back to
  // something that is neither (offline, the recommended channel's stand-in): EKS's recommended AMI, as deployed.
  if (ami?.channel === "pinned" && rv === undefined) return { channel: "recommended" };
  return ami?.channel === "custom" && rv !== undefined ? { channel: "recommended" } : ami;
}

/**
 * The config with the effective versions: control plane and pool Kubernetes versions, and a held AMI
 * release pinned or held image id kept ({@link amiFor}).
 */
export function withVersions(config: StackConfig, v: VersionState): StackConfig {
  const cp = v.controlPlane ?? config.controlPlane.kubernetesVersion;
  return {
    ...config,
    addons: withAddonVersions(config, v.addons ?? {}),
    controlPlane: { ...config.controlPlane, kubernetesVersion: cp },
    pools: config.pools.map((p) => {
      const pv = v.pools[p.name] ?? {};
      const version = pv.kubernetesVersion ?? p.args.kubernetesVersion;
      const os = p.args.os ?? WORKER_POOL_DEFAULTS.os;
      const ami = amiFor(p.args.ami, os, pv.releaseVersion, version ?? cp);
      return { ...p, args: { ...p.args, kubernetesVersion: version, ami } };
    }),
  };
}

/** `now` for freeze decisions: the plan's `--now`, else `WORKERPOOLS_NOW`, else the clock. */
export function planNow(): Date {
  const iso = new pulumi.Config(PLAN_NAMESPACE).get("now") ?? process.env.WORKERPOOLS_NOW;
  return iso ? new Date(iso) : new Date();
}

/**
 * What was deployed last: the offline plan passes its baseline (or `null`) as config; a real deploy reads
 * this stack's own previous `versions` output through a StackReference to itself, on every deploy (downgrades are
 * refused and the control plane's creation AZs kept, not only inside a freeze window). Undefined on the first deploy.
 */
export async function readPreviousVersions(): Promise<VersionState | undefined> {
  const given = new pulumi.Config(PLAN_NAMESPACE).get("previousVersions");
  if (given !== undefined) return parseVersionState(JSON.parse(given));
  const self = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`);
  const details = await self.getOutputDetails("versions");
  return parseVersionState(details.value);
}

/**
 * Applies the freeze windows to the config, given what is deployed ({@link readPreviousVersions}); returns the config
 * to deploy and the decision (for logging). Outside a window nothing is held.
 */
export function freezeConfig(config: StackConfig, previous: VersionState | undefined): { config: StackConfig; decision: FreezeDecision } {
  const decision = applyFreeze(desiredVersions(config), previous, config.patching.freeze, planNow());
  return { config: withVersions(config, decision.effective), decision };
}
