/**
 * Promotion in the stack config: the keys' checks at the paths users write, each promoted pool resolved against its
 * source (pinned to the soaked release, kept, created with the fallback, refused), the AMI family check, and a freeze
 * holding a promotion like any release.
 */
import * as path from "node:path";
import { loadStackConfig } from "../../infra/config";
import { resolvePromotions } from "../../infra/promotion";
import { freezeConfig } from "../../infra/versions";
import type { StackConfig } from "../../infra/stack-config";
import type { VersionState } from "../../components/patching";
import { readStackFile } from "../../tools/plan";

const DIR = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T09:00:00Z");
const prodValues = (): Record<string, unknown> => structuredClone(readStackFile(DIR, "promoted-prod").values);
type Pool = { name: string; ami?: Record<string, unknown>; os?: string };
const pools = (v: Record<string, unknown>): Pool[] => v.pools as Pool[];

function load(v: Record<string, unknown>, self: string[] = ["promoted-prod"]) {
  return loadStackConfig(v, NOW, { self, region: "eu-west-1" });
}
function prodConfig(): StackConfig {
  const r = load(prodValues());
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return r.config;
}
const source = (since: string, extra: Record<string, unknown> = {}): VersionState => ({
  pools: Object.fromEntries(["system", "general"].map((n) => [n, { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120", since, amiType: "AL2023_x86_64_STANDARD", ...extra }])),
});
const index = (c: StackConfig) => (n: string): number => c.pools.findIndex((p) => p.name === n);
const amiOf = (c: StackConfig, pool: string) => c.pools.find((p) => p.name === pool)?.args.ami;

describe("the promotion keys", () => {
  it.each<[string, (v: Record<string, unknown>) => void, string, RegExp]>([
    ["from missing", (v) => { delete pools(v)[1].ami?.from; }, "workerpools:pools[1].ami.from", /required with channel promoted/],
    ["soakDays missing", (v) => { delete pools(v)[1].ami?.soakDays; }, "workerpools:pools[1].ami.soakDays", /required with channel promoted/],
    ["soakDays negative", (v) => { (pools(v)[1].ami ?? {}).soakDays = -1; }, "workerpools:pools[1].ami.soakDays", />=0|0/],
    ["soakDays not whole", (v) => { (pools(v)[1].ami ?? {}).soakDays = 1.5; }, "workerpools:pools[1].ami.soakDays", /int/i],
    ["from this stack", (v) => { (pools(v)[1].ami ?? {}).from = "promoted-prod"; }, "workerpools:pools[1].ami.from", /names this stack/],
    ["from with two slashes only", (v) => { (pools(v)[1].ami ?? {}).from = "org/dev"; }, "workerpools:pools[1].ami.from", /org\/project\/stack/],
    ["soakDays with pinned", (v) => { pools(v)[1].ami = { channel: "pinned", releaseVersion: "1.35.0-20251120", soakDays: 7 }; }, "workerpools:pools[1].ami.soakDays", /only valid with channel promoted/],
    ["imageId with promoted", (v) => { (pools(v)[1].ami ?? {}).imageId = "ami-0abcdef1234567890"; }, "workerpools:pools[1].ami.imageId", /only valid with channel custom/],
    ["a fallback release that is not one", (v) => { (pools(v)[0].ami ?? {}).releaseVersion = "latest"; }, "workerpools:pools[0].ami.releaseVersion", /./],
  ])("%s is refused at its path", (_what, mutate, at, message) => {
    const v = prodValues();
    mutate(v);
    const r = load(v);
    expect(r.ok).toBe(false);
    const hit = r.ok ? undefined : r.errors.find((e) => e.path === at);
    expect(hit?.message).toMatch(message);
  });

  it("the example is valid; before resolution a promoted pool carries its fallback pinned, or the recommended channel", () => {
    const c = prodConfig();
    expect(c.pools.map((p) => p.promotion)).toEqual([
      { from: "promoted-dev", soakDays: 7, fallback: "1.35.0-20251105" }, { from: "promoted-dev", soakDays: 7 },
    ]);
    expect(amiOf(c, "system")).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251105" });
    expect(amiOf(c, "general")).toEqual({ channel: "recommended" });
  });
});

describe("resolvePromotions", () => {
  it("pins the soaked release on every promoted pool", () => {
    const c = prodConfig();
    const r = resolvePromotions(c, { "promoted-dev": source("2026-11-20T00:00:00Z") }, undefined, NOW, index(c));
    expect(r.issues).toEqual([]);
    expect(amiOf(r.config, "general")).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251120" });
    expect(r.decisions.map((d) => d.choice.reason)).toContain("general takes 1.35.0-20251120 from promoted-dev/general, run there since 2026-11-20, 11 days >= 7");
  });

  it("not soaked: a deployed pool keeps its release, a new one takes its fallback or is refused at ami", () => {
    const c = prodConfig();
    const fresh = resolvePromotions(c, { "promoted-dev": source("2026-11-28T00:00:00Z") }, undefined, NOW, index(c));
    expect(amiOf(fresh.config, "system")).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251105" });
    expect(fresh.issues).toEqual([{ path: "workerpools:pools[1].ami", message: expect.stringMatching(/promoted-dev\/general runs 1\.35\.0-20251120 since 2026-11-28, 3 days < 7/) }]);
    const deployed: VersionState = { pools: { general: { releaseVersion: "1.35.0-20251101" }, system: { releaseVersion: "1.35.0-20251101" } } };
    const kept = resolvePromotions(c, { "promoted-dev": source("2026-11-28T00:00:00Z") }, deployed, NOW, index(c));
    expect(kept.issues).toEqual([]);
    expect(amiOf(kept.config, "general")).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251101" });
  });

  it("a source of another AMI family is refused; a release of another Kubernetes minor waits", () => {
    const c = prodConfig();
    const other = resolvePromotions(c, { "promoted-dev": source("2026-11-01T00:00:00Z", { amiType: "BOTTLEROCKET_x86_64", releaseVersion: "1.50.0-7c5bd7dd" }) }, undefined, NOW, index(c));
    expect(other.issues.map((i) => i.path)).toEqual(["workerpools:pools[0].ami.from", "workerpools:pools[1].ami.from"]);
    expect(other.issues[0].message).toMatch(/BOTTLEROCKET_x86_64 \(family BOTTLEROCKET\) and this pool AL2023: promotion needs the same AMI family/);
    const deployed: VersionState = { pools: { general: { releaseVersion: "1.35.0-20251101" } } };
    const minor = resolvePromotions(c, { "promoted-dev": source("2026-11-01T00:00:00Z", { releaseVersion: "1.36.0-20251120" }) }, deployed, NOW, index(c));
    const general = minor.decisions.find((d) => d.pool === "general");
    expect(general?.choice).toMatchObject({ kind: "keep", releaseVersion: "1.35.0-20251101" });
    expect(general?.choice.reason).toMatch(/not a release for this pool's AL2023 on Kubernetes 1\.35/);
  });

  it("from the source's history: the newest earlier release that fits this pool's Kubernetes minor, not one of another", () => {
    const c = prodConfig();
    const history = [
      { releaseVersion: "1.36.0-20251110", since: "2026-11-10T00:00:00Z", until: "2026-11-28T00:00:00Z" },
      { releaseVersion: "1.35.0-20251105", since: "2026-10-01T00:00:00Z", until: "2026-11-10T00:00:00Z" },
    ];
    // The source upgraded to 1.36 on 2026-11-10 (18 days on its first 1.36 release: soaked, but not one for this 1.35
    // pool), now runs a newer 1.36 release; before the upgrade it ran 1.35.0-20251105 for 40 days.
    const r = resolvePromotions(c, { "promoted-dev": source("2026-11-28T00:00:00Z", { releaseVersion: "1.36.0-20251120", history }) }, undefined, NOW, index(c));
    expect(r.issues).toEqual([]);
    expect(amiOf(r.config, "general")).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251105" });
    expect(r.decisions.find((d) => d.pool === "general")?.choice.reason).toMatch(/^general takes 1\.35\.0-20251105 from promoted-dev\/general, run there 2026-10-01 to 2026-11-10, 40 days >= 7/);
  });

  it("a freeze holds a promotion like any release change", () => {
    const c = prodConfig();
    const deployed: VersionState = { controlPlane: "1.35", pools: { general: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251101" } } };
    const r = resolvePromotions(c, { "promoted-dev": source("2026-12-01T00:00:00Z") }, deployed, new Date("2026-12-22T00:00:00Z"), index(c));
    expect(amiOf(r.config, "general")).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251120" });
    const prev = process.env.WORKERPOOLS_NOW;
    process.env.WORKERPOOLS_NOW = "2026-12-22T00:00:00Z";
    try {
      const { config, decision } = freezeConfig(r.config, deployed);
      expect(decision.held).toContainEqual(expect.objectContaining({ target: "general", field: "releaseVersion", kept: "1.35.0-20251101", desired: "1.35.0-20251120" }));
      expect(amiOf(config, "general")).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251101" });
    } finally {
      if (prev === undefined) delete process.env.WORKERPOOLS_NOW; else process.env.WORKERPOOLS_NOW = prev;
    }
  });

  it("a source not known offline keeps the pool's pre-resolution image and says so", () => {
    const c = prodConfig();
    const r = resolvePromotions(c, { "promoted-dev": "stand-in" }, undefined, NOW, index(c));
    expect(r.issues).toEqual([]);
    expect(r.decisions.map((d) => d.choice.kind)).toEqual(["stand-in", "stand-in"]);
    expect(amiOf(r.config, "general")).toEqual({ channel: "recommended" });
  });
});
