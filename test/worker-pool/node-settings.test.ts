/**
 * A pool's `instanceStorage`, `kernel.sysctls` and `userData`: defaults, the plan, every refusal at its path (instance
 * facts, nodeadm and Bottlerocket limits, the kubelet's kernel tunables), and the user data the pool renders, parsed back.
 */
import * as path from "node:path";
import * as YAML from "yaml";
import { parse as parseToml } from "smol-toml";
import { parseMultipart } from "../../components/core";
import { KUBELET_KERNEL_TUNABLES } from "../../components/facts";
import {
  WORKER_POOL_DEFAULTS, WorkerPoolArgs, planWorkerPool, renderPoolUserData, resolveWorkerPoolArgs, validateWorkerPool,
} from "../../components/worker-pool";
import { EPHEMERAL_STORAGE_COMMAND, decodeUserData } from "../../components/userdata";
import { loadStackConfig } from "../../infra/config";
import { readStackFile } from "../../tools/plan";

const AT = "workerpools:pools[0]";
const cluster = { name: "c", endpoint: "https://x.example", certificateAuthority: "Q0E=", serviceCidr: "172.20.0.0/16", kubernetesVersion: "1.35", clusterSecurityGroupId: "sg-0c0c0c0c0c0c0c0c0", vpcId: "vpc-0123456789abcdef0" };
const nodeCluster = { name: "c", apiServerEndpoint: "https://x.example", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const subnets = ["a", "b"].map((az) => ({ id: `subnet-${az}`, az }));
const pool = (over: Partial<WorkerPoolArgs> = {}) => resolveWorkerPoolArgs({ cluster, subnets, instanceTypes: ["m6id.large"], ...over });
const errors = (over: Partial<WorkerPoolArgs>) => validateWorkerPool(pool(over), AT).filter((i) => i.severity !== "warning");
const userData = (over: Partial<WorkerPoolArgs>) => {
  const a = pool(over);
  return renderPoolUserData(a, planWorkerPool(a, AT), nodeCluster);
};

describe("defaults", () => {
  it("resolve to no instance storage, no sysctls, no escape hatches, and plan nothing", () => {
    const a = pool();
    expect(a.instanceStorage).toBe(WORKER_POOL_DEFAULTS.instanceStorage);
    expect(a.instanceStorage).toBe("none");
    expect(a.kernel).toEqual({ sysctls: {} });
    expect(a.userData).toEqual({ preBootstrap: [], bottlerocketSettings: {} });
    expect(planWorkerPool(a).node).toEqual({});
  });

  it("render the same user data as before these keys existed (NodeConfig alone; Bottlerocket without kernel or bootstrap tables)", () => {
    expect(parseMultipart(userData({})).map((p) => p.mediaType)).toEqual(["application/node.eks.aws"]);
    const settings = parseToml(userData({ os: "BOTTLEROCKET" })).settings as Record<string, unknown>;
    expect(Object.keys(settings)).toEqual(["kubernetes"]);
  });
});

describe("instanceStorage", () => {
  it("plans the strategy, each type's disks and where the kubelet and containerd go", () => {
    const plan = planWorkerPool(pool({ instanceStorage: "raid0", instanceTypes: ["m6id.large", "i4i.xlarge"] })).node;
    expect(plan.instanceStorage).toEqual({
      strategy: "raid0",
      perNode: [{ instanceType: "m6id.large", totalGB: 118, disks: 1 }, { instanceType: "i4i.xlarge", totalGB: 937, disks: 1 }],
      layout: expect.stringMatching(/RAID0 array mounted at \/mnt\/k8s-disks\/0 with \/var\/lib\/kubelet, \/var\/lib\/containerd/),
    });
    expect(planWorkerPool(pool({ instanceStorage: "mount" })).node.instanceStorage?.layout).toMatch(/each disk mounted at \/mnt\/k8s-disks\/1\.\..*stay on the root volume/);
  });

  it("renders NodeConfig spec.instance.localStorage on AL2023 and the ephemeral storage command on Bottlerocket", () => {
    const node = parseMultipart(userData({ instanceStorage: "raid0" })).find((p) => p.mediaType === "application/node.eks.aws");
    expect((YAML.parse(node?.body ?? "") as { spec: { instance: unknown } }).spec.instance).toEqual({ localStorage: { strategy: "RAID0" } });
    const d = decodeUserData(Buffer.from(userData({ os: "BOTTLEROCKET", instanceStorage: "raid0" })).toString("base64"));
    expect(d.os === "BOTTLEROCKET" ? Object.keys(d.bootstrapCommands) : []).toEqual([EPHEMERAL_STORAGE_COMMAND]);
  });

  it("is accepted on types with NVMe instance store", () => {
    expect(errors({ instanceStorage: "raid0", instanceTypes: ["m6id.large", "m5d.large"] })).toEqual([]);
    expect(errors({ os: "BOTTLEROCKET", instanceStorage: "raid0" })).toEqual([]);
  });

  it.each([
    [{ instanceStorage: "raid0", instanceTypes: ["m6i.large"] }, /m6i\.large has no instance store.*\(e\.g\. m6id\.large\)/],
    [{ instanceStorage: "mount", instanceTypes: ["m6id.large", "c6i.large"] }, /c6i\.large has no instance store/],
    [{ os: "BOTTLEROCKET", instanceStorage: "mount" }, /Bottlerocket's ephemeral storage builds one RAID0 array.*cannot mount disks one by one/],
    [{ os: "BOTTLEROCKET", instanceStorage: "raid0", ami: { channel: "pinned", releaseVersion: "1.21.1-82691b51" } }, /Bottlerocket 1\.21\.1 has no bootstrap commands.*1\.22\.0/],
  ] as [Partial<WorkerPoolArgs>, RegExp][])("refuses %j at instanceStorage", (over, message) => {
    expect(errors(over)).toContainEqual({ path: `${AT}.instanceStorage`, message: expect.stringMatching(message) });
  });

  it("refuses a type whose instance store is not NVMe (nodeadm and Bottlerocket set up NVMe disks only)", () => {
    expect(errors({ instanceStorage: "raid0", instanceTypes: ["m3.large"] })).toContainEqual({ path: `${AT}.instanceStorage`, message: expect.stringMatching(/m3\.large's instance store is not NVMe: nodeadm sets up NVMe instance store disks only/) });
  });
});

describe("kernel.sysctls", () => {
  it("plans and renders them: an AL2023 script part before the NodeConfig, Bottlerocket settings.kernel.sysctl", () => {
    const over: Partial<WorkerPoolArgs> = { kernel: { sysctls: { "vm.max_map_count": "262144" } } };
    expect(planWorkerPool(pool(over)).node.sysctls).toEqual({ "vm.max_map_count": "262144" });
    const al = decodeUserData(Buffer.from(userData(over)).toString("base64"));
    expect(al.os === "AL2023" ? [al.sysctls, al.parts.map((p) => p.mediaType)] : []).toEqual([{ "vm.max_map_count": "262144" }, ["text/x-shellscript", "application/node.eks.aws"]]);
    const br = parseToml(userData({ ...over, os: "BOTTLEROCKET" })).settings as { kernel: { sysctl: unknown } };
    expect(br.kernel.sysctl).toEqual({ "vm.max_map_count": "262144" });
  });

  it.each([
    ["VM.Max", "1", /is not a sysctl name/],
    ["vm.max_map_count", "1\nrm -rf /", /is not a sysctl value/],
    ["vm.max_map_count", "", /is not a sysctl value/],
    ["vm.overcommit_memory", "0", /protectKernelDefaults: true and refuses to start unless vm\.overcommit_memory is 1/],
    ["kernel.panic", "0", /unless kernel\.panic is 10.*setupKernelTunables/],
  ])("refuses %s=%j", (name, value, message) => {
    expect(errors({ kernel: { sysctls: { [name]: value } } })).toContainEqual({ path: `${AT}.kernel.sysctls.${name}`, message: expect.stringMatching(message) });
  });

  it("accepts the kubelet's own sysctls at the values it expects, on both OSes", () => {
    const sysctls = Object.fromEntries(Object.entries(KUBELET_KERNEL_TUNABLES).map(([k, v]) => [k, String(v)]));
    expect(errors({ kernel: { sysctls } })).toEqual([]);
    expect(errors({ os: "BOTTLEROCKET", kernel: { sysctls } })).toEqual([]);
  });

  it("with protectKernelDefaults overridden off, says the kubelet writes its value over the node's", () => {
    const kubelet = { hardeningOverrides: [{ field: "protectKernelDefaults", value: false, reason: "legacy sysctls" }] };
    expect(errors({ kubelet, kernel: { sysctls: { "vm.panic_on_oom": "1" } } })).toEqual([
      { path: `${AT}.kernel.sysctls.vm.panic_on_oom`, message: expect.stringMatching(/the kubelet \(protectKernelDefaults: false\) writes 0 over it at start/) },
    ]);
  });
});

describe("userData.preBootstrap", () => {
  it("renders the scripts after ours (sysctls, IPVS) and before the NodeConfig", () => {
    const parts = parseMultipart(userData({
      kernel: { sysctls: { "vm.max_map_count": "262144" } }, userData: { preBootstrap: ["#!/bin/bash\necho hello"] },
      kubeProxy: { mode: "ipvs" },
    }));
    expect(parts.map((p) => p.mediaType)).toEqual(["text/x-shellscript", "text/x-shellscript", "text/x-shellscript", "application/node.eks.aws"]);
    expect(parts[0].body).toMatch(/kernel\.sysctls/);
    expect(parts[1].body).toMatch(/ip_vs/);
    expect(parts[2].body.trim()).toBe("#!/bin/bash\necho hello");
    expect(planWorkerPool(pool({ userData: { preBootstrap: ["#!/bin/bash\necho hello"] } })).node.preBootstrap).toEqual([22]);
  });

  it("keeps an IPVS-only pool's script after the NodeConfig, where it always was", () => {
    expect(parseMultipart(userData({ kubeProxy: { mode: "ipvs" } })).map((p) => p.mediaType)).toEqual(["application/node.eks.aws", "text/x-shellscript"]);
  });

  it("refuses a script without #! and any script on Bottlerocket", () => {
    expect(errors({ userData: { preBootstrap: ["#!/bin/sh\ntrue", "echo hi"] } })).toEqual([{ path: `${AT}.userData.preBootstrap[1]`, message: expect.stringMatching(/must start with an interpreter line/) }]);
    expect(errors({ os: "BOTTLEROCKET", userData: { preBootstrap: ["#!/bin/sh\ntrue"] } })).toEqual([{ path: `${AT}.userData.preBootstrap`, message: expect.stringMatching(/Bottlerocket runs no shell scripts/) }]);
  });

  it("counts against EC2's 16 KB user data limit", () => {
    const big = `#!/bin/bash\n${"# padding\n".repeat(1700)}`;
    expect(errors({ userData: { preBootstrap: [big] } })).toContainEqual({ path: AT, message: expect.stringMatching(/over EC2's 16,384-byte limit.*userData/) });
  });
});

describe("userData.bottlerocketSettings", () => {
  it("renders the settings after ours and plans their keys", () => {
    const over: Partial<WorkerPoolArgs> = { os: "BOTTLEROCKET", userData: { bottlerocketSettings: { "settings.motd": "hi" } } };
    expect(errors(over)).toEqual([]);
    expect((parseToml(userData(over)).settings as { motd: string }).motd).toBe("hi");
    expect(planWorkerPool(pool(over)).node.bottlerocketSettings).toEqual(["settings.motd"]);
  });

  it("refuses keys over ours: the ephemeral storage command, the admin container with remoteAccess", () => {
    const storage = errors({ os: "BOTTLEROCKET", instanceStorage: "raid0", userData: { bottlerocketSettings: { [`settings.bootstrap-commands.${EPHEMERAL_STORAGE_COMMAND}.mode`]: "off" } } });
    expect(storage).toEqual([{ path: `${AT}.userData.bottlerocketSettings.settings.bootstrap-commands.${EPHEMERAL_STORAGE_COMMAND}.mode`, message: expect.stringMatching(/already renders/) }]);
    const admin = errors({ os: "BOTTLEROCKET", remoteAccess: { ec2SshKey: "ops" }, userData: { bottlerocketSettings: { "settings.host-containers.admin.enabled": false } } });
    expect(admin.map((i) => i.message).join("\n")).toMatch(/remoteAccess/);
  });

  it("is refused on AL2023", () => {
    expect(errors({ userData: { bottlerocketSettings: { "settings.motd": "hi" } } })).toEqual([{ path: `${AT}.userData.bottlerocketSettings`, message: expect.stringMatching(/only Bottlerocket reads settings/) }]);
  });
});

describe("stack config: every problem at the path the user wrote", () => {
  const ROOT = path.resolve(__dirname, "../..");
  const NOW = new Date("2026-12-01T00:00:00Z");
  const withPools = (system: Record<string, unknown>, batch: Record<string, unknown>) => {
    const v = structuredClone(readStackFile(ROOT, "dev").values);
    const pools = v.pools as Record<string, unknown>[];
    pools[0] = { ...pools[0], ...system };
    pools[2] = { ...pools[2], ...batch };
    return v;
  };

  it("takes the keys through zod into the pool args", () => {
    const r = loadStackConfig(withPools({ kernel: { sysctls: { "vm.max_map_count": 262144 } } }, { userData: { bottlerocketSettings: { "settings.motd": "hi" } } }), NOW);
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    expect(r.config.pools[0].args.kernel).toEqual({ sysctls: { "vm.max_map_count": 262144 } });
    expect(r.config.pools[2].args.userData).toEqual({ bottlerocketSettings: { "settings.motd": "hi" } });
  });

  it("reports a misspelt key, a bad strategy and every semantic refusal in one run", () => {
    const bad = loadStackConfig(withPools({ instanceStorage: "raid1", userData: { preBootstrp: [] } }, {}), NOW);
    expect(bad.ok ? [] : bad.errors.map((e) => e.path).sort()).toEqual(["workerpools:pools[0].instanceStorage", "workerpools:pools[0].userData.preBootstrp"]);
    const semantic = loadStackConfig(withPools(
      { instanceStorage: "raid0", kernel: { sysctls: { "kernel.panic": "0" } } },
      { instanceStorage: "mount", userData: { preBootstrap: ["#!/bin/sh"], bottlerocketSettings: { "settings.kubernetes.api-server": "https://x" } } },
    ), NOW);
    expect(semantic.ok ? [] : semantic.errors.map((e) => e.path).sort()).toEqual([
      "workerpools:pools[0].instanceStorage",
      "workerpools:pools[0].kernel.sysctls.kernel.panic",
      "workerpools:pools[2].instanceStorage",
      "workerpools:pools[2].instanceStorage",
      "workerpools:pools[2].instanceStorage",
      "workerpools:pools[2].instanceStorage",
      "workerpools:pools[2].instanceStorage",
      "workerpools:pools[2].userData.bottlerocketSettings.settings.kubernetes.api-server",
      "workerpools:pools[2].userData.preBootstrap",
    ]);
  });
});
