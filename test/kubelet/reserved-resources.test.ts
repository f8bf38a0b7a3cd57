import { InstanceFacts, lookupInstanceType } from "../../components/facts";
import {
  computeMaxPods, EKS_DEFAULT_EVICTION_HARD, computeKubeReserved, cpuMillicoresToReserve, kubeReservedResourceList, memoryMebibytesToReserve, parseCpuMillicores, parseMemoryBytes, parseQuantity, validateReservations,
} from "../../components/kubelet";

const m5Large: InstanceFacts = {
  instanceType: "m5.large", maxEnis: 3, ipv4PerEni: 10, vcpus: 2, memoryMiB: 8192, hypervisor: "nitro", architecture: "x86_64",
};

describe("kubeReserved CPU (nodeadm getCPUMillicoresToReserve)", () => {
  it.each([
    [1, 60], // 6% of the first core
    [2, 70], // + 1% of the second
    [3, 75], // + 0.5% of the third
    [4, 80], // + 0.5% of the fourth
    [5, 82], // + 0.25% of 1000m = 2.5, rounded down per band
    [8, 90],
    [16, 110],
    [48, 190],
    [96, 310],
  ])("%i vCPUs → %im", (vcpus, millicores) => {
    expect(cpuMillicoresToReserve(vcpus)).toBe(millicores);
  });
});

describe("kubeReserved memory (11 × maxPods + 255 MiB)", () => {
  it.each([
    [29, 574],
    [58, 893],
    [110, 1465],
    [250, 3005],
  ])("%i pods → %iMi", (pods, mib) => {
    expect(memoryMebibytesToReserve(pods)).toBe(mib);
  });
});

describe("computeKubeReserved", () => {
  it("m5.large with 29 pods: 70m, 574Mi, 1Gi (EKS AMI values)", () => {
    expect(computeKubeReserved({ vcpus: 2, maxPods: 29 })).toEqual({ cpu: "70m", memory: "574Mi", ephemeralStorage: "1Gi" });
  });

  it("chains from the instance table and computeMaxPods", () => {
    const facts = lookupInstanceType("m5.xlarge");
    const maxPods = computeMaxPods({ instanceTypes: ["m5.xlarge"], prefixDelegation: false }, "p").value;
    expect(facts?.vcpus).toBe(4);
    expect(maxPods).toBe(58);
    expect(computeKubeReserved({ vcpus: facts?.vcpus ?? 0, maxPods: maxPods ?? 0 })).toEqual({ cpu: "80m", memory: "893Mi", ephemeralStorage: "1Gi" });
  });

  it("renders the kubelet map keys", () => {
    expect(kubeReservedResourceList(computeKubeReserved({ vcpus: 2, maxPods: 29 }))).toEqual({
      cpu: "70m", "ephemeral-storage": "1Gi", memory: "574Mi",
    });
  });

  it("eviction defaults are nodeadm's", () => {
    expect(EKS_DEFAULT_EVICTION_HARD).toEqual({ "memory.available": "100Mi", "nodefs.available": "10%", "nodefs.inodesFree": "5%" });
  });
});

describe("quantities", () => {
  it.each([
    ["200Mi", 209715200],
    ["1Gi", 1073741824],
    ["512Ki", 524288],
    ["250m", 0.25],
    ["1.5", 1.5],
    [".5", 0.5],
    ["1e3", 1000],
    ["2k", 2000],
    ["1M", 1e6],
    ["1E", 1e18],
    [" 100Mi ", 104857600],
    ["-1", -1],
  ])("%j → %d", (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each(["", "abc", "1Xi", "Mi", "1 Mi", "10%", "1.2.3"])("%j is not a quantity", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  it.each([
    ["250m", 250],
    ["2", 2000],
    ["0.1", 100],
    ["1.5", 1500],
    ["100u", 0.1],
  ])("CPU %j → %d millicores", (text, millicores) => {
    expect(parseCpuMillicores(text)).toBe(millicores);
  });

  it("memory is bytes", () => {
    expect(parseMemoryBytes("574Mi")).toBe(574 * 2 ** 20);
    expect(parseMemoryBytes("junk")).toBeUndefined();
  });
});

describe("validateReservations", () => {
  const at = "workerpools:pools[0].kubelet";

  it("accepts nodeadm's own values", () => {
    const kube = kubeReservedResourceList(computeKubeReserved({ vcpus: 2, maxPods: 29 }));
    expect(validateReservations(m5Large, kube, { cpu: "100m", memory: "100Mi" }, at)).toEqual([]);
  });

  it("refuses CPU that leaves nothing allocatable", () => {
    const issues = validateReservations(m5Large, { cpu: "1500m" }, { cpu: "500m" }, at);
    expect(issues).toEqual([{ path: `${at}.kubeReserved.cpu`, message: expect.stringContaining("leaves no allocatable CPU on m5.large (2 vCPUs = 2000m)") }]);
  });

  it("counts evictionHard memory.available", () => {
    expect(validateReservations(m5Large, { memory: "8000Mi" }, undefined, at)).toEqual([]);
    const issues = validateReservations(m5Large, { memory: "8100Mi" }, undefined, at);
    expect(issues).toEqual([{ path: `${at}.kubeReserved.memory`, message: expect.stringContaining("reserve less than 8092Mi") }]);
  });

  it("reads a percentage eviction threshold", () => {
    expect(validateReservations(m5Large, { memory: "4Gi" }, undefined, at, { "memory.available": "50%" })).toHaveLength(1);
    expect(validateReservations(m5Large, { memory: "4Gi" }, undefined, at, {})).toEqual([]);
  });

  it("points at systemReserved when only it sets the resource", () => {
    const issues = validateReservations(m5Large, undefined, { memory: "9Gi" }, at);
    expect(issues.map((i) => i.path)).toEqual([`${at}.systemReserved.memory`]);
  });

  it.each([
    [{ cpu: "lots" }, `${at}.kubeReserved.cpu`],
    [{ memory: "-1Gi" }, `${at}.kubeReserved.memory`],
    [{ "ephemeral-storage": "1GB" }, `${at}.kubeReserved.ephemeral-storage`],
  ])("refuses %j", (kube, path) => {
    const issues = validateReservations(m5Large, kube, undefined, at);
    expect(issues).toEqual([{ path, message: expect.stringContaining("is not a non-negative Kubernetes quantity") }]);
  });

  it("skips checks whose facts are unknown", () => {
    const partial: InstanceFacts = { instanceType: "x.test", maxEnis: 3, ipv4PerEni: 10 };
    expect(validateReservations(partial, { cpu: "100", memory: "1Ti" }, undefined, at)).toEqual([]);
  });
});
