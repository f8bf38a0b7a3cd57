/**
 * A pool's accelerator (pure): the class of each instance type from the shipped facts (Karpenter's generated
 * instance-type reference: g5.xlarge 1 NVIDIA A10G, g5g.xlarge 1 T4g, inf2.xlarge 1 Inferentia2 with 2 cores, g4ad AMD,
 * dl1 Habana, dl2q Qualcomm), the AMI type that follows, what one node offers, and every refusal with its path.
 */
import {
  WorkerPoolArgs, planAccelerator, resolveWorkerPoolArgs, typeAcceleration, validateWorkerPool,
} from "../../components/worker-pool";
import type { ConfigIssue } from "../../components/core";

const AT = "workerpools:pools[0]";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b", "c"].map((az) => ({ id: `subnet-${az}`, az }));
const pool = (over: Partial<WorkerPoolArgs>) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over });
const issues = (over: Partial<WorkerPoolArgs>): ConfigIssue[] => validateWorkerPool(pool(over), AT);
const errors = (over: Partial<WorkerPoolArgs>): ConfigIssue[] => issues(over).filter((i) => (i.severity ?? "error") === "error");
const warnings = (over: Partial<WorkerPoolArgs>): ConfigIssue[] => issues(over).filter((i) => i.severity === "warning");

describe("typeAcceleration", () => {
  it.each([
    ["g5.xlarge", "nvidia"], ["g5g.xlarge", "nvidia"], ["p5.48xlarge", "nvidia"], ["inf2.xlarge", "neuron"], ["trn1.32xlarge", "neuron"],
    ["m6i.large", "none"], ["g4ad.xlarge", "amd"], ["dl1.24xlarge", "habana"], ["dl2q.24xlarge", "other"], ["trn2.3xlarge", "unknown"],
  ])("%s: %s", (t, expected) => expect(typeAcceleration(t)).toBe(expected));
});

describe("planAccelerator", () => {
  it("a g5 pool on AL2023 (auto): the NVIDIA AMI, 1 A10G per node, no device plugin yet", () => {
    expect(planAccelerator(pool({ instanceTypes: ["g5.xlarge", "g5.2xlarge"] }))).toEqual({
      requested: "auto", kind: "nvidia", amiType: "AL2023_x86_64_NVIDIA", devicePlugin: "not-deployed",
      perNode: [
        { instanceType: "g5.xlarge", gpus: { count: 1, model: "a10g", memoryMiB: 22888, fractional: false } },
        { instanceType: "g5.2xlarge", gpus: { count: 1, model: "a10g", memoryMiB: 22888, fractional: false } },
      ],
    });
  });

  it("a g5g Bottlerocket arm64 pool: BOTTLEROCKET_ARM_64_NVIDIA, whose device plugin is built in", () => {
    expect(planAccelerator(pool({ os: "BOTTLEROCKET", architecture: "arm64", instanceTypes: ["g5g.xlarge"] }))).toMatchObject({
      kind: "nvidia", amiType: "BOTTLEROCKET_ARM_64_NVIDIA", devicePlugin: "built-in",
    });
  });

  it("Neuron pools: AL2023_x86_64_NEURON, and on Bottlerocket its standard variant; devices and cores per node", () => {
    const al = planAccelerator(pool({ instanceTypes: ["inf2.xlarge"] }));
    expect(al).toMatchObject({ kind: "neuron", amiType: "AL2023_x86_64_NEURON", perNode: [{ instanceType: "inf2.xlarge", neuron: { devices: 1, cores: 2, model: "inferentia2" } }] });
    expect(planAccelerator(pool({ os: "BOTTLEROCKET", instanceTypes: ["trn1.32xlarge"] }))).toMatchObject({
      kind: "neuron", amiType: "BOTTLEROCKET_x86_64", devicePlugin: "not-deployed", perNode: [{ neuron: { devices: 16, cores: 32 } }],
    });
  });

  it("counts 8 H100 on p5.48xlarge, and a fractional L4 on g6f.large", () => {
    expect(planAccelerator(pool({ instanceTypes: ["p5.48xlarge"] })).perNode).toEqual([
      { instanceType: "p5.48xlarge", gpus: { count: 8, model: "h100", memoryMiB: 8 * 81920, fractional: false } },
    ]);
    expect(planAccelerator(pool({ instanceTypes: ["g6f.large"] })).perNode[0].gpus).toEqual({ count: 0, model: "l4", memoryMiB: 2861, fractional: true });
  });

  it("a CPU pool keeps the standard AMI and lists no devices", () => {
    expect(planAccelerator(pool({}))).toEqual({ requested: "auto", kind: "none", amiType: "AL2023_x86_64_STANDARD", devicePlugin: "none", perNode: [] });
  });

  it("an explicit accelerator on a type the facts do not cover is taken as given", () => {
    expect(planAccelerator(pool({ instanceTypes: ["trn2.3xlarge"], accelerator: "neuron" }))).toMatchObject({ kind: "neuron", amiType: "AL2023_x86_64_NEURON", perNode: [] });
  });
});

describe("accelerator validation", () => {
  it("accepts a g5 pool, with only the device-plugin warning", () => {
    expect(errors({ instanceTypes: ["g5.xlarge", "g5.2xlarge"] })).toEqual([]);
    expect(warnings({ instanceTypes: ["g5.xlarge"] })).toEqual([
      { path: `${AT}.accelerator`, severity: "warning", message: expect.stringMatching(/^nvidia pool on AL2023_x86_64_NVIDIA: the platform does not deploy a device plugin \(addons nvidiaDevicePlugin.enabled is false\); install NVIDIA's k8s-device-plugin yourself, or nodes advertise no nvidia\.com\/gpu$/) },
    ]);
  });

  it("does not warn an AL2023 NVIDIA pool the platform's NVIDIA device plugin covers; Bottlerocket keeps its built-in one", () => {
    const nvidia = { devicePlugins: { nvidia: true } };
    expect(warnings({ instanceTypes: ["g5.xlarge"], ...nvidia })).toEqual([]);
    expect(planAccelerator(pool({ instanceTypes: ["g5.xlarge"], ...nvidia })).devicePlugin).toBe("platform");
    expect(planAccelerator(pool({ os: "BOTTLEROCKET", architecture: "arm64", instanceTypes: ["g5g.xlarge"], ...nvidia })).devicePlugin).toBe("built-in");
    // The NVIDIA plugin does nothing for Neuron: that warning stays.
    expect(warnings({ instanceTypes: ["inf2.xlarge"], ...nvidia })).toEqual([
      { path: `${AT}.accelerator`, severity: "warning", message: expect.stringContaining("(addons neuronDevicePlugin.enabled is false); install AWS Neuron's device plugin (neuron-helm-chart) yourself, or nodes advertise no aws.amazon.com/neuron") },
    ]);
  });

  it("the Neuron device plugin covers Neuron pools on AL2023 and on Bottlerocket (whose standard variant ships none)", () => {
    const neuron = { devicePlugins: { neuron: true } };
    expect(warnings({ instanceTypes: ["inf2.xlarge"], ...neuron })).toEqual([]);
    expect(planAccelerator(pool({ instanceTypes: ["trn1.2xlarge"], ...neuron }))).toMatchObject({ kind: "neuron", amiType: "AL2023_x86_64_NEURON", devicePlugin: "platform" });
    expect(planAccelerator(pool({ os: "BOTTLEROCKET", instanceTypes: ["inf2.xlarge"], ...neuron }))).toMatchObject({ amiType: "BOTTLEROCKET_x86_64", devicePlugin: "platform" });
    expect(planAccelerator(pool({ instanceTypes: ["g5.xlarge"], ...neuron })).devicePlugin).toBe("not-deployed");
  });

  it("does not warn for Bottlerocket NVIDIA (its device plugin is built in), nor for CPU pools", () => {
    expect(warnings({ os: "BOTTLEROCKET", architecture: "arm64", instanceTypes: ["g5g.xlarge"] })).toEqual([]);
    expect(warnings({})).toEqual([]);
  });

  it("warns a Bottlerocket Neuron pool about the device plugin when it is off, and about the device-ownership setting", () => {
    expect(warnings({ os: "BOTTLEROCKET", instanceTypes: ["inf2.xlarge"] }).map((w) => w.message)).toEqual([
      expect.stringMatching(/^neuron pool on BOTTLEROCKET_x86_64: the platform does not deploy a device plugin \(addons neuronDevicePlugin\.enabled is false\)/),
      expect.stringMatching(/device-ownership-from-security-context/),
    ]);
    expect(warnings({ os: "BOTTLEROCKET", instanceTypes: ["inf2.xlarge"], devicePlugins: { neuron: true } }).map((w) => w.message)).toEqual([expect.stringMatching(/device-ownership-from-security-context/)]);
  });

  it.each([
    ["GPU and non-GPU types", { instanceTypes: ["m6i.xlarge", "g5.xlarge"] }, `${AT}.instanceTypes`, /mixes types with NVIDIA GPUs \(g5\.xlarge\) and types without \(m6i\.xlarge\)/],
    ["Neuron and non-Neuron types", { instanceTypes: ["inf2.xlarge", "m6i.xlarge"] }, `${AT}.instanceTypes`, /mixes types with AWS Neuron devices \(inf2\.xlarge\) and types without/],
    ["NVIDIA and Neuron types", { instanceTypes: ["g5.xlarge", "inf2.xlarge"] }, `${AT}.instanceTypes`, /mixes NVIDIA GPU types \(g5\.xlarge\) and AWS Neuron types \(inf2\.xlarge\)/],
    ["nvidia on CPU types", { instanceTypes: ["m6i.large"], accelerator: "nvidia" }, `${AT}.accelerator`, /^nvidia, but m6i\.large has no NVIDIA GPUs \(no accelerator\)/],
    ["neuron on GPU types", { instanceTypes: ["g5.xlarge"], accelerator: "neuron" }, `${AT}.accelerator`, /^neuron, but g5\.xlarge has no AWS Neuron devices \(NVIDIA GPUs\)/],
    ["none on GPU types", { instanceTypes: ["g5.xlarge", "g5.2xlarge"], accelerator: "none" }, `${AT}.accelerator`, /^none, but g5\.xlarge, g5\.2xlarge have NVIDIA GPUs: an accelerated type never gets an AMI without its drivers/],
    ["none on Neuron types", { instanceTypes: ["inf2.xlarge"], accelerator: "none" }, `${AT}.accelerator`, /^none, but inf2\.xlarge has AWS Neuron devices/],
    ["neuron on AL2023 arm64", { architecture: "arm64", instanceTypes: ["m7g.large"], accelerator: "neuron" }, `${AT}.accelerator`, /no EKS-optimized AMI for AL2023 arm64 with AWS Neuron devices: EKS publishes no AL2023 arm64 Neuron AMI/],
    ["neuron on Bottlerocket arm64", { os: "BOTTLEROCKET", architecture: "arm64", instanceTypes: ["m7g.large"], accelerator: "neuron" }, `${AT}.accelerator`, /no EKS-optimized AMI for BOTTLEROCKET arm64/],
    ["an AMD GPU type", { instanceTypes: ["g4ad.xlarge"] }, `${AT}.instanceTypes[0]`, /"g4ad\.xlarge" has AMD GPUs \(1 x radeon-pro-v520\): EKS publishes AMIs with NVIDIA and Neuron drivers only/],
    ["a Habana type", { instanceTypes: ["m6i.large", "dl1.24xlarge"] }, `${AT}.instanceTypes[1]`, /"dl1\.24xlarge" has Habana Gaudi accelerators/],
    ["an AMD GPU type even with accelerator none", { instanceTypes: ["g4ad.xlarge"], accelerator: "none" }, `${AT}.instanceTypes[0]`, /AMD GPUs/],
    ["a type the facts do not cover, with auto", { instanceTypes: ["trn2.3xlarge"] }, `${AT}.instanceTypes[0]`, /do not cover "trn2\.3xlarge".*set the pool's accelerator \(none \| nvidia \| neuron\)/],
  ] as const)("refuses %s at its path", (_what, over, path, message) => {
    const hits = errors(over).filter((i) => i.path === path);
    expect(hits.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it("takes an explicit accelerator for a type the facts do not cover", () => {
    const kubelet = { kubeReserved: { cpu: "110m", memory: "2Gi" } }; // the instance table has no vCPUs for trn2.3xlarge
    expect(errors({ instanceTypes: ["trn2.3xlarge"], accelerator: "neuron", kubelet })).toEqual([]);
  });

  it("leaves a type unknown to the instance table to that table's error (one error at the path)", () => {
    expect(errors({ instanceTypes: ["z9.huge"] }).filter((i) => i.path === `${AT}.instanceTypes[0]`)).toEqual([
      expect.objectContaining({ path: `${AT}.instanceTypes[0]`, message: expect.stringMatching(/^unknown instance type "z9\.huge"/) }),
    ]);
  });

  it("warns that dl2q's Qualcomm accelerators have no EKS driver, and plans it as a CPU pool", () => {
    expect(warnings({ instanceTypes: ["dl2q.24xlarge"] })).toEqual([
      { path: `${AT}.instanceTypes[0]`, severity: "warning", message: expect.stringMatching(/8 qualcomm qualcomm-ai100 accelerators, for which no EKS AMI has drivers/) },
    ]);
    expect(planAccelerator(pool({ instanceTypes: ["dl2q.24xlarge"] })).amiType).toBe("AL2023_x86_64_STANDARD");
  });
});
