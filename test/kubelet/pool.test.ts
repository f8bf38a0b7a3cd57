/** A pool's kubelet end to end (pure): derived values, layering, validation with config paths. */
import * as path from "node:path";
import PostalMime from "postal-mime";
import * as YAML from "yaml";
import { parse as parseToml } from "smol-toml";
import {
  resolveWorkerPoolArgs, WorkerPoolArgs, planPoolKubelet, planWorkerPool, validateWorkerPool, renderPoolUserData,
} from "../../components/worker-pool";
import { KubeletOptions, splitForBottlerocket } from "../../components/kubelet";
import { formatIssue } from "../../components/core";
import { loadStackConfig } from "../../infra/config";
import { placeholderCluster, poolArgs } from "../../infra/component-args";
import { readStackFile } from "../../tools/plan";

const AT = "workerpools:pools[0]";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b", "c"].map((az) => ({ id: `subnet-${az}`, az }));
const NODE_CLUSTER = { name: "c", apiServerEndpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };

function pool(over: Partial<WorkerPoolArgs> = {}, kubelet: KubeletOptions = {}) {
  return resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over, kubelet });
}
const errors = (over: Partial<WorkerPoolArgs>, kubelet: KubeletOptions = {}) =>
  validateWorkerPool(pool(over, kubelet), AT).filter((i) => (i.severity ?? "error") === "error");

describe("derived kubelet values", () => {
  it("m6i.large: 29 pods (ENI formula), kubeReserved 70m / 574Mi / 1Gi as the EKS AMI computes", () => {
    const k = planPoolKubelet(pool(), AT);
    expect(k.plan.config).toMatchObject({ maxPods: 29, kubeReserved: { cpu: "70m", memory: "574Mi", "ephemeral-storage": "1Gi" } });
    expect(k.plan.origin.maxPods).toBe("derived");
    expect(k.derivations.find((d) => d.field === "maxPods")?.formula).toMatch(/3 × \(10 − 1\) \+ 2 = 29/);
  });

  it("with prefix delegation: the managed node group cap (110 below 30 vCPUs), memory reservation following it", () => {
    const k = planPoolKubelet(pool({ prefixDelegation: true }), AT);
    expect(k.plan.config).toMatchObject({ maxPods: 110, kubeReserved: { memory: `${11 * 110 + 255}Mi` } });
  });

  it("takes the smallest max pods over the pool's types, and the CPU reservation of the largest", () => {
    const k = planPoolKubelet(pool({ instanceTypes: ["m6i.xlarge", "m6i.large"] }), AT);
    expect(k.plan.config.maxPods).toBe(29);
    expect(k.plan.config.kubeReserved).toMatchObject({ cpu: "80m" });
  });

  it("keeps given values and derives nothing for them", () => {
    const k = planPoolKubelet(pool({}, { maxPods: 20, kubeReserved: { cpu: "100m", memory: "600Mi" } }), AT);
    expect(k.plan.config).toMatchObject({ maxPods: 20, kubeReserved: { cpu: "100m", memory: "600Mi" } });
    expect(k.derivations).toEqual([]);
  });

  it("derives imageGCLowThresholdPercent = high − 5 when only a high threshold at or below the kubelet's default low (80) is given", () => {
    const k = planPoolKubelet(pool({}, { imageGCHighThresholdPercent: 80 }), AT);
    expect(k.plan.config).toMatchObject({ imageGCHighThresholdPercent: 80, imageGCLowThresholdPercent: 75 });
    expect(k.plan.origin.imageGCLowThresholdPercent).toBe("derived");
    expect(k.derivations.find((d) => d.field === "imageGCLowThresholdPercent")?.formula).toMatch(/max\(0, 80 − 5\) = 75/);
    expect(planPoolKubelet(pool({}, { imageGCHighThresholdPercent: 3 }), AT).plan.config.imageGCLowThresholdPercent).toBe(0);
  });

  it.each<[string, KubeletOptions]>([
    ["a high threshold above the default low", { imageGCHighThresholdPercent: 90 }],
    ["a given low threshold", { imageGCHighThresholdPercent: 70, imageGCLowThresholdPercent: 50 }],
    ["a low threshold alone", { imageGCLowThresholdPercent: 60 }],
    ["a zero high threshold (refused instead)", { imageGCHighThresholdPercent: 0 }],
  ])("derives no low threshold for %s", (_t, kubelet) => {
    const k = planPoolKubelet(pool({}, kubelet), AT);
    expect(k.plan.config.imageGCLowThresholdPercent).toBe(kubelet.imageGCLowThresholdPercent);
    expect(k.derivations.map((d) => d.field)).not.toContain("imageGCLowThresholdPercent");
  });

  it("keeps the EKS evictionHard signals a partial evictionHard leaves out", () => {
    const k = planPoolKubelet(pool({}, { evictionHard: { "memory.available": "300Mi" } }), AT);
    expect(k.plan.config.evictionHard).toEqual({ "memory.available": "300Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%" });
  });
});

describe("node preparation", () => {
  it("needs nothing in iptables mode; IPVS mode loads the IPVS modules on both OSes", () => {
    expect(planWorkerPool(pool()).preparation).toEqual({ kernelModules: [] });
    const ipvs = planWorkerPool(pool({ kubeProxy: { mode: "ipvs", ipvsScheduler: "lc" } })).preparation.kernelModules;
    expect(ipvs).toEqual(expect.arrayContaining(["ip_vs", "ip_vs_lc", "nf_conntrack"]));
    expect(planWorkerPool(pool({ os: "BOTTLEROCKET", kubeProxy: { mode: "ipvs" } })).preparation.kernelModules).toContain("ip_vs_rr");
  });
});

describe("kubelet validation, with config paths", () => {
  it.each<[string, Partial<WorkerPoolArgs>, KubeletOptions, string, RegExp]>([
    ["an unknown extra key, with a suggestion", {}, { extra: { maxPod: 3 } }, `${AT}.kubelet.extra.maxPod`, /maxPods/],
    ["a wrong type in extra", {}, { extra: { nodeStatusUpdateFrequency: 10 } }, `${AT}.kubelet.extra.nodeStatusUpdateFrequency`, /duration/],
    ["a hardened field through extra", {}, { extra: { readOnlyPort: 10255 } }, `${AT}.kubelet.extra.readOnlyPort`, /hardeningOverrides/],
    ["an override of a field that is not hardened", {}, { hardeningOverrides: [{ field: "maxPods", value: 3, reason: "x" }] }, `${AT}.kubelet.hardeningOverrides[0].field`, /not a hardened default/],
    ["reservations larger than the instance", {}, { kubeReserved: { cpu: "3", memory: "1Gi" } }, `${AT}.kubelet.kubeReserved.cpu`, /.+/],
    ["a low GC threshold above the high one", {}, { imageGCHighThresholdPercent: 70, imageGCLowThresholdPercent: 75 }, `${AT}.kubelet.imageGCLowThresholdPercent`, /below imageGCHighThresholdPercent \(70\)/],
    ["a low GC threshold alone, not below the kubelet's default high", {}, { imageGCLowThresholdPercent: 85 }, `${AT}.kubelet.imageGCLowThresholdPercent`, /default imageGCHighThresholdPercent \(85\)/],
    ["a zero high GC threshold alone", {}, { imageGCHighThresholdPercent: 0 }, `${AT}.kubelet.imageGCHighThresholdPercent`, /default imageGCLowThresholdPercent \(80\)/],
    ["an unknown eviction signal, with the nearest one", {}, { evictionHard: { "memory.availabe": "300Mi" } }, `${AT}.kubelet.evictionHard.memory.availabe`, /did you mean "memory.available"/],
    ["an eviction signal the kubelet declares but refuses", {}, { evictionSoft: { "swap.available": "1Gi" }, evictionSoftGracePeriod: { "swap.available": "1m" } }, `${AT}.kubelet.evictionSoft.swap.available`, /unknown key "swap.available"/],
    ["an unknown grace period signal", {}, { evictionSoft: { "memory.available": "1Gi" }, evictionSoftGracePeriod: { "memory.available": "1m", disk: "1m" } }, `${AT}.kubelet.evictionSoftGracePeriod.disk`, /valid: memory.available, allocatableMemory.available/],
    ["an unknown evictionMinimumReclaim signal", {}, { extra: { evictionMinimumReclaim: { "nodefs.avail": "1Gi" } } }, `${AT}.kubelet.extra.evictionMinimumReclaim.nodefs.avail`, /did you mean "nodefs.available"/],
    ["a resource the kubelet cannot reserve", {}, { kubeReserved: { cpu: "70m", memory: "1Gi", storage: "1Gi" } }, `${AT}.kubelet.kubeReserved.storage`, /valid: cpu, memory, ephemeral-storage, pid/],
    ["a misspelt system reservation", {}, { systemReserved: { memroy: "100Mi" } }, `${AT}.kubelet.systemReserved.memroy`, /did you mean "memory"/],
    ["a Bottlerocket memoryManagerPolicy without reservedMemory", { os: "BOTTLEROCKET" }, { extra: { memoryManagerPolicy: "Static" } }, `${AT}.kubelet.memoryManagerPolicy`, /only together with reservedMemory/],
    ["a Bottlerocket hugepages reservation", { os: "BOTTLEROCKET" }, { extra: { memoryManagerPolicy: "Static", reservedMemory: [{ numaNode: 0, limits: { memory: "1Gi", "hugepages-2Mi": "1Gi" } }] } }, `${AT}.kubelet.reservedMemory[0].limits.hugepages-2Mi`, /only the memory limit/],
    ["a Bottlerocket value its template leaves out", { os: "BOTTLEROCKET" }, { extra: { singleProcessOOMKill: false } }, `${AT}.kubelet.singleProcessOOMKill`, /leaves settings.kubernetes.single-process-oom-kill out/],
    ["soft eviction without grace period", {}, { evictionSoft: { "memory.available": "500Mi" } }, `${AT}.kubelet.evictionSoftGracePeriod`, /memory.available/],
    ["parallel pulls with serial pulls", {}, { maxParallelImagePulls: 3, serializeImagePulls: true }, `${AT}.kubelet.maxParallelImagePulls`, /serializeImagePulls: false/],
    ["a Bottlerocket pool with an option Bottlerocket cannot set", { os: "BOTTLEROCKET" }, { extra: { nodeStatusReportFrequency: "5m" } }, `${AT}.kubelet.nodeStatusReportFrequency`, /Bottlerocket/],
    ["an unknown instance type without explicit maxPods", { instanceTypes: ["z9.huge"] }, {}, `${AT}.instanceTypes[0]`, /unknown instance type "z9.huge"/],
  ])("refuses %s", (_t, over, kubelet, path, message) => {
    const hit = errors(over, kubelet).find((i) => i.path === path);
    expect(hit?.message).toMatch(message);
  });

  it("accepts an unknown instance type when maxPods, kubeReserved and the accelerator are explicit (a warning)", () => {
    const issues = validateWorkerPool(pool({ instanceTypes: ["z9.huge"], architecture: "x86_64", accelerator: "none" }, { maxPods: 50, kubeReserved: { cpu: "100m", memory: "1Gi" } }), AT);
    expect(issues.filter((i) => (i.severity ?? "error") === "error")).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ path: `${AT}.instanceTypes[0]`, severity: "warning" })]);
  });

  it("accepts maxPods above what the CNI can address (legal: pods past the IPs wait; policy EKS-KUBELET-008 judges it)", () => {
    expect(errors({}, { maxPods: 80, kubeReserved: { cpu: "70m", memory: "1Gi" } })).toEqual([]);
  });

  it("checks featureGates names for the pool's Kubernetes version", () => {
    expect(errors({}, { featureGates: { NotARealGateYet: true } })).toEqual([expect.objectContaining({ path: `${AT}.kubelet.featureGates.NotARealGateYet` })]);
    expect(errors({}, { featureGates: { InPlacePodVerticalScaling: true } })).toEqual([]);
  });

  it("accepts a pid reservation and every signal the kubelet parses", () => {
    const signals = ["memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree", "pid.available"];
    const kubelet = { kubeReserved: { cpu: "70m", memory: "1Gi", pid: "1000" }, evictionHard: Object.fromEntries(signals.map((s) => [s, "5%"])) };
    expect(errors({}, kubelet)).toEqual([]);
  });

  it.each<[string, KubeletOptions, boolean]>([
    ["a nested field mapped to its own key (memorySwap.swapBehavior)", { extra: { memorySwap: { swapBehavior: "LimitedSwap" } } }, false],
    ["a nested field Bottlerocket has no key for", { extra: { memorySwap: { swapBehavior: "LimitedSwap" }, crashLoopBackOff: { maxContainerRestartPeriod: "1m" } } }, true],
    ["converted fields", { extra: { cpuManagerPolicyOptions: { "full-pcpus-only": "true" }, registerWithTaints: [{ key: "a", effect: "NoSchedule" }] }, cpuManagerPolicy: "static" }, false],
    ["fields the template drops", { extra: { singleProcessOOMKill: false, memoryManagerPolicy: "Static" }, evictionMaxPodGracePeriod: 0 }, true],
    ["a weakened hardened field", { hardeningOverrides: [{ field: "authorization", value: { mode: "AlwaysAllow" }, reason: "lab" }] }, true],
    ["only a high GC threshold", { imageGCHighThresholdPercent: 80 }, false],
  ])("Bottlerocket, %s: the pool validates only if the renderer drops nothing", (_t, kubelet, drops) => {
    const args = pool({ os: "BOTTLEROCKET" }, kubelet);
    const kubeletErrors = errors({ os: "BOTTLEROCKET" }, kubelet).filter((i) => i.path.startsWith(`${AT}.kubelet`));
    const k = planPoolKubelet(args, AT);
    const dropped = splitForBottlerocket(k.plan.config, k.plan.origin).unsupported;
    expect(dropped.length > 0).toBe(drops);
    expect(kubeletErrors.length > 0).toBe(drops);
    for (const d of dropped) expect(kubeletErrors.some((i) => i.path === `${AT}.kubelet.${d.field}` || `${AT}.kubelet.${d.field}`.startsWith(`${i.path}.`) || i.path.startsWith(`${AT}.kubelet.${d.field}.`))).toBe(true);
  });

  it("Bottlerocket: renders nested memorySwap.swapBehavior and the derived low GC threshold", () => {
    const args = pool({ os: "BOTTLEROCKET" }, { imageGCHighThresholdPercent: 80, extra: { memorySwap: { swapBehavior: "LimitedSwap" } } });
    expect(errors({ os: "BOTTLEROCKET" }, args.kubelet)).toEqual([]);
    const toml = parseToml(renderPoolUserData(args, planWorkerPool(args), NODE_CLUSTER));
    expect((toml.settings as Record<string, Record<string, unknown>>).kubernetes).toMatchObject({
      "memory-swap-behavior": "LimitedSwap", "image-gc-high-threshold-percent": 80, "image-gc-low-threshold-percent": 75,
    });
  });

  it("accepts a hardening override with its reason, and emits it", () => {
    const args = pool({}, { hardeningOverrides: [{ field: "protectKernelDefaults", value: false, reason: "vendor agent tunes vm.overcommit_memory" }] });
    expect(errors({}, args.kubelet)).toEqual([]);
    const plan = planWorkerPool(args).kubelet;
    expect(plan.config.protectKernelDefaults).toBe(false);
    expect(plan.origin.protectKernelDefaults).toBe("override");
  });
});

describe("the dev stack", () => {
  it("system pool: imageGCHighThresholdPercent 80 alone validates and its NodeConfig carries the derived low threshold 75", async () => {
    const loaded = loadStackConfig(readStackFile(path.resolve(__dirname, "../.."), "dev").values);
    if (!loaded.ok) throw new Error(loaded.errors.map(formatIssue).join("\n"));
    const system = loaded.config.pools.find((p) => p.name === "system");
    if (!system) throw new Error("dev stack has no system pool");
    expect(system.args.kubelet).toEqual({ imageGCHighThresholdPercent: 80 });
    const { cluster: placeholder, subnets: slots } = placeholderCluster(loaded.config);
    const args = resolveWorkerPoolArgs(poolArgs(loaded.config, system, placeholder, slots));
    const email = await PostalMime.parse(renderPoolUserData(args, planWorkerPool(args), NODE_CLUSTER));
    const part = email.attachments.find((a) => a.mimeType === "application/node.eks.aws");
    const text = typeof part?.content === "string" ? part.content : new TextDecoder().decode(part?.content);
    const doc: unknown = YAML.parse(text);
    expect(doc).toMatchObject({ spec: { kubelet: { config: { imageGCHighThresholdPercent: 80, imageGCLowThresholdPercent: 75 } } } });
  });
});
