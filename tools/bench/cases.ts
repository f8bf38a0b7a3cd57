/**
 * The commands the benchmark runs. The plan runs exactly as `npm run plan` runs it: the `plan` script of
 * package.json through `sh -c`, with `node_modules/.bin` on PATH and the arguments appended (what npm does,
 * without npm's own start-up, which is not the plan's cost). The baseline is a bare Node process that only
 * loads the Pulumi SDKs the program imports.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "./measure";
import { isRecord } from "../../components/core";

/** The Pulumi SDK packages the stack program imports. */
export const PROGRAM_SDKS = ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/eks", "@pulumi/kubernetes"] as const;

/** The `plan` script of the repository's package.json. */
export function planScript(repoRoot: string): string {
  const pkg: unknown = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  const script = isRecord(pkg) && isRecord(pkg.scripts) ? pkg.scripts.plan : undefined;
  if (typeof script !== "string") throw new Error("package.json has no \"plan\" script");
  return script;
}

const withBin = (repoRoot: string): Record<string, string> => ({
  PATH: [path.join(repoRoot, "node_modules", ".bin"), process.env.PATH ?? ""].join(path.delimiter),
});

/** `npm run plan -- <args>` without npm: `sh -c '<script> "$@"' sh <args>`. */
export function planCommand(repoRoot: string, script: string, args: readonly string[]): Command {
  return { file: "sh", args: ["-c", `${script} "$@"`, "sh", ...args], env: withBin(repoRoot), cwd: repoRoot };
}

/** `node -e` requiring each SDK package, from the repository (so it resolves the same installed copies). */
export function baselineCommand(repoRoot: string): Command {
  return { file: process.execPath, args: ["-e", PROGRAM_SDKS.map((p) => `require(${JSON.stringify(p)});`).join("")], cwd: repoRoot };
}

/** `node -e` requiring every `@pulumi/*` module file listed in `listFile` (recorded from a plan run). */
export function recordedModulesCommand(repoRoot: string, listFile: string): Command {
  const code = "for (const f of JSON.parse(require('node:fs').readFileSync(process.argv[1], 'utf8'))) require(f);";
  return { file: process.execPath, args: ["-e", code, listFile], cwd: repoRoot };
}

/** Node's own start-up: `node -e 0`. */
export const emptyNodeCommand = (repoRoot: string): Command => ({ file: process.execPath, args: ["-e", "0"], cwd: repoRoot });

/** tsx's CLI start-up on an empty program: `tsx -e 0`. */
export const emptyTsxCommand = (repoRoot: string): Command => ({ file: "tsx", args: ["-e", "0"], env: withBin(repoRoot), cwd: repoRoot });

/** The part of esbuild's JS API the bench uses. */
interface EsbuildApi {
  buildSync(options: {
    entryPoints: string[]; outfile: string; bundle: boolean; platform: "node"; target: string;
    format: "cjs"; packages: "external"; logLevel: "warning" | "error";
  }): unknown;
}

function loadEsbuild(repoRoot: string): EsbuildApi | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: esbuild ships with tsx, not a direct dependency
    const mod: unknown = require(require.resolve("esbuild", { paths: [repoRoot] }));
    return isRecord(mod) && typeof mod.buildSync === "function" ? (mod as unknown as EsbuildApi) : undefined;
  } catch {
    return undefined;
  }
}

/** A compiled plan: tools/plan/main.ts bundled by esbuild into one CJS file; packages stay external. */
export interface CompiledPlan {
  readonly file: string;
  readonly buildMs: number;
}

/** Bundles tools/plan/main.ts into `outDir`; `undefined` when esbuild is not installed. */
export function compilePlan(repoRoot: string, outDir: string): CompiledPlan | undefined {
  const esbuild = loadEsbuild(repoRoot);
  if (!esbuild) return undefined;
  const file = path.join(outDir, "plan.cjs");
  const start = performance.now();
  esbuild.buildSync({
    entryPoints: [path.join(repoRoot, "tools", "plan", "main.ts")], outfile: file, bundle: true, platform: "node",
    target: `node${process.versions.node.split(".")[0]}`, format: "cjs", packages: "external", logLevel: "error",
  });
  return { file, buildMs: performance.now() - start };
}

/** Runs the compiled plan with plain `node`; packages resolve from the repository's node_modules. */
export function compiledPlanCommand(repoRoot: string, compiled: CompiledPlan, args: readonly string[]): Command {
  return { file: process.execPath, args: [compiled.file, ...args], env: { NODE_PATH: path.join(repoRoot, "node_modules") }, cwd: repoRoot };
}

/** A command as one shell-like line, for the report. */
export function commandLine(cmd: Command, repoRoot: string): string {
  const short = (a: string): string => (a.startsWith(repoRoot) ? path.relative(repoRoot, a) || "." : a);
  const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  const file = cmd.file === process.execPath ? "node" : cmd.file;
  return [file, ...cmd.args.map(short)].map(quote).join(" ");
}
