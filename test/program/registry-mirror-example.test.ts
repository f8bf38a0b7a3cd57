/**
 * examples/stacks/Pulumi.registry-mirror.yaml (after Bottlerocket's container-registry mirrors example and the ECR
 * pull-through cache guide) planned whole: the launch templates' decoded user data carries the mirrors and settings, in
 * the containerd config version of each pool's AMI; the plan lists them with origins; stack-wide issues are reported at
 * the stack-wide key; and the change review names a changed runtime field and rolls the pool.
 */
import * as path from "node:path";
import { PlanResource, PoolSummary, readStackFile, runPlan, summarizePools } from "../../tools/plan";
import { decodeUserData } from "../../components/userdata";
import { diffUserData } from "../../tools/review";
import { loadStackConfig } from "../../infra/config";
import { LAUNCH_TEMPLATE_TYPE, ROLE_POLICY_TYPE } from "../../components/core";

const EXAMPLES = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");
const ECR = "https://111122223333.dkr.ecr.us-east-1.amazonaws.com/v2";
let resources: PlanResource[] = [];
let pools: PoolSummary[] = [];

beforeAll(async () => {
  const run = await runPlan(readStackFile(EXAMPLES, "registry-mirror"), { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  pools = summarizePools(run.config);
});

const userDataOf = (pool: string): string => {
  const lt = resources.find((r) => r.type === LAUNCH_TEMPLATE_TYPE && r.name === `${pool}-lt`);
  if (!lt || typeof lt.inputs.userData !== "string") throw new Error(`no launch template user data for ${pool}`);
  return lt.inputs.userData;
};

describe("the registry-mirror example stack", () => {
  it("AL2023 on 1.35: a version 3 containerd fragment with the pool's values, hosts.toml mirrors in order", () => {
    const d = decodeUserData(userDataOf("system"));
    if (d.os !== "AL2023") throw new Error(d.os);
    const spec = d.nodeConfigs[0].spec as { containerd: { config: string } };
    expect(spec.containerd.config).toContain("io.containerd.cri.v1.images");
    expect(d.containerRuntime).toEqual({
      maxConcurrentDownloads: 5, discardUnpackedLayers: true,
      mirrors: { "docker.io": ["https://mirror.example.com", `${ECR}/docker-hub`], "quay.io": [`${ECR}/quay`], "registry.k8s.io": [`${ECR}/kubernetes`] },
    });
  });

  it("AL2023 pinned to a release before containerd 2: a version 2 fragment with the stack-wide value", () => {
    const d = decodeUserData(userDataOf("pinned"));
    if (d.os !== "AL2023") throw new Error(d.os);
    const spec = d.nodeConfigs[0].spec as { containerd: { config: string } };
    expect(spec.containerd.config).toContain('"io.containerd.grpc.v1.cri"');
    expect(spec.containerd.config).not.toContain("io.containerd.cri.v1");
    expect(d.containerRuntime.maxConcurrentDownloads).toBe(3);
  });

  it("Bottlerocket: settings.container-registry.mirrors with the pool's quay.io mirror first, and max-concurrent-downloads", () => {
    const d = decodeUserData(userDataOf("bottlerocket"));
    if (d.os !== "BOTTLEROCKET") throw new Error(d.os);
    expect(d.settings["container-runtime"]).toEqual({ "max-concurrent-downloads": 8 });
    expect(d.containerRuntime.mirrors?.["quay.io"]).toEqual(["https://quay-mirror.example.com", `${ECR}/quay`]);
  });

  it("lists the effective settings per pool with their origins", () => {
    const system = pools.find((p) => p.name === "system")?.containerRuntime;
    expect(system?.containerd).toMatchObject({ version: "2", configVersion: 3 });
    expect(system?.settings.maxConcurrentDownloads).toEqual({ value: 5, origin: "pool" });
    expect(system?.mirrors["docker.io"]).toEqual([{ url: "https://mirror.example.com", origin: "stack" }, { url: `${ECR}/docker-hub`, origin: "pullThroughCache" }]);
    const pinned = pools.find((p) => p.name === "pinned")?.containerRuntime;
    expect(pinned?.settings).toEqual({ maxConcurrentDownloads: { value: 3, origin: "stack" }, discardUnpackedLayers: { value: true, origin: "ami-base" } });
    expect(pools.find((p) => p.name === "bottlerocket")?.containerRuntime?.settings.discardUnpackedLayers).toEqual({ value: false, origin: "bottlerocket-built-in" });
  });

  it("gives each pool's node role the inline policy that lets the pull-through cache fill, and the plan lists it", () => {
    const policies = resources.filter((r) => r.type === ROLE_POLICY_TYPE);
    expect(policies.map((r) => r.name).sort()).toEqual(["bottlerocket-node-pull-through-cache", "pinned-node-pull-through-cache", "system-node-pull-through-cache"]);
    const doc = JSON.parse(String(policies[0].inputs.policy)) as { Statement: { Action: string[]; Resource: string[] }[] };
    expect(doc.Statement[0].Action).toEqual(["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]);
    expect(doc.Statement[0].Resource).toContain("arn:aws:ecr:us-east-1:111122223333:repository/docker-hub/*");
    expect(pools.find((p) => p.name === "system")?.nodeRole?.pullThroughCache?.repositories).toEqual(doc.Statement[0].Resource);
  });

  it("reports a stack-wide value a Bottlerocket pool cannot express once, at the stack-wide key, naming the pool", () => {
    const values = structuredClone(readStackFile(EXAMPLES, "registry-mirror").values) as { containerRuntime: Record<string, unknown> };
    values.containerRuntime.discardUnpackedLayers = true;
    values.containerRuntime.registryMirrors = { "docker.io": ["http://mirror.example.com"] };
    const r = loadStackConfig(values, NOW, { region: "us-east-1" });
    if (r.ok) throw new Error("expected the config to be refused");
    expect(r.errors.filter((e) => e.path === "workerpools:containerRuntime.discardUnpackedLayers").map((e) => e.message)).toEqual([expect.stringMatching(/Bottlerocket cannot express it.*\(in pool bottlerocket\)$/)]);
    expect(r.errors.filter((e) => e.path.includes("registryMirrors")).map((e) => e.path)).toEqual(['workerpools:containerRuntime.registryMirrors["docker.io"][0]']);
    expect(r.warnings.filter((w) => w.path === "workerpools:containerRuntime.pullThroughCache")).toHaveLength(1);
  });

  it("in the change review: a changed runtime field is named, and the pool rolls", () => {
    const before = userDataOf("system");
    const text = Buffer.from(before, "base64").toString("utf8").replace("max_concurrent_downloads = 5", "max_concurrent_downloads = 6");
    const changes = diffUserData(before, Buffer.from(text, "utf8").toString("base64"));
    expect(changes).toEqual([expect.objectContaining({ field: "containerRuntime.maxConcurrentDownloads", before: 5, after: 6, effect: "roll" })]);
  });
});
