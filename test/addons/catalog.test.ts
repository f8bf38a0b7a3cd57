/**
 * The addon catalog (STYLE §9): every row has all of its parts, and every list derived from it (ADDON_NAMES,
 * ADDON_ARG_KEYS, the zod schema and the JSON Schema, the freeze pin list, the stages, the plan listing, the README
 * table) equals the catalog, so an addon half-added fails here instead of silently dropping a value.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import {
  DEVICE_PLUGINS, ADDON_ARG_KEYS, ADDON_CATALOG, ADDON_NAMES, ADDON_STAGES, ADDON_VERSION_FIELD, AddonKey, AddonRow, AddonRowOf, AddonsArgs,
  ADDON_INSTALLS, CloudwatchObservabilityOptions, CorednsOptions, OffByDefaultAddonOptions, EbsCsiOptions, FREEZE_HELD_ADDONS, OptionalAddonOptions, POD_IDENTITY_AGENT, VersionOnly, VpcCniOptions, addonSchema, addonsInStage,
  isAddonName, isInstalled, registrationOrder, resolveAddonsArgs, validateAddonConfiguration, validateAddons, validateRenderedValues,
} from "../../components/addons";
import { ADDON_TYPE, isRecord, NODE_GROUP_TYPE, ObjectValue } from "../../components/core";
import { ADDON_SCHEMA_DOCUMENTS } from "../../components/facts";
import { addonsSchema } from "../../infra/config-schema";
import { loadStackConfig } from "../../infra/config";
import { desiredVersions, withVersions } from "../../infra/versions";
import { PlanResource, readStackFile, runPlan, summarizeAddons } from "../../tools/plan";

const ROOT = path.resolve(__dirname, "../..");
const AT = "workerpools:addons";
const ROWS: readonly AddonRow[] = ADDON_CATALOG;
const base: AddonsArgs = { clusterName: "c", kubeconfig: "{}", kubernetesVersion: "1.35" };
const defaults = resolveAddonsArgs(base);
/** The addons installed only when turned on (SPEC §11.6). */
const OFF_BY_DEFAULT: readonly string[] = ["efsCsi", "cloudwatchObservability"];

// ---- Type level (checked by `tsc --noEmit`, which `npm test` runs first) ----
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type RowOf<K extends AddonKey> = Extract<(typeof ADDON_CATALOG)[number], { readonly key: K }>;
type ConfigOptions<K extends AddonKey> = ObjectValue<RowOf<K>["options"]>;
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
const typeChecks: readonly true[] = [
  // The library's typed options are the catalog's option shapes (kube-proxy's mode lives in workerpools:kubeProxy).
  true satisfies Equal<ConfigOptions<"vpcCni">, VpcCniOptions>,
  true satisfies Equal<ConfigOptions<"coredns">, CorednsOptions>,
  true satisfies Equal<ConfigOptions<"ebsCsi">, EbsCsiOptions>,
  true satisfies Equal<ConfigOptions<"kubeProxy">, VersionOnly>,
  true satisfies Equal<ConfigOptions<"podIdentityAgent">, OptionalAddonOptions>,
  true satisfies Equal<ConfigOptions<"nodeMonitoringAgent">, OptionalAddonOptions>,
  true satisfies Equal<ConfigOptions<"metricsServer">, OptionalAddonOptions>,
  true satisfies Equal<ConfigOptions<"efsCsi">, OffByDefaultAddonOptions>,
  true satisfies Equal<ConfigOptions<"cloudwatchObservability">, CloudwatchObservabilityOptions>,
  // Every args key holding an addon's options has exactly one row, and every row's key is such a key.
  true satisfies Equal<AddonKey, (typeof ADDON_CATALOG)[number]["key"]>,
  true satisfies (AddonKey extends keyof AddonsArgs ? true : false),
  // Every part of a row is required.
  true satisfies Equal<keyof AddonRowOf<"coredns">, "key" | "addon" | "stage" | "iam" | "schema" | "options" | "values" | "install" | "freeze">,
  true satisfies Equal<OptionalKeys<AddonRowOf<"coredns">>, never>,
];
const incomplete = {
  key: "coredns", addon: "coredns", stage: "after-nodes", iam: { kind: "none" }, schema: "none",
  options: { version: ADDON_VERSION_FIELD }, values: "none", install: "always",
} as const;
// @ts-expect-error a row without its freeze behaviour is not a row
const _missingFreeze: AddonRow = incomplete;
// @ts-expect-error only an addon whose options carry `enabled` can depend on auto-repair
const _conditionalWithoutEnabled: AddonRow = { ...incomplete, install: "auto-repair", freeze: "hold-version" };

describe("the addon catalog rows", () => {
  it("type-checks its derived types (see the tsc assertions above)", () => expect(typeChecks.every(Boolean)).toBe(true));

  it("is the addons of SPEC §3, each in its stage", () => {
    expect(ROWS.map((r) => [r.addon, r.key, r.stage])).toEqual([
      ["vpc-cni", "vpcCni", "before-nodes"],
      ["kube-proxy", "kubeProxy", "before-nodes"],
      ["coredns", "coredns", "after-nodes"],
      ["aws-ebs-csi-driver", "ebsCsi", "after-nodes"],
      ["eks-pod-identity-agent", "podIdentityAgent", "before-nodes"],
      ["eks-node-monitoring-agent", "nodeMonitoringAgent", "after-nodes"],
      ["metrics-server", "metricsServer", "after-nodes"],
      ["aws-efs-csi-driver", "efsCsi", "after-nodes"],
      ["amazon-cloudwatch-observability", "cloudwatchObservability", "after-nodes"],
    ]);
    expect(new Set(ROWS.map((r) => r.key)).size).toBe(ROWS.length);
    expect(new Set(ROWS.map((r) => r.addon)).size).toBe(ROWS.length);
  });

  describe.each(ROWS.map((r) => [r.addon, r] as const))("%s", (_name, row) => {
    it("has a stage, an install rule and a freeze behaviour", () => {
      expect(ADDON_STAGES).toContain(row.stage);
      expect(ADDON_INSTALLS).toContain(row.install);
      expect(row.freeze).toBe("hold-version");
    });

    it("declares its IAM: none, or a complete Pod Identity role", () => {
      if (row.iam.kind === "none") return;
      expect(row.iam).toEqual({
        kind: "pod-identity", name: expect.stringMatching(/^[a-z0-9-]+$/), description: expect.stringMatching(/\S/),
        namespace: expect.stringMatching(/^[a-z0-9-]+$/), serviceAccount: expect.stringMatching(/^[a-z0-9-]+$/),
        policyArn: expect.stringMatching(/^arn:aws:iam::aws:policy\//),
      });
    });

    it("takes `version` as an option, with the shared description", () => {
      expect(row.options.version).toBe(ADDON_VERSION_FIELD);
    });

    it("can be turned off exactly when it is not required (vpc-cni, kube-proxy, coredns are)", () => {
      const required = ["vpcCni", "kubeProxy", "coredns"].includes(row.key);
      expect([row.key, row.install === "always"]).toEqual([row.key, required]);
      expect([row.key, "enabled" in row.options]).toEqual([row.key, !required]);
      if (required) return;
      const off = resolveAddonsArgs({ ...base, [row.key]: { enabled: false } });
      const on = resolveAddonsArgs({ ...base, [row.key]: { enabled: true } });
      expect(isInstalled(row, off)).toBe(false);
      expect(isInstalled(row, on)).toBe(true);
      expect([row.key, isInstalled(row, defaults)]).toEqual([row.key, !OFF_BY_DEFAULT.includes(row.key)]);
    });

    it("renders JSON configuration values from the defaults, or none", () => {
      if (row.values === "none") return;
      const values = row.values(defaults);
      expect(JSON.parse(JSON.stringify(values))).toEqual(values);
    });

    it("names a shipped schema document that loads and compiles, and its defaults pass it", () => {
      if (row.schema === "none") return;
      const document = row.schema.document;
      expect(ADDON_SCHEMA_DOCUMENTS[document]).toBeDefined();
      expect(ADDON_NAMES).toContain(document);
      if (!isAddonName(document)) throw new Error(`${document} is not an ADDON_NAMES entry`);
      const name = document;
      expect(addonSchema(name).addon).toBe(document);
      expect(() => validateAddonConfiguration(name, {}, AT)).not.toThrow();
      if (row.values !== "none") expect(validateAddonConfiguration(name, row.schema.judged(row.values(defaults), defaults), AT)).toEqual([]);
    });

    it("has its version checked at its config path", () => {
      const broken = withVersion(row.key, "1.0");
      expect(validateAddons(resolveAddonsArgs(broken), AT).map((i) => i.path)).toContain(`${AT}.${row.key}.version`);
    });

    it("is a key of the zod schema with exactly its options, refusing unknown ones", () => {
      expect(addonsSchema.safeParse({ [row.key]: { version: "latest" } }).success).toBe(true);
      expect(addonsSchema.safeParse({ [row.key]: { versoin: "latest" } }).success).toBe(false);
      expect(Object.keys(jsonSchemaProperties(zodAddons(), row.key))).toEqual(Object.keys(row.options));
    });

    it("is in the committed JSON Schema (schema/stack-config.schema.json) with exactly its options", () => {
      expect(Object.keys(jsonSchemaProperties(committedAddons(), row.key))).toEqual(Object.keys(row.options));
    });

    it("has a row in the README's workerpools:addons table", () => {
      expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain(`| \`${row.key}.version\` |`);
    });
  });
});

describe("lists derived from the catalog", () => {
  it("ADDON_NAMES: the schema documents of the rows, in catalog order, and every shipped document is used", () => {
    expect(ADDON_NAMES).toEqual(ROWS.flatMap((r) => (r.schema === "none" ? [] : [r.schema.document])));
    expect(Object.keys(ADDON_SCHEMA_DOCUMENTS).sort()).toEqual([...ADDON_NAMES].sort());
  });

  it("ADDON_ARG_KEYS: EKS addon name to config key", () => {
    expect(ADDON_ARG_KEYS).toEqual(Object.fromEntries(ROWS.map((r) => [r.addon, r.key])));
  });

  it("the zod schema's and the JSON Schema's keys: the config keys, in catalog order, then the device plugin releases beside the catalog", () => {
    expect(Object.keys(objectProperties(zodAddons()))).toEqual([...ROWS.map((r) => r.key), ...DEVICE_PLUGINS.map((r) => r.key), "extra"]);
    expect(Object.keys(objectProperties(committedAddons()))).toEqual([...ROWS.map((r) => r.key), ...DEVICE_PLUGINS.map((r) => r.key), "extra"]);
  });

  it("the freeze pin list: every hold-version row is pinned at its deployed version", () => {
    expect(FREEZE_HELD_ADDONS).toEqual(ROWS.filter((r) => r.freeze === "hold-version"));
    const loaded = loadStackConfig(readStackFile(ROOT, "dev").values, new Date("2026-12-01T00:00:00Z"));
    if (!loaded.ok) throw new Error("the dev stack should load");
    const deployed = Object.fromEntries(ROWS.map((r, i) => [r.addon, `v1.${i}.0-eksbuild.1`]));
    const held = withVersions(loaded.config, { controlPlane: "1.35", pools: {}, addons: deployed });
    for (const row of FREEZE_HELD_ADDONS) expect(held.addons[row.key]?.version).toBe(deployed[row.addon]);
    expect(desiredVersions(held).addons).toEqual(deployed);
    const standIn = withVersions(loaded.config, { pools: {}, addons: { "vpc-cni": "offline-stand-in(latest vpc-cni)" } });
    expect(standIn.addons.vpcCni?.version).toBe(loaded.config.addons.vpcCni?.version);
  });

  it("the stages: nodeBootstrap / workloads order, and the pod identity agent registered first", () => {
    expect(addonsInStage("before-nodes").map((r) => r.addon)).toEqual(["vpc-cni", "kube-proxy", "eks-pod-identity-agent"]);
    expect(addonsInStage("after-nodes").map((r) => r.addon)).toEqual(["coredns", "aws-ebs-csi-driver", "eks-node-monitoring-agent", "metrics-server", "aws-efs-csi-driver", "amazon-cloudwatch-observability"]);
    expect(ADDON_STAGES.flatMap((s) => addonsInStage(s))).toHaveLength(ROWS.length);
    expect(registrationOrder("before-nodes").map((r) => r.key)).toEqual(["podIdentityAgent", "vpcCni", "kubeProxy"]);
    const agent = ROWS.find((r) => r.key === POD_IDENTITY_AGENT);
    expect(agent?.stage).toBe("before-nodes");
    expect(agent?.install).toBe("optional");
  });

  it("the install rules: the node monitoring agent only with its `enabled` (auto-repair)", () => {
    const off = resolveAddonsArgs({ ...base, nodeMonitoringAgent: { enabled: false } });
    expect(ROWS.filter((r) => isInstalled(r, defaults)).map((r) => r.key)).toEqual(ROWS.map((r) => r.key).filter((k) => !OFF_BY_DEFAULT.includes(k)));
    expect(ROWS.filter((r) => !isInstalled(r, off)).map((r) => r.key)).toEqual(["nodeMonitoringAgent", ...OFF_BY_DEFAULT]);
  });

  it("validates every rendered value with a schema, and the defaults pass", () => {
    expect(validateRenderedValues(defaults, AT)).toEqual([]);
  });
});

describe("the plan of the dev stack (auto-repair on: every addon installed)", () => {
  let resources: PlanResource[] = [];
  beforeAll(async () => {
    const run = await runPlan(readStackFile(ROOT, "dev"), { now: new Date("2026-12-01T00:00:00Z") });
    if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    resources = run.resources;
  });

  it("lists every catalog addon the dev stack turns on, each waiting for the node groups exactly when it is after-nodes", () => {
    const addons = summarizeAddons(resources);
    const nodeGroups = resources.filter((r) => r.type === NODE_GROUP_TYPE).map((r) => r.name);
    const on = ROWS.filter((r) => !OFF_BY_DEFAULT.includes(r.key));
    expect(addons.map((a) => a.addon).sort()).toEqual(on.map((r) => r.addon).sort());
    for (const row of on) {
      const listed = addons.find((a) => a.addon === row.addon);
      const waits = nodeGroups.every((ng) => listed?.waitsFor.includes(ng));
      expect([row.addon, waits]).toEqual([row.addon, row.stage === "after-nodes"]);
    }
  });

  it("makes every node group wait for exactly the before-nodes addons", () => {
    const urnOf = new Map(resources.filter((r) => r.type === ADDON_TYPE).map((r) => [String(r.inputs.addonName), r.urn]));
    const before = addonsInStage("before-nodes").map((r) => urnOf.get(r.addon)).sort();
    for (const ng of resources.filter((r) => r.type === NODE_GROUP_TYPE)) {
      expect(ng.dependencies.filter((d) => d.includes(ADDON_TYPE)).sort()).toEqual(before);
    }
  });
});

/** Args with one addon's version set, whatever its key. */
function withVersion(key: AddonKey, version: string): AddonsArgs {
  return { ...base, [key]: { version } };
}

const objectProperties = (schema: unknown): Record<string, unknown> =>
  isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
const jsonSchemaProperties = (addons: unknown, key: string): Record<string, unknown> => objectProperties(objectProperties(addons)[key]);
const zodAddons = (): unknown => z.toJSONSchema(addonsSchema, { io: "input", unrepresentable: "any" });
function committedAddons(): unknown {
  const file: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, "schema", "stack-config.schema.json"), "utf8"));
  return objectProperties(objectProperties(file).config)["workerpools:addons"];
}
