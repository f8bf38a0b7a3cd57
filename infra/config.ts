/**
 * Stack config: parse the `workerpools:*` keys (zod, shape and types), then validate the meaning with the
 * library's own validators under the config paths users write. Pure: no Pulumi runtime, no resources.
 */
import { ZodArray, ZodDefault, ZodObject, ZodOptional, type z } from "zod";
import { ConfigIssue, didYouMean, errorsOf, cidrsOverlap, formatCidr, parseCidr } from "../components/core";
import { CONTROL_PLANE_DEFAULTS, resolveControlPlaneArgs, validateControlPlane } from "../components/control-plane";
import { eksLimit } from "../components/facts";
import { resolveWorkerPoolArgs, validateWorkerPool, nodeGroupResourceName } from "../components/worker-pool";
import { addonsArgs, placeholderCluster, poolArgs } from "./component-args";
import { PoolIssues, attributeKubeletIssues } from "./kubelet-issues";
import { PoolRuntimeIssues, attributeContainerRuntimeIssues } from "./container-runtime-issues";
import { resolveAddonsArgs, validateAddons } from "../components/addons";
import { validateRegion, validateVpcCidr, validateZones } from "../components/network";
import {
  RawStackConfig, addonsSchema, clusterSchema, cniSchema, containerRuntimeSchema, kubeProxySchema, kubeletSchema, patchingSchema, poolSchema, stackConfigSchema,
  tenantsSchema,
} from "./config-schema";
import { StackConfig, resolveStackConfig } from "./stack-config";
import type { VersionState } from "../components/patching";
import { validateAcrossPools, validateAgainstDeployed } from "./stack-checks";
import { validateStackTenants } from "./tenant-checks";
import { PLAN_NAMESPACE } from "./versions";
import { explainSecretShapes, skipSecretFormats } from "./secrets";
import { validatePromotionConfig } from "./promotion";
import { validatePoolDefaultTags, validateStackTags, withoutStackTagIssues } from "./tag-checks";
import { validateCniConfig } from "./cni-checks";
import { clusterAutoscalerIssues } from "./autoscaling";
import { validateKarpenterConfig, validateKarpenterPool, validateProvisionerFields } from "./karpenter-checks";

/** The config namespace of every key. */
export const NAMESPACE = "workerpools";

/**
 * Config namespaces a stack of this program uses: ours, the providers', Pulumi's own. Keys of other namespaces are
 * not read by anything here: a warning, with the namespace we think was meant.
 */
export const KNOWN_NAMESPACES = [NAMESPACE, "aws", "kubernetes", "eks", "pulumi"] as const;

/** A warning per config key outside {@link KNOWN_NAMESPACES} (a `workerpool:kubelet` typo is otherwise silently ignored). */
export function foreignKeyWarnings(keys: readonly string[]): ConfigIssue[] {
  return keys.flatMap((key): ConfigIssue[] => {
    const colon = key.indexOf(":");
    const ns = colon < 0 ? "" : key.slice(0, colon);
    if ((KNOWN_NAMESPACES as readonly string[]).includes(ns) || ns === PLAN_NAMESPACE) return [];
    const meant = didYouMean(ns, KNOWN_NAMESPACES);
    return [{ path: key, severity: "warning", message: `not read by this program: namespace "${ns}" is not one of ${KNOWN_NAMESPACES.join(", ")}${meant}` }];
  });
}

/** `["pools", 2, "kubelet", "maxPods"]` → `workerpools:pools[2].kubelet.maxPods`. */
export function configPath(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path;
  let out = `${NAMESPACE}:${String(head ?? "")}`;
  for (const seg of rest) out += typeof seg === "number" ? `[${seg}]` : `.${String(seg)}`;
  return out;
}

/** Unknown keys listed one by one up to this many per object; the rest are counted. */
const MAX_UNKNOWN_KEYS_LISTED = 10;

/** The keys the schema knows at `path` (objects inside optionals and arrays), for "did you mean". */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  for (const seg of [...path, undefined]) {
    for (;;) {
      if (s instanceof ZodOptional || s instanceof ZodDefault) s = s.unwrap();
      else if (s instanceof ZodArray && typeof seg === "number") { s = s.element; break; }
      else break;
    }
    if (seg === undefined || typeof seg === "number") continue;
    if (!(s instanceof ZodObject)) return [];
    s = (s.shape as Record<string, unknown>)[String(seg)];
  }
  return s instanceof ZodObject ? Object.keys(s.shape) : [];
}

/** zod issues → ConfigIssues, one per problem (one per unknown key), at the config path the user wrote. */
export function zodIssues(error: z.ZodError, schema: z.ZodType = stackConfigSchema): ConfigIssue[] {
  return error.issues.flatMap((i): ConfigIssue[] => {
    if (i.code !== "unrecognized_keys") return [{ path: configPath(i.path), message: i.message }];
    const known = knownKeysAt(schema, i.path);
    const listed = i.keys.slice(0, MAX_UNKNOWN_KEYS_LISTED).map((k) => ({
      path: configPath([...i.path, k]),
      message: `unknown key "${k}"${didYouMean(k, known)}; valid keys here: ${known.join(", ")}`,
    }));
    const rest = i.keys.length - listed.length;
    return rest > 0 ? [...listed, { path: configPath(i.path), message: `and ${rest} more unknown keys` }] : listed;
  });
}

/** Outcome of loading stack config: the typed config, or every issue. Warnings come with either. */
export type LoadResult =
  | { readonly ok: true; readonly config: StackConfig; readonly warnings: ConfigIssue[] }
  | { readonly ok: false; readonly errors: ConfigIssue[]; readonly warnings: ConfigIssue[] };

/** What the stack knows besides its `workerpools:*` values. */
export interface LoadContext {
  /**
   * What is deployed (the stack's previous `versions` output; offline, from `--baseline`): downgrades are refused and
   * AZs new to the cluster stay off the control plane. @default - nothing deployed
   */
  readonly deployed?: VersionState;
  /** `aws:region` of the stack, when set (AZs must be in it). @default - unknown: AZs must share one region */
  readonly region?: string;
  /** Config paths whose secret value the offline plan replaced by a stand-in (infra/secrets.ts). @default [] */
  readonly secretPaths?: readonly string[];
  /** `aws:defaultTags.tags`: counted against AWS's 50 tags per resource. @default {} */
  readonly defaultTags?: Readonly<Record<string, string>>;
  /** This stack's names (`dev`, `org/project/dev`): a promoted pool may not name them in `ami.from`. @default [] */
  readonly self?: readonly string[];
}

/**
 * Parses and validates the `workerpools:*` values (already decoded from YAML/JSON); `now` judges the
 * Kubernetes version's EKS support dates.
 */
export function loadStackConfig(values: Readonly<Record<string, unknown>>, now: Date = new Date(), context: LoadContext = {}): LoadResult {
  const parsed = stackConfigSchema.safeParse(values);
  const secrets = context.secretPaths ?? [];
  if (!parsed.success) {
    return { ok: false, errors: explainSecretShapes([...zodIssues(parsed.error), ...salvagedIssues(values, now, context)], secrets), warnings: [] };
  }
  const config = resolveStackConfig(parsed.data);
  const issues = skipSecretFormats(validateStackConfig(parsed.data, config, { poolIndex: config.pools.map((_, i) => i), poolsComplete: true, now, region: context.region, deployed: context.deployed, defaultTags: context.defaultTags ?? {}, self: context.self }), secrets);
  const errors = errorsOf(issues);
  const warnings = issues.filter((i) => i.severity === "warning");
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, config, warnings };
}

/**
 * When the shape is wrong somewhere, still validate the meaning of every section that parsed, so the
 * user sees all problems in one run: the cluster, the other sections, and each pool that parsed (under
 * its original index). Checks that need every pool (wave names, the CoreDNS pool) wait for a clean shape.
 */
function salvagedIssues(values: Readonly<Record<string, unknown>>, now: Date, context: LoadContext): ConfigIssue[] {
  const cluster = clusterSchema.safeParse(values.cluster);
  if (!cluster.success) return [];
  const section = <T>(schema: z.ZodType<T>, v: unknown): T | undefined => {
    const r = schema.safeParse(v);
    return r.success ? r.data : undefined;
  };
  const rawPools = Array.isArray(values.pools) ? values.pools : [];
  const pools = rawPools.map((p, i) => ({ i, r: poolSchema.safeParse(p) }));
  const ok = pools.flatMap(({ i, r }) => (r.success ? [{ i, pool: r.data }] : []));
  const raw: RawStackConfig = {
    cluster: cluster.data,
    kubelet: section(kubeletSchema, values.kubelet),
    containerRuntime: section(containerRuntimeSchema, values.containerRuntime),
    kubeProxy: section(kubeProxySchema, values.kubeProxy),
    cni: section(cniSchema, values.cni),
    addons: section(addonsSchema, values.addons),
    tags: section(poolSchema.shape.tags, values.tags),
    pools: ok.map((p) => p.pool),
    patching: { ...section(patchingSchema, values.patching), waves: [] },
    tenants: section(tenantsSchema, values.tenants),
  };
  const issues = validateStackConfig(raw, resolveStackConfig(raw), { poolIndex: ok.map((p) => p.i), poolsComplete: false, now, region: context.region, deployed: context.deployed, defaultTags: context.defaultTags ?? {}, self: context.self });
  return errorsOf(issues);
}

function validateNetwork(raw: RawStackConfig, c: StackConfig, region: string | undefined): ConfigIssue[] {
  const at = configPath(["cluster", "network"]);
  const n = raw.cluster.network;
  const issues: ConfigIssue[] = region === undefined ? [] : validateRegion(region, "aws:region");
  if (n.availabilityZones) issues.push(...validateZones(n.availabilityZones, region, (i) => `${at}.availabilityZones[${i}]`));
  issues.push(...validateSubnets(n.privateSubnets ?? [], region, `${at}.privateSubnets`), ...validateSubnets(n.publicSubnets ?? [], region, `${at}.publicSubnets`));
  if (n.privateSubnets && n.vpcCidr) issues.push({ path: at, message: "give either vpcCidr (create a VPC) or vpcId + privateSubnets (bring one), not both" });
  if (n.privateSubnets && n.natGateways) issues.push({ path: `${at}.natGateways`, message: "only applies to a VPC this stack creates (vpcCidr); brought subnets route through the NAT gateways their owner made" });
  if (n.privateSubnets && !n.vpcId) issues.push({ path: `${at}.vpcId`, message: "required with privateSubnets: the VPC those subnets belong to (vpc-...)" });
  if (!n.privateSubnets && n.vpcCidr) issues.push(...validateVpcCidr(n.vpcCidr, [...new Set(c.availabilityZones)], at));
  const vpc = n.vpcCidr ? parseCidr(n.vpcCidr) : undefined;
  const services = parseCidr(c.controlPlane.serviceIpv4Cidr ?? CONTROL_PLANE_DEFAULTS.serviceIpv4Cidr);
  if (vpc && services && cidrsOverlap(vpc, services)) {
    issues.push({ path: configPath(["cluster", "serviceIpv4Cidr"]), message: `${formatCidr(services)} overlaps the VPC ${n.vpcCidr}; EKS needs a service CIDR outside the VPC` });
  }
  if (!n.privateSubnets && !n.vpcCidr) issues.push({ path: at, message: "give vpcCidr + availabilityZones (create a VPC) or vpcId + privateSubnets (bring one)" });
  if (new Set(c.availabilityZones).size < 2) {
    issues.push({ path: `${at}.${n.privateSubnets ? "privateSubnets" : "availabilityZones"}`, message: `the cluster needs at least 2 AZs (EKS requires subnets in 2 AZs), got ${JSON.stringify(c.availabilityZones)}` });
  }
  return issues;
}

/** Brought subnets: each AZ in the region, and one subnet never given two AZs. */
function validateSubnets(subnets: readonly { readonly id: string; readonly az: string }[], region: string | undefined, at: string): ConfigIssue[] {
  const issues = validateZones(subnets.map((s) => s.az), region, (i) => `${at}[${i}].az`).filter((i) => !i.message.includes("listed twice"));
  const azOf = new Map<string, string>();
  subnets.forEach((s, i) => {
    const first = azOf.get(s.id);
    if (first !== undefined && first !== s.az) issues.push({ path: `${at}[${i}].az`, message: `subnet ${s.id} is already listed in ${first}; a subnet lives in exactly one AZ` });
    else if (first !== undefined) issues.push({ path: `${at}[${i}].id`, message: `subnet ${s.id} is listed twice` });
    azOf.set(s.id, s.az);
  });
  return issues;
}

/** How config pools map back to `workerpools:pools[i]`, and whether every pool is present. */
interface PoolScope {
  readonly poolIndex: readonly number[];
  readonly poolsComplete: boolean;
  readonly now: Date;
  readonly region?: string;
  readonly deployed?: VersionState;
  readonly defaultTags: Readonly<Record<string, string>>;
  readonly self?: readonly string[];
}

/** The node group resource names a pool will register (they must be unique across pools). */
function nodeGroupNames(c: StackConfig, p: StackConfig["pools"][number]): string[] {
  const azs = p.args.availabilityZones ?? c.availabilityZones;
  return p.args.layout === "per-zone" ? azs.map((az) => nodeGroupResourceName(p.name, az)) : [nodeGroupResourceName(p.name, "")];
}

function validatePools(c: StackConfig, scope: PoolScope): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { cluster, subnets } = placeholderCluster(c);
  const firstIndex = new Map<string, number>();
  const groupOwner = new Map<string, string>();
  const perPool: PoolIssues[] = [];
  const runtime: PoolRuntimeIssues[] = [];
  c.pools.forEach((p, i) => { if (!firstIndex.has(p.name)) firstIndex.set(p.name, i); });
  c.pools.forEach((p, i) => {
    const at = configPath(["pools", scope.poolIndex[i]]);
    const start = issues.length;
    if (firstIndex.get(p.name) !== i) issues.push({ path: `${at}.name`, message: `duplicate pool name "${p.name}"; pool names must be unique` });
    issues.push(...validateProvisionerFields(p, at));
    if (p.provisioner === "karpenter") {
      issues.push(...validateKarpenterPool(c, p, cluster, subnets, at, scope.now));
      perPool.push({ name: p.name, at, kubelet: p.args.kubelet ?? {}, issues: issues.splice(start) });
      return;
    }
    for (const group of nodeGroupNames(c, p)) {
      const physical = group.length + eksLimit("pulumiAutonameSuffixLength");
      if (physical > eksLimit("nodeGroupNameMaxLength")) {
        issues.push({ path: `${at}.name`, message: `its node group "${group}" gets an ${eksLimit("pulumiAutonameSuffixLength")}-character Pulumi suffix: ${physical} characters, over EKS's ${eksLimit("nodeGroupNameMaxLength")}; shorten the pool name by ${physical - eksLimit("nodeGroupNameMaxLength")}` });
      }
      const owner = groupOwner.get(group);
      if (owner !== undefined && owner !== p.name) issues.push({ path: `${at}.name`, message: `its node group "${group}" has the same name as one of pool "${owner}"; rename one of the pools` });
      groupOwner.set(group, p.name);
    }
    const args = resolveWorkerPoolArgs(poolArgs(c, p, cluster, subnets));
    issues.push(...withoutStackTagIssues(validateWorkerPool(args, at, scope.now, scope.region), at, p.args.tags ?? {}));
    issues.push(...validatePoolDefaultTags(args.tags, scope.defaultTags, at));
    const own = issues.splice(start);
    const isRuntime = (x: ConfigIssue): boolean => x.path.startsWith(`${at}.containerRuntime`);
    perPool.push({ name: p.name, at, kubelet: p.args.kubelet ?? {}, issues: own.filter((x) => !isRuntime(x)) });
    runtime.push({ name: p.name, at, containerRuntime: p.args.containerRuntime ?? {}, issues: own.filter(isRuntime) });
  });
  return [
    ...issues,
    ...attributeKubeletIssues(perPool, c.kubelet, configPath(["kubelet"])),
    ...attributeContainerRuntimeIssues(runtime, c.containerRuntime, configPath(["containerRuntime"])),
  ];
}

function validatePatching(c: StackConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Set(c.pools.map((p) => p.name));
  const seen = new Set<string>();
  c.patching.waves.forEach((wave, w) => wave.forEach((name, j) => {
    const path = configPath(["patching", "waves", w, j]);
    if (!names.has(name)) issues.push({ path, message: `no pool named "${name}"; pools are ${[...names].join(", ")}` });
    else if (seen.has(name)) issues.push({ path, message: `pool "${name}" is already in an earlier wave; a pool belongs to one wave` });
    seen.add(name);
  }));
  c.patching.freeze.forEach((f, i) => {
    if (Date.parse(f.from) >= Date.parse(f.to)) issues.push({ path: configPath(["patching", "freeze", i]), message: `from (${f.from}) must be before to (${f.to})` });
  });
  return issues;
}

function validateStackConfig(raw: RawStackConfig, c: StackConfig, scope: PoolScope): ConfigIssue[] {
  const issues = [
    ...validateControlPlane(resolveControlPlaneArgs({ ...c.controlPlane, vpcId: "", privateSubnetIds: [] }), configPath(["cluster"]), scope.now),
    ...validateNetwork(raw, c, scope.region),
    ...validateStackTags(c, scope.defaultTags),
    ...validatePools(c, scope),
    ...validateAddons(resolveAddonsArgs(addonsArgs(c, "", "")), configPath(["addons"]), configPath(["kubeProxy"]), configPath(["cni"])),
    ...validatePatching(c),
    ...validateCniConfig(raw, c),
    ...validateAcrossPools(c, scope.poolIndex, scope.poolsComplete),
    ...validateAgainstDeployed(c, scope.poolIndex, scope.deployed),
    ...validateStackTenants(c, scope.poolIndex, scope.poolsComplete),
    ...validateKarpenterConfig(c, configPath(["autoscaling", "karpenter"]), (i) => configPath(["pools", scope.poolIndex[i]]), scope.poolsComplete),
    ...validatePromotionConfig(raw.pools, scope.poolIndex, scope.self),
  ];
  if (scope.poolsComplete) issues.push(...clusterAutoscalerIssues(c, scope.poolIndex));
  const corednsPool = c.addons.coredns?.pool;
  if (scope.poolsComplete && corednsPool !== undefined && !c.pools.some((p) => p.name === corednsPool)) {
    issues.push({ path: configPath(["addons", "coredns", "pool"]), message: `no pool named "${corednsPool}"; pools are ${c.pools.map((p) => p.name).join(", ")}` });
  }
  return issues;
}
