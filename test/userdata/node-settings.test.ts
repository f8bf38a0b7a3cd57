/**
 * The node beyond the kubelet, rendered and parsed back with independent parsers (postal-mime for MIME, yaml for the
 * NodeConfig, smol-toml for Bottlerocket), read back by the decoder, and the Bottlerocket escape hatch's checks.
 */
import PostalMime from "postal-mime";
import * as YAML from "yaml";
import { parse as parseToml } from "smol-toml";
import { parseMultipart } from "../../components/core";
import {
  EPHEMERAL_STORAGE_COMMAND, SYSCTL_CONF_PATH, bottlerocketEphemeralStorage, bottlerocketKeyPath, bottlerocketSettingsTable, decodeUserData,
  nodeConfigInstance, parseAl2023SysctlPart, renderAl2023SysctlPart, renderAl2023UserData, renderBottlerocketUserData, renderPreBootstrapParts,
  validateBottlerocketSettings,
} from "../../components/userdata";

const cluster = { name: "c1", apiServerEndpoint: "https://x.eks.amazonaws.com", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const b64 = (s: string): string => Buffer.from(s).toString("base64");

async function attachments(doc: string) {
  const email = await PostalMime.parse(doc);
  return email.attachments.map((a) => ({ type: a.mimeType, body: typeof a.content === "string" ? a.content : new TextDecoder().decode(a.content) }));
}

describe("AL2023 sysctl part", () => {
  const part = renderAl2023SysctlPart({ "vm.max_map_count": "262144", "net.ipv4.tcp_rmem": "4096 87380 6291456", "fs.inotify.max_user_watches": 524288 });

  it("writes sorted sysctl.d lines to its own file and loads that file", () => {
    expect(part?.contentType).toBe('text/x-shellscript; charset="us-ascii"');
    const body = part?.body ?? "";
    expect(body.startsWith("#!/bin/bash\n")).toBe(true);
    expect(body).toContain(`cat > ${SYSCTL_CONF_PATH} <<'SYSCTLS'\nfs.inotify.max_user_watches = 524288\nnet.ipv4.tcp_rmem = 4096 87380 6291456\nvm.max_map_count = 262144\nSYSCTLS\n`);
    expect(body.trimEnd().endsWith(`sysctl -p ${SYSCTL_CONF_PATH}`)).toBe(true);
  });

  it("parses back to the same sysctls (values as strings), and is not confused with other scripts", () => {
    expect(parseAl2023SysctlPart(part?.body ?? "")).toEqual({ "vm.max_map_count": "262144", "net.ipv4.tcp_rmem": "4096 87380 6291456", "fs.inotify.max_user_watches": "524288" });
    expect(parseAl2023SysctlPart("#!/bin/bash\necho vm.max_map_count = 1\n")).toBeUndefined();
  });

  it("is absent without sysctls and refuses what validation refuses (no shell or heredoc injection)", () => {
    expect(renderAl2023SysctlPart({})).toBeUndefined();
    expect(() => renderAl2023SysctlPart({ "vm.max_map_count": "1\nSYSCTLS\nrm -rf /" })).toThrow(/unsafe sysctl/);
    expect(() => renderAl2023SysctlPart({ "vm.max_map_count; reboot": "1" })).toThrow(/unsafe sysctl/);
  });
});

describe("AL2023 user data with the node settings", () => {
  const sysctl = renderAl2023SysctlPart({ "vm.max_map_count": "262144" });
  const pre = renderPreBootstrapParts(["#!/bin/bash\necho hello", "#!/bin/sh\necho two\n"]);
  const doc = renderAl2023UserData({ cluster, kubeletConfig: { maxPods: 29 }, partsBeforeNodeConfig: [...(sysctl ? [sysctl] : []), ...pre], instance: nodeConfigInstance("raid0") });

  it("puts the script parts first, in order, and the NodeConfig after them (postal-mime)", async () => {
    const got = await attachments(doc);
    expect(got.map((p) => p.type)).toEqual(["text/x-shellscript", "text/x-shellscript", "text/x-shellscript", "application/node.eks.aws"]);
    expect(got[1].body.replace(/\r\n/g, "\n").trimEnd()).toBe("#!/bin/bash\necho hello");
    expect(got[2].body.replace(/\r\n/g, "\n").trimEnd()).toBe("#!/bin/sh\necho two");
  });

  it("carries spec.instance.localStorage in the NodeConfig (yaml)", () => {
    const node = parseMultipart(doc).find((p) => p.mediaType === "application/node.eks.aws");
    const config = YAML.parse(node?.body ?? "") as { spec: Record<string, unknown> };
    expect(config.spec.instance).toEqual({ localStorage: { strategy: "RAID0" } });
    expect(Object.keys(config.spec).sort()).toEqual(["cluster", "instance", "kubelet"]);
  });

  it("decodes: the sysctls, spec.instance and every part in order", () => {
    const d = decodeUserData(b64(doc));
    if (d.os !== "AL2023") throw new Error(d.os);
    expect(d.sysctls).toEqual({ "vm.max_map_count": "262144" });
    expect(d.instance).toEqual({ localStorage: { strategy: "RAID0" } });
    expect(d.parts.map((p) => p.mediaType)).toEqual(["text/x-shellscript", "text/x-shellscript", "text/x-shellscript", "application/node.eks.aws"]);
    expect(d.kubeletConfig).toEqual({ maxPods: 29 });
  });

  it("maps mount to nodeadm's Mount and none to no spec.instance", () => {
    expect(nodeConfigInstance("mount")).toEqual({ localStorage: { strategy: "Mount" } });
    expect(nodeConfigInstance("none")).toBeUndefined();
    const plain = YAML.parse(parseMultipart(renderAl2023UserData({ cluster, kubeletConfig: {} }))[0].body) as { spec: Record<string, unknown> };
    expect(plain.spec.instance).toBeUndefined();
  });
});

describe("Bottlerocket user data with the node settings (smol-toml)", () => {
  const toml = renderBottlerocketUserData({
    cluster, kubernetes: { "max-pods": 29 }, kernelModules: ["ip_vs"], sysctls: { "vm.max_map_count": 262144 },
    bootstrapCommands: bottlerocketEphemeralStorage("raid0"),
    extraSettings: bottlerocketSettingsTable({ "settings.motd": "hi", 'settings.kernel.modules."sctp".allowed': true }),
  });
  const settings = parseToml(toml).settings as Record<string, Record<string, unknown>>;

  it("renders settings.kernel.sysctl beside the modules, values as strings", () => {
    expect(settings.kernel.sysctl).toEqual({ "vm.max_map_count": "262144" });
    expect(settings.kernel.modules).toEqual({ ip_vs: { allowed: true, autoload: true }, sctp: { allowed: true } });
  });

  it("renders the ephemeral storage bootstrap command: init, then bind containerd, kubelet and pod logs; essential, every boot", () => {
    expect(settings["bootstrap-commands"][EPHEMERAL_STORAGE_COMMAND]).toEqual({
      commands: [["apiclient", "ephemeral-storage", "init"], ["apiclient", "ephemeral-storage", "bind", "--dirs", "/var/lib/containerd", "/var/lib/kubelet", "/var/log/pods"]],
      essential: true,
      mode: "always",
    });
    expect(bottlerocketEphemeralStorage("none")).toBeUndefined();
    expect(() => bottlerocketEphemeralStorage("mount")).toThrow(/cannot do mount/);
  });

  it("merges the user's settings after ours, keeping ours", () => {
    expect(settings.motd).toBe("hi");
    expect(settings.kubernetes).toMatchObject({ "cluster-name": "c1", "max-pods": 29 });
  });

  it("decodes: sysctls and bootstrap commands", () => {
    const d = decodeUserData(b64(toml));
    if (d.os !== "BOTTLEROCKET") throw new Error(d.os);
    expect(d.sysctls).toEqual({ "vm.max_map_count": "262144" });
    expect(Object.keys(d.bootstrapCommands)).toEqual([EPHEMERAL_STORAGE_COMMAND]);
  });
});

describe("bottlerocketKeyPath (TOML keys read by smol-toml)", () => {
  it.each([
    ["settings.motd", ["settings", "motd"]],
    ['settings.kernel.sysctl."vm.max_map_count"', ["settings", "kernel", "sysctl", "vm.max_map_count"]],
    ["settings.host-containers.my_box.enabled", ["settings", "host-containers", "my_box", "enabled"]],
  ])("%s", (key, path) => expect(bottlerocketKeyPath(key)).toEqual(path));

  it.each(["settings.motd = 1\nsettings.x", "settings..motd", "", "settings.__proto__.x", "a b"])("refuses %j", (key) => {
    expect(bottlerocketKeyPath(key)).toBeUndefined();
  });
});

describe("validateBottlerocketSettings", () => {
  const AT = "workerpools:pools[0].userData.bottlerocketSettings";
  const ours = { kubernetes: { "cluster-name": "c1", "max-pods": 29 }, "host-containers": { admin: { enabled: true } }, kernel: { modules: { ip_vs: { allowed: true } } } };
  const check = (settings: Record<string, unknown>, nvidia = false) => validateBottlerocketSettings({ settings, ours, nvidia }, AT);

  it("accepts model keys we do not set", () => {
    expect(check({
      "settings.motd": "hi", "settings.kernel.modules.sctp.allowed": true, "settings.kubernetes.hostname-override-source": "instance-id",
      "settings.bootstrap-containers.setup": { source: "public.ecr.aws/x/y:1", mode: "always", essential: true }, "settings.ntp.time-servers": ["169.254.169.123"],
      "settings.kernel.lockdown": "integrity",
    })).toEqual([]);
  });

  it.each([
    ["settings.kubernetes.api-server", "https://evil", /connects the node to the cluster/],
    ["settings.kubernetes.cluster-dns-ip", "10.0.0.10", /kubelet's clusterDNS/],
    ["settings.kubernetes.node-labels", { a: "b" }, /set them in labels/],
    ["settings.kubernetes.max-pods", 110, /kubelet's maxPods: set it in the pool's kubelet options/],
    ["settings.kubernetes.eviction-hard", { "memory.available": "5%" }, /kubelet's evictionHard/],
    ["settings.kernel.sysctl", { "vm.swappiness": "10" }, /kernel\.sysctls/],
    ["settings.kernel.lockdown", "none", /lockdown mode is hardening: integrity or confidentiality.*got "none"/],
    ["settings.host-containers.admin.enabled", true, /remoteAccess/],
    ["settings.host-containers.control.enabled", false, /SSM Session Manager/],
    ["settings.kernel.modules.ip_vs.allowed", false, /already renders settings\.kernel\.modules\.ip_vs\.allowed/],
  ])("refuses %s (ours or hardening)", (key, value, message) => {
    const issues = check({ [key]: value });
    expect(issues).toEqual([{ path: `${AT}.${key}`, message: expect.stringMatching(message) }]);
  });

  it("refuses a table that reaches one of our keys from above", () => {
    expect(check({ "settings.host-containers": { admin: { enabled: false } } })[0].message).toMatch(/host-containers\.admin\.enabled: the admin container/);
  });

  it.each([
    ["settings.mtod", "hi", /no group "mtod" \(did you mean "motd"\?\)/],
    ["settings.motd", 3, /settings\.motd is a string/],
    ["settings.kubernetes.max-podz", 3, /has no key "max-podz"/],
    ["settings.host-containers.box.image", "x", /settings\.host-containers\.<name> has no key "image"/],
    ["settings.kubelet-device-plugins.nvidia.pass-device-specs", true, /only the NVIDIA variants/],
    ["motd", "hi", /dotted TOML key under settings/],
    ["settings.motd", null, /no null/],
  ])("refuses %s against the model", (key, value, message) => {
    expect(check({ [key]: value }).map((i) => i.message).join("\n")).toMatch(message);
  });

  it("takes the NVIDIA groups on an NVIDIA pool, and refuses a setting given twice", () => {
    expect(check({ "settings.kubelet-device-plugins.nvidia.pass-device-specs": true }, true)).toEqual([]);
    expect(check({ "settings.ntp": { "time-servers": ["a"] }, "settings.ntp.time-servers": ["b"] })[0].message).toMatch(/overlaps settings\.ntp/);
  });
});
