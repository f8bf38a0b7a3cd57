/** A pool's kubelet end to end (pure): derived values, layering, validation with config paths. */
import { resolveWorkerPoolArgs, WorkerPoolArgs } from "../components/worker-pool-args";
import { planPoolKubelet, planWorkerPool } from "../components/worker-pool-plan";
import { validateWorkerPool } from "../components/worker-pool-validate";
import { KubeletOptions } from "../components/kubelet-options";

const AT = "workerpools:pools[0]";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b", "c"].map((az) => ({ id: `subnet-${az}`, az }));

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
    ["maxPods above what the CNI can address", {}, { maxPods: 80, kubeReserved: { cpu: "70m", memory: "1Gi" } }, `${AT}.kubelet.maxPods`, /VPC CNI can address on the smallest instance type \(29\)/],
    ["reservations larger than the instance", {}, { kubeReserved: { cpu: "3", memory: "1Gi" } }, `${AT}.kubelet.kubeReserved.cpu`, /.+/],
    ["a low GC threshold above the high one", {}, { imageGCHighThresholdPercent: 70, imageGCLowThresholdPercent: 75 }, `${AT}.kubelet.imageGCLowThresholdPercent`, /below imageGCHighThresholdPercent \(70\)/],
    ["soft eviction without grace period", {}, { evictionSoft: { "memory.available": "500Mi" } }, `${AT}.kubelet.evictionSoftGracePeriod`, /memory.available/],
    ["parallel pulls with serial pulls", {}, { maxParallelImagePulls: 3, serializeImagePulls: true }, `${AT}.kubelet.maxParallelImagePulls`, /serializeImagePulls: false/],
    ["a Bottlerocket pool with an option Bottlerocket cannot set", { os: "BOTTLEROCKET" }, { extra: { nodeStatusReportFrequency: "5m" } }, `${AT}.kubelet.nodeStatusReportFrequency`, /Bottlerocket/],
    ["an unknown instance type without explicit maxPods", { instanceTypes: ["z9.huge"] }, {}, `${AT}.instanceTypes[0]`, /unknown instance type "z9.huge"/],
  ])("refuses %s", (_t, over, kubelet, path, message) => {
    const hit = errors(over, kubelet).find((i) => i.path === path);
    expect(hit?.message).toMatch(message);
  });

  it("accepts an unknown instance type when maxPods and kubeReserved are explicit (a warning)", () => {
    const issues = validateWorkerPool(pool({ instanceTypes: ["z9.huge"], architecture: "x86_64" }, { maxPods: 50, kubeReserved: { cpu: "100m", memory: "1Gi" } }), AT);
    expect(issues.filter((i) => (i.severity ?? "error") === "error")).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ path: `${AT}.instanceTypes[0]`, severity: "warning" })]);
  });

  it("accepts a hardening override with its reason, and emits it", () => {
    const args = pool({}, { hardeningOverrides: [{ field: "protectKernelDefaults", value: false, reason: "vendor agent tunes vm.overcommit_memory" }] });
    expect(errors({}, args.kubelet)).toEqual([]);
    const plan = planWorkerPool(args).kubelet;
    expect(plan.config.protectKernelDefaults).toBe(false);
    expect(plan.origin.protectKernelDefaults).toBe("override");
  });
});
