/**
 * The bounded release history of the `versions` output and promotion from it: a release the source ran soakDays and
 * then replaced with a newer one is still promoted; one it rolled back from never is; the history stays bounded across
 * deploys and an output from before it was recorded still reads.
 */
import {
  PromotionInput, RELEASE_HISTORY_LIMIT, ReleaseSpan, applyFreeze, choosePromotion, compareReleases, parseReleaseHistory,
  parseVersionState, stampSince,
} from "../../components/patching";

const NOW = new Date("2026-12-01T09:00:00Z");
const A = "1.35.0-20251020";
const B = "1.35.0-20251105";
const C = "1.35.0-20251127";
const base: PromotionInput = { pool: "general", source: "dev/general", soakDays: 7, now: NOW };
const span = (releaseVersion: string, since: string, until: string): ReleaseSpan => ({ releaseVersion, since, until });
const source = (releaseVersion: string, since: string, history: ReleaseSpan[]): PromotionInput =>
  ({ ...base, sourcePool: { releaseVersion, since, history }, deployed: { releaseVersion: "1.35.0-20251001" } });

describe("promotion with the source's release history", () => {
  it("soak met on the current release: takes it, as without history", () => {
    const c = choosePromotion(source(B, "2026-11-05T00:00:00Z", [span(A, "2026-10-20T00:00:00Z", "2026-11-05T00:00:00Z")]));
    expect(c).toMatchObject({ kind: "promote", releaseVersion: B, days: 26 });
    expect(c).not.toHaveProperty("until");
  });

  it("soak met only on the previous release (replaced by a newer one 2 days ago): takes the previous one, saying why", () => {
    const c = choosePromotion(source(C, "2026-11-29T09:00:00Z", [span(B, "2026-11-05T00:00:00Z", "2026-11-29T09:00:00Z")]));
    expect(c).toEqual({
      kind: "promote", releaseVersion: B, since: "2026-11-05T00:00:00Z", until: "2026-11-29T09:00:00Z", days: 24,
      reason: `general takes ${B} from dev/general, run there 2026-11-05 to 2026-11-29, 24 days >= 7, then replaced by a newer release (dev/general runs ${C} since 2026-11-29, 2 days < 7)`,
    });
  });

  it("takes the newest soaked one: a short span in between is skipped, an older soaked one is not preferred", () => {
    const c = choosePromotion(source(C, "2026-11-30T00:00:00Z", [
      span(B, "2026-11-27T00:00:00Z", "2026-11-30T00:00:00Z"),
      span(A, "2026-10-20T00:00:00Z", "2026-11-27T00:00:00Z"),
      span("1.35.0-20251001", "2026-10-01T00:00:00Z", "2026-10-20T00:00:00Z"),
    ]));
    expect(c).toMatchObject({ kind: "promote", releaseVersion: A, days: 38 });
  });

  it("never moves the pool back: an earlier soaked release older than (or equal to) what the pool runs is not taken", () => {
    const history = [span(B, "2026-11-05T00:00:00Z", "2026-11-29T09:00:00Z")];
    for (const deployed of ["1.35.0-20251110", B]) {
      const c = choosePromotion({ ...source(C, "2026-11-29T09:00:00Z", history), deployed: { releaseVersion: deployed } });
      expect(c).toMatchObject({ kind: "keep", releaseVersion: deployed });
    }
    const older = choosePromotion({ ...source(C, "2026-11-29T09:00:00Z", history), deployed: { releaseVersion: A } });
    expect(older).toMatchObject({ kind: "promote", releaseVersion: B });
  });

  it("follows the source back when the pool runs the release the source rolled back from", () => {
    // dev ran B for a month, moved to C, rolled back to B a day ago; prod took C meanwhile: C is bad, prod goes to B.
    const history = [span(C, "2026-11-20T00:00:00Z", "2026-11-30T09:00:00Z"), span(B, "2026-10-20T00:00:00Z", "2026-11-20T00:00:00Z")];
    const c = choosePromotion({ ...source(B, "2026-11-30T09:00:00Z", history), deployed: { releaseVersion: C } });
    expect(c).toMatchObject({ kind: "promote", releaseVersion: B });
  });

  it("none met (every span shorter than soakDays): keeps what the pool runs", () => {
    const c = choosePromotion(source(C, "2026-11-29T00:00:00Z", [span(B, "2026-11-25T00:00:00Z", "2026-11-29T00:00:00Z")]));
    expect(c).toMatchObject({ kind: "keep", releaseVersion: "1.35.0-20251001" });
    expect(c.reason).toContain(`runs ${C} since 2026-11-29, 2 days < 7`);
  });

  it("a release the source rolled back from is never taken: to an older release, or to one it ran before", () => {
    const toOlder = choosePromotion(source(A, "2026-11-30T00:00:00Z", [span(B, "2026-11-05T00:00:00Z", "2026-11-30T00:00:00Z")]));
    expect(toOlder.kind).toBe("keep");
    // Back to A, which it ran for 16 days before B: A is taken (its earlier span soaked), B never.
    const back = choosePromotion(source(A, "2026-11-30T00:00:00Z", [
      span(B, "2026-11-05T00:00:00Z", "2026-11-30T00:00:00Z"), span(A, "2026-10-20T00:00:00Z", "2026-11-05T00:00:00Z"),
    ]));
    expect(back).toMatchObject({ kind: "promote", releaseVersion: A, until: "2026-11-05T00:00:00Z" });
    // Release strings whose order is not known: the return to one run before still counts as a rollback.
    const unordered = choosePromotion(source("x-1", "2026-11-30T00:00:00Z", [span("x-2", "2026-11-01T00:00:00Z", "2026-11-30T00:00:00Z"), span("x-1", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z")]));
    expect(unordered).toMatchObject({ kind: "promote", releaseVersion: "x-1" });
  });

  it("an earlier release that does not fit the pool is skipped", () => {
    const c = choosePromotion({ ...source(C, "2026-11-30T00:00:00Z", [span(B, "2026-11-05T00:00:00Z", "2026-11-30T00:00:00Z")]), misfitOf: (r) => (r === B ? "another minor" : undefined) });
    expect(c.kind).toBe("keep");
  });

  it("source missing (no output, no pool, no current release): keeps what the pool runs, history or not", () => {
    const deployed = { releaseVersion: "1.35.0-20251001" };
    const history = [span(B, "2026-11-05T00:00:00Z", "2026-11-29T00:00:00Z")];
    for (const sourcePool of [undefined, {}, { history }]) expect(choosePromotion({ ...base, sourcePool, deployed })).toMatchObject({ kind: "keep" });
  });

  it("a freeze holds a release promoted from the history like every other release change", () => {
    const c = choosePromotion(source(C, "2026-11-29T09:00:00Z", [span(B, "2026-11-05T00:00:00Z", "2026-11-29T09:00:00Z")]));
    if (c.kind !== "promote") throw new Error(c.kind);
    const previous = { pools: { general: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251001" } } };
    const desired = { pools: { general: { kubernetesVersion: "1.35", releaseVersion: c.releaseVersion } } };
    const d = applyFreeze(desired, previous, [{ from: "2026-11-30T00:00:00Z", to: "2026-12-05T00:00:00Z", reason: "peak" }], NOW);
    expect(d.effective.pools.general.releaseVersion).toBe("1.35.0-20251001");
    expect(d.held).toEqual([expect.objectContaining({ target: "general", field: "releaseVersion", kept: "1.35.0-20251001", desired: B })]);
  });
});

describe("the history across deploys", () => {
  it("a replaced release joins the history with since and until; an unchanged one keeps it", () => {
    const first = stampSince({ releaseVersion: A }, undefined, new Date("2026-10-20T00:00:00Z"));
    expect(first).toEqual({ releaseVersion: A, since: "2026-10-20T00:00:00.000Z" });
    const second = stampSince({ releaseVersion: B }, first, new Date("2026-11-05T00:00:00Z"));
    expect(second.history).toEqual([span(A, "2026-10-20T00:00:00.000Z", "2026-11-05T00:00:00.000Z")]);
    expect(stampSince({ releaseVersion: B }, second, NOW)).toEqual(second);
  });

  it(`is bounded: at most ${RELEASE_HISTORY_LIMIT} earlier releases, the oldest dropped`, () => {
    let v = stampSince({ releaseVersion: "1.35.0-20250101" }, undefined, new Date("2026-01-01T00:00:00Z"));
    for (let m = 2; m <= 10; m++) {
      const mm = String(m).padStart(2, "0");
      v = stampSince({ releaseVersion: `1.35.0-2025${mm}01` }, v, new Date(`2026-${mm}-01T00:00:00Z`));
    }
    expect(v.history).toHaveLength(RELEASE_HISTORY_LIMIT);
    expect(v.history?.[0].until).toBe("2026-10-01T00:00:00.000Z");
    expect(v.history?.[RELEASE_HISTORY_LIMIT - 1].since).toBe("2026-05-01T00:00:00.000Z");
    expect(parseReleaseHistory([...Array(9)].map(() => span(A, "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z")))).toHaveLength(RELEASE_HISTORY_LIMIT);
  });

  it("a previous release without since is not recorded (how long it ran is not known)", () => {
    expect(stampSince({ releaseVersion: B }, { releaseVersion: A }, NOW)).not.toHaveProperty("history");
  });

  it("reads the old shape without history, and drops malformed spans", () => {
    expect(parseVersionState({ pools: { g: { releaseVersion: B, since: "2026-11-05T00:00:00Z" } } })?.pools.g).toEqual({ releaseVersion: B, since: "2026-11-05T00:00:00Z" });
    const parsed = parseVersionState({ pools: { g: { releaseVersion: C, history: [
      span(B, "2026-11-05T00:00:00Z", "2026-11-29T00:00:00Z"), { releaseVersion: A, since: "last month", until: "2026-11-05T00:00:00Z" },
      span(A, "2026-11-06T00:00:00Z", "2026-11-05T00:00:00Z"), "nonsense",
    ] } } });
    expect(parsed?.pools.g.history).toEqual([span(B, "2026-11-05T00:00:00Z", "2026-11-29T00:00:00Z")]);
  });

  it.each([
    [A, B, -1], [C, B, 1], [B, B, 0], ["1.36.0-20251001", C, 1], ["1.50.0-1a2b3c4d", "1.49.2-9f8e7d6c", 1],
    ["1.50.0-1a2b3c4d", "1.50.0-00aa11bb", undefined], ["latest", B, undefined],
  ])("orders %s against %s: %s", (a, b, want) => expect(compareReleases(a, b)).toBe(want));
});
