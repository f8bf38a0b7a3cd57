/**
 * The EKS AMI variant table. Expected values are what the named sources print: amazon-eks-ami's CHANGELOG (AMI
 * Release v20260714) lists AL2023_ARM_64_NVIDIA, AL2023_ARM_64_STANDARD, AL2023_x86_64_NEURON, AL2023_x86_64_NVIDIA
 * and AL2023_x86_64_STANDARD; terraform-aws-eks's ssm_ami_type_to_ssm_param gives the release parameter per amiType;
 * eksctl's GetAMIType sends Bottlerocket Neuron types to BOTTLEROCKET_x86_64.
 */
import {
  AMI_ACCELERATORS, AMI_TYPES, EKS_AMI_ARCHITECTURES, EKS_AMI_OPERATING_SYSTEMS, EKS_AMI_VARIANTS, UNAVAILABLE_AMI_VARIANTS,
  eksAmiVariant, eksAmiVariantsSource, unavailableAmiVariant,
} from "../../components/facts";

const DATA = "../../components/facts/data/eks-ami-variants.json";

describe("EKS AMI variant data", () => {
  it("names its sources, each at a commit or a pull request url", () => {
    const refs = eksAmiVariantsSource.refs;
    expect(Object.keys(refs).sort()).toEqual([
      "bottlerocket-neuron", "bottlerocket-nvidia", "eks-ami-changelog", "eks-ug-amazon-linux", "eks-ug-bottlerocket", "eksctl", "terraform-aws-eks",
    ]);
    expect(refs["eks-ami-changelog"]).toMatchObject({ repo: "awslabs/amazon-eks-ami", path: "CHANGELOG.md" });
    for (const r of Object.values(refs)) expect(r.commit === undefined ? r.url : r.commit).toMatch(r.commit === undefined ? /^https:\/\/github.com\// : /^[0-9a-f]{40}$/);
  });

  it("has every OS x architecture x accelerator once, as a variant or as unavailable with a reason", () => {
    const combos = EKS_AMI_OPERATING_SYSTEMS.flatMap((os) => EKS_AMI_ARCHITECTURES.flatMap((arch) => AMI_ACCELERATORS.map((acc) => [os, arch, acc] as const)));
    expect(combos).toHaveLength(EKS_AMI_VARIANTS.length + UNAVAILABLE_AMI_VARIANTS.length);
    for (const [os, arch, acc] of combos) expect(Boolean(eksAmiVariant(os, arch, acc)) !== Boolean(unavailableAmiVariant(os, arch, acc))).toBe(true);
  });

  it("uses each amiType it declares", () => {
    expect([...new Set(EKS_AMI_VARIANTS.map((v) => v.amiType))].sort()).toEqual([...AMI_TYPES].sort());
  });

  it("has exactly the five AL2023 AMI types of amazon-eks-ami's release notes", () => {
    expect(EKS_AMI_VARIANTS.filter((v) => v.os === "AL2023").map((v) => v.amiType).sort()).toEqual([
      "AL2023_ARM_64_NVIDIA", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NEURON", "AL2023_x86_64_NVIDIA", "AL2023_x86_64_STANDARD",
    ]);
  });

  it("gives Bottlerocket Neuron types the standard variant (its Neuron driver), and no arm64 Neuron AMI anywhere", () => {
    expect(eksAmiVariant("BOTTLEROCKET", "x86_64", "neuron")).toMatchObject({
      amiType: "BOTTLEROCKET_x86_64", releaseParameter: "/aws/service/bottlerocket/aws-k8s-{version}/x86_64/latest/image_version",
    });
    expect(unavailableAmiVariant("AL2023", "arm64", "neuron")?.why).toMatch(/no AL2023 arm64 Neuron AMI/);
    expect(unavailableAmiVariant("BOTTLEROCKET", "arm64", "neuron")?.why).toMatch(/no arm64 instance type has Neuron devices/);
  });

  it("keeps one release format per OS whatever the accelerator", () => {
    for (const os of EKS_AMI_OPERATING_SYSTEMS) {
      expect(new Set(EKS_AMI_VARIANTS.filter((v) => v.os === os).map((v) => v.releaseFormat)).size).toBe(1);
    }
  });
});

describe("loader", () => {
  afterEach(() => {
    jest.dontMock(DATA);
    jest.resetModules();
  });

  const refs = { r: { repo: "r", path: "p", commit: "c", says: "s" } };
  const variant = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    os: "AL2023", architecture: "x86_64", accelerator: "none", amiType: "AL2023_x86_64_STANDARD",
    releaseParameter: "/aws/service/eks/optimized-ami/{version}/amazon-linux-2023/x86_64/standard/recommended/release_version",
    imageIdParameter: "/aws/service/eks/optimized-ami/{version}/amazon-linux-2023/x86_64/standard/recommended/image_id",
    releaseFormat: "amazon-linux", sources: ["r"], ...over,
  });
  const file = (variants: unknown[], unavailable: unknown[] = []): unknown => ({ source: { retrieved: "d", note: "n", refs }, variants, unavailable });
  const load = async (data: unknown): Promise<typeof import("../../components/facts/eks-ami-variants")> => {
    jest.resetModules();
    jest.doMock(DATA, () => data);
    return import("../../components/facts/eks-ami-variants");
  };
  const real = jest.requireActual<{ source: unknown; variants: unknown[]; unavailable: unknown[] }>(DATA);

  it("loads the shipped file again", async () => {
    const m = await load({ ...real });
    expect(m.eksAmiVariant("AL2023", "arm64", "nvidia")?.amiType).toBe("AL2023_ARM_64_NVIDIA");
  });

  it.each([
    ["an amiType outside the declared set", [variant({ amiType: "AL2023_x86_64_GPU" })], "variants[0].amiType must be one of"],
    ["a source not declared", [variant({ sources: ["x"] })], 'variants[0].sources[0] must be a key of source.refs, got "x"'],
    ["a parameter without {version}", [variant({ releaseParameter: "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version" })], "variants[0].releaseParameter must be an /aws/service/ path with {version}"],
    ["a release parameter of the wrong leaf", [variant({ releaseParameter: "/aws/service/eks/optimized-ami/{version}/amazon-linux-2023/x86_64/standard/recommended/image_id" })], "variants[0].releaseParameter must be an /aws/service/ path with {version} ending in /release_version"],
    ["a combination listed twice", [variant(), variant()], "variants[1] must be the only entry for AL2023/x86_64/none"],
    ["a missing combination", [variant()], "variants must be listing AL2023/x86_64/nvidia"],
  ])("refuses %s", async (_what, variants, message) => {
    await expect(load(file(variants))).rejects.toThrow(`EKS AMI variants data: ${message}`);
  });
});
