/** The effective kubelet configuration of a pool's nodes (components/kubelet/effective.ts): nodeadm's base, Bottlerocket's template. */
import {
  AMI_BASE_ORIGIN, BOTTLEROCKET_BUILT_IN_ORIGIN, KubeletOptions, effectiveKubelet, planKubeletConfig, validateKubeletConfig,
} from "../../components/kubelet";
import { nodeadmKubeletBase } from "../../components/facts";

const plan = (options: KubeletOptions = {}, derived: Record<string, unknown> = { maxPods: 29 }) =>
  planKubeletConfig(options, derived, { evictionHard: { "memory.available": "100Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%" } });
const al2023 = (version: string, options: KubeletOptions = {}) => effectiveKubelet({ os: "AL2023", kubernetesVersion: version, plan: plan(options) });
const bottlerocket = (options: KubeletOptions = {}) => effectiveKubelet({ os: "BOTTLEROCKET", kubernetesVersion: "1.35", plan: plan(options) });

describe("AL2023: nodeadm's base config.json, then our NodeConfig drop-in", () => {
  it("1.35 carries the base's graceful shutdown (2m30s / 30s) and other fields as ami-base", () => {
    const e = al2023("1.35");
    expect(e.config).toMatchObject({ shutdownGracePeriod: "2m30s", shutdownGracePeriodCriticalPods: "30s", cgroupDriver: "systemd", serializeImagePulls: false });
    expect(e.origin).toMatchObject({ shutdownGracePeriod: AMI_BASE_ORIGIN, shutdownGracePeriodCriticalPods: AMI_BASE_ORIGIN, featureGates: AMI_BASE_ORIGIN });
    expect(e.config).not.toHaveProperty("kind");
    expect(e.config).not.toHaveProperty("apiVersion");
  });

  it("1.33 has no shutdown fields in its base", () => {
    const e = al2023("1.33");
    expect(e.config).not.toHaveProperty("shutdownGracePeriod");
    expect(e.config.featureGates).toEqual(nodeadmKubeletBase("1.33").featureGates);
  });

  it("our scalar replaces the base's; the base keeps what we leave out", () => {
    const e = al2023("1.35", { shutdownGracePeriod: "60s" });
    expect(e.config).toMatchObject({ shutdownGracePeriod: "60s", shutdownGracePeriodCriticalPods: "30s" });
    expect(e.origin).toMatchObject({ shutdownGracePeriod: "configured", shutdownGracePeriodCriticalPods: AMI_BASE_ORIGIN });
  });

  it("merges our objects over the base's key by key and says so in the origin", () => {
    const e = al2023("1.35", { featureGates: { ProcMountType: false } });
    expect(e.config.authentication).toEqual({ anonymous: { enabled: false }, webhook: { enabled: true, cacheTTL: "2m0s" }, x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" } });
    expect(e.origin.authentication).toBe("hardened over ami-base");
    expect(e.config.featureGates).toMatchObject({ ProcMountType: false, RotateKubeletServerCertificate: true, DynamicResourceAllocation: true });
    expect(e.origin.featureGates).toBe("configured over ami-base");
    expect(e.origin.evictionHard).toBe("eks-default");
  });

  it("lists what nodeadm computes at boot and we do not set", () => {
    expect(al2023("1.35").computedAtBoot).toEqual(["clusterDNS", "kubeReserved", "providerID", "imageServiceEndpoint"]);
    const full = plan({}, { maxPods: 29, kubeReserved: { cpu: "70m", memory: "574Mi", "ephemeral-storage": "1Gi" } });
    expect(effectiveKubelet({ os: "AL2023", kubernetesVersion: "1.35", plan: full }).computedAtBoot).toEqual(["clusterDNS", "providerID", "imageServiceEndpoint"]);
  });

  it("is a valid KubeletConfiguration (the base fields are real fields)", () => {
    expect(validateKubeletConfig(al2023("1.35").config, "k")).toEqual([]);
  });

  it("uses no base for a version that is not 1.NN (refused elsewhere)", () => {
    const e = al2023("latest");
    expect(e.config).toEqual(plan().config);
    expect(e.computedAtBoot).toEqual([]);
  });
});

describe("Bottlerocket: what the template renders, nothing else", () => {
  it("shows Bottlerocket's fixed values as built-in and no rotateCertificates / makeIPTablesUtilChains", () => {
    const e = bottlerocket();
    expect(e.config).not.toHaveProperty("rotateCertificates");
    expect(e.config).not.toHaveProperty("makeIPTablesUtilChains");
    expect(e.notRendered.map((n) => n.field)).toEqual(expect.arrayContaining(["rotateCertificates", "makeIPTablesUtilChains"]));
    expect(e.origin).toMatchObject({ readOnlyPort: BOTTLEROCKET_BUILT_IN_ORIGIN, protectKernelDefaults: BOTTLEROCKET_BUILT_IN_ORIGIN, authentication: BOTTLEROCKET_BUILT_IN_ORIGIN });
    expect(e.config).toMatchObject({ maxPods: 29, eventRecordQPS: 50, readOnlyPort: 0, resolvConf: "/run/netdog/resolv.conf" });
    expect(e.origin).toMatchObject({ maxPods: "derived", eventRecordQPS: "hardened" });
    expect(e.config).not.toHaveProperty("shutdownGracePeriod");
  });

  it("renders systemReservedCgroup only with systemReserved, kubeReservedCgroup only without reserved CPUs", () => {
    expect(bottlerocket().config).not.toHaveProperty("systemReservedCgroup");
    expect(bottlerocket({ systemReserved: { cpu: "100m" } }).config).toMatchObject({ systemReservedCgroup: "/system", systemReserved: { cpu: "100m" } });
    const pinned = bottlerocket({ extra: { reservedSystemCPUs: "0-1" } }).config;
    expect(pinned).not.toHaveProperty("kubeReservedCgroup");
    expect(pinned).toMatchObject({ reservedSystemCPUs: "0-1" });
  });

  it("puts nested settings back at their kubelet path", () => {
    expect(bottlerocket({ extra: { memorySwap: { swapBehavior: "LimitedSwap" } } }).config.memorySwap).toEqual({ swapBehavior: "LimitedSwap" });
  });
});
