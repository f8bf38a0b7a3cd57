import {
  AMI_TYPES,
  ACCELERATORS,
  amiImageIdSsmParameter,
  amiReleaseSsmParameter,
  amiTypeFor,
  amiVariantIssue,
  validateReleaseVersion,
} from "../../components/worker-pool";

/**
 * Accelerated variants: the release parameters terraform-aws-eks (modules/eks-managed-node-group/main.tf @bef29c4,
 * ssm_ami_type_to_ssm_param) and eksctl (pkg/ami/ssm_resolver.go @99984ad) pass as the node group's releaseVersion,
 * the image ids of the EKS User Guide's "Retrieve recommended ... AMI IDs" pages.
 */
describe("accelerated AMI variants", () => {
  it.each([
    ["AL2023", "x86_64", "nvidia", "AL2023_x86_64_NVIDIA", "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/nvidia/recommended/release_version"],
    ["AL2023", "x86_64", "neuron", "AL2023_x86_64_NEURON", "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/neuron/recommended/release_version"],
    ["AL2023", "arm64", "nvidia", "AL2023_ARM_64_NVIDIA", "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/arm64/nvidia/recommended/release_version"],
    ["BOTTLEROCKET", "x86_64", "nvidia", "BOTTLEROCKET_x86_64_NVIDIA", "/aws/service/bottlerocket/aws-k8s-1.35-nvidia/x86_64/latest/image_version"],
    ["BOTTLEROCKET", "arm64", "nvidia", "BOTTLEROCKET_ARM_64_NVIDIA", "/aws/service/bottlerocket/aws-k8s-1.35-nvidia/arm64/latest/image_version"],
    ["BOTTLEROCKET", "x86_64", "neuron", "BOTTLEROCKET_x86_64", "/aws/service/bottlerocket/aws-k8s-1.35/x86_64/latest/image_version"],
    ["AL2023", "x86_64", "none", "AL2023_x86_64_STANDARD", "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version"],
  ] as const)("%s %s %s -> %s, release from %s", (os, architecture, accelerator, amiType, parameter) => {
    expect(amiTypeFor(os, architecture, accelerator)).toBe(amiType);
    expect(amiReleaseSsmParameter({ os, kubernetesVersion: "1.35", architecture, accelerator })).toBe(parameter);
    expect(AMI_TYPES).toContain(amiType);
  });

  it("puts the image id beside the release, in the variant's own tree", () => {
    expect(amiImageIdSsmParameter({ os: "AL2023", kubernetesVersion: "1.34", architecture: "x86_64", accelerator: "nvidia" }))
      .toBe("/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/nvidia/recommended/image_id");
    expect(amiImageIdSsmParameter({ os: "BOTTLEROCKET", kubernetesVersion: "1.34", architecture: "arm64", accelerator: "nvidia" }))
      .toBe("/aws/service/bottlerocket/aws-k8s-1.34-nvidia/arm64/latest/image_id");
  });

  it("has no arm64 Neuron AMI, and says why", () => {
    expect(() => amiTypeFor("AL2023", "arm64", "neuron")).toThrow(RangeError);
    expect(() => amiReleaseSsmParameter({ os: "BOTTLEROCKET", kubernetesVersion: "1.35", architecture: "arm64", accelerator: "neuron" })).toThrow(/no arm64 instance type has Neuron devices/);
    expect(amiVariantIssue("AL2023", "arm64", "neuron")).toMatch(/no AL2023 arm64 Neuron AMI/);
    expect(amiVariantIssue("AL2023", "arm64", "nvidia")).toBeUndefined();
  });

  it("offers auto before the three AMI accelerators", () => {
    expect(ACCELERATORS).toEqual(["auto", "none", "nvidia", "neuron"]);
  });

  it("checks a pinned accelerated release in its OS's format (the variants share it)", () => {
    expect(validateReleaseVersion("AL2023", "1.36.2-20260714", "p", "1.36")).toEqual([]);
    expect(validateReleaseVersion("BOTTLEROCKET", "1.30.0-ca9b9399", "p")).toEqual([]);
  });
});

describe("SSM parameter names", () => {
  it.each([
    [{ os: "AL2023", kubernetesVersion: "1.35", architecture: "x86_64" }, "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version"],
    [{ os: "AL2023", kubernetesVersion: "1.34", architecture: "arm64" }, "/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/arm64/standard/recommended/release_version"],
    [{ os: "BOTTLEROCKET", kubernetesVersion: "1.35", architecture: "x86_64" }, "/aws/service/bottlerocket/aws-k8s-1.35/x86_64/latest/image_version"],
    [{ os: "BOTTLEROCKET", kubernetesVersion: "1.33", architecture: "arm64" }, "/aws/service/bottlerocket/aws-k8s-1.33/arm64/latest/image_version"],
    [{ os: "AL2", kubernetesVersion: "1.32", architecture: "x86_64" }, "/aws/service/eks/optimized-ami/1.32/amazon-linux-2/recommended/release_version"],
    [{ os: "AL2", kubernetesVersion: "1.32", architecture: "arm64" }, "/aws/service/eks/optimized-ami/1.32/amazon-linux-2-arm64/recommended/release_version"],
  ] as const)("release version of %j", (selector, expected) => {
    expect(amiReleaseSsmParameter(selector)).toBe(expected);
  });

  it("image id parameters sit beside the release parameters", () => {
    expect(amiImageIdSsmParameter({ os: "AL2023", kubernetesVersion: "1.31", architecture: "x86_64" }))
      .toBe("/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id");
    expect(amiImageIdSsmParameter({ os: "BOTTLEROCKET", kubernetesVersion: "1.31", architecture: "x86_64" }))
      .toBe("/aws/service/bottlerocket/aws-k8s-1.31/x86_64/latest/image_id");
  });

  it("refuses a version that is not major.minor", () => {
    expect(() => amiReleaseSsmParameter({ os: "AL2023", kubernetesVersion: "1.35.1", architecture: "x86_64" })).toThrow(RangeError);
  });
});

describe("amiTypeFor", () => {
  it.each([
    ["AL2023", "x86_64", "AL2023_x86_64_STANDARD"],
    ["AL2023", "arm64", "AL2023_ARM_64_STANDARD"],
    ["BOTTLEROCKET", "x86_64", "BOTTLEROCKET_x86_64"],
    ["BOTTLEROCKET", "arm64", "BOTTLEROCKET_ARM_64"],
    ["AL2", "x86_64", "AL2_x86_64"],
    ["AL2", "arm64", "AL2_ARM_64"],
  ] as const)("%s/%s -> %s", (os, arch, expected) => {
    expect(amiTypeFor(os, arch)).toBe(expected);
    expect(AMI_TYPES).toContain(expected);
  });
});

describe("validateReleaseVersion", () => {
  const at = "workerpools:pools[0].ami.releaseVersion";

  it.each(["1.29.0-20240227", "1.33.8-20260304", "1.35.0-20251120"])("accepts AL2023 release %s", (v) => {
    expect(validateReleaseVersion("AL2023", v, at)).toEqual([]);
  });

  it.each(["1.30.0-ca9b9399", "1.5.2-1602f3a8", "1.34.0-18d04e52"])("accepts Bottlerocket release %s", (v) => {
    expect(validateReleaseVersion("BOTTLEROCKET", v, at)).toEqual([]);
  });

  it.each(["1.35", "v1.35.0-20251120", "1.35.0-2025112", "ami-0123456789abcdef0", "1.30.0-ca9b9399"])("refuses AL2023 %s", (v) => {
    const issues = validateReleaseVersion("AL2023", v, at);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(at);
    expect(issues[0].message).toContain(JSON.stringify(v));
  });

  it("refuses an impossible build date", () => {
    expect(validateReleaseVersion("AL2023", "1.35.0-20251340", at)).toEqual([
      { path: at, message: 'build date 20251340 in "1.35.0-20251340" is not a calendar date' },
    ]);
  });

  it("refuses an AL2023 release of another Kubernetes minor when the pool version is given", () => {
    expect(validateReleaseVersion("AL2023", "1.34.2-20251120", at, "1.35")).toEqual([
      { path: at, message: "release 1.34.2-20251120 is for Kubernetes 1.34, but the pool runs 1.35; pick a 1.35.x-<date> release" },
    ]);
    expect(validateReleaseVersion("AL2023", "1.35.0-20251120", at, "1.35")).toEqual([]);
  });

  it.each(["1.34.0", "1.34.0-18D04E52", "1.34.0-18d04e5", "1.33.8-20260304x"])("refuses Bottlerocket %s", (v) => {
    const issues = validateReleaseVersion("BOTTLEROCKET", v, at);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(at);
  });

  it("hints at the missing commit suffix for a bare Bottlerocket version", () => {
    expect(validateReleaseVersion("BOTTLEROCKET", "1.34.0", at)[0].message).toMatch(/add the commit suffix/);
  });

  it("refuses non-strings", () => {
    expect(validateReleaseVersion("AL2023", 20251120, at)).toEqual([{ path: at, message: "must be a string, got number" }]);
  });
});
