/**
 * Karpenter's CRD schemas (`NodePool` karpenter.sh/v1, `EC2NodeClass` karpenter.k8s.aws/v1) of the pinned Karpenter
 * release, shipped as data in `data/karpenter-crds.json` (the `openAPIV3Schema` of each CRD's v1 version, read from
 * aws/karpenter-provider-aws `pkg/apis/crds/` at the release tag; the file's `source` names tag and commit).
 */
import raw from "./data/karpenter-crds.json";
import { dataReader } from "../core";

/** The Karpenter kinds the platform renders. */
export const KARPENTER_KINDS = ["NodePool", "EC2NodeClass"] as const;
export type KarpenterKind = (typeof KARPENTER_KINDS)[number];

/** One shipped CRD schema. */
export interface KarpenterCrd {
  /** API group, e.g. `karpenter.sh`. */
  readonly group: string;
  readonly kind: KarpenterKind;
  /** API version served, `v1`. */
  readonly version: string;
  /** The CRD's openAPIV3Schema (descriptions and `x-kubernetes-*` extensions removed). */
  readonly schema: Readonly<Record<string, unknown>>;
}

/** Where the schemas were read. */
export interface KarpenterCrdSource {
  readonly repo: string;
  readonly tag: string;
  readonly commit: string;
  readonly paths: readonly string[];
  readonly retrieved: string;
  readonly note: string;
}

const { record, str, strings } = dataReader("Karpenter CRDs");
const root = record(raw, "root");
const src = record(root.source, "source");

/** Provenance of {@link KARPENTER_CRDS}. */
export const karpenterCrdSource: KarpenterCrdSource = {
  repo: str(src.repo, "source.repo"), tag: str(src.tag, "source.tag"), commit: str(src.commit, "source.commit"),
  paths: strings(src.paths, "source.paths"), retrieved: str(src.retrieved, "source.retrieved"), note: str(src.note, "source.note"),
};

/** The Karpenter release whose CRDs are shipped (the only `workerpools:autoscaling.karpenter.version` accepted). */
export const KARPENTER_CRD_VERSION: string = str(root.karpenterVersion, "karpenterVersion");

const crds = record(root.crds, "crds");

/** The shipped schemas by kind. */
export const KARPENTER_CRDS: Readonly<Record<KarpenterKind, KarpenterCrd>> = Object.fromEntries(KARPENTER_KINDS.map((kind) => {
  const c = record(crds[kind], `crds.${kind}`);
  return [kind, { group: str(c.group, `crds.${kind}.group`), kind, version: str(c.version, `crds.${kind}.version`), schema: record(c.schema, `crds.${kind}.schema`) }];
})) as Record<KarpenterKind, KarpenterCrd>;
