/**
 * The dev stack's launch templates, decoded as a node would: AL2023 MIME → NodeConfig YAML, Bottlerocket
 * TOML. Every emitted kubelet key must be a real KubeletConfiguration field of the right type, and the
 * decoded config must equal the plan's per-pool summary field by field.
 */
import * as path from "node:path";
import PostalMime from "postal-mime";
import * as YAML from "yaml";
import { parse as parseToml } from "smol-toml";
import { validateKubeletConfig, BOTTLEROCKET_KUBERNETES_SETTINGS } from "../../components/kubelet";
import { nodeadmKubeletBase } from "../../components/facts";
import { deepMerge, LAUNCH_TEMPLATE_TYPE } from "../../components/core";
import { readStackFile, runPlan, PlanResource, PoolSummary, summarizePools } from "../../tools/plan";

let lts: PlanResource[] = [];
let pools: PoolSummary[] = [];

beforeAll(async () => {
  const run = await runPlan(readStackFile(path.resolve(__dirname, "../.."), "dev"));
  if (!run.ok) throw new Error("dev stack invalid");
  lts = run.resources.filter((r) => r.type === LAUNCH_TEMPLATE_TYPE);
  pools = summarizePools(run.config);
});

const userData = (pool: string): string => {
  const lt = lts.find((r) => r.name === `${pool}-lt`);
  return Buffer.from(String(lt?.inputs.userData), "base64").toString("utf8");
};

async function nodeConfigOf(pool: string) {
  const email = await PostalMime.parse(userData(pool));
  const part = email.attachments.find((a) => a.mimeType === "application/node.eks.aws");
  const text = typeof part?.content === "string" ? part.content : new TextDecoder().decode(part?.content);
  return { doc: YAML.parse(text) as { spec: { kubelet: { config: Record<string, unknown> } } }, types: email.attachments.map((a) => a.mimeType) };
}

describe.each(["system", "general"])("AL2023 pool %s", (pool) => {
  it("emits only real KubeletConfiguration fields with the right types", async () => {
    const { doc } = await nodeConfigOf(pool);
    expect(validateKubeletConfig(doc.spec.kubelet.config, "kubelet")).toEqual([]);
  });

  it("the plan's effective kubelet config is nodeadm's base (Kubernetes 1.35) with the decoded drop-in merged over it, field by field", async () => {
    const { doc } = await nodeConfigOf(pool);
    const summary = pools.find((p) => p.name === pool);
    const { kind: _kind, apiVersion: _apiVersion, ...base } = nodeadmKubeletBase("1.35");
    const effective = deepMerge(base, doc.spec.kubelet.config);
    expect(Object.keys(effective).sort()).toEqual(Object.keys(summary?.kubelet.config ?? {}).sort());
    for (const [k, v] of Object.entries(summary?.kubelet.config ?? {})) expect(effective[k]).toEqual(v);
    for (const k of Object.keys(doc.spec.kubelet.config)) expect(summary?.kubelet.origin[k]).not.toBe("ami-base");
    expect(summary?.kubelet.config).toMatchObject({ shutdownGracePeriod: "2m30s", shutdownGracePeriodCriticalPods: "30s" });
  });

  it("carries the NodeConfig alone: kube-proxy runs in nftables mode, so no IPVS module script (IPVS: test/userdata, test/kubelet/pool)", async () => {
    const { types } = await nodeConfigOf(pool);
    expect(types).toEqual(["application/node.eks.aws"]);
    expect(userData(pool)).not.toMatch(/ip_vs/);
  });
});

describe("Bottlerocket pool batch", () => {
  const settings = () => parseToml(userData("batch")).settings as Record<string, Record<string, unknown>>;
  const keyToField = new Map(Object.entries(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped).map(([field, m]) => [m.key, field]));

  it("emits only Bottlerocket kubelet keys, each mapping back to the plan's value", () => {
    const k8s = settings().kubernetes;
    const summary = pools.find((p) => p.name === "batch");
    for (const [key, value] of Object.entries(k8s)) {
      if (["cluster-name", "api-server", "cluster-certificate"].includes(key)) continue;
      const field = keyToField.get(key);
      expect(field).toBeDefined();
      expect(value).toEqual(summary?.kubelet.config[field as string]);
    }
    expect(k8s).toMatchObject({ "max-pods": 58, "max-parallel-image-pulls": 4 });
  });

  it("shows only what Bottlerocket renders: no rotateCertificates / makeIPTablesUtilChains, which the TOML cannot carry", () => {
    const summary = pools.find((p) => p.name === "batch");
    expect(summary?.kubelet.config).not.toHaveProperty("rotateCertificates");
    expect(summary?.kubelet.config).not.toHaveProperty("makeIPTablesUtilChains");
    expect(summary?.kubelet.notRendered.map((n) => n.field)).toEqual(["rotateCertificates", "makeIPTablesUtilChains"]);
    expect(userData("batch")).not.toMatch(/rotate|iptables/i);
    expect(summary?.kubelet.origin.readOnlyPort).toBe("bottlerocket-built-in");
  });

  it("loads no IPVS kernel modules (kube-proxy runs in nftables mode)", () => {
    expect(settings().kernel).toBeUndefined();
  });
});
