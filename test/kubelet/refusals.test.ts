/**
 * What the kubelet refuses at start-up, judged on the node's effective configuration (components/kubelet/refusals.ts),
 * and through a pool end to end (validateWorkerPool) with config paths.
 */
import { resolveWorkerPoolArgs, validateWorkerPool, WorkerPoolArgs } from "../../components/worker-pool";
import { KubeletOptions, validateAllowedUnsafeSysctls, validateFeatureGates } from "../../components/kubelet";

const AT = "workerpools:pools[0]";
const K = `${AT}.kubelet`;
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b", "c"].map((az) => ({ id: `subnet-${az}`, az }));
const issuesOf = (kubelet: KubeletOptions, over: Partial<WorkerPoolArgs> = {}) =>
  validateWorkerPool(resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over, kubelet }), AT)
    .filter((i) => i.path.startsWith(K));
const errorsOf = (kubelet: KubeletOptions, over: Partial<WorkerPoolArgs> = {}) => issuesOf(kubelet, over).filter((i) => (i.severity ?? "error") === "error");

describe("graceful shutdown on the effective configuration", () => {
  it.each(["20s", "0s"])("AL2023 1.35, shutdownGracePeriod %s alone: refused at shutdownGracePeriod (the base keeps critical 30s)", (d) => {
    const [issue, ...rest] = errorsOf({ shutdownGracePeriod: d });
    expect(rest).toEqual([]);
    expect(issue.path).toBe(`${K}.shutdownGracePeriod`);
    expect(issue.message).toMatch(/shorter than the shutdownGracePeriodCriticalPods 30s set by nodeadm's base kubelet config for Kubernetes 1\.35/);
    expect(issue.message).toMatch(/also set shutdownGracePeriodCriticalPods/);
    expect(issue.message).toMatch(/the kubelet refuses to start/);
  });

  it.each<[string, KubeletOptions, Partial<WorkerPoolArgs>]>([
    ["with the critical period set too", { shutdownGracePeriod: "20s", shutdownGracePeriodCriticalPods: "10s" }, {}],
    ["both off", { shutdownGracePeriod: "0s", shutdownGracePeriodCriticalPods: "0s" }, {}],
    ["on Kubernetes 1.33 (no shutdown in nodeadm's base)", { shutdownGracePeriod: "20s" }, { kubernetesVersion: "1.33" }],
    ["on Bottlerocket (not nodeadm)", { shutdownGracePeriod: "0s" }, { os: "BOTTLEROCKET" }],
  ])("accepts shutdownGracePeriod below 30s %s", (_t, kubelet, over) => {
    expect(errorsOf(kubelet, over)).toEqual([]);
  });

  it("a critical period above the base's total is refused at shutdownGracePeriodCriticalPods", () => {
    expect(errorsOf({ shutdownGracePeriodCriticalPods: "3m" })).toEqual([{ path: `${K}.shutdownGracePeriodCriticalPods`, message: expect.stringMatching(/longer than the shutdownGracePeriod 2m30s set by nodeadm's base/) }]);
  });

  it("both set, critical above total: refused at the critical period", () => {
    expect(errorsOf({ shutdownGracePeriod: "30s", shutdownGracePeriodCriticalPods: "60s" })).toEqual([{ path: `${K}.shutdownGracePeriodCriticalPods`, message: expect.stringMatching(/must not exceed shutdownGracePeriod \(30s\), got 60s/) }]);
  });

  it("refuses a period under one second, and a negative one once (the schema's)", () => {
    expect(errorsOf({ shutdownGracePeriod: "500ms", shutdownGracePeriodCriticalPods: "0s" })).toEqual([{ path: `${K}.shutdownGracePeriod`, message: expect.stringMatching(/under one second/) }]);
    expect(errorsOf({ shutdownGracePeriod: "-30s" })).toEqual([{ path: `${K}.shutdownGracePeriod`, message: expect.stringMatching(/must not be negative/) }]);
  });

  it("with GracefulNodeShutdown off, nodeadm's base periods make the kubelet refuse to start", () => {
    const issues = errorsOf({ featureGates: { GracefulNodeShutdown: false } });
    expect(issues.map((i) => i.path)).toContain(`${K}.featureGates.GracefulNodeShutdown`);
    expect(issues.map((i) => i.message).join("\n")).toMatch(/requires feature gate GracefulNodeShutdown/);
    expect(errorsOf({ featureGates: { GracefulNodeShutdown: false } }, { kubernetesVersion: "1.33" })).toEqual([]);
  });
});

describe("negative quantities through a pool", () => {
  it.each<[KubeletOptions, string]>([
    [{ evictionHard: { "memory.available": "-5Mi" } }, `${K}.evictionHard.memory.available`],
    [{ containerLogMaxSize: "-1Mi" }, `${K}.containerLogMaxSize`],
    [{ kubeReserved: { cpu: "-100m", memory: "1Gi" } }, `${K}.kubeReserved.cpu`],
    [{ systemReserved: { memory: "-1Gi" } }, `${K}.systemReserved.memory`],
  ])("refuses %j once, at its path", (kubelet, path) => {
    expect(errorsOf(kubelet)).toEqual([{ path, message: expect.stringMatching(/must not be negative/) }]);
  });
});

describe("allowedUnsafeSysctls", () => {
  it.each([
    ["vm.max_map_count", /"vm.max_map_count" are not known to be namespaced/],
    ["fs.inotify.*", /"fs.inotify." are not known to be namespaced/],
    ["fs.inotify.max_user_watches", /not known to be namespaced/],
    ["kernel.hostname", /not known to be namespaced/],
    ["not a sysctl", /must have at most 253 characters and match regex/],
  ])("refuses %s with the kubelet's reason", (entry, reason) => {
    const [issue, ...rest] = validateAllowedUnsafeSysctls(["net.core.somaxconn", entry], "k");
    expect(rest).toEqual([]);
    expect(issue.path).toBe("k.allowedUnsafeSysctls[1]");
    expect(issue.message).toMatch(reason);
    expect(issue.message).toMatch(/the kubelet refuses to start/);
  });

  it("accepts namespaced sysctls and patterns", () => {
    expect(validateAllowedUnsafeSysctls(["net.core.somaxconn", "net.ipv4.tcp_*", "kernel.shm*", "kernel.msgmax", "fs.mqueue.msg_max", "net/ipv4/ip_forward"], "k")).toEqual([]);
  });

  it("is checked through a pool, at the entry's index", () => {
    expect(errorsOf({ allowedUnsafeSysctls: ["net.core.somaxconn", "vm.max_map_count"] }).map((i) => i.path)).toEqual([`${K}.allowedUnsafeSysctls[1]`]);
  });
});

describe("featureGates per Kubernetes version", () => {
  const gates = (own: Record<string, unknown>, version: string, effective: Record<string, unknown> = own) => validateFeatureGates(own, effective, version, "k");

  it("refuses an unknown gate on 1.35 and 1.34, with the nearest name", () => {
    for (const v of ["1.35", "1.34"]) {
      const [issue] = gates({ InPlacePodVerticalScalng: true }, v);
      expect(issue).toEqual({ path: "k.featureGates.InPlacePodVerticalScalng", message: expect.stringMatching(/"unrecognized feature gate: InPlacePodVerticalScalng"\) \(did you mean "InPlacePodVerticalScaling"\?\)/) });
    }
  });

  it("refuses a GA gate locked to its default set the other way, in the kubelet's words", () => {
    expect(gates({ InPlacePodVerticalScaling: false }, "1.35")).toEqual([{
      path: "k.featureGates.InPlacePodVerticalScaling",
      message: expect.stringMatching(/"cannot set feature gate InPlacePodVerticalScaling to false, feature is locked to true"; remove it/),
    }]);
    expect(gates({ InPlacePodVerticalScaling: false }, "1.34")).toEqual([]);
    expect(gates({ InPlacePodVerticalScaling: true }, "1.35")).toEqual([]);
  });

  it("refuses a gate that does not exist yet at the pool's version", () => {
    expect(gates({ CRDObservedGenerationTracking: true }, "1.33")).toEqual([{ path: "k.featureGates.CRDObservedGenerationTracking", message: expect.stringMatching(/does not exist yet in Kubernetes 1\.33/) }]);
  });

  it("warns (does not refuse) on a name it cannot judge: below 1.34 and above 1.35", () => {
    for (const v of ["1.30", "1.36"]) {
      expect(gates({ NoSuchGate: true }, v)).toEqual([expect.objectContaining({ path: "k.featureGates.NoSuchGate", severity: "warning" })]);
    }
  });

  it("still refuses a gate locked in 1.35 set against its default above 1.35 (locked or removed: refused either way)", () => {
    expect(gates({ InPlacePodVerticalScaling: false }, "1.36")).toEqual([expect.objectContaining({ path: "k.featureGates.InPlacePodVerticalScaling" })]);
    expect(gates({ InPlacePodVerticalScaling: false }, "1.36")[0].severity).toBeUndefined();
  });

  it("refuses (1.35) an enabled gate whose dependency is disabled, at the gate the user set", () => {
    expect(gates({ ProcMountType: true, UserNamespacesSupport: false }, "1.35")).toEqual([expect.objectContaining({ path: "k.featureGates.ProcMountType", message: expect.stringMatching(/ProcMountType is enabled, but depends on features that are disabled: \[UserNamespacesSupport\]/) })]);
    expect(gates({ UserNamespacesSupport: false }, "1.35")).toEqual([expect.objectContaining({ path: "k.featureGates.UserNamespacesSupport", message: expect.stringMatching(/ProcMountType is enabled/) })]);
    expect(gates({ UserNamespacesSupport: false, ProcMountType: false, UserNamespacesHostNetworkSupport: false }, "1.35")).toEqual([]);
    expect(gates({ UserNamespacesSupport: false }, "1.34")).toEqual([]);
  });

  it("is checked through a pool, for the pool's version", () => {
    expect(errorsOf({ featureGates: { NoSuchGate: true } }).map((i) => i.path)).toEqual([`${K}.featureGates.NoSuchGate`]);
    expect(errorsOf({ featureGates: { NoSuchGate: true } }, { kubernetesVersion: "1.32" })).toEqual([]);
    expect(issuesOf({ featureGates: { NoSuchGate: true } }, { kubernetesVersion: "1.32" })).toEqual([expect.objectContaining({ severity: "warning" })]);
  });

  it("extra.featureGates is refused as a typed option", () => {
    expect(errorsOf({ extra: { featureGates: { NoSuchGate: true } } })).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: `${K}.extra.featureGates`, message: expect.stringMatching(/typed option; set kubelet.featureGates/) }),
    ]));
  });
});
