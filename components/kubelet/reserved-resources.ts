/**
 * Kubelet reservations as the EKS AMI computes them, and a check that reservations leave the node something to run.
 *
 * Source: awslabs/amazon-eks-ami `nodeadm/internal/kubelet/config.go` @01375496231add8265f3fb1bc6e1e90d083b980b
 * (`withDefaultReservedResources`, `getCPUMillicoresToReserve`, `getResourceToReserveInRange`,
 * `GetMemoryMebibytesToReserve`, `defaultKubeletSubConfig`), the same formulas as the AL2 `bootstrap.sh`.
 */
import { ConfigIssue } from "../core";
import { InstanceFacts } from "../facts";

/**
 * `evictionHard` nodeadm sets by default (`defaultKubeletSubConfig` in `nodeadm/internal/kubelet/config.go`
 * @01375496231add8265f3fb1bc6e1e90d083b980b).
 */
export const EKS_DEFAULT_EVICTION_HARD = {
  "memory.available": "100Mi",
  "nodefs.available": "10%",
  "nodefs.inodesFree": "5%",
} as const satisfies Readonly<Record<string, string>>;

/** `kubeReserved` as nodeadm renders it. */
export interface KubeReserved {
  /** CPU, e.g. `70m`. */
  readonly cpu: string;
  /** Memory, e.g. `574Mi`. */
  readonly memory: string;
  /** Ephemeral storage: always `1Gi`. */
  readonly ephemeralStorage: string;
}

/** Inputs of {@link computeKubeReserved}. */
export interface KubeReservedInputs {
  /** vCPUs of the node (nodeadm reads the host's CPU count; that is the instance's vCPUs). */
  readonly vcpus: number;
  /** The node's maxPods (nodeadm uses the value it computed for the instance type). */
  readonly maxPods: number;
}

/** nodeadm's CPU bands in millicores, and the share reserved in each, in 1/10000 (6%, 1%, 0.5%, 0.25%). */
const CPU_BAND_STARTS = [0, 1000, 2000, 4000] as const;
const CPU_BAND_SHARES = [600, 100, 50, 25] as const;

/**
 * Millicores nodeadm reserves: 6% of the first core, 1% of the second, 0.5% of the third and fourth, 0.25% of the rest,
 * each band rounded down on its own (Go integer division), as `getResourceToReserveInRange` does.
 */
export function cpuMillicoresToReserve(vcpus: number): number {
  const total = vcpus * 1000;
  let reserved = 0;
  CPU_BAND_STARTS.forEach((start, i) => {
    const end = i + 1 < CPU_BAND_STARTS.length ? CPU_BAND_STARTS[i + 1] : total;
    if (total > start) reserved += Math.floor(((Math.min(total, end) - start) * CPU_BAND_SHARES[i]) / 10000);
  });
  return reserved;
}

/** MiB nodeadm reserves: 11 × maxPods + 255. */
export function memoryMebibytesToReserve(maxPods: number): number {
  return 11 * maxPods + 255;
}

/** `kubeReserved` exactly as nodeadm computes it. */
export function computeKubeReserved(inputs: KubeReservedInputs): KubeReserved {
  return {
    cpu: `${cpuMillicoresToReserve(inputs.vcpus)}m`,
    memory: `${memoryMebibytesToReserve(inputs.maxPods)}Mi`,
    ephemeralStorage: "1Gi",
  };
}

/** The same values keyed as the kubelet's `kubeReserved` map (`cpu`, `ephemeral-storage`, `memory`). */
export function kubeReservedResourceList(r: KubeReserved): Readonly<Record<string, string>> {
  return { cpu: r.cpu, "ephemeral-storage": r.ephemeralStorage, memory: r.memory };
}

const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|([A-Za-z]*))$/;

/**
 * A Kubernetes quantity (`resource.Quantity` syntax: binary `Ki`..`Ei`, decimal `n`..`E`, or an `e` exponent) in base
 * units: bytes for memory, cores for CPU. `undefined` when the text is not a quantity.
 */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  if (m[2] !== undefined) return n * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? "";
  const factor = BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix];
  return factor === undefined ? undefined : n * factor;
}

/** A CPU quantity in millicores (`250m` → 250, `2` → 2000). */
export function parseCpuMillicores(text: string): number | undefined {
  const q = parseQuantity(text);
  return q === undefined ? undefined : Math.round(q * 1e6) / 1e3;
}

/** A memory quantity in bytes (`200Mi` → 209715200). */
export function parseMemoryBytes(text: string): number | undefined {
  return parseQuantity(text);
}

type Reservations = Readonly<Record<string, string>> | undefined;
const MiB = 2 ** 20;

interface Parsed {
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
}

function parseReservations(r: Reservations, at: string, issues: ConfigIssue[]): Parsed {
  const read = (key: "cpu" | "memory" | "ephemeral-storage"): number => {
    const text = r?.[key];
    if (text === undefined) return 0;
    const v = key === "cpu" ? parseCpuMillicores(text) : parseMemoryBytes(text);
    if (v === undefined || v < 0) {
      issues.push({ path: `${at}.${key}`, message: `"${text}" is not a non-negative Kubernetes quantity, e.g. ${key === "cpu" ? "250m or 1" : "512Mi or 1Gi"}` });
      return 0;
    }
    return v;
  };
  read("ephemeral-storage");
  return { cpuMillicores: read("cpu"), memoryBytes: read("memory") };
}

/** `memory.available` of an eviction map in bytes (absolute or a percentage of the node's memory). */
function evictionMemoryBytes(eviction: Reservations, capacityBytes: number): number {
  const text = eviction?.["memory.available"];
  if (text === undefined) return 0;
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (pct !== null) return (Number(pct[1]) / 100) * capacityBytes;
  return parseMemoryBytes(text) ?? 0;
}

/**
 * Issues when `kubeReserved` + `systemReserved` (+ `evictionHard` `memory.available` for memory) leave no allocatable
 * CPU or memory on the instance, or hold a value that is not a quantity. `at` is the config path of the kubelet
 * settings (issues point at `${at}.kubeReserved.cpu` etc.). Checks needing an unknown fact (vCPUs, memory) are skipped.
 * Call it with the smallest instance type of the pool.
 */
export function validateReservations(
  facts: InstanceFacts,
  kubeReserved: Reservations,
  systemReserved: Reservations,
  at: string,
  evictionHard: Reservations = EKS_DEFAULT_EVICTION_HARD,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const kube = parseReservations(kubeReserved, `${at}.kubeReserved`, issues);
  const system = parseReservations(systemReserved, `${at}.systemReserved`, issues);
  const field = (key: string): string => (kubeReserved?.[key] !== undefined || systemReserved?.[key] === undefined ? `${at}.kubeReserved.${key}` : `${at}.systemReserved.${key}`);
  if (facts.vcpus !== undefined) {
    const capacity = facts.vcpus * 1000;
    const reserved = kube.cpuMillicores + system.cpuMillicores;
    if (reserved >= capacity) {
      issues.push({ path: field("cpu"), message: `kubeReserved + systemReserved CPU is ${reserved}m, which leaves no allocatable CPU on ${facts.instanceType} (${facts.vcpus} vCPUs = ${capacity}m); reserve less than ${capacity}m` });
    }
  }
  if (facts.memoryMiB !== undefined) {
    const capacity = facts.memoryMiB * MiB;
    const eviction = evictionMemoryBytes(evictionHard, capacity);
    const reserved = kube.memoryBytes + system.memoryBytes + eviction;
    if (reserved >= capacity) {
      const mib = (b: number): string => `${Math.ceil(b / MiB)}Mi`;
      issues.push({ path: field("memory"), message: `kubeReserved + systemReserved + evictionHard memory.available is ${mib(reserved)}, which leaves no allocatable memory on ${facts.instanceType} (${facts.memoryMiB}Mi); reserve less than ${mib(capacity - eviction)}` });
    }
  }
  return issues;
}
