/** The container runtime model: merge and sources, validation with paths, the AL2023 and Bottlerocket renderers parsed back. */
import { parse as parseToml } from "smol-toml";
import * as YAML from "yaml";
import {
  ContainerRuntimeOptions, bottlerocketContainerSettings, containerRuntimeSource, decodeUserDataText, effectiveContainerRuntime,
  mergeContainerRuntimeOptions, readContainerdFragment, registryMirrorsOf, renderAl2023UserData, renderBottlerocketUserData,
  renderContainerdFragment, renderHostsToml, renderRegistryHostsPart, validateContainerRuntime,
} from "../../components/userdata";
import { amiContainerd, CONTAINERD_AMI_BASE, containerdKeyPath } from "../../components/facts";

const AT = "workerpools:pools[0].containerRuntime";
const cluster = { name: "c", apiServerEndpoint: "https://x", certificateAuthority: "Y2E=", cidr: "172.20.0.0/16" };
const ptc: ContainerRuntimeOptions["pullThroughCache"] = { ecrAccountRegion: "111122223333.dkr.ecr.us-east-1", upstreams: ["docker.io", "quay.io"] };

describe("merge and sources", () => {
  const stack: ContainerRuntimeOptions = { registryMirrors: { "docker.io": ["https://a.example.com"], "quay.io": ["https://q.example.com"] }, maxConcurrentDownloads: 3 };
  const pool: ContainerRuntimeOptions = { registryMirrors: { "docker.io": ["https://b.example.com"] }, maxConcurrentDownloads: 5 };
  it("merges registryMirrors host by host and lets the pool's scalars win", () => {
    expect(mergeContainerRuntimeOptions(stack, pool)).toEqual({
      registryMirrors: { "docker.io": ["https://b.example.com"], "quay.io": ["https://q.example.com"] }, maxConcurrentDownloads: 5,
    });
    expect(mergeContainerRuntimeOptions({}, {})).toEqual({});
  });
  it("says which layer set a field or a mirror host", () => {
    expect(containerRuntimeSource("registryMirrors", "quay.io", stack, pool)).toBe("stack");
    expect(containerRuntimeSource("registryMirrors", "docker.io", stack, pool)).toBe("pool");
    expect(containerRuntimeSource("discardUnpackedLayers", undefined, stack, pool)).toBeUndefined();
  });
});

describe("validation", () => {
  const paths = (o: ContainerRuntimeOptions, os = "AL2023") => validateContainerRuntime(o, os, AT).filter((i) => i.severity !== "warning").map((i) => i.path);
  it.each([
    ["an http mirror", { registryMirrors: { "docker.io": ["http://m.example.com"] } }, `${AT}.registryMirrors["docker.io"][0]`],
    ["a mirror with credentials", { registryMirrors: { "docker.io": ["https://u:p@m.example.com"] } }, `${AT}.registryMirrors["docker.io"][0]`],
    ["not a URL", { registryMirrors: { "docker.io": ["mirror"] } }, `${AT}.registryMirrors["docker.io"][0]`],
    ["a bad registry host", { registryMirrors: { "Docker IO": ["https://m.example.com"] } }, `${AT}.registryMirrors["Docker IO"]`],
    ["an empty mirror list", { registryMirrors: { "docker.io": [] } }, `${AT}.registryMirrors["docker.io"]`],
    ["a mirror twice", { registryMirrors: { "docker.io": ["https://m.example.com", "https://m.example.com"] } }, `${AT}.registryMirrors["docker.io"][1]`],
    ["a bad ECR registry", { pullThroughCache: { ecrAccountRegion: "1111.dkr.ecr.us-east-1", upstreams: ["docker.io"] } }, `${AT}.pullThroughCache.ecrAccountRegion`],
    ["an upstream ECR cannot cache", { pullThroughCache: { ecrAccountRegion: "111122223333.dkr.ecr.us-east-1", upstreams: ["gcr.io"] } }, `${AT}.pullThroughCache.upstreams[0]`],
    ["no upstream", { pullThroughCache: { ecrAccountRegion: "111122223333.dkr.ecr.us-east-1", upstreams: [] } }, `${AT}.pullThroughCache.upstreams`],
    ["zero downloads", { maxConcurrentDownloads: 0 }, `${AT}.maxConcurrentDownloads`],
  ] as [string, ContainerRuntimeOptions, string][])("refuses %s at its path", (_name, o, path) => {
    expect(paths(o)).toEqual([path]);
  });
  it("accepts registry hosts with ports and mirrors with a path", () => {
    expect(paths({ registryMirrors: { "registry.example.com:5000": ["https://harbor.example.com/v2/proxy"] }, maxConcurrentDownloads: 10 })).toEqual([]);
  });
  it("refuses discardUnpackedLayers true on Bottlerocket only, and accepts false there", () => {
    expect(paths({ discardUnpackedLayers: true }, "BOTTLEROCKET")).toEqual([`${AT}.discardUnpackedLayers`]);
    expect(paths({ discardUnpackedLayers: false }, "BOTTLEROCKET")).toEqual([]);
    expect(paths({ discardUnpackedLayers: true }, "AL2023")).toEqual([]);
  });
  it("warns, never refuses, that the cache gets no credentials from containerd", () => {
    const issues = validateContainerRuntime({ pullThroughCache: ptc }, "AL2023", AT);
    expect(issues).toEqual([expect.objectContaining({ path: `${AT}.pullThroughCache`, severity: "warning", message: expect.stringMatching(/credentials/) })]);
  });
});

describe("mirrors and the AMI's containerd", () => {
  it("tries registryMirrors first, then the ECR cache under the console's namespace; China under amazonaws.com.cn", () => {
    const m = registryMirrorsOf({ registryMirrors: { "docker.io": ["https://m.example.com"] }, pullThroughCache: ptc });
    expect(m.map((x) => [x.host, x.endpoints.map((e) => e.url)])).toEqual([
      ["docker.io", ["https://m.example.com", "https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/docker-hub"]],
      ["quay.io", ["https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/quay"]],
    ]);
    const cn = registryMirrorsOf({ pullThroughCache: { ecrAccountRegion: "111122223333.dkr.ecr.cn-north-1", upstreams: ["quay.io"] } });
    expect(cn[0].endpoints[0].url).toBe("https://111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/v2/quay");
  });
  it.each([
    ["1.29", undefined, 2], ["1.33", undefined, 3], ["1.33", "20251023", 2], ["1.33", "20251103", 3], ["1.35", "20250101", 3], ["1.40", undefined, 3],
  ] as const)("Kubernetes %s release %s: config version %i", (minor, date, version) => {
    expect(amiContainerd(minor, date).configVersion).toBe(version);
  });
  it("gives every setting an origin: configured, nodeadm's template, containerd's default, Bottlerocket's", () => {
    const al = effectiveContainerRuntime({ os: "AL2023", kubernetesVersion: "1.35", options: { maxConcurrentDownloads: 5 } });
    expect(al.settings).toEqual({ maxConcurrentDownloads: { value: 5, origin: "configured" }, discardUnpackedLayers: { value: true, origin: "ami-base" } });
    const br = effectiveContainerRuntime({ os: "BOTTLEROCKET", kubernetesVersion: "1.35", options: {} });
    expect(br.settings).toEqual({ maxConcurrentDownloads: { value: 3, origin: "containerd-default" }, discardUnpackedLayers: { value: false, origin: "bottlerocket-built-in" } });
  });
});

describe("AL2023 rendering, parsed back", () => {
  const o: ContainerRuntimeOptions = { maxConcurrentDownloads: 5, discardUnpackedLayers: false };
  it("writes version 3 keys under io.containerd.cri.v1.images, which nodeadm takes as a version 3 fragment", () => {
    const text = renderContainerdFragment(o, 3) ?? "";
    const doc = parseToml(text) as { plugins: Record<string, Record<string, unknown>> };
    expect(doc.plugins["io.containerd.cri.v1.images"]).toEqual({ max_concurrent_downloads: 5, discard_unpacked_layers: false });
    // nodeadm Version3configInNodeConfig: a fragment naming io.containerd.cri.v1.images / .runtime is version 3.
    expect(text.includes("io.containerd.cri.v1.images")).toBe(true);
  });
  it("writes version 2 keys where containerd 1.7's CRI plugin has them, with no version 3 key (nodeadm would refuse it on 1.7)", () => {
    const text = renderContainerdFragment(o, 2) ?? "";
    const doc = parseToml(text) as { plugins: Record<string, { max_concurrent_downloads: number; containerd: Record<string, unknown> }> };
    expect(doc.plugins["io.containerd.grpc.v1.cri"].max_concurrent_downloads).toBe(5);
    expect(doc.plugins["io.containerd.grpc.v1.cri"].containerd.discard_unpacked_layers).toBe(false);
    expect(/io\.containerd\.cri\.v1\.(images|runtime)/.test(text)).toBe(false);
    expect(readContainerdFragment(text)).toEqual({ maxConcurrentDownloads: 5, discardUnpackedLayers: false });
  });
  it("puts discard_unpacked_layers where nodeadm's templates set it (the shipped AMI base), and nothing without settings", () => {
    expect(CONTAINERD_AMI_BASE.discardUnpackedLayers.value).toBe(true);
    expect(containerdKeyPath(3, "discardUnpackedLayers").slice(0, 2)).toEqual(containerdKeyPath(3, "registryConfigPath").slice(0, 2));
    expect(renderContainerdFragment({ registryMirrors: { "docker.io": ["https://m.example.com"] } }, 3)).toBeUndefined();
  });
  it("writes one hosts.toml per registry with the mirrors in order, override_path for a path", () => {
    const [docker] = registryMirrorsOf({ registryMirrors: { "docker.io": ["https://m.example.com"] }, pullThroughCache: ptc });
    const hosts = parseToml(renderHostsToml(docker)).host as Record<string, { capabilities: string[]; override_path?: boolean }>;
    expect(Object.keys(hosts)).toEqual(["https://m.example.com", "https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/docker-hub"]);
    expect(hosts["https://m.example.com"]).toEqual({ capabilities: ["pull", "resolve"] });
    expect(hosts["https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/docker-hub"].override_path).toBe(true);
    const part = renderRegistryHostsPart([docker]);
    expect(part?.body.startsWith("#cloud-config\n")).toBe(true);
    const files = (YAML.parse(part?.body ?? "") as { write_files: { path: string }[] }).write_files;
    expect(files.map((f) => f.path)).toEqual(["/etc/containerd/certs.d/docker.io/hosts.toml"]);
    expect(renderRegistryHostsPart([])).toBeUndefined();
  });
  it("decodes the whole user data back to the options", () => {
    const mirrors = registryMirrorsOf({ pullThroughCache: ptc });
    const text = renderAl2023UserData({ cluster, kubeletConfig: {}, containerdConfig: renderContainerdFragment(o, 3), extraParts: [renderRegistryHostsPart(mirrors)!] });
    const d = decodeUserDataText(text);
    if (d.os !== "AL2023") throw new Error(d.os);
    expect(d.containerRuntime).toEqual({
      maxConcurrentDownloads: 5, discardUnpackedLayers: false,
      mirrors: { "docker.io": ["https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/docker-hub"], "quay.io": ["https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/quay"] },
    });
  });
});

describe("Bottlerocket rendering, parsed back", () => {
  it("renders settings.container-registry.mirrors and settings.container-runtime, and decodes them", () => {
    const o: ContainerRuntimeOptions = { maxConcurrentDownloads: 8, registryMirrors: { "docker.io": ["https://m.example.com"] }, pullThroughCache: ptc };
    const text = renderBottlerocketUserData({ cluster, kubernetes: {}, containerSettings: bottlerocketContainerSettings(o, registryMirrorsOf(o)) });
    const settings = (parseToml(text) as { settings: Record<string, Record<string, unknown>> }).settings;
    expect(settings["container-runtime"]).toEqual({ "max-concurrent-downloads": 8 });
    expect(settings["container-registry"].mirrors).toEqual([
      { registry: "docker.io", endpoint: ["https://m.example.com", "https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/docker-hub"] },
      { registry: "quay.io", endpoint: ["https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2/quay"] },
    ]);
    const d = decodeUserDataText(text);
    if (d.os !== "BOTTLEROCKET") throw new Error(d.os);
    expect(d.containerRuntime.maxConcurrentDownloads).toBe(8);
    expect(Object.keys(d.containerRuntime.mirrors ?? {})).toEqual(["docker.io", "quay.io"]);
  });
  it("renders nothing new without options", () => {
    expect(bottlerocketContainerSettings({}, [])).toEqual({});
  });
});
