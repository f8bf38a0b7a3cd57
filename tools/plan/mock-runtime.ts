/**
 * Pulumi's mock runtime for the offline plan and the tests: mocks that return what the program's
 * dependents need (ids, ARNs, kubeconfig) and a recorder of every registration request as the engine
 * would receive it (parent, dependencies, property dependencies, ignoreChanges, inputs).
 */
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_ROLE_STAND_IN, CLUSTER_SECURITY_GROUP_STAND_IN, OFFLINE_ACCOUNT_ID, StandInLog, mentions, offlineKubeconfig, ssmStandIn } from "./offline-values";
import { CLUSTER_TYPE, GET_ADDON_VERSION_FN, GET_CALLER_IDENTITY_FN, GET_PARAMETER_FN, GET_REGION_FN, IAM_ROLE_TYPE, isRecord, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";
import { isTaggableAwsType } from "../../components/facts";

/** Pulumi's runtime store (`@pulumi/pulumi/runtime/state`'s LocalStore, no public types): the fields the plan carries over. */
interface RuntimeStore {
  resourcePackages?: unknown;
  resourceModules?: unknown;
}

/** The part of Pulumi's runtime state module the plan uses. */
interface RuntimeStateModule {
  LocalStore: new () => RuntimeStore;
}

/**
 * Runs `f` with a Pulumi runtime store of its own (settings, config, root stack resource, feature flags, log counts,
 * package references), as Pulumi's Automation API gives each inline program a fresh store. Together with `setMocks`
 * (which resets the monitor and options) and `setAllConfig` (which replaces the config), one stack's run cannot see
 * another's; the SDK modules stay loaded, and so do the resource modules and packages they registered when they
 * loaded (process-wide, not stack state). The store is swapped as the process-wide one rather than run in async local
 * storage (the Automation API's way): that puts promise hooks on every promise, +30 ms CPU per dev plan measured.
 */
export function withFreshRuntime<T>(f: () => Promise<T>): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the state module has no public types; the SDK's own copy (same file)
  const state = require("@pulumi/pulumi/runtime/state") as RuntimeStateModule;
  const global = globalThis as unknown as { globalStore?: RuntimeStore };
  const previous = global.globalStore;
  const fresh = new state.LocalStore();
  if (previous) {
    fresh.resourcePackages = previous.resourcePackages;
    fresh.resourceModules = previous.resourceModules;
  }
  global.globalStore = fresh;
  return f();
}

/** One recorded `RegisterResource` request. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parentUrn: string;
  readonly urn: string;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly ignoreChanges: string[];
  /** Inputs in their wire form (secrets still wrapped, see `redactSecrets`). */
  readonly inputs: Record<string, unknown>;
}

/** The service segment of a type token, e.g. `aws:eks/nodeGroup:NodeGroup` → `eks`. */
const serviceOf = (type: string): string => type.split(":")[1]?.split("/")[0] ?? "unknown";

/** What the AWS provider is configured with, as far as the computed state depends on it. */
export interface MockProviderSettings {
  /** `aws:region`. */
  readonly region: string;
  /** `aws:defaultTags.tags`. @default {} */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

/**
 * Computed outputs a real provider would return, so dependent inputs do not vanish; taggable AWS resources get
 * `tagsAll`, their tags over the provider's default tags, as the provider merges them.
 */
function computedState(args: pulumi.runtime.MockResourceArgs, provider: MockProviderSettings): Record<string, unknown> {
  const { type, name } = args;
  const inputs = isRecord(args.inputs) ? args.inputs : {};
  const region = provider.region;
  const arn = `arn:aws:${serviceOf(type)}:${region}:${OFFLINE_ACCOUNT_ID}:${name}`;
  const tagsAll = isTaggableAwsType(type) ? { tagsAll: { ...provider.defaultTags, ...(isRecord(inputs.tags) ? inputs.tags : {}) } } : {};
  const base: Record<string, unknown> = { ...inputs, ...tagsAll, arn };
  switch (type) {
    case CLUSTER_TYPE: {
      const clusterName = typeof inputs.name === "string" ? inputs.name : name;
      const kubeconfig = offlineKubeconfig(clusterName, region);
      const core = { clusterIamRole: { name: CLUSTER_ROLE_STAND_IN.value } };
      return { ...base, kubeconfig, kubeconfigJson: JSON.stringify(kubeconfig), clusterSecurityGroupId: CLUSTER_SECURITY_GROUP_STAND_IN.value, core };
    }
    case NODE_GROUP_TYPE:
      return { ...base, nodeGroupName: inputs.nodeGroupName ?? `${name}-offline`, resources: [{ autoscalingGroups: [{ name: `eks-${name}-offline-asg` }] }] };
    case LAUNCH_TEMPLATE_TYPE:
      return { ...base, latestVersion: 1, defaultVersion: 1 };
    case IAM_ROLE_TYPE:
      return { ...base, arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:role/${name}`, name: inputs.name ?? name };
    default:
      return base;
  }
}

/** Answers for the invokes the program makes; each answer is a labelled stand-in. */
function callResult(args: pulumi.runtime.MockCallArgs, standIns: StandInLog, provider: MockProviderSettings): Record<string, unknown> {
  const inputs = isRecord(args.inputs) ? args.inputs : {};
  switch (args.token) {
    case GET_PARAMETER_FN: {
      const name = String(inputs.name);
      return { name, type: "String", value: standIns.use(`ssm:GetParameter ${name}`, ssmStandIn(name)) };
    }
    case GET_ADDON_VERSION_FN: {
      const q = `eks:DescribeAddonVersions ${String(inputs.addonName)} for Kubernetes ${String(inputs.kubernetesVersion)} (most recent)`;
      return { ...inputs, version: standIns.use(q, `offline-stand-in(latest ${String(inputs.addonName)})`) };
    }
    case GET_REGION_FN:
      return { id: provider.region, region: provider.region, name: provider.region };
    case GET_CALLER_IDENTITY_FN:
      return { accountId: standIns.use("sts:GetCallerIdentity", OFFLINE_ACCOUNT_ID), arn: `arn:aws:iam::${OFFLINE_ACCOUNT_ID}:user/offline`, userId: "OFFLINE" };
    default:
      return inputs;
  }
}

/** Mocks for Pulumi's mock runtime; `standIns` collects every value AWS would have given. */
export function offlineMocks(standIns: StandInLog, provider: MockProviderSettings): pulumi.runtime.Mocks {
  return {
    newResource: (args) => {
      const sg = CLUSTER_SECURITY_GROUP_STAND_IN;
      if (mentions(args.inputs, sg.value)) standIns.use(sg.question, sg.value);
      if (mentions(args.inputs, CLUSTER_ROLE_STAND_IN.value)) standIns.use(CLUSTER_ROLE_STAND_IN.question, CLUSTER_ROLE_STAND_IN.value);
      return { id: `${args.name}-id`, state: computedState(args, provider) };
    },
    call: (args) => callResult(args, standIns, provider),
  };
}

interface RegisterRequest {
  getType(): string; getName(): string; getCustom(): boolean; getParent(): string;
  getDependenciesList(): string[]; getIgnorechangesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
  getObject(): { toJavaScript(): unknown } | undefined;
}
interface RegisterResponse { getUrn(): string }
type Callback = (err: Error | null, res?: RegisterResponse) => void;
interface MonitorLike { registerResource(req: RegisterRequest, cb: Callback): void }

/**
 * Wraps the (mock) monitor's `registerResource` to record each request; call after `setMocks`. Refuses a
 * second resource with the same URN (parent chain, type, name), as the engine does; the mock monitor
 * would accept it silently.
 */
export function installRecorder(): RecordedResource[] {
  const recorded: RecordedResource[] = [];
  const seen = new Set<string>();
  const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const key = `${req.getParent()}|${req.getType()}|${req.getName()}`;
    if (seen.has(key)) {
      cb(new Error(`duplicate resource: ${req.getType()} "${req.getName()}" is registered twice under the same parent`));
      return;
    }
    seen.add(key);
    original(req, (err, res) => {
      if (!err && res) recorded.push(recordOf(req, res.getUrn()));
      cb(err, res);
    });
  };
  return recorded;
}

function recordOf(req: RegisterRequest, urn: string): RecordedResource {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((v, k) => { propertyDependencies[k] = v.getUrnsList(); });
  const inputs = req.getObject()?.toJavaScript();
  return {
    type: req.getType(), name: req.getName(), custom: req.getCustom(), parentUrn: req.getParent(), urn,
    dependencies: req.getDependenciesList(), propertyDependencies, ignoreChanges: req.getIgnorechangesList(),
    inputs: isRecord(inputs) ? inputs : {},
  };
}

/**
 * Turns off Pulumi's source positions until the returned function is called: `Resource.callsites` (private in the
 * SDK's types) builds and parses a full stack trace, and a file URL per frame, for every resource it registers, to
 * send the engine where the resource was declared; the recording monitor keeps none of it (see `recordOf`), and it
 * was ~5% of a 200-pool plan's CPU profile. Without positions the SDK sends none, as it does for frames it cannot read.
 */
export function withoutSourcePositions(): () => void {
  const resource = pulumi.Resource as unknown as { callsites?: unknown };
  const original = resource.callsites;
  if (typeof original !== "function") return () => undefined;
  resource.callsites = (): never[] => [];
  return () => { resource.callsites = original; };
}
