/**
 * Runs the real stack program under Pulumi's mock runtime with a recording monitor. Config is checked
 * first (pure), so invalid config registers nothing. One run per process: Pulumi's runtime is global.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { ConfigIssue, isRecord } from "../../components/core";
import { NAMESPACE, loadStackConfig } from "../../infra/config";
import { StackConfig } from "../../infra/stack-config";
import { PLAN_NAMESPACE } from "../../infra/versions";
import type { VersionState } from "../../components/patching";
import { installRecorder, offlineMocks } from "./mock-runtime";
import { StandInLog } from "./offline-values";
import { planResources } from "./document";
import type { PlanResource } from "./resources";

/** A stack file read from the project root. */
export interface StackFile {
  readonly project: string;
  readonly stack: string;
  readonly region: string;
  /** `workerpools:*` values by key without the namespace. */
  readonly values: Record<string, unknown>;
}

/**
 * The project root: the nearest folder above `from` holding `Pulumi.yaml` (the plan runs from tools/plan/ under tsx
 * and from dist/ as the launcher's bundle).
 */
export function findProjectRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..");
  }
}

/** Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml`; throws a one-line error when a file is missing or not YAML. */
export function readStackFile(projectRoot: string, stack: string): StackFile {
  const read = (file: string): unknown => {
    const full = path.join(projectRoot, file);
    if (!fs.existsSync(full)) throw new Error(`${file} not found in ${projectRoot}`);
    return YAML.parse(fs.readFileSync(full, "utf8"));
  };
  const project = read("Pulumi.yaml");
  const stackDoc = read(`Pulumi.${stack}.yaml`);
  const config = isRecord(stackDoc) && isRecord(stackDoc.config) ? stackDoc.config : {};
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${NAMESPACE}:`)) values[key.slice(NAMESPACE.length + 1)] = value;
  }
  const region = typeof config["aws:region"] === "string" ? config["aws:region"] : "us-east-1";
  return { project: isRecord(project) && typeof project.name === "string" ? project.name : "project", stack, region, values };
}

/** What one offline run produced. */
export type PlanRun =
  | { readonly ok: false; readonly errors: ConfigIssue[]; readonly warnings: ConfigIssue[] }
  | {
      readonly ok: true;
      readonly config: StackConfig;
      readonly resources: PlanResource[];
      readonly outputs: Record<string, unknown>;
      readonly standIns: ReturnType<StandInLog["list"]>;
      readonly warnings: ConfigIssue[];
    };

/** What the offline run tells the program that a real deploy would learn from its previous state and the clock. */
export interface PlanRunOptions {
  /** The versions deployed last (from `--baseline`); `null` when there is none. @default null */
  readonly previousVersions?: VersionState | null;
  /** The moment freeze windows are judged at. @default - the clock */
  readonly now?: Date;
}

/** Plans `file` offline. Call once per process. */
export async function runPlan(file: StackFile, options: PlanRunOptions = {}): Promise<PlanRun> {
  const loaded = loadStackConfig(file.values, options.now);
  if (!loaded.ok) return loaded;
  const standIns = new StandInLog();
  const config: Record<string, string> = {
    "aws:region": file.region,
    [`${PLAN_NAMESPACE}:previousVersions`]: JSON.stringify(options.previousVersions ?? null),
    [`${PLAN_NAMESPACE}:now`]: (options.now ?? new Date()).toISOString(),
  };
  for (const [k, v] of Object.entries(file.values)) config[`${NAMESPACE}:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(offlineMocks(standIns, file.region), file.project, file.stack, true);
  const recorded = installRecorder();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must load after setMocks
  const program = require("../../infra") as () => Promise<Record<string, unknown>>;
  // Pulumi's debuggablePromise records a stack trace for every promise; the offline plan reports only error
  // messages, and those traces were a third of a 200-pool plan's time (measured by `npm run bench`).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const outputs = (await pulumi.runtime.runInPulumiStack(program)) ?? {};
    await pulumi.runtime.disconnect();
    return { ok: true, config: loaded.config, resources: planResources(recorded), outputs, standIns: standIns.list(), warnings: loaded.warnings };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}
