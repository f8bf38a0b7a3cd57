/** Pure AMI promotion: the soak arithmetic, its boundaries and time zones, `since` kept across deploys, the choice. */
import { PromotionInput, amiFamilyOf, choosePromotion, daysBetween, parseVersionState, stampSince } from "../../components/patching";

const NOW = new Date("2026-12-01T09:00:00Z");
const base: PromotionInput = { pool: "general", source: "dev/general", soakDays: 7, now: NOW };
const soakedSince = (iso: string): PromotionInput => ({ ...base, sourcePool: { releaseVersion: "1.35.0-20251120", since: iso } });

describe("daysBetween", () => {
  it.each([
    ["2026-11-24T09:00:00Z", 7],
    ["2026-11-24T09:00:01Z", 6],
    ["2026-11-24T08:59:59Z", 7],
    ["2026-12-01T09:00:00Z", 0],
    ["2026-11-20T00:00:00Z", 11],
    // The same instant written in other offsets: whole days count instants, not calendar dates.
    ["2026-11-24T10:00:00+01:00", 7],
    ["2026-11-24T04:00:01-05:00", 6],
  ])("from %s to 2026-12-01T09:00Z: %d whole days", (from, days) => expect(daysBetween(from, NOW)).toBe(days));
});

describe("choosePromotion", () => {
  it("takes the source's release once it has run soakDays, saying since when and how long", () => {
    const c = choosePromotion(soakedSince("2026-11-20T00:00:00Z"));
    expect(c).toEqual({
      kind: "promote", releaseVersion: "1.35.0-20251120", since: "2026-11-20T00:00:00Z", days: 11,
      reason: "general takes 1.35.0-20251120 from dev/general, run there since 2026-11-20, 11 days >= 7",
    });
  });

  it("takes it at exactly soakDays, not a second earlier", () => {
    expect(choosePromotion(soakedSince("2026-11-24T09:00:00Z")).kind).toBe("promote");
    const early = choosePromotion({ ...soakedSince("2026-11-24T09:00:01Z"), deployed: { releaseVersion: "1.35.0-20251105" } });
    expect(early).toEqual({ kind: "keep", releaseVersion: "1.35.0-20251105", reason: "general keeps 1.35.0-20251105: dev/general runs 1.35.0-20251120 since 2026-11-24, 6 days < 7" });
  });

  it("soakDays 0 takes the source's release at once", () => {
    expect(choosePromotion({ ...soakedSince("2026-12-01T09:00:00Z"), soakDays: 0 }).kind).toBe("promote");
  });

  it("not soaked and not deployed: the fallback release, else refused with what to do", () => {
    const waiting = soakedSince("2026-11-30T00:00:00Z");
    expect(choosePromotion({ ...waiting, fallback: "1.35.0-20251105" })).toMatchObject({ kind: "fallback", releaseVersion: "1.35.0-20251105" });
    const refused = choosePromotion(waiting);
    expect(refused.kind).toBe("refuse");
    expect(refused.reason).toMatch(/1 day < 7.*not deployed yet; give ami\.releaseVersion/);
  });

  it("a missing source (no stack output, no pool, no release, no since) keeps what the pool runs", () => {
    const deployed = { releaseVersion: "1.35.0-20251105" };
    for (const sourcePool of [undefined, {}, { releaseVersion: "1.35.0-20251120" }]) {
      expect(choosePromotion({ ...base, sourcePool, deployed })).toMatchObject({ kind: "keep", releaseVersion: "1.35.0-20251105" });
    }
    expect(choosePromotion({ ...base, deployed }).reason).toContain("dev/general records no release");
    expect(choosePromotion({ ...base, sourcePool: { releaseVersion: "1.35.0-20251120" } }).kind).toBe("refuse");
  });

  it("a soaked release that does not fit the pool waits", () => {
    const c = choosePromotion({ ...soakedSince("2026-11-01T00:00:00Z"), misfit: "not a release for Kubernetes 1.34", deployed: { releaseVersion: "1.34.2-20251105" } });
    expect(c).toMatchObject({ kind: "keep", releaseVersion: "1.34.2-20251105" });
    expect(c.reason).toContain("not a release for Kubernetes 1.34");
  });
});

describe("stampSince", () => {
  const prev = { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120", since: "2026-11-20T00:00:00.000Z" };
  it("keeps the previous since while the release is unchanged", () => {
    expect(stampSince({ kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120" }, prev, NOW).since).toBe("2026-11-20T00:00:00.000Z");
  });
  it.each([
    ["a new release", { releaseVersion: "1.35.0-20251127" }, prev],
    ["a first deploy", { releaseVersion: "1.35.0-20251120" }, undefined],
    ["a previous output without since", { releaseVersion: "1.35.0-20251120" }, { releaseVersion: "1.35.0-20251120" }],
  ])("stamps now for %s", (_what, current, previous) => expect(stampSince(current, previous, NOW).since).toBe(NOW.toISOString()));
  it("records no since without a release", () => expect(stampSince({ kubernetesVersion: "1.35" }, prev, NOW)).toEqual({ kubernetesVersion: "1.35" }));
});

describe("the versions output", () => {
  it("parses since and amiType back (and drops a since that is not a time), staying readable without them", () => {
    const parsed = parseVersionState({ pools: {
      a: { releaseVersion: "1.35.0-20251120", since: "2026-11-20T00:00:00.000Z", amiType: "AL2023_x86_64_STANDARD" },
      b: { releaseVersion: "1.35.0-20251120", since: "last week" },
      c: { kubernetesVersion: "1.35" },
    } });
    expect(parsed?.pools).toEqual({
      a: { releaseVersion: "1.35.0-20251120", since: "2026-11-20T00:00:00.000Z", amiType: "AL2023_x86_64_STANDARD" },
      b: { releaseVersion: "1.35.0-20251120" },
      c: { kubernetesVersion: "1.35" },
    });
  });
  it.each([["AL2023_ARM_64_NVIDIA", "AL2023"], ["BOTTLEROCKET_x86_64", "BOTTLEROCKET"], ["CUSTOM", "CUSTOM"]])("the AMI family of %s is %s", (t, f) => expect(amiFamilyOf(t)).toBe(f));
});
