/**
 * `workerpools:addons.nvidiaDevicePlugin.enabled: false` under Pulumi's mock runtime: no release, and the AL2023 GPU
 * pool keeps its device-plugin warning. One program run per file (Pulumi's runtime is process-global).
 */
import * as path from "node:path";
import { PlanResource, StackFile, readStackFile, runPlan } from "../../tools/plan";
import type { ConfigIssue } from "../../components/core";
import { HELM_RELEASE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const dev = readStackFile(ROOT, "dev");
const devPools = dev.values.pools as Record<string, unknown>[];
const devAddons = (dev.values.addons ?? {}) as Record<string, unknown>;
const file: StackFile = {
  ...dev,
  values: {
    ...dev.values,
    addons: { ...devAddons, nvidiaDevicePlugin: { enabled: false } },
    pools: [devPools[0], { name: "gpu", instanceTypes: ["g5.xlarge"], scaling: { min: 0, max: 2, desired: 1 } }],
    patching: { waves: [["system"], ["gpu"]] },
  },
};

let resources: PlanResource[] = [];
let warnings: ConfigIssue[] = [];

beforeAll(async () => {
  const run = await runPlan(file, { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  warnings = run.warnings;
});

describe("the NVIDIA device plugin, disabled", () => {
  it("installs no release and keeps the pool's warning", () => {
    expect(resources.filter((r) => r.type === HELM_RELEASE_TYPE)).toEqual([]);
    expect(resources.some((r) => r.type === NODE_GROUP_TYPE && r.inputs.amiType === "AL2023_x86_64_NVIDIA")).toBe(true);
    expect(warnings.filter((w) => w.path === "workerpools:pools[1].accelerator").map((w) => w.message)).toEqual([
      expect.stringContaining("does not deploy a device plugin (addons nvidiaDevicePlugin.enabled is false)"),
    ]);
  });
});
