/**
 * The kubelet option catalog is the one list (STYLE §9): every list derived from it is compared with it here, so an
 * option added to the catalog and missed elsewhere (or the other way round) fails loudly.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import {
  KUBELET_OPTION_NAMES, KUBELET_OPTION_ROWS, KUBELET_TYPED_FIELDS, KubeletMergeRule, KubeletOptions, NOT_EXPRESSIBLE_ON_BOTTLEROCKET,
  bottlerocketFixedValue, bottlerocketKeyFor, mergeKubeletOptions, planKubeletConfig, splitForBottlerocket, validateKubeletConfig,
  validateKubeletOptionRows,
} from "../../components/kubelet";
import type { OptionSpec } from "../../components/core";
import { kubeletSchema } from "../../infra/config-schema";
import { SCHEMA_FILE, readmeKubeletTable, renderKubeletOptionTable } from "../../tools/gen";

const ROOT = path.resolve(__dirname, "../..");
const rows = KUBELET_OPTION_NAMES.map((name) => [name, KUBELET_OPTION_ROWS[name]] as const);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/** `o.a.b.c`, or undefined when a step is not an object. */
const dig = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), o);

describe("the kubelet option catalog", () => {
  it("has unique names, and only hardeningOverrides and extra are not KubeletConfiguration fields", () => {
    expect(new Set(KUBELET_OPTION_NAMES).size).toBe(KUBELET_OPTION_NAMES.length);
    expect(rows.filter(([, r]) => !r.config).map(([n]) => n)).toEqual(["hardeningOverrides", "extra"]);
  });

  it("gives KUBELET_TYPED_FIELDS: the config rows, in catalog order", () => {
    expect(KUBELET_TYPED_FIELDS).toEqual(rows.filter(([, r]) => r.config).map(([n]) => n));
  });

  it("gives the zod schema: one optional key per row, in catalog order, unknown keys refused", () => {
    expect(kubeletSchema).toBeInstanceOf(z.ZodObject);
    const keys = kubeletSchema instanceof z.ZodObject ? Object.keys(kubeletSchema.shape) : [];
    expect(keys).toEqual([...KUBELET_OPTION_NAMES]);
    expect(kubeletSchema.safeParse({}).success).toBe(true);
    expect(kubeletSchema.safeParse({ maxPod: 10 }).success).toBe(false);
    expect(kubeletSchema.description).toBe("Typed kubelet options (KubeletConfiguration v1beta1 field names)");
  });

  const bounded = rows.flatMap(([name, r]) => (r.shape.kind === "integer" ? [[name, r.shape] as const] : []));
  it.each(bounded)("makes zod keep %s within the shape's bounds", (name, s) => {
    const refused = (v: unknown): boolean => !kubeletSchema.safeParse({ [name]: v }).success;
    expect(refused(s.min ?? 0)).toBe(false);
    expect(refused((s.min ?? 0) + 0.5)).toBe(true);
    if (s.min !== undefined) expect(refused(s.min - 1)).toBe(true);
    if (s.max !== undefined) expect([refused(s.max), refused(s.max + 1)]).toEqual([false, true]);
  });

  describe("gives the committed JSON Schema (schema/stack-config.schema.json)", () => {
    const committed: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8"));
    const config = dig(committed, "properties", "config", "properties");
    const places = [
      ["workerpools:kubelet", dig(config, "workerpools:kubelet", "properties")],
      ["workerpools:pools[].kubelet", dig(config, "workerpools:pools", "items", "properties", "kubelet", "properties")],
    ] as const;
    it.each(places)("%s: one property per row, in catalog order, with the rows' bounds and values", (_, props) => {
      expect(Object.keys(isRecord(props) ? props : {})).toEqual([...KUBELET_OPTION_NAMES]);
      for (const [name, r] of rows) {
        const s: OptionSpec = r.shape;
        // zod's int() is a safe integer: its JSON Schema bounds are the safe range where the shape gives none.
        const range = s.kind === "integer" ? [s.min ?? Number.MIN_SAFE_INTEGER, s.max ?? Number.MAX_SAFE_INTEGER] : undefined;
        if (range) expect([dig(props, name, "minimum"), dig(props, name, "maximum")]).toEqual(range);
        if (s.kind === "enum") expect(dig(props, name, "enum")).toEqual(s.values);
      }
    });
  });

  it("gives the README table between the kubelet-options markers (run `npx tsx tools/gen/kubelet-table.ts --write`)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = readmeKubeletTable(readme);
    expect(table).toBe(renderKubeletOptionTable());
    const keyCells = (table ?? "").split("\n").slice(2).map((line) => line.split(" | ")[0]);
    expect(keyCells.flatMap((c) => [...c.matchAll(/`([^`]+)`/g)].map((m) => m[1]))).toEqual([...KUBELET_OPTION_NAMES]);
  });

  it.each(rows)("names %s's Bottlerocket setting as the shipped Bottlerocket mapping does", (name, r) => {
    if (r.bottlerocket === NOT_EXPRESSIBLE_ON_BOTTLEROCKET) expect(bottlerocketKeyFor(name)).toBeUndefined();
    else expect(bottlerocketKeyFor(name)?.key).toBe(r.bottlerocket);
  });

  it("calls a KubeletConfiguration option not expressible on Bottlerocket only when Bottlerocket fixes the field itself", () => {
    const fixedOnly = rows.filter(([, r]) => r.config && r.bottlerocket === NOT_EXPRESSIBLE_ON_BOTTLEROCKET).map(([n]) => n);
    expect(fixedOnly).toEqual(["serializeImagePulls", "featureGates"]);
    for (const name of fixedOnly) expect(bottlerocketFixedValue(name)).toBeDefined();
  });

  it("runs the rows' own checks under the option's path (maxPods: the managed node group cap)", () => {
    expect(validateKubeletOptionRows({ maxPods: 250 }, "k")).toEqual([]);
    expect(validateKubeletOptionRows({ maxPods: 251 }, "k")).toEqual([{ path: "k.maxPods", message: "EKS managed node groups cap maxPods at 250, got 251" }]);
    expect(validateKubeletOptionRows({}, "k")).toEqual([]);
  });
});

/** Two different valid values of a shape: a cluster default and a pool's value. */
function samples(s: OptionSpec): readonly [unknown, unknown] {
  switch (s.kind) {
    case "integer":
      return [s.min ?? 0, (s.min ?? 0) + 1];
    case "boolean":
      return [true, false];
    case "string":
      return ["1m", "2m"];
    case "enum":
      return [s.values[0], s.values[1]];
    case "stringList":
      return [["a", "b"], ["b", "c"]];
    case "stringMap":
      return [{ a: "1", b: "2" }, { b: "3", c: "4" }];
    case "booleanMap":
      return [{ A: true, B: true }, { B: false, C: true }];
    case "unknownMap":
      return [{ a: 1, b: { x: 1 } }, { b: { y: 2 }, c: [3] }];
    case "list":
      return [[{ field: "readOnlyPort", value: 10255, reason: "legacy" }], [{ field: "readOnlyPort", value: 10255, reason: "legacy" }, { field: "eventRecordQPS", value: 0, reason: "r" }]];
    default:
      throw new Error(`no samples for ${s.kind}`);
  }
}

const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const MERGED: Readonly<Record<KubeletMergeRule, (base: unknown, over: unknown) => unknown>> = {
  replace: (_, over) => over,
  mapMerge: (base, over) => ({ ...(isRecord(base) ? base : {}), ...(isRecord(over) ? over : {}) }),
  concat: (base, over) => [...list(base), ...list(over)],
  union: (base, over) => [...new Set([...list(base), ...list(over)])],
};

describe("mergeKubeletOptions follows each row's merge rule", () => {
  const options = (name: string, v: unknown): KubeletOptions => Object.fromEntries([[name, v]]);

  it.each(rows)("%s", (name, r) => {
    const [base, over] = samples(r.shape);
    expect(mergeKubeletOptions(options(name, base), options(name, over))).toEqual({ [name]: MERGED[r.merge](base, over) });
    expect(mergeKubeletOptions(options(name, base), {})).toEqual({ [name]: base });
    expect(mergeKubeletOptions({}, options(name, over))).toEqual({ [name]: over });
    expect(mergeKubeletOptions({}, {})).toEqual({});
  });

  it("uses every rule, as documented: maps key by key, overrides concatenated, sysctls without repeats", () => {
    const by = (rule: KubeletMergeRule): string[] => rows.filter(([, r]) => r.merge === rule).map(([n]) => n);
    expect(by("mapMerge")).toEqual(["kubeReserved", "systemReserved", "evictionHard", "evictionSoft", "evictionSoftGracePeriod", "featureGates", "extra"]);
    expect(by("concat")).toEqual(["hardeningOverrides"]);
    expect(by("union")).toEqual(["allowedUnsafeSysctls"]);
  });

  it("leaves the inputs alone and merges every option at once", () => {
    const base: KubeletOptions = { maxPods: 20, evictionHard: { "memory.available": "100Mi" }, allowedUnsafeSysctls: ["net.a"] };
    const over: KubeletOptions = { maxPods: 30, evictionHard: { "nodefs.available": "10%" }, allowedUnsafeSysctls: ["net.a", "net.b"] };
    const copy = structuredClone({ base, over });
    expect(mergeKubeletOptions(base, over)).toEqual({
      maxPods: 30, evictionHard: { "memory.available": "100Mi", "nodefs.available": "10%" }, allowedUnsafeSysctls: ["net.a", "net.b"],
    });
    expect({ base, over }).toEqual(copy);
  });
});

describe("each KubeletConfiguration row, end to end", () => {
  const configRows = rows.filter(([, r]) => r.config);
  it.each(configRows)("%s: planned as configured, and on Bottlerocket emitted under its key", (name, r) => {
    const [, value] = samples(r.shape);
    const plan = planKubeletConfig(Object.fromEntries([[name, value]]));
    expect([plan.config[name], plan.origin[name]]).toEqual([value, "configured"]);
    if (r.bottlerocket !== NOT_EXPRESSIBLE_ON_BOTTLEROCKET) {
      const split = splitForBottlerocket({ [name]: value }, { [name]: "configured" });
      expect([split.unsupported, Object.keys(split.settings)]).toEqual([[], [r.bottlerocket]]);
    }
  });

  it("imageMaximumGCAge (added as one catalog row): a Go duration, checked against the KubeletConfiguration schema", () => {
    expect(kubeletSchema.safeParse({ imageMaximumGCAge: "168h" }).success).toBe(true);
    expect(validateKubeletConfig({ imageMaximumGCAge: "168h" }, "k")).toEqual([]);
    expect(validateKubeletConfig({ imageMaximumGCAge: "a week" }, "k").map((i) => i.path)).toEqual(["k.imageMaximumGCAge"]);
    expect(splitForBottlerocket({ imageMaximumGCAge: "168h" }, { imageMaximumGCAge: "configured" }).settings).toEqual({ "image-maximum-gc-age": "168h" });
  });
});
