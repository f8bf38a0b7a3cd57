/**
 * Instance accelerator facts. Expected values are the ones the named sources print, e.g. Karpenter's generated
 * instance-types.md (v1.14.0): g4dn.xlarge has instance-gpu-count 1, -name t4, -memory 16384; p5.48xlarge
 * nvidia.com/gpu 8 and vpc.amazonaws.com/efa 32; the EC2 User Guide (2023-05-11) lists m6id.large as 1 x 118 GB NVMe SSD.
 */
import { KNOWN_INSTANCE_TYPES } from "../../components/facts";
import {
  ACCELERATOR_COVERED_TYPES,
  acceleratorFacts,
  instanceAcceleratorsSource,
} from "../../components/facts";

const DATA = "../../components/facts/data/instance-accelerators.json";

describe("instance accelerator data", () => {
  it("names its sources, each at a commit", () => {
    const rows = instanceAcceleratorsSource.rowSources;
    expect(Object.keys(rows).sort()).toEqual(["karpenter-v1.13", "karpenter-v1.14"]);
    expect(rows["karpenter-v1.14"].repo).toBe("aws/karpenter-provider-aws");
    expect(rows["karpenter-v1.14"].path).toBe("website/content/en/docs/reference/instance-types.md");
    expect(instanceAcceleratorsSource.supplements.map((s) => s.repo)).toEqual(["awsdocs/amazon-ec2-user-guide", "aws/karpenter-provider-aws"]);
    for (const ref of [...Object.values(rows), ...instanceAcceleratorsSource.supplements]) expect(ref.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("lists only types of instance-types.json, and every one of those either covered or uncovered", () => {
    const known = new Set(KNOWN_INSTANCE_TYPES);
    expect(ACCELERATOR_COVERED_TYPES.filter((t) => !known.has(t))).toEqual([]);
    expect(instanceAcceleratorsSource.uncovered.filter((t) => !known.has(t))).toEqual([]);
    const seen = new Set([...ACCELERATOR_COVERED_TYPES, ...instanceAcceleratorsSource.uncovered]);
    expect(KNOWN_INSTANCE_TYPES.filter((t) => !seen.has(t))).toEqual([]);
    expect(ACCELERATOR_COVERED_TYPES.length + instanceAcceleratorsSource.uncovered.length).toBe(KNOWN_INSTANCE_TYPES.length);
    expect(ACCELERATOR_COVERED_TYPES).toHaveLength(1298);
  });

  it("keeps GPU memory consistent: the instance total is count x per-GPU unless fractional", () => {
    for (const t of ACCELERATOR_COVERED_TYPES) {
      const g = acceleratorFacts(t)?.gpus;
      if (g === undefined) continue;
      expect(g.memoryMiB).toBe(g.fractional ? g.memoryPerGpuMiB : g.count * g.memoryPerGpuMiB);
      expect(g.fractional).toBe(g.count === 0);
    }
  });
});

describe("acceleratorFacts", () => {
  it("g4dn.xlarge: 1 NVIDIA T4 with 16 GiB, no EFA, one 125 GB NVMe SSD", () => {
    expect(acceleratorFacts("g4dn.xlarge")).toEqual({
      instanceType: "g4dn.xlarge",
      source: "karpenter-v1.14",
      gpus: { count: 1, vendor: "nvidia", model: "t4", memoryMiB: 16384, memoryPerGpuMiB: 16384, fractional: false },
      instanceStore: { totalGB: 125, disks: 1, nvme: true, media: "ssd" },
      networkCards: 1,
    });
  });

  it("p5.48xlarge: 8 NVIDIA H100 (80 GiB each), 32 EFA interfaces on 32 network cards", () => {
    const f = acceleratorFacts("p5.48xlarge");
    expect(f?.gpus).toEqual({ count: 8, vendor: "nvidia", model: "h100", memoryMiB: 8 * 81920, memoryPerGpuMiB: 81920, fractional: false });
    expect(f?.efa).toEqual({ maxInterfaces: 32 });
    expect(f?.networkCards).toBe(32);
    expect(f?.instanceStore).toEqual({ totalGB: 30400, nvme: true });
  });

  it("g5g.xlarge (arm64): 1 NVIDIA T4g", () => {
    expect(acceleratorFacts("g5g.xlarge")?.gpus).toMatchObject({ count: 1, vendor: "nvidia", model: "t4g" });
    expect(acceleratorFacts("g5g.xlarge")?.neuron).toBeUndefined();
  });

  it("inf2.xlarge: 1 Inferentia2 device with 2 NeuronCores, no GPU", () => {
    const f = acceleratorFacts("inf2.xlarge");
    expect(f?.neuron).toEqual({ devices: 1, cores: 2, model: "inferentia2" });
    expect(f?.gpus).toBeUndefined();
  });

  it("trn1.32xlarge: 16 Trainium devices with 8 EFA interfaces", () => {
    const f = acceleratorFacts("trn1.32xlarge");
    expect(f?.neuron).toEqual({ devices: 16, cores: 32, model: "trainium" });
    expect(f?.efa).toEqual({ maxInterfaces: 8 });
    expect(f?.instanceStore).toEqual({ totalGB: 7600, disks: 4, nvme: true, media: "ssd" });
  });

  it("m6i.large: covered, and has no GPU, no Neuron, no EFA, no instance store", () => {
    expect(acceleratorFacts("m6i.large")).toEqual({ instanceType: "m6i.large", source: "karpenter-v1.14", networkCards: 1 });
  });

  it("m6id.large and i4i.large: one NVMe SSD of 118 GB and 468 GB", () => {
    expect(acceleratorFacts("m6id.large")?.instanceStore).toEqual({ totalGB: 118, disks: 1, nvme: true, media: "ssd" });
    expect(acceleratorFacts("i4i.large")?.instanceStore).toEqual({ totalGB: 468, disks: 1, nvme: true, media: "ssd" });
  });

  it("tells NVMe from non-NVMe stores and HDD from SSD", () => {
    expect(acceleratorFacts("h1.2xlarge")?.instanceStore).toEqual({ totalGB: 2000, disks: 1, nvme: false, media: "hdd" });
    expect(acceleratorFacts("d3.xlarge")?.instanceStore).toEqual({ totalGB: 5940, disks: 3, nvme: true, media: "hdd" });
    expect(acceleratorFacts("c3.large")?.instanceStore).toEqual({ totalGB: 32, disks: 2, nvme: false, media: "ssd" });
  });

  it("knows AMD and Habana GPUs, fractional GPUs and other accelerators", () => {
    expect(acceleratorFacts("g4ad.xlarge")?.gpus).toMatchObject({ count: 1, vendor: "amd", model: "radeon-pro-v520" });
    expect(acceleratorFacts("dl1.24xlarge")).toMatchObject({ source: "karpenter-v1.13", gpus: { count: 8, vendor: "habana" }, efa: { maxInterfaces: 4 } });
    expect(acceleratorFacts("g6f.large")?.gpus).toEqual({ count: 0, vendor: "nvidia", model: "l4", memoryMiB: 2861, memoryPerGpuMiB: 2861, fractional: true });
    expect(acceleratorFacts("dl2q.24xlarge")?.otherAccelerators).toEqual({ count: 8, vendor: "qualcomm", model: "qualcomm-ai100" });
    expect(acceleratorFacts("dl2q.24xlarge")?.gpus).toBeUndefined();
  });

  it("returns undefined for a type no source covers, and lists it as uncovered", () => {
    expect(acceleratorFacts("trn2.3xlarge")).toBeUndefined();
    expect(acceleratorFacts("mac2.metal")).toBeUndefined();
    expect(instanceAcceleratorsSource.uncovered).toEqual(expect.arrayContaining(["trn2.3xlarge", "mac2.metal", "u-6tb1.metal"]));
    expect(acceleratorFacts("m6i.nope")).toBeUndefined();
  });
});

describe("loader", () => {
  afterEach(() => {
    jest.dontMock(DATA);
    jest.resetModules();
  });

  const ref = { repo: "r", path: "p", commit: "c", date: "d", retrieved: "d", fields: [], note: "n" };
  const columns = [
    "instanceType", "source", "gpuCount", "gpuVendor", "gpuModel", "gpuMemoryMiBPerGpu", "neuronDevices", "neuronCores",
    "neuronModel", "acceleratorCount", "acceleratorVendor", "acceleratorModel", "efaMaxInterfaces", "storeTotalGB",
    "storeDisks", "storeNvme", "storeMedia", "networkCards",
  ];
  const file = (types: unknown[][], uncovered: string[] = []): unknown => ({
    source: { rowSources: { k: ref }, supplements: [], uncovered, note: "n" },
    columns,
    types,
  });
  const ok = ["a.large", "k", 1, "nvidia", "t4", 16384, 0, null, null, null, null, null, 0, 0, null, null, null, 1];
  const load = async (data: unknown): Promise<typeof import("../../components/facts/instance-accelerators")> => {
    jest.resetModules();
    jest.doMock(DATA, () => data);
    return import("../../components/facts/instance-accelerators");
  };

  it("loads a well-formed file", async () => {
    const m = await load(file([ok]));
    expect(m.acceleratorFacts("a.large")?.gpus?.model).toBe("t4");
  });

  it.each([
    ["a GPU count without a vendor", [["a.large", "k", 2, null, null, null, 0, null, null, null, null, null, 0, 0, null, null, null, 1]], "types[0][2] must be 0 when gpuVendor is null"],
    ["an unknown GPU vendor", [["a.large", "k", 1, "intel", "x", 1, 0, null, null, null, null, null, 0, 0, null, null, null, 1]], "types[0][3] must be one of nvidia | amd | habana"],
    ["a row source not declared", [["a.large", "x", 0, null, null, null, 0, null, null, null, null, null, 0, 0, null, null, null, 1]], 'types[0][1] must be a key of source.rowSources, got "x"'],
    ["disks on a type without a store", [["a.large", "k", 0, null, null, null, 0, null, null, null, null, null, 0, 0, 2, null, null, 1]], "types[0][14] must be null (no instance store)"],
    ["a store without its NVMe flag", [["a.large", "k", 0, null, null, null, 0, null, null, null, null, null, 0, 100, 1, null, "ssd", 1]], "types[0][15] must be a boolean"],
    ["a negative EFA count", [["a.large", "k", 0, null, null, null, 0, null, null, null, null, null, -1, 0, null, null, null, 1]], "types[0][12] must be a non-negative integer"],
    ["a short row", [["a.large", "k", 0]], "types[0] must be a row of 18 values"],
    ["a type listed twice", [ok, ok], 'types[1][0] must be unique, "a.large" is listed twice'],
  ])("refuses %s", async (_what, types, message) => {
    await expect(load(file(types))).rejects.toThrow(`instance accelerators data: ${message}`);
  });

  it("refuses a covered type also listed as uncovered, and a changed column list", async () => {
    await expect(load(file([ok], ["a.large"]))).rejects.toThrow('source.uncovered[0] must be a type without a row, "a.large" has one');
    await expect(load({ ...(file([ok]) as object), columns: columns.slice(1) })).rejects.toThrow("instance accelerators data: columns must be");
  });
});
