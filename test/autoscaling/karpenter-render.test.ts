import { parse as parseToml } from "smol-toml";
import {
  amiSelectorTerms, budgetDuration, recommendedAmiSelectorTerms, freezeBudgets, instanceCategory, matchInstanceTypes, planKarpenterPool, splitKarpenterKubelet,
  validateKarpenterManifest, KarpenterPoolArgs,
} from "../../components/autoscaling";
import { computeMaxPods } from "../../components/kubelet";
import { decodeUserData } from "../../components/userdata";

const cluster = { name: "c", endpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", serviceCidr: "172.20.0.0/16", kubernetesVersion: "1.35" };
const subnets = ["us-east-1a", "us-east-1b"].map((az) => ({ id: `subnet-${az}`, az }));
const nodeCluster = { name: "c", apiServerEndpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const AT = "workerpools:pools[1]";
const burst = (over: Partial<KarpenterPoolArgs> = {}): KarpenterPoolArgs => ({
  cluster, subnets, instanceRequirements: { categories: ["c", "m"], generations: { min: 6 }, cpu: { min: 4, max: 8 } },
  capacityTypes: ["SPOT", "ON_DEMAND"], limits: { cpu: 1000, memory: "4000Gi" },
  disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "5m", expireAfter: "720h" },
  ami: { channel: "pinned", releaseVersion: "1.35.0-20251120" }, ...over,
});
const ctx = { name: "burst", clusterName: "c", cluster: nodeCluster, roleName: "burst-node", now: new Date("2026-12-01T00:00:00Z") };

function planned(over: Partial<KarpenterPoolArgs> = {}, extra: Partial<typeof ctx> & { freeze?: { from: string; to: string }[] } = {}) {
  const r = planKarpenterPool(burst(over), { ...ctx, ...extra }, AT);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  // 4 to 8 vCPUs: one CPU band, so one NodePool named by its band.
  expect(r.pool.bands.map((b) => b.name)).toEqual([`${extra.name ?? "burst"}-cpu4-15`]);
  return r.pool.bands[0];
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are read field by field
const spec = (m: { spec: Readonly<Record<string, unknown>> }) => m.spec as Record<string, any>;

describe("instance requirements", () => {
  it("reads category and generation as Karpenter labels them", () => {
    expect(instanceCategory("m6i.large")).toEqual({ category: "m", generation: 6 });
    expect(instanceCategory("inf2.xlarge")).toEqual({ category: "inf", generation: 2 });
  });
  it("matches only types of the architecture, categories, generations and vCPUs asked for", () => {
    const types = matchInstanceTypes({ categories: ["c", "m"], generations: { min: 6 }, cpu: { min: 4, max: 32 } }, "x86_64");
    expect(types).toContain("m6i.xlarge");
    expect(types).not.toContain("m6i.large");   // 2 vCPUs
    expect(types).not.toContain("m5.xlarge");   // generation 5
    expect(types).not.toContain("m6g.xlarge");  // arm64
    expect(types).not.toContain("r6i.xlarge");
    expect(types).not.toContain("m6i.metal");
  });
});

describe("NodePool", () => {
  it("carries requirements, limits, disruption and the matched types", () => {
    const p = planned({ labels: { tier: "burst" }, taints: [{ key: "burst", value: "true", effect: "NoSchedule" }] });
    const s = spec(p.nodePool);
    const req = Object.fromEntries((s.template.spec.requirements as { key: string; operator: string; values: string[] }[]).map((r) => [`${r.key} ${r.operator}`, r.values]));
    expect(req["karpenter.sh/capacity-type In"]).toEqual(["spot", "on-demand"]);
    expect(req["karpenter.k8s.aws/instance-category In"]).toEqual(["c", "m"]);
    expect(req["karpenter.k8s.aws/instance-generation Gt"]).toEqual(["5"]);
    expect(req["karpenter.k8s.aws/instance-cpu Lt"]).toEqual(["9"]);
    expect(req["topology.kubernetes.io/zone In"]).toEqual(["us-east-1a", "us-east-1b"]);
    expect(req["kubernetes.io/arch In"]).toEqual(["amd64"]);
    expect(req["node.kubernetes.io/instance-type In"]).toEqual(p.args.instanceTypes);
    expect(s.limits).toEqual({ cpu: "1000", memory: "4000Gi" });
    expect(s.disruption).toMatchObject({ consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "5m" });
    expect(s.template.spec.expireAfter).toBe("720h");
    expect(s.template.metadata.labels).toEqual({ tier: "burst", "workerpools/pool": "burst" });
    expect(s.template.spec.taints).toEqual([{ key: "burst", value: "true", effect: "NoSchedule" }]);
  });

  it("turns freeze windows not yet over into nodes: 0 budgets", () => {
    const p = planned({}, { freeze: [{ from: "2026-12-20T18:30:00Z", to: "2026-12-22T20:00:00Z" }, { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }] });
    expect(spec(p.nodePool).disruption.budgets).toEqual([{ nodes: "10%" }, { nodes: "0", schedule: "30 18 20 12 *", duration: "49h30m" }]);
  });
  it("writes durations as Karpenter's pattern takes them", () => {
    expect([budgetDuration(30), budgetDuration(120), budgetDuration(90)]).toEqual(["30m", "2h", "1h30m"]);
    expect(freezeBudgets([{ from: "2026-12-20T00:00:00Z", to: "2026-12-19T00:00:00Z" }], new Date(0))).toEqual([]);
  });
});

describe("EC2NodeClass", () => {
  it("types maxPods and the reservations in spec.kubelet, with maxPods the minimum of our formula over the types", () => {
    const p = planned({ prefixDelegation: true });
    const kubelet = spec(p.nodeClass).kubelet as Record<string, unknown>;
    const perType = p.args.instanceTypes.map((t) => computeMaxPods({ instanceTypes: [t], prefixDelegation: true }, "x").value ?? 0);
    expect(kubelet.maxPods).toBe(Math.min(...perType));
    expect(kubelet).toHaveProperty("kubeReserved");
    expect(kubelet).not.toHaveProperty("protectKernelDefaults");
  });

  it("keeps the other kubelet fields in the AL2023 NodeConfig and none of the typed ones", () => {
    const p = planned();
    const parts = decodeUserData(Buffer.from(String(spec(p.nodeClass).userData)).toString("base64"));
    const text = JSON.stringify(parts);
    expect(text).toContain("protectKernelDefaults");
    expect(text).not.toContain("maxPods");
  });

  it("keeps typed fields out of Bottlerocket settings too", () => {
    const p = planned({ os: "BOTTLEROCKET", ami: { channel: "pinned", releaseVersion: "1.49.0-abcdef12" } });
    const s = spec(p.nodeClass);
    expect(s.amiSelectorTerms).toEqual([{ alias: "bottlerocket@v1.49.0" }]);
    const k8s = (parseToml(String(s.userData)).settings as Record<string, Record<string, unknown>>).kubernetes;
    expect(k8s).not.toHaveProperty("max-pods");
    expect(s.kubelet).toHaveProperty("maxPods");
  });

  it("pins the AMI: pinned and resolved recommended releases, custom image ids", () => {
    expect(amiSelectorTerms({ os: "AL2023", ami: { channel: "pinned", releaseVersion: "1.35.0-20251120" } })).toEqual([{ alias: "al2023@v20251120" }]);
    expect(amiSelectorTerms({ os: "AL2023", ami: { channel: "recommended" } }, "1.35.0-20251201")).toEqual([{ alias: "al2023@v20251201" }]);
    expect(amiSelectorTerms({ os: "AL2023", ami: { channel: "recommended" } })).toBeUndefined();
    expect(amiSelectorTerms({ os: "AL2023", ami: { channel: "custom", imageId: "ami-0abcdef1234567890" } })).toEqual([{ id: "ami-0abcdef1234567890" }]);
    // The recommended channel's SSM value: pinned when it is a release, the short labelled stand-in otherwise, never @latest.
    expect(recommendedAmiSelectorTerms({ os: "BOTTLEROCKET", ami: { channel: "recommended" } }, "1.50.0-1a2b3c4d")).toEqual([{ alias: "bottlerocket@v1.50.0" }]);
    expect(recommendedAmiSelectorTerms({ os: "AL2023", ami: { channel: "recommended" } }, "offline-stand-in(/p)")).toEqual([{ alias: "al2023@offline-stand-in" }]);
  });

  it("encrypts the volumes, requires IMDSv2 and selects by the discovery tag", () => {
    const s = spec(planned({ rootVolume: { sizeGiB: 80, kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }).nodeClass);
    expect(s.blockDeviceMappings).toEqual([{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "80Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true, kmsKeyID: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" } }]);
    expect(s.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
    expect(s.subnetSelectorTerms).toEqual([{ tags: { "karpenter.sh/discovery": "c" } }]);
    expect(s.role).toBe("burst-node");
  });

  it("splits the kubelet config by Karpenter's typed fields", () => {
    expect(splitKarpenterKubelet({ maxPods: 110, cpuCFSQuota: true, serializeImagePulls: false })).toEqual({ typed: { maxPods: 110, cpuCFSQuota: true }, rest: { serializeImagePulls: false } });
  });
});

describe("planKarpenterPool", () => {
  it("refuses requirements that match no shipped type, at instanceRequirements", () => {
    const r = planKarpenterPool(burst({ instanceRequirements: { categories: ["zz"] } }), ctx, AT);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0].path).toBe(`${AT}.instanceRequirements`);
  });
  it("passes the pool model's rules (a GPU category and a CPU one together are refused)", () => {
    const r = planKarpenterPool(burst({ instanceRequirements: { categories: ["g", "m"], generations: { min: 6 }, cpu: { min: 4, max: 8 } } }), ctx, AT);
    expect(r.ok).toBe(false);
    // At the key the user wrote (the pool lists no instanceTypes), naming the GPU and the non-GPU types.
    expect(!r.ok && r.issues.find((i) => i.path === `${AT}.instanceRequirements`)?.message).toMatch(/^the types it matches: mixes types with NVIDIA GPUs \(g6\..*and types without \(m6/);
    expect(!r.ok && r.issues.some((i) => i.path.startsWith(`${AT}.instanceTypes`))).toBe(false);
  });
});

describe("CRD schema validation", () => {
  it("accepts what we render", () => {
    const p = planned();
    expect(validateKarpenterManifest("NodePool", p.nodePool, AT)).toEqual([]);
    expect(validateKarpenterManifest("EC2NodeClass", p.nodeClass, AT)).toEqual([]);
  });
  it("refuses a wrong field, a wrong type and a bad pattern, with the field's path", () => {
    const p = planned();
    const np = { ...p.nodePool, spec: { ...p.nodePool.spec, weight: "high", disruption: { consolidateAfter: "5 minutes", budgets: [] }, surprise: 1 } };
    const issues = validateKarpenterManifest("NodePool", np, AT);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining([`${AT}.spec.weight`, `${AT}.spec.disruption.consolidateAfter`, `${AT}.spec`]));
    expect(issues.find((i) => i.path === `${AT}.spec`)?.message).toMatch(/unknown field "surprise"/);
    const nc = { ...p.nodeClass, spec: { ...p.nodeClass.spec, kubelet: { maxPods: 110, kubeletThing: true } } };
    expect(validateKarpenterManifest("EC2NodeClass", nc, AT)).toEqual([{ path: `${AT}.spec.kubelet`, message: expect.stringMatching(/unknown field "kubeletThing"/) }]);
  });
  it("accepts the offline stand-in alias of both families, which the whole SSM stand-in would exceed (30 characters)", () => {
    const p = planned();
    const withAlias = (alias: string) => ({ ...p.nodeClass, spec: { ...p.nodeClass.spec, amiSelectorTerms: [{ alias }] } });
    const param = "offline-stand-in(/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/nvidia/recommended/release_version)";
    for (const os of ["AL2023", "BOTTLEROCKET"] as const) {
      const [term] = recommendedAmiSelectorTerms({ os, ami: { channel: "recommended" } }, param);
      const alias = "alias" in term ? term.alias : "";
      expect(alias).toBe(`${os === "AL2023" ? "al2023" : "bottlerocket"}@offline-stand-in`);
      expect(validateKarpenterManifest("EC2NodeClass", withAlias(alias), AT)).toEqual([]);
      // The CRD's CEL rules the JSON schema drops (v1.14.1 pkg/apis/v1/ec2nodeclass.go): family@version, a known family.
      expect(alias).toMatch(/^[a-zA-Z0-9]+@.+$/);
      expect(["al2", "al2023", "bottlerocket"]).toContain(alias.split("@")[0]);
    }
    expect(validateKarpenterManifest("EC2NodeClass", withAlias(`al2023@${param}`), AT)).toEqual([
      { path: `${AT}.spec.amiSelectorTerms[0].alias`, message: expect.stringMatching(/30/) },
    ]);
  });
});
