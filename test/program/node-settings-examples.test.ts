/**
 * The example stacks written after published configurations of the node beyond the kubelet (examples/stacks), planned by
 * the whole program: the launch templates' user data, decoded as the node reads it (MIME with the repo's parser,
 * NodeConfig with yaml, Bottlerocket with smol-toml), carries the settings, and the plan's pool summary shows them.
 */
import * as path from "node:path";
import * as YAML from "yaml";
import { parse as parseToml } from "smol-toml";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, parseMultipart } from "../../components/core";
import { EPHEMERAL_STORAGE_COMMAND, NODECONFIG_CONTENT_TYPE } from "../../components/userdata";
import { PlanResource, PoolSummary, readStackFile, renderPools, runPlan, summarizePools } from "../../tools/plan";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");

async function plan(stack: string): Promise<{ resources: PlanResource[]; pools: PoolSummary[] }> {
  const run = await runPlan(readStackFile(EXAMPLES, stack), { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return { resources: run.resources, pools: summarizePools(run.config) };
}

const userData = (resources: readonly PlanResource[], pool: string): string => {
  const lt = resources.find((r) => r.type === LAUNCH_TEMPLATE_TYPE && r.name === `${pool}-lt`);
  if (!lt) throw new Error(`no launch template for ${pool}`);
  return Buffer.from(String(lt.inputs.userData), "base64").toString("utf8");
};
const nodeConfigOf = (text: string) => {
  const part = parseMultipart(text).find((p) => p.mediaType === NODECONFIG_CONTENT_TYPE);
  return YAML.parse(part?.body ?? "") as { spec: Record<string, unknown> };
};
const tomlSettings = (text: string) => parseToml(text).settings as Record<string, Record<string, unknown>>;

describe("local-nvme-raid0 (EKS Blueprints nvidia-gpu-efa; Karpenter instanceStorePolicy RAID0)", () => {
  let p: Awaited<ReturnType<typeof plan>>;
  beforeAll(async () => { p = await plan("local-nvme-raid0"); });

  it("AL2023 g6: NodeConfig spec.instance.localStorage.strategy RAID0 on the NVIDIA AMI", () => {
    expect(nodeConfigOf(userData(p.resources, "g6")).spec.instance).toEqual({ localStorage: { strategy: "RAID0" } });
    const group = p.resources.find((r) => r.type === NODE_GROUP_TYPE && r.name === "g6");
    expect(group?.inputs.amiType).toBe("AL2023_x86_64_NVIDIA");
  });

  it("Bottlerocket nvme-br: the ephemeral storage bootstrap command binding containerd, the kubelet and pod logs", () => {
    expect(tomlSettings(userData(p.resources, "nvme-br"))["bootstrap-commands"][EPHEMERAL_STORAGE_COMMAND]).toEqual({
      commands: [["apiclient", "ephemeral-storage", "init"], ["apiclient", "ephemeral-storage", "bind", "--dirs", "/var/lib/containerd", "/var/lib/kubelet", "/var/log/pods"]],
      essential: true, mode: "always",
    });
  });

  it("the default pool gets no instance storage, and the plan shows the local storage per node", () => {
    expect(nodeConfigOf(userData(p.resources, "default")).spec.instance).toBeUndefined();
    const br = p.pools.find((x) => x.name === "nvme-br");
    expect(br?.node?.instanceStorage?.perNode).toEqual([{ instanceType: "m6id.2xlarge", totalGB: 474, disks: 1 }, { instanceType: "c6id.2xlarge", totalGB: 474, disks: 1 }]);
    expect(p.pools.find((x) => x.name === "default")?.node).toBeUndefined();
    expect(renderPools(p.pools)).toMatch(/instance store: raid0; per node g6e\.8xlarge: \? x \? GB = 900 GB/);
  });
});

describe("custom-bootstrap (eksctl 05-advanced-nodegroups preBootstrapCommands; Elasticsearch vm.max_map_count)", () => {
  let p: Awaited<ReturnType<typeof plan>>;
  beforeAll(async () => { p = await plan("custom-bootstrap"); });

  it("renders the sysctl script, then the preBootstrap script, then the NodeConfig", () => {
    const parts = parseMultipart(userData(p.resources, "ng3-private-b"));
    expect(parts.map((x) => x.mediaType)).toEqual(["text/x-shellscript", "text/x-shellscript", NODECONFIG_CONTENT_TYPE]);
    expect(parts[0].body).toMatch(/^vm\.max_map_count = 262144$/m);
    expect(parts[0].body).toMatch(/^sysctl -p \/etc\/sysctl\.d\/99-workerpools\.conf$/m);
    expect(parts[1].body).toMatch(/^#!\/bin\/bash\n# disable hyperthreading\nfor n in \$\(cat \/sys\/devices\/system\/cpu\/cpu\*\/topology\/thread_siblings_list/);
  });

  it("leaves the other pool's user data as the NodeConfig alone, and shows both settings in the plan", () => {
    expect(parseMultipart(userData(p.resources, "ng2-private-a")).map((x) => x.mediaType)).toEqual([NODECONFIG_CONTENT_TYPE]);
    expect(p.pools.find((x) => x.name === "ng3-private-b")?.node).toMatchObject({ sysctls: { "vm.max_map_count": "262144" }, preBootstrap: [expect.any(Number)] });
  });
});

describe("bottlerocket-settings (terraform-aws-eks eks-bottlerocket bootstrap_extra_args)", () => {
  it("renders the free-form settings after ours and keeps the cluster's", async () => {
    const p = await plan("bottlerocket-settings");
    const settings = tomlSettings(userData(p.resources, "example"));
    expect(settings.kernel).toEqual({ lockdown: "integrity" });
    expect(settings.motd).toBe("ex-eks-managed-node-group-bottlerocket: managed by workerpools");
    expect(Object.keys(settings.kubernetes)).toEqual(expect.arrayContaining(["cluster-name", "api-server", "cluster-certificate"]));
    expect(settings["host-containers"]).toBeUndefined();
    expect(p.pools[0].node).toEqual({ bottlerocketSettings: ["settings.kernel.lockdown", "settings.motd"] });
  });
});
