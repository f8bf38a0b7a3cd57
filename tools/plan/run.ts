/**
 * Runs the real stack program under Pulumi's mock runtime with a recording monitor. Config is checked
 * first (pure), so invalid config registers nothing. Each run has a Pulumi runtime state of its own
 * (`withFreshRuntime`), so one process can plan many stacks (`--all`) without one seeing another's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { ConfigError, ConfigIssue, isRecord } from "../../components/core";
import { NAMESPACE, foreignKeyWarnings, loadStackConfig } from "../../infra/config";
import { StackConfig } from "../../infra/stack-config";
import { PLAN_NAMESPACE } from "../../infra/versions";
import { PromotionDecision, resolvePromotions } from "../../infra/promotion";
import type { VersionState } from "../../components/patching";
import { installRecorder, offlineMocks, withFreshRuntime, withoutSourcePositions } from "./mock-runtime";
import { SecretLeaf, StandInLog, replaceSecureValues } from "./offline-values";
import { AWS_NAMESPACE, ProviderSection, defaultTagsOf, providerSection } from "./provider";
import { planResources } from "./document";
import type { PlanResource } from "./resources";

/** A stack file read from the project root. */
export interface StackFile {
  readonly project: string;
  readonly stack: string;
  /** The region the plan shows and mocks: `aws:region`, else the AZs' region, else us-east-1 (see `regionSet`). */
  readonly region: string;
  /** True when the stack file sets `aws:region` (only then are AZs checked against it). */
  readonly regionSet: boolean;
  /** `workerpools:*` values by key without the namespace; secret (`secure:`) values replaced by their stand-ins. */
  readonly values: Record<string, unknown>;
  /** Every config key of the stack file, `namespace:name`. */
  readonly keys: readonly string[];
  /** `aws:*` settings as the Pulumi CLI hands them to the program (strings; structured values as JSON), stand-ins for secrets. */
  readonly providerConfig: Readonly<Record<string, string>>;
  /** The same settings as the plan shows them (secrets and credentials redacted). */
  readonly provider: ProviderSection;
  /** Every secret value of the stack file the plan stood in for (`workerpools:*` and `aws:*`). */
  readonly secrets: readonly SecretLeaf[];
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

/** The stack file or project file cannot be read: one line, exit 2. */
export class StackFileError extends Error {}

/**
 * One YAML file as data; throws one line naming the file (and line:column for YAML errors, aliases included) when it is
 * missing, not a file, or not YAML.
 */
export function readYamlFile(full: string, file: string, projectRoot: string): unknown {
  if (!fs.existsSync(full)) throw new StackFileError(`${file} not found in ${projectRoot}`);
  if (!fs.statSync(full).isFile()) throw new StackFileError(`${file} in ${projectRoot} is not a file`);
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(fs.readFileSync(full, "utf8"), { prettyErrors: true, lineCounter: lines });
  const [error] = doc.errors;
  if (error) {
    const at = error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : "";
    throw new StackFileError(`${file}${at}: ${error.message.split("\n")[0]}`);
  }
  YAML.visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return;
      const pos = lines.linePos(node.range?.[0] ?? 0);
      throw new StackFileError(`${file}:${pos.line}:${pos.col}: alias *${node.source} names no anchor set before it`);
    },
  });
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    throw new StackFileError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml`; throws a one-line error when a file is missing or not YAML. */
export function readStackFile(projectRoot: string, stack: string): StackFile {
  const read = (file: string): unknown => readYamlFile(path.join(projectRoot, file), file, projectRoot);
  const project = read("Pulumi.yaml");
  const stackDoc = read(`Pulumi.${stack}.yaml`);
  const config = isRecord(stackDoc) && isRecord(stackDoc.config) ? stackDoc.config : {};
  const secrets: SecretLeaf[] = [];
  const values: Record<string, unknown> = {};
  const providerConfig: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key.startsWith(`${NAMESPACE}:`)) values[key.slice(NAMESPACE.length + 1)] = replaceSecureValues(value, key, secrets);
    if (!key.startsWith(`${AWS_NAMESPACE}:`)) continue;
    const plain = replaceSecureValues(value, key, secrets);
    providerConfig[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
  }
  const regionValue = config[`${AWS_NAMESPACE}:region`];
  const regionSet = typeof regionValue === "string";
  const region = typeof regionValue === "string" ? regionValue : "us-east-1";
  const provider = providerSection(config, secrets.map((s) => s.path));
  return { project: isRecord(project) && typeof project.name === "string" ? project.name : "project", stack, region, regionSet, values, keys: Object.keys(config), providerConfig, provider, secrets };
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
      /** What each promoted pool takes and why (`config` already has it pinned). */
      readonly promotions: PromotionDecision[];
    };

/** What the offline run tells the program that a real deploy would learn from its previous state and the clock. */
export interface PlanRunOptions {
  /** The versions deployed last (from `--baseline`); `null` when there is none. @default null */
  readonly previousVersions?: VersionState | null;
  /** The moment freeze windows are judged at. @default - the clock */
  readonly now?: Date;
  /** `--promote-from`: the source stacks' versions, by the name pools write in `ami.from`. @default {} (stand-ins) */
  readonly promotionSources?: Readonly<Record<string, VersionState | undefined>>;
}

/** Plans `file` offline, in a Pulumi runtime state of its own. */
export function runPlan(file: StackFile, options: PlanRunOptions = {}): Promise<PlanRun> {
  return withFreshRuntime(() => runPlanHere(file, options));
}

async function runPlanHere(file: StackFile, options: PlanRunOptions): Promise<PlanRun> {
  const secretPaths = file.secrets.map((s) => s.path).filter((p) => p.startsWith(`${NAMESPACE}:`));
  const now = options.now ?? new Date();
  const deployed = options.previousVersions ?? undefined;
  const loaded = loadStackConfig(file.values, now, { region: file.regionSet ? file.region : undefined, secretPaths, deployed, defaultTags: defaultTagsOf(file.provider), self: [file.stack] });
  const foreign = foreignKeyWarnings(file.keys);
  if (!loaded.ok) return { ...loaded, warnings: [...foreign, ...loaded.warnings] };
  const sources = options.promotionSources ?? {};
  const froms = loaded.config.pools.flatMap((p) => (p.promotion ? [p.promotion.from] : []));
  const names = loaded.config.pools.map((p) => p.name);
  const promoted = resolvePromotions(loaded.config, Object.fromEntries(froms.map((f) => [f, f in sources ? sources[f] : "stand-in" as const])), deployed, now, (n) => names.indexOf(n));
  if (promoted.issues.length > 0) return { ok: false, errors: promoted.issues, warnings: [...foreign, ...loaded.warnings] };
  const standIns = new StandInLog();
  for (const d of promoted.decisions) {
    if (d.choice.kind === "stand-in") standIns.use(`StackReference ${d.source.split("/")[0]} output versions (pool ${d.pool}'s release soaked ${d.soakDays} days; pass --promote-from)`, "not known: the pool plans with its ami.releaseVersion, else the recommended release's stand-in");
  }
  const promotionWarnings = promoted.decisions.flatMap((d) => (d.choice.kind === "stand-in" ? [{ path: `workerpools:pools[${names.indexOf(d.pool)}].ami.from`, severity: "warning" as const, message: d.choice.reason }] : []));
  for (const s of file.secrets) standIns.use(`decrypt ${s.path} (a secure value; pulumi up decrypts it)`, s.standIn);
  const config: Record<string, string> = {
    ...file.providerConfig,
    "aws:region": file.region,
    [`${PLAN_NAMESPACE}:previousVersions`]: JSON.stringify(options.previousVersions ?? null),
    [`${PLAN_NAMESPACE}:now`]: now.toISOString(),
    [`${PLAN_NAMESPACE}:promotionSources`]: JSON.stringify(Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, v ?? null]))),
    [`${PLAN_NAMESPACE}:secretPaths`]: JSON.stringify(secretPaths),
  };
  for (const [k, v] of Object.entries(file.values)) config[`${NAMESPACE}:${k}`] = typeof v === "string" ? v : JSON.stringify(v);
  // Pulumi lists a key as secret when its value, or a leaf of it, is secure.
  const secretKeys = [...new Set(file.secrets.map((s) => s.path.split(/[.[]/)[0]))];
  pulumi.runtime.setAllConfig(config, secretKeys);
  await pulumi.runtime.setMocks(offlineMocks(standIns, { region: file.region, defaultTags: defaultTagsOf(file.provider) }), file.project, file.stack, true);
  const recorded = installRecorder();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program must load after setMocks
  const program = require("../../infra") as () => Promise<Record<string, unknown>>;
  // Pulumi's debuggablePromise records a stack trace for every promise; the offline plan reports only error
  // messages, and those traces were a third of a 200-pool plan's time (measured by `npm run bench`).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const restoreSourcePositions = withoutSourcePositions();
  try {
    const outputs = (await pulumi.runtime.runInPulumiStack(program)) ?? {};
    await pulumi.runtime.disconnect();
    return {
      ok: true, config: promoted.config, resources: planResources(recorded), outputs, standIns: standIns.list(),
      warnings: [...foreign, ...loaded.warnings, ...promotionWarnings], promotions: promoted.decisions,
    };
  } catch (e) {
    // A component refusing a secret's stand-in (a CIDR or an instance type kept secret): config, not a crash.
    if (!(e instanceof ConfigError) || secretPaths.length === 0) throw e;
    const note = `a component refused a value the offline plan stood in for a secret (${secretPaths.join(", ")}); plan this stack with pulumi preview, which decrypts them`;
    return { ok: false, errors: [...e.issues, { path: secretPaths[0], message: note }], warnings: [...foreign, ...loaded.warnings] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    restoreSourcePositions();
  }
}
