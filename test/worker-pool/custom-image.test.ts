/**
 * Custom-image pools (pure): `ami: { channel: custom, imageId }` validation with its paths, the pool's image plan, and
 * the complete bootstrap user data (EKS merges none into a launch template with its own AMI), parsed back: the AL2023
 * MIME / NodeConfig YAML with the kubelet flags, and the Bottlerocket TOML with cluster-dns-ip, node-labels and
 * node-taints. Recommended and pinned pools render as before (no flags, no extra Bottlerocket keys).
 */
import { parse as parseToml } from "smol-toml";
import {
  WorkerPoolArgs, customImageKubeletFlags, planPoolImage, planWorkerPool, renderPoolUserData, resolveWorkerPoolArgs, validateAmiSelection, validateImageId,
  validateWorkerPool,
} from "../../components/worker-pool";
import { clusterDnsIp, decodeUserDataText } from "../../components/userdata";
import type { ConfigIssue } from "../../components/core";

const AT = "workerpools:pools[0]";
const IMAGE = "ami-0abcdef1234567890";
const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };
const subnets = ["a", "b"].map((az) => ({ id: `subnet-${az}`, az }));
const pool = (over: Partial<WorkerPoolArgs>) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6i.large"], ...over });
const errors = (over: Partial<WorkerPoolArgs>): ConfigIssue[] => validateWorkerPool(pool(over), AT).filter((i) => (i.severity ?? "error") === "error");
const connection = { name: "prod", apiServerEndpoint: "https://api.example", certificateAuthority: "Q0E=", cidr: "10.100.0.0/16" };
const custom = { channel: "custom" as const, imageId: IMAGE };
const taints = [{ key: "dedicated", value: "gpuGroup", effect: "NoSchedule" as const }, { key: "special", effect: "PreferNoSchedule" as const }];

describe("validateImageId", () => {
  it.each(["ami-0abcdef1234567890", "ami-12345678"])("accepts %s", (id) => expect(validateImageId(id, "p")).toEqual([]));
  it.each([
    ["ami-0ABCDEF1234567890", /lowercase hex, 8 or 17 digits/],
    ["ami-0abc", /must be an EC2 image id: "ami-" and 17 hex digits/],
    ["0abcdef1234567890", /got "0abcdef1234567890"/],
    ["ami-0abcdef123456789g", /must be an EC2 image id/],
  ])("refuses %s", (id, message) => expect(validateImageId(id, "p.imageId")).toEqual([{ path: "p.imageId", message: expect.stringMatching(message) }]));
  it("refuses a non-string", () => expect(validateImageId(42, "p")[0].message).toMatch(/got number/));
});

describe("validateAmiSelection", () => {
  const at = `${AT}.ami`;
  it("custom needs imageId, in the EC2 format", () => {
    expect(validateAmiSelection("AL2023", { channel: "custom" }, at)).toEqual([{ path: `${at}.imageId`, message: expect.stringMatching(/required with channel custom/) }]);
    expect(validateAmiSelection("AL2023", custom, at)).toEqual([]);
    expect(validateAmiSelection("BOTTLEROCKET", { channel: "custom", imageId: "ami-x" }, at)[0].path).toBe(`${at}.imageId`);
  });
  it("custom refuses releaseVersion (EKS refuses a release with an image id in the launch template)", () => {
    expect(validateAmiSelection("AL2023", { ...custom, releaseVersion: "1.35.0-20251120" }, at))
      .toEqual([{ path: `${at}.releaseVersion`, message: expect.stringMatching(/only valid with channel pinned; channel custom boots imageId/) }]);
  });
  it.each(["recommended", "pinned"] as const)("%s refuses imageId", (channel) => {
    const ami = channel === "pinned" ? { channel, releaseVersion: "1.35.0-20251120", imageId: IMAGE } : { channel, imageId: IMAGE };
    expect(validateAmiSelection("AL2023", ami, at)).toEqual([{ path: `${at}.imageId`, message: expect.stringMatching(`only valid with channel custom; channel ${channel}`) }]);
  });
  it("reports both problems of one selection at once", () => {
    expect(validateAmiSelection("AL2023", { channel: "custom", releaseVersion: "x" }, at).map((i) => i.path)).toEqual([`${at}.releaseVersion`, `${at}.imageId`]);
  });
  it("is what validateWorkerPool reports, at the pool's path", () => {
    expect(errors({ ami: { channel: "custom" } })).toEqual([{ path: `${AT}.ami.imageId`, message: expect.stringMatching(/required/) }]);
    expect(errors({ ami: custom })).toEqual([]);
  });
});

describe("planPoolImage", () => {
  it("custom: amiType CUSTOM, the image id, the pool's labels and taints with EKS's knowable labels", () => {
    const image = planPoolImage(pool({ ami: custom, capacityType: "SPOT", labels: { role: "gpu" }, taints }), "none");
    expect(image).toEqual({
      channel: "custom", amiType: "CUSTOM", imageId: IMAGE,
      bootstrap: {
        nodeLabels: { role: "gpu", "eks.amazonaws.com/nodegroup-image": IMAGE, "eks.amazonaws.com/capacityType": "SPOT" },
        taints,
        missingLabels: ["eks.amazonaws.com/nodegroup", "eks.amazonaws.com/sourceLaunchTemplateId", "eks.amazonaws.com/sourceLaunchTemplateVersion"]
          .map((key) => ({ key, why: expect.any(String) })),
      },
    });
  });
  it("recommended: the variant's amiType and SSM parameter; pinned: the release", () => {
    expect(planPoolImage(pool({}), "none")).toEqual({
      channel: "recommended", amiType: "AL2023_x86_64_STANDARD",
      releaseParameter: "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version",
    });
    expect(planPoolImage(pool({ os: "BOTTLEROCKET", ami: { channel: "pinned", releaseVersion: "1.30.0-ca9b9399" } }), "nvidia"))
      .toEqual({ channel: "pinned", amiType: "BOTTLEROCKET_x86_64_NVIDIA", releaseVersion: "1.30.0-ca9b9399" });
  });
});

describe("custom-image user data, parsed back", () => {
  const al2023 = (over: Partial<WorkerPoolArgs>) => {
    const a = pool({ ami: custom, labels: { role: "gpu", "team.example.com/owner": "ml" }, taints, ...over });
    return decodeUserDataText(renderPoolUserData(a, planWorkerPool(a, AT), connection));
  };

  it("AL2023: one NodeConfig with the cluster connection, the kubelet config and EKS's kubelet flags", () => {
    const d = al2023({ capacityType: "SPOT" });
    if (d.os !== "AL2023") throw new Error(d.os);
    expect(d.nodeConfigs).toHaveLength(1);
    expect(d.cluster).toEqual(connection);
    expect(d.kubeletConfig.maxPods).toBe(29);
    const [labels, taintFlag] = d.kubeletFlags;
    expect(labels.replace("--node-labels=", "").split(",")).toEqual([
      "eks.amazonaws.com/capacityType=SPOT", `eks.amazonaws.com/nodegroup-image=${IMAGE}`, "role=gpu", "team.example.com/owner=ml",
    ]);
    expect(taintFlag).toBe("--register-with-taints=dedicated=gpuGroup:NoSchedule,special=:PreferNoSchedule");
    expect(d.kubeletFlags).toHaveLength(2);
  });

  it("AL2023: the kubelet's own registerWithTaints joins the flag (a flag replaces the config field)", () => {
    const flags = customImageKubeletFlags(
      { nodeLabels: {}, taints: [taints[0]], missingLabels: [] },
      { registerWithTaints: [{ key: "extra", value: "x", effect: "NoExecute" }, { key: "dedicated", value: "other", effect: "NoSchedule" }] },
    );
    expect(flags).toEqual(["--register-with-taints=dedicated=gpuGroup:NoSchedule,extra=x:NoExecute"]);
  });

  it("Bottlerocket: settings.kubernetes carries the connection, cluster-dns-ip, max-pods, node-labels and node-taints", () => {
    const a = pool({ os: "BOTTLEROCKET", ami: custom, labels: { label1: "foo" }, taints });
    const toml = parseToml(renderPoolUserData(a, planWorkerPool(a, AT), connection));
    expect(toml.settings).toMatchObject({
      kubernetes: {
        "cluster-name": "prod", "api-server": "https://api.example", "cluster-certificate": "Q0E=", "cluster-dns-ip": "10.100.0.10", "max-pods": 29,
        "node-labels": { label1: "foo", "eks.amazonaws.com/capacityType": "ON_DEMAND", "eks.amazonaws.com/nodegroup-image": IMAGE },
        "node-taints": { dedicated: ["gpuGroup:NoSchedule"], special: [":PreferNoSchedule"] },
      },
    });
  });

  it.each([{ channel: "recommended" as const }, { channel: "pinned" as const, releaseVersion: "1.35.0-20251120" }])("channel $channel: no kubelet flags, no Bottlerocket bootstrap keys", (ami) => {
    const a = pool({ ami, labels: { role: "x" }, taints });
    const d = decodeUserDataText(renderPoolUserData(a, planWorkerPool(a, AT), connection));
    expect(d.os === "AL2023" && d.kubeletFlags).toEqual([]);
    const b = pool({ os: "BOTTLEROCKET", ami: ami.channel === "pinned" ? { channel: "pinned", releaseVersion: "1.30.0-ca9b9399" } : ami, labels: { role: "x" }, taints });
    const kubernetes = (parseToml(renderPoolUserData(b, planWorkerPool(b, AT), connection)).settings as Record<string, Record<string, unknown>>).kubernetes;
    for (const key of ["cluster-dns-ip", "node-labels", "node-taints"]) expect(kubernetes[key]).toBeUndefined();
  });
});

describe("clusterDnsIp", () => {
  it.each([["172.20.0.0/16", "172.20.0.10"], ["10.100.0.0/16", "10.100.0.10"], ["192.168.4.0/22", "192.168.4.10"]])("%s -> %s", (cidr, ip) => expect(clusterDnsIp(cidr)).toBe(ip));
  it("is undefined for what is not an IPv4 CIDR", () => expect(clusterDnsIp("fd00::/108")).toBeUndefined());
});

describe("accelerated pools on a custom image", () => {
  const warnings = (over: Partial<WorkerPoolArgs>): ConfigIssue[] => validateWorkerPool(pool(over), AT).filter((i) => i.severity === "warning");

  it("the types still decide: GPU types need accelerator nvidia, and none on them is refused", () => {
    expect(errors({ ami: custom, instanceTypes: ["g5.xlarge"], accelerator: "none" })).toEqual([
      { path: `${AT}.accelerator`, message: expect.stringMatching(/none, but g5\.xlarge has NVIDIA GPUs/) },
    ]);
    expect(errors({ ami: custom, instanceTypes: ["g5.xlarge", "m6i.large"] })[0]).toMatchObject({ path: `${AT}.instanceTypes`, message: expect.stringMatching(/mixes types with NVIDIA GPUs/) });
  });

  it("an NVIDIA pool: amiType CUSTOM, no platform device plugin, and a warning that the image must carry the drivers", () => {
    const a = pool({ ami: custom, instanceTypes: ["g5.xlarge"], devicePlugins: { nvidia: true } });
    expect(planWorkerPool(a, AT).accelerator).toMatchObject({ kind: "nvidia", amiType: "CUSTOM", devicePlugin: "not-deployed" });
    expect(errors({ ami: custom, instanceTypes: ["g5.xlarge"] })).toEqual([]);
    expect(warnings({ ami: custom, instanceTypes: ["g5.xlarge"] })).toEqual([{
      path: `${AT}.accelerator`, severity: "warning",
      message: expect.stringMatching(new RegExp(`nvidia pool on a custom image \\(${IMAGE}\\): the plan cannot see which drivers an image carries, so it must carry the NVIDIA driver`)),
    }]);
  });

  it("arm64 Neuron has no EKS AMI, but a custom image is not one of EKS's variants", () => {
    expect(errors({ architecture: "arm64", instanceTypes: ["m7g.large"], accelerator: "neuron" }).some((i) => /no EKS-optimized AMI/.test(i.message))).toBe(true);
    expect(errors({ ami: custom, architecture: "arm64", instanceTypes: ["m7g.large"], accelerator: "neuron" }).some((i) => /no EKS-optimized AMI/.test(i.message))).toBe(false);
  });

  it("AMD GPU types: refused on EKS's AMIs, a warning on a custom image", () => {
    expect(errors({ instanceTypes: ["g4ad.xlarge"] })[0].message).toMatch(/or ami\.channel custom with an image that carries the drivers/);
    expect(errors({ ami: custom, instanceTypes: ["g4ad.xlarge"] })).toEqual([]);
    expect(warnings({ ami: custom, instanceTypes: ["g4ad.xlarge"] })[0]).toMatchObject({ path: `${AT}.instanceTypes[0]`, message: expect.stringMatching(/the custom image must carry their drivers/) });
  });
});
