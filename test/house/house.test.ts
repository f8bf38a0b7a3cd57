/**
 * The house (SPEC §12): folders with an index each, no file over 300 lines, no import cycle, and the lint rule that
 * keeps imports across folders on the indexes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["components", "infra", "policies", "tools"];
const COMPONENT_FOLDERS = ["core", "facts", "kubelet", "userdata", "network", "control-plane", "worker-pool", "addons", "patching", "autoscaling"];
const TOOL_FOLDERS = ["plan", "review", "bench", "gen"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "data" ? [] : sourceFiles(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}
const FILES = SOURCE_DIRS.flatMap(sourceFiles);

/** Relative imports of a file, resolved to repository paths of .ts files (JSON and packages left out). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}(?:\/[^"]*)?)"/g)].map((m) => m[1]);
  return specs.flatMap((spec) => {
    const base = path.join(path.dirname(file), spec);
    const hit = [`${base}.ts`, path.join(base, "index.ts")].find((c) => fs.existsSync(path.join(ROOT, c)));
    return hit ? [hit] : [];
  });
}

/** A cycle in the import graph, as a list of files, or undefined. */
function findCycle(files: readonly string[]): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string): string[] | undefined => {
    if (state.get(f) === "done") return undefined;
    if (state.get(f) === "open") return [...stack.slice(stack.indexOf(f)), f];
    state.set(f, "open");
    stack.push(f);
    for (const next of importsOf(f)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(f, "done");
    return undefined;
  };
  for (const f of files) {
    const cycle = visit(f);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("the house", () => {
  it("has every folder of SPEC §12 with an index.ts", () => {
    for (const folder of COMPONENT_FOLDERS) expect(fs.existsSync(path.join(ROOT, "components", folder, "index.ts"))).toBe(true);
    for (const folder of TOOL_FOLDERS) expect(fs.existsSync(path.join(ROOT, "tools", folder, "index.ts"))).toBe(true);
  });

  it("keeps components/ to folders: no source file at its top but the entry point", () => {
    const top = fs.readdirSync(path.join(ROOT, "components")).filter((f) => f.endsWith(".ts"));
    expect(top).toEqual(["index.ts"]);
  });

  it("has no source file over 300 lines", () => {
    const long = FILES.map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8").split("\n").length - 1] as const).filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });

  it("has no import cycle (file level; a folder import counts as its index.ts)", () => {
    expect(findCycle(FILES)).toBeUndefined();
  });

  it("keeps components/ folders layered: each imports only folders below it (README, Layout)", () => {
    const rank: Record<string, number> = {
      core: 0, facts: 1, kubelet: 2, userdata: 3, network: 4, "control-plane": 4, addons: 4, "worker-pool": 5, patching: 6, autoscaling: 6,
    };
    const folderOf = (f: string): string | undefined => f.split(path.sep)[0] === "components" ? f.split(path.sep)[1] : undefined;
    const upward = FILES.filter((f) => folderOf(f) !== undefined && !f.endsWith(`components${path.sep}index.ts`)).flatMap((f) =>
      importsOf(f).filter((t) => folderOf(t) !== folderOf(f)).map((t) => [folderOf(f) ?? "", folderOf(t) ?? ""] as const)
        .filter(([from, to]) => !(rank[to] < rank[from])).map(([from, to]) => `${f}: ${from} -> ${to}`));
    expect(upward).toEqual([]);
  });

  it("resolves folder imports to their index (so the cycle check sees every edge)", () => {
    expect(importsOf("components/index.ts")).toContain(path.join("components", "kubelet", "index.ts"));
  });

  it.each([
    ["components/addons/probe.ts", 'import { deriveKubelet } from "../kubelet/derive";', true],
    ["infra/probe.ts", 'import { planWorkerPool } from "../components/worker-pool/plan";', true],
    ["tools/review/probe.ts", 'import { runPlan } from "../plan/run";', true],
    ["components/addons/probe.ts", 'import { deriveKubelet } from "../kubelet";', false],
    ["infra/probe.ts", 'import { planWorkerPool } from "../components/worker-pool";', false],
  ])("lint in %s: %s refused=%s", (filePath, code, refused) => {
    expect(restrictedImportMessages(filePath, code).length > 0).toBe(refused);
  });
});

/**
 * Lints `code` as if it stood at `filePath` with the no-restricted-imports entries of the real eslint.config.mjs
 * (ESLint loads its ESM config only outside jest's VM, hence a child process).
 */
function restrictedImportMessages(filePath: string, code: string): string[] {
  const script = `
    const { ESLint } = await import("eslint");
    const configs = (await import(${JSON.stringify(path.join(ROOT, "eslint.config.mjs"))})).default;
    const house = configs.filter((c) => c.rules && "no-restricted-imports" in c.rules);
    const parser = (await import("typescript-eslint")).parser;
    const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)}, overrideConfigFile: true,
      overrideConfig: [{ files: ["**/*.ts"], languageOptions: { parser } }, ...house] });
    const [r] = await eslint.lintText(process.argv[1], { filePath: process.argv[2] });
    console.log(JSON.stringify(r.messages.map((m) => m.ruleId + ": " + m.message)));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script, code, path.join(ROOT, filePath)], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as string[]).filter((m) => m.startsWith("no-restricted-imports"));
}
