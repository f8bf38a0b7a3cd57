/** EC2's limits on a pool's launch template: root volume IOPS / throughput (EBS facts) and the 16 KB user data. */
import {
  RootVolume, USER_DATA_STAND_INS, WorkerPoolArgs, planBlockDevices, planWorkerPool, renderPoolUserData, resolveWorkerPoolArgs,
  userDataSizingCluster, validatePoolUserDataSize, validateRootVolume, validateUserDataBytes, validateWorkerPool,
} from "../../components/worker-pool";
import { EBS_VOLUME_LIMITS_SOURCE, EBS_VOLUME_TYPES, ebsVolumeLimits, eksLimit, eksLimitSource } from "../../components/facts";

const AT = "workerpools:pools[1]";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b", "c"].map((az) => ({ id: `subnet-${az}`, az }));
const pool = (over: Partial<WorkerPoolArgs> = {}) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over });
const volume = (v: RootVolume) => pool({ rootVolume: v }).rootVolume;
const issuesOf = (v: RootVolume) => validateRootVolume(volume(v), `${AT}.rootVolume`);

describe("EBS volume limits (facts)", () => {
  it("cover every volume type a pool may use, with the EBS User Guide and EC2 API pages as sources", () => {
    for (const t of EBS_VOLUME_TYPES) expect(ebsVolumeLimits(t)).toBeDefined();
    expect(EBS_VOLUME_LIMITS_SOURCE.some((u) => u.includes("docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html"))).toBe(true);
    expect(EBS_VOLUME_LIMITS_SOURCE.some((u) => u.includes("provisioned-iops"))).toBe(true);
  });

  it("hold the numbers AWS states: gp3 3,000-80,000 IOPS (500/GiB), 125-2,000 MiB/s (0.25 per IOPS); io1 50/GiB; io2 1,000/GiB; gp2 neither; sizes 1 GiB (io1/io2: 4) to 16 TiB (io2: 64 TiB)", () => {
    expect(ebsVolumeLimits("gp3")).toEqual({
      sizeGiB: { min: 1, max: 16384 },
      iops: { min: 3000, max: 80000, maxPerGiB: 500, required: false, baseline: 3000 },
      throughput: { min: 125, max: 2000, maxPerIops: 0.25 },
    });
    expect(ebsVolumeLimits("io1").iops).toMatchObject({ min: 100, max: 64000, maxPerGiB: 50, required: true });
    expect(ebsVolumeLimits("io2").iops).toMatchObject({ min: 100, max: 256000, maxPerGiB: 1000, required: true });
    expect(ebsVolumeLimits("io1").throughput).toBeUndefined();
    expect(ebsVolumeLimits("gp2")).toEqual({ sizeGiB: { min: 1, max: 16384 } });
    expect([ebsVolumeLimits("io1").sizeGiB, ebsVolumeLimits("io2").sizeGiB]).toEqual([{ min: 4, max: 16384 }, { min: 4, max: 65536 }]);
  });
});

describe("root volume IOPS and throughput", () => {
  it.each<[string, string, RootVolume, RegExp]>([
    ["io1 without iops", "iops", { type: "io1", sizeGiB: 100 }, /required: EC2 refuses io1 volumes without provisioned IOPS; give 100-5,000 for 100 GiB/],
    ["io2 without iops", "iops", { type: "io2", sizeGiB: 100 }, /required: EC2 refuses io2 volumes without provisioned IOPS; give 100-100,000/],
    ["io1 over 50 IOPS per GiB", "iops", { type: "io1", sizeGiB: 50, iops: 3000 }, /at most 50 IOPS per GiB: 2,500 for 50 GiB, got 3,000; raise sizeGiB to 60/],
    ["io2 over its maximum", "iops", { type: "io2", sizeGiB: 1000, iops: 300000 }, /100-256,000 IOPS, got 300,000/],
    ["io1 below its minimum", "iops", { type: "io1", sizeGiB: 50, iops: 50 }, /100-64,000 IOPS, got 50/],
    ["gp2 with iops", "iops", { type: "gp2", iops: 3000 }, /refuses provisioned IOPS on gp2/],
    ["gp2 with throughput", "throughput", { type: "gp2", throughput: 250 }, /gp3 volumes only, not gp2/],
    ["io2 with throughput", "throughput", { type: "io2", sizeGiB: 100, iops: 5000, throughput: 500 }, /gp3 volumes only, not io2/],
    ["gp3 below 3,000 IOPS", "iops", { type: "gp3", iops: 2000 }, /3,000-80,000 IOPS, got 2,000/],
    ["gp3 over 500 IOPS per GiB", "iops", { type: "gp3", sizeGiB: 50, iops: 30000 }, /at most 500 IOPS per GiB: 25,000 for 50 GiB/],
    ["gp3 over 2,000 MiB/s", "throughput", { type: "gp3", sizeGiB: 100, iops: 16000, throughput: 2500 }, /125-2,000 MiB\/s, got 2,500/],
    ["gp3 throughput over 0.25 MiB/s per baseline IOPS", "throughput", { type: "gp3", throughput: 1000 }, /750 MiB\/s with the baseline 3,000 IOPS, got 1,000; raise iops to 4,000/],
    ["gp3 throughput over 0.25 MiB/s per given IOPS", "throughput", { type: "gp3", sizeGiB: 100, iops: 4000, throughput: 1500 }, /1,000 MiB\/s with 4,000 IOPS, got 1,500; raise iops to 6,000/],
  ])("refuses %s at rootVolume.%s", (_name, key, v, message) => {
    const issues = issuesOf(v);
    expect(issues).toEqual([{ path: `${AT}.rootVolume.${key}`, message: expect.stringMatching(message) }]);
  });

  it.each<[string, RootVolume]>([
    ["gp3 without either (its baseline)", { type: "gp3" }],
    ["gp3 at its maxima on a volume big enough", { type: "gp3", sizeGiB: 160, iops: 80000, throughput: 2000 }],
    ["gp3's baseline IOPS on a small volume (the per-GiB ratio applies above the baseline)", { type: "gp3", sizeGiB: 20, iops: 3000, throughput: 750 }],
    ["io1 with iops within 50 per GiB", { type: "io1", sizeGiB: 100, iops: 5000 }],
    ["io2 with iops within 1,000 per GiB", { type: "io2", sizeGiB: 100, iops: 100000 }],
    ["gp2 as it is", { type: "gp2", sizeGiB: 100 }],
  ])("accepts %s", (_name, v) => expect(issuesOf(v)).toEqual([]));

  it("is part of the pool's validation, at the path the user wrote", () => {
    const issues = validateWorkerPool(pool({ rootVolume: { type: "io2", sizeGiB: 100 } }), AT);
    expect(issues.map((i) => i.path)).toContain(`${AT}.rootVolume.iops`);
  });

  it("renders iops and throughput into the block device mapping of the volume the pool sizes", () => {
    expect(planBlockDevices(pool({ rootVolume: { type: "io2", sizeGiB: 100, iops: 20000 } }))).toEqual([
      { deviceName: "/dev/xvda", sizeGiB: 100, type: "io2", iops: 20000 },
    ]);
    expect(planBlockDevices(pool({ os: "BOTTLEROCKET", rootVolume: { type: "gp3", sizeGiB: 100, iops: 6000, throughput: 500 } }))).toEqual([
      { deviceName: "/dev/xvda", type: "gp3" },
      { deviceName: "/dev/xvdb", sizeGiB: 100, type: "gp3", iops: 6000, throughput: 500 },
    ]);
    expect(planBlockDevices(pool())).toEqual([{ deviceName: "/dev/xvda", sizeGiB: 50, type: "gp3" }]);
  });
});

describe("user data over EC2's 16 KB", () => {
  /** Enough kubelet `registerWithTaints` entries to pass 16 KB of NodeConfig YAML. */
  const bigKubelet = (n: number) => ({
    extra: { registerWithTaints: Array.from({ length: n }, (_, i) => ({ key: `example.com/dedicated-workload-class-${i}`, value: "reserved-for-team", effect: "NoSchedule" })) },
  });

  it("has the EC2 limit as data with its source", () => {
    expect(eksLimit("userDataMaxBytes")).toBe(16384);
    expect(eksLimitSource("userDataMaxBytes")).toMatch(/user-data\.html/);
  });

  it("is refused at the pool's path, with the size and the stand-ins assumed", () => {
    const issues = validateWorkerPool(pool({ kubelet: bigKubelet(160) }), AT).filter((i) => i.path === AT);
    expect(issues).toEqual([{ path: AT, message: expect.stringMatching(/^its node user data is [\d,]+ bytes \(with the cluster endpoint and CA as 128- and 4,096-character stand-ins.*over EC2's 16,384-byte limit \(raw, before base64\)/) }]);
  });

  it("counts the stand-ins: a config that fits with today's short endpoint and CA is refused when they reach their assumed size", () => {
    const a = pool({ kubelet: bigKubelet(110) });
    const short = renderPoolUserData(a, planWorkerPool(a, AT), { name: "c", apiServerEndpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" });
    const sized = renderPoolUserData(a, planWorkerPool(a, AT), userDataSizingCluster(a.cluster));
    expect(sized.length - short.length).toBeGreaterThan(USER_DATA_STAND_INS.certificateAuthorityChars);
    const bytes = Buffer.byteLength(short);
    // Pick the size between the two renderings: under the limit with the short values, over it with the stand-ins.
    if (bytes <= eksLimit("userDataMaxBytes") && Buffer.byteLength(sized) > eksLimit("userDataMaxBytes")) {
      expect(validateUserDataBytes(short, AT)).toEqual([]);
      expect(validatePoolUserDataSize(a, AT)).toHaveLength(1);
    } else {
      throw new Error(`pick another taint count: ${bytes} / ${Buffer.byteLength(sized)} bytes`);
    }
  });

  it("Bottlerocket's TOML is measured too", () => {
    const a = pool({ os: "BOTTLEROCKET", kubelet: { allowedUnsafeSysctls: Array.from({ length: 600 }, (_, i) => `net.ipv4.conf.eth${i}.rp_filter`) } });
    const text = renderPoolUserData(a, planWorkerPool(a, AT), userDataSizingCluster(a.cluster));
    expect(text).toMatch(/^\[settings/m);
    expect(validatePoolUserDataSize(a, AT).length).toBe(Buffer.byteLength(text) > eksLimit("userDataMaxBytes") ? 1 : 0);
    expect(Buffer.byteLength(text)).toBeGreaterThan(eksLimit("userDataMaxBytes"));
  });

  it("uses known cluster values as they are and stand-ins only for the unknown", () => {
    const c = userDataSizingCluster({ ...cluster, name: "platform-dev", serviceCidr: "172.20.0.0/16" });
    expect(c.name).toBe("platform-dev");
    expect(c.cidr).toBe("172.20.0.0/16");
    expect(c.apiServerEndpoint).toHaveLength(USER_DATA_STAND_INS.endpointChars);
    expect(c.apiServerEndpoint.startsWith("https://")).toBe(true);
    expect(c.certificateAuthority).toHaveLength(USER_DATA_STAND_INS.certificateAuthorityChars);
  });

  it("a default pool is far below the limit even with the stand-ins", () => {
    expect(validatePoolUserDataSize(pool(), AT)).toEqual([]);
  });
});
