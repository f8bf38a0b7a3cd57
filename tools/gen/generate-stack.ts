/**
 * Seeded generator of valid stacks with N worker pools, for the benchmark (`npm run bench`) and for anyone
 * who wants to reproduce its inputs: `tsx tools/gen/generate-stack.ts --pools 200 --seed 42 --out DIR` writes
 * `DIR/Pulumi.yaml` and `DIR/Pulumi.bench-200.yaml`. The same (pools, seed) always gives the same files.
 * Every pool spans the cluster's 3 AZs (or 2 of them) and mixes layouts, OS, architectures and capacity
 * types; instance types come from the shipped table with the pool's architecture. Each written stack is
 * checked with `loadStackConfig`: the generator fails rather than write an invalid stack.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import * as YAML from "yaml";
import { formatIssue } from "../../components/core";
import { lookupInstanceType } from "../../components/facts";
import type { Architecture, CapacityType, Layout, OperatingSystem, TaintEffect } from "../../components/worker-pool";
import { NAMESPACE, loadStackConfig } from "../../infra/config";
import type { RawPool, RawStackConfig } from "../../infra/config-schema";

/** What to generate. */
export interface GenerateOptions {
  /** Number of worker pools, >= 1. The first is always the `system` pool CoreDNS runs on. */
  readonly pools: number;
  /** PRNG seed; the same seed and pool count give the same stack. @default 1 */
  readonly seed?: number;
  /** Stack name (and cluster name), e.g. one per stack of a generated fleet. @default `bench-<pools>` */
  readonly name?: string;
}

/** A generated stack: its name and the `workerpools:*` values (without the namespace). */
export interface GeneratedStack {
  /** Stack name, `bench-<pools>` unless named. */
  readonly stack: string;
  readonly region: string;
  readonly values: RawStackConfig;
}

/** The cluster's AZs (3, as SPEC §1's dev stack). */
export const GENERATED_AZS = ["us-east-1a", "us-east-1b", "us-east-1c"] as const;
const DEFAULT_SEED = 1;

/** mulberry32: a small, well-known 32-bit PRNG; deterministic across platforms. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const intIn = (rnd: Random, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/** Current-generation families per architecture; only types the shipped table lists with that architecture are used. */
const FAMILIES: Readonly<Record<Architecture, readonly string[]>> = {
  x86_64: ["m6i", "m6a", "m7i", "m7a", "c6i", "c6a", "c7i", "r6i", "r6a", "m5", "c5"],
  arm64: ["m6g", "m7g", "c6g", "c7g", "r6g", "r7g"],
};
const SIZES = ["large", "xlarge", "2xlarge", "4xlarge"] as const;

/** Instance types of one size that exist in the shipped table with `arch` (and have vCPU facts). */
export function instanceCandidates(arch: Architecture, size: string): string[] {
  return FAMILIES[arch]
    .map((f) => `${f}.${size}`)
    .filter((t) => {
      const facts = lookupInstanceType(t);
      return facts !== undefined && facts.architecture === arch && facts.vcpus !== undefined;
    });
}

/** Spot node groups list at least this many types (the policy pack's EKS best-practice rule). */
const MIN_SPOT_TYPES = 3;

/** 1-2 types on demand; 3-4 similar types (same size) for SPOT, so Spot diversification holds. */
function pickInstanceTypes(rnd: Random, arch: Architecture, capacity: CapacityType): string[] {
  const least = capacity === "SPOT" ? MIN_SPOT_TYPES : 1;
  const sizes = SIZES.filter((size) => instanceCandidates(arch, size).length >= least);
  if (sizes.length === 0) throw new Error(`generate-stack: no size with ${least} ${arch} instance types in the shipped table`);
  const candidates = instanceCandidates(arch, pick(rnd, sizes));
  const want = Math.min(candidates.length, capacity === "SPOT" ? intIn(rnd, MIN_SPOT_TYPES, MIN_SPOT_TYPES + 1) : intIn(rnd, 1, 2));
  const start = intIn(rnd, 0, candidates.length - 1);
  return Array.from({ length: want }, (_, i) => candidates[(start + i) % candidates.length]);
}

const TAINT_EFFECTS_USED: readonly TaintEffect[] = ["NoSchedule", "NoExecute", "PreferNoSchedule"];

function pickKubelet(rnd: Random): RawPool["kubelet"] {
  const options: NonNullable<RawPool["kubelet"]>[] = [
    { imageGCHighThresholdPercent: intIn(rnd, 81, 90) },
    { maxParallelImagePulls: intIn(rnd, 2, 8) },
    { containerLogMaxSize: pick(rnd, ["10Mi", "50Mi"]), containerLogMaxFiles: intIn(rnd, 3, 5) },
  ];
  return rnd() < 0.5 ? pick(rnd, options) : undefined;
}

/** Pool counts; a per-zone pool's max leaves every zone's node group at least 2 nodes. */
function pickScaling(rnd: Random, layout: Layout, zones: number): NonNullable<RawPool["scaling"]> {
  const min = intIn(rnd, 0, 3);
  const max = Math.max(min, layout === "per-zone" ? 2 * zones : 2) + intIn(rnd, 2, 20);
  return { min, max, desired: intIn(rnd, Math.max(min, 1), Math.min(max, min + 4)) };
}

/** A rolling update that never replaces a whole node group: maxUnavailable below the smallest group's max, or <= 50%. */
function pickUpdate(rnd: Random, smallestGroupMax: number): NonNullable<RawPool["update"]> {
  const strategy = pick(rnd, ["DEFAULT", "MINIMAL"] as const);
  const count = Math.min(3, smallestGroupMax - 1);
  return rnd() < 0.5 && count >= 1 ? { maxUnavailable: intIn(rnd, 1, count), strategy } : { maxUnavailablePercentage: pick(rnd, [10, 25, 33, 50]), strategy };
}

/** One generated pool (index >= 1; index 0 is {@link SYSTEM_POOL}). */
export function generatePool(rnd: Random, index: number, clusterVersion: string): RawPool {
  const name = `pool-${String(index).padStart(3, "0")}`;
  const os: OperatingSystem = rnd() < 0.6 ? "AL2023" : "BOTTLEROCKET";
  const architecture: Architecture = rnd() < 0.65 ? "x86_64" : "arm64";
  const capacityType: CapacityType = rnd() < 0.6 ? "ON_DEMAND" : "SPOT";
  const layout: Layout = rnd() < 0.5 ? "spread" : "per-zone";
  const dropped = rnd() < 0.2 ? intIn(rnd, 0, GENERATED_AZS.length - 1) : -1;
  const zones = dropped >= 0 ? GENERATED_AZS.filter((_, i) => i !== dropped) : undefined;
  const zoneCount = zones?.length ?? GENERATED_AZS.length;
  const scaling = pickScaling(rnd, layout, zoneCount);
  const tainted = rnd() < 0.3;
  const kubelet = pickKubelet(rnd);
  const previousMinor = `1.${Number(clusterVersion.split(".")[1]) - 1}`;
  return {
    name, os, architecture, capacityType, layout, scaling,
    instanceTypes: pickInstanceTypes(rnd, architecture, capacityType),
    ...(zones ? { availabilityZones: zones } : {}),
    labels: { role: name, "workload-tier": pick(rnd, ["web", "batch", "data", "ml"]) },
    ...(tainted ? { taints: [{ key: "dedicated", value: name, effect: pick(rnd, TAINT_EFFECTS_USED) }] } : {}),
    rootVolume: { sizeGiB: pick(rnd, [40, 50, 80, 100, 200]), type: "gp3" },
    ...(kubelet ? { kubelet } : {}),
    ami: { channel: "recommended" },
    update: pickUpdate(rnd, layout === "per-zone" ? Math.floor(scaling.max / zoneCount) : scaling.max),
    ...(rnd() < 0.15 ? { kubernetesVersion: previousMinor } : {}),
  };
}

/** The pool CoreDNS is placed on, always first (as in the dev stack). */
export const SYSTEM_POOL: RawPool = {
  name: "system", os: "AL2023", architecture: "x86_64", instanceTypes: ["m6i.large"], capacityType: "ON_DEMAND",
  scaling: { min: 3, max: 6, desired: 3 }, layout: "spread", labels: { role: "system" },
  taints: [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }],
  rootVolume: { sizeGiB: 50, type: "gp3" }, ami: { channel: "recommended" }, update: { maxUnavailablePercentage: 33, strategy: "DEFAULT" },
};

/** Waves: the system pool, then a canary wave of about a tenth of the rest; unnamed pools form the last wave. */
function generateWaves(pools: readonly RawPool[]): string[][] {
  const rest = pools.slice(1).map((p) => p.name);
  const canary = rest.slice(0, Math.max(1, Math.ceil(rest.length / 10)));
  return rest.length === 0 ? [["system"]] : [["system"], canary];
}

/** Builds the stack (pure, deterministic per seed and pool count). */
export function generateStack(options: GenerateOptions): GeneratedStack {
  if (!Number.isInteger(options.pools) || options.pools < 1) throw new RangeError(`pools must be an integer >= 1, got ${options.pools}`);
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const kubernetesVersion = "1.35";
  const name = options.name ?? `bench-${options.pools}`;
  const pools = [SYSTEM_POOL, ...Array.from({ length: options.pools - 1 }, (_, i) => generatePool(rnd, i + 1, kubernetesVersion))];
  const values: RawStackConfig = {
    cluster: {
      name, kubernetesVersion,
      network: { vpcCidr: "10.40.0.0/16", availabilityZones: [...GENERATED_AZS] },
      endpoint: { privateAccess: true, publicAccessCidrs: [] },
      logging: { types: ["api", "audit", "authenticator"], retentionDays: 90 },
      supportType: "STANDARD", deletionProtection: true, admins: ["arn:aws:iam::111122223333:role/platform-admin"],
    },
    kubelet: { evictionHard: { "memory.available": "200Mi", "nodefs.available": "10%" } },
    kubeProxy: { mode: "ipvs", ipvsScheduler: "rr" },
    addons: {
      vpcCni: { version: "latest", prefixDelegation: false, networkPolicy: true }, kubeProxy: { version: "latest" },
      coredns: { version: "latest", replicas: 2, pool: "system" }, ebsCsi: { version: "latest", controllerReplicas: 2 },
      podIdentityAgent: { version: "latest" },
    },
    pools,
    patching: { waves: generateWaves(pools), autoRepair: { enabled: true } },
  };
  return { stack: name, region: "us-east-1", values };
}

/** The stack file's YAML: every value under the `workerpools` namespace. */
export function renderStackFile(stack: GeneratedStack, seed: number): string {
  const config: Record<string, unknown> = { "aws:region": stack.region };
  for (const [key, value] of Object.entries(stack.values)) config[`${NAMESPACE}:${key}`] = value;
  const header = `# Generated by tools/gen/generate-stack.ts --pools ${stack.values.pools.length} --seed ${seed}; do not edit.\n`;
  return header + YAML.stringify({ config }, { lineWidth: 0 });
}

/** `Pulumi.yaml` for a generated project directory; `main` points back at this repository's program. */
export function renderProjectFile(projectDir: string, repoRoot: string): string {
  const main = path.relative(projectDir, path.join(repoRoot, "infra")) || ".";
  return YAML.stringify({ name: "eks-workerpools", description: "Generated benchmark stack", main, runtime: { name: "nodejs", options: { typescript: true } } });
}

/** Generates, checks with `loadStackConfig` (throws listing every issue) and writes both files into `dir`. */
export function writeStack(dir: string, options: GenerateOptions, repoRoot = path.resolve(__dirname, "../..")): { stack: string; files: string[] } {
  const stack = generateStack(options);
  const loaded = loadStackConfig(stack.values);
  if (!loaded.ok) throw new Error(`generated stack ${stack.stack} is invalid:\n${loaded.errors.map((i) => `  ${formatIssue(i)}`).join("\n")}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = [path.join(dir, "Pulumi.yaml"), path.join(dir, `Pulumi.${stack.stack}.yaml`)];
  fs.writeFileSync(files[0], renderProjectFile(dir, repoRoot));
  fs.writeFileSync(files[1], renderStackFile(stack, options.seed ?? DEFAULT_SEED));
  return { stack: stack.stack, files };
}

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { pools: { type: "string" }, seed: { type: "string", default: String(DEFAULT_SEED) }, out: { type: "string" } }, strict: true });
  if (!values.pools || !values.out) throw new Error("usage: tsx tools/gen/generate-stack.ts --pools N [--seed S] --out DIR");
  const written = writeStack(path.resolve(values.out), { pools: Number(values.pools), seed: Number(values.seed) });
  console.log(`stack ${written.stack}: ${written.files.join(", ")} (plan it: npm run plan -- --project-root ${values.out} --stack ${written.stack})`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err: unknown) {
    console.error(`generate-stack: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
}
