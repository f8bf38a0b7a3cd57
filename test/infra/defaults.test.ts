/**
 * Defaults are applied in one place per component; these tests pin the documented values (README and
 * TSDoc `@default`) to what the resolve functions return, so a change to one without the other fails.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveWorkerPoolArgs } from "../../components/worker-pool";
import { resolveControlPlaneArgs } from "../../components/control-plane";
import { KubeProxySettings, resolveAddonsArgs } from "../../components/addons";

const cluster = { name: "c", endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: "1.35" };

it("WorkerPool: documented defaults", () => {
  const args = { cluster, subnets: [{ id: "s-a", az: "a" }, { id: "s-b", az: "b" }], instanceTypes: ["m6i.large"] };
  const r = resolveWorkerPoolArgs(args);
  expect(r).toMatchObject({
    os: "AL2023", architecture: "x86_64", accelerator: "auto", capacityType: "ON_DEMAND", scaling: { min: 2, max: 4, desired: 2 }, layout: "spread",
    availabilityZones: ["a", "b"], labels: {}, taints: [], rootVolume: { sizeGiB: 50, type: "gp3" }, ami: { channel: "recommended" },
    update: { maxUnavailablePercentage: 33, strategy: "DEFAULT" }, kubernetesVersion: "1.35", autoRepair: { enabled: true },
    metadataHopLimit: 1, prefixDelegation: false, kubeProxy: { mode: "iptables" },
    instanceStorage: "none", kernel: { sysctls: {} }, userData: { preBootstrap: [], bottlerocketSettings: {} },
  });
  expect(args).toEqual({ cluster, subnets: [{ id: "s-a", az: "a" }, { id: "s-b", az: "b" }], instanceTypes: ["m6i.large"] });
});

it("WorkerPool: maxUnavailable replaces the default percentage", () => {
  const r = resolveWorkerPoolArgs({ cluster, subnets: [], instanceTypes: ["m6i.large"], update: { maxUnavailable: 1 } });
  expect(r.update).toEqual({ maxUnavailable: 1, maxUnavailablePercentage: undefined, strategy: "DEFAULT" });
});

it.each<[string, KubeProxySettings | undefined]>([
  ["no settings", undefined],
  ["settings without a mode", {}],
  ["IPVS without a scheduler", { mode: "ipvs" }],
  ["nftables", { mode: "nftables" }],
])("WorkerPool: kube-proxy with %s resolves as the kube-proxy addon resolves it (its defaults, written once)", (_, kubeProxy) => {
  const pool = resolveWorkerPoolArgs({ cluster, subnets: [], instanceTypes: ["m6i.large"], kubeProxy }).kubeProxy;
  const addon = resolveAddonsArgs({ clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "", kubeProxy }).kubeProxy;
  expect(pool).toEqual({ mode: addon.mode, ...(addon.ipvsScheduler ? { ipvsScheduler: addon.ipvsScheduler } : {}) });
  expect(pool.mode).toBe(kubeProxy?.mode ?? "iptables");
  if (pool.mode === "ipvs") expect(pool.ipvsScheduler).toBe("rr");
});

it("ControlPlane: documented defaults", () => {
  expect(resolveControlPlaneArgs({ name: "c", kubernetesVersion: "1.35", vpcId: "v", privateSubnetIds: [] })).toMatchObject({
    endpoint: { privateAccess: true, publicAccessCidrs: [] }, logging: { types: ["api", "audit", "authenticator"], retentionDays: 90 },
    supportType: "STANDARD", deletionProtection: true, admins: [], serviceIpv4Cidr: "172.20.0.0/16", publicSubnetIds: [],
  });
});

it("Addons: documented defaults", () => {
  expect(resolveAddonsArgs({ clusterName: "c", kubernetesVersion: "1.35", kubeconfig: "" })).toMatchObject({
    vpcCni: { version: "latest", prefixDelegation: false, networkPolicy: true }, kubeProxy: { version: "latest", mode: "iptables" },
    coredns: { version: "latest", replicas: 2 }, ebsCsi: { version: "latest", controllerReplicas: 2 },
    podIdentityAgent: { version: "latest" }, nodeMonitoringAgent: { version: "latest", enabled: true }, defaultStorageClass: true,
  });
});

it("README documents every key of the stack config schema, in its own section", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "../..", "README.md"), "utf8");
  const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../..", "schema", "stack-config.schema.json"), "utf8")) as Record<string, unknown>;
  // Sections of the configuration reference, by heading ("### `workerpools:pools[]`", ...).
  const sections = readme.split(/\n(?=### )/).filter((t) => t.startsWith("### `workerpools:"));
  const paths: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== "object" || node === null) return;
    const n = node as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
    for (const [k, v] of Object.entries(n.properties ?? {})) { paths.push(at ? `${at}.${k}` : k); walk(v, at ? `${at}.${k}` : k); }
    walk(n.items, `${at}[]`);
    (n.anyOf ?? []).forEach((x) => walk(x, at));
  };
  walk((schema.properties as Record<string, unknown>).config, "");
  const headingNames = (t: string): string[] => (t.split("\n")[0].match(/`[^`]+`/g) ?? []).map((x) => x.slice(1, -1));
  const sectionOf = (p: string): string | undefined => {
    const heads = [p.split(".").slice(0, 2).join("."), p.split(".")[0]];
    for (const h of heads) {
      const found = sections.find((t) => headingNames(t).includes(h));
      if (found) return found;
    }
    return undefined;
  };
  const missing = paths.filter((p) => p.includes(".")).filter((p) => {
    const leaf = p.split(".").pop()?.replace(/\[\]$/, "") ?? p;
    const spans = sectionOf(p)?.match(/`[^`\n]+`/g) ?? [];
    return !spans.some((span) => new RegExp(`(^|[^A-Za-z])${leaf}([^A-Za-z]|$)`).test(span));
  });
  expect(sections.length).toBeGreaterThanOrEqual(6);
  expect(missing).toEqual([]);
});
