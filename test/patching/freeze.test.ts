import { FreezeWindow, VersionState, activeFreeze, applyFreeze, parseVersionState } from "../../components/patching";

const YEAR_END: FreezeWindow = { from: "2026-12-20T00:00:00Z", to: "2027-01-04T00:00:00Z", reason: "year-end change freeze" };
const at = (iso: string): Date => new Date(iso);
const ms = (iso: string, delta: number): Date => new Date(Date.parse(iso) + delta);

describe("activeFreeze", () => {
  it.each([
    ["1 ms before from", ms(YEAR_END.from, -1), false],
    ["exactly at from (inclusive)", at(YEAR_END.from), true],
    ["inside", at("2026-12-25T12:00:00Z"), true],
    ["1 ms before to", ms(YEAR_END.to, -1), true],
    ["exactly at to (exclusive)", at(YEAR_END.to), false],
  ])("%s: %s", (_, now, frozen) => {
    expect(activeFreeze([YEAR_END], now) !== undefined).toBe(frozen);
  });

  it("reports the end and the reason", () => {
    expect(activeFreeze([YEAR_END], at("2026-12-25T00:00:00Z"))).toEqual({
      from: "2026-12-20T00:00:00.000Z",
      until: "2027-01-04T00:00:00.000Z",
      reasons: ["year-end change freeze"],
    });
  });

  it("merges windows that touch or overlap the one in force, not later separate ones", () => {
    const windows: FreezeWindow[] = [
      { from: "2026-12-20T00:00:00Z", to: "2026-12-27T00:00:00Z", reason: "holidays" },
      { from: "2026-12-27T00:00:00Z", to: "2027-01-04T00:00:00Z", reason: "new year" },
      { from: "2027-02-01T00:00:00Z", to: "2027-02-02T00:00:00Z" },
    ];
    const f = activeFreeze(windows, at("2026-12-21T00:00:00Z"));
    expect(f?.until).toBe("2027-01-04T00:00:00.000Z");
    expect(f?.reasons).toEqual(["holidays", "new year"]);
  });

  it("ignores windows that are not valid instants or end before they start", () => {
    expect(activeFreeze([{ from: "soon", to: "later" }, { from: "2027-01-02T00:00:00Z", to: "2027-01-01T00:00:00Z" }], at("2027-01-01T12:00:00Z"))).toBeUndefined();
  });
});

describe("applyFreeze", () => {
  const deployed: VersionState = {
    controlPlane: "1.34",
    pools: {
      system: { kubernetesVersion: "1.34", releaseVersion: "1.34.2-20251120" },
      batch: { kubernetesVersion: "1.34", releaseVersion: "1.49.0" },
    },
  };
  const desired: VersionState = {
    controlPlane: "1.35",
    pools: {
      system: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251205" },
      batch: { kubernetesVersion: "1.34" },
      gpu: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251205" },
    },
  };
  const inside = at("2026-12-24T00:00:00Z");
  const outside = at("2027-01-04T00:00:00Z");

  it("outside a window deploys the desired versions", () => {
    const d = applyFreeze(desired, deployed, [YEAR_END], outside);
    expect(d.freeze).toBeUndefined();
    expect(d.effective).toBe(desired);
    expect(d.held).toEqual([]);
  });

  it("inside a window with nothing deployed yet (first deploy) holds nothing", () => {
    const d = applyFreeze(desired, undefined, [YEAR_END], inside);
    expect(d.freeze?.until).toBe("2027-01-04T00:00:00.000Z");
    expect(d.effective).toBe(desired);
    expect(d.held).toEqual([]);
  });

  it("inside a window keeps the deployed versions and says until when", () => {
    const d = applyFreeze(desired, deployed, [YEAR_END], inside);
    expect(d.effective).toEqual({
      controlPlane: "1.34",
      pools: {
        system: { kubernetesVersion: "1.34", releaseVersion: "1.34.2-20251120" },
        batch: { kubernetesVersion: "1.34", releaseVersion: "1.49.0" },
        gpu: { kubernetesVersion: "1.34" },
      },
      addons: {},
    });
    expect(d.held.map((h) => [h.target, h.field, h.kept, h.desired])).toEqual([
      ["cluster", "kubernetesVersion", "1.34", "1.35"],
      ["system", "kubernetesVersion", "1.34", "1.35"],
      ["system", "releaseVersion", "1.34.2-20251120", "1.35.0-20251205"],
      ["batch", "releaseVersion", "1.49.0", undefined],
      ["gpu", "kubernetesVersion", "1.34", "1.35"],
      ["gpu", "releaseVersion", "the recommended release for 1.34", "1.35.0-20251205"],
    ]);
    expect(d.held.every((h) => h.until === "2027-01-04T00:00:00.000Z" && h.reasons[0] === "year-end change freeze")).toBe(true);
  });

  it("holds nothing when nothing differs", () => {
    expect(applyFreeze(deployed, deployed, [YEAR_END], inside).held).toEqual([]);
  });
});

describe("parseVersionState", () => {
  it("reads a stored stack output", () => {
    expect(parseVersionState({ controlPlane: "1.35", pools: { a: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120", extra: 1 }, b: "junk" } }))
      .toEqual({ controlPlane: "1.35", pools: { a: { kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120" } }, addons: {} });
  });
  it.each([undefined, null, "x", { controlPlane: "1.35" }, []])("returns undefined for %j", (v) => {
    expect(parseVersionState(v)).toBeUndefined();
  });
});

describe("addon versions in a freeze", () => {
  const windows = [{ from: "2026-12-20T00:00:00Z", to: "2027-01-04T00:00:00Z" }];
  const inside = new Date("2026-12-24T00:00:00Z");
  const previous = { controlPlane: "1.35", pools: {}, addons: { "vpc-cni": "v1.20.1-eksbuild.1", coredns: "v1.12.1-eksbuild.2" } };

  it("holds a `latest` addon (absent from the desired state) and a pinned bump at the deployed versions", () => {
    const d = applyFreeze({ controlPlane: "1.35", pools: {}, addons: { coredns: "v1.12.4-eksbuild.1" } }, previous, windows, inside);
    expect(d.effective.addons).toEqual({ "vpc-cni": "v1.20.1-eksbuild.1", coredns: "v1.12.1-eksbuild.2" });
    expect(d.held.map((h) => [h.target, h.field, h.kept, h.desired])).toEqual([
      ["vpc-cni", "addonVersion", "v1.20.1-eksbuild.1", undefined],
      ["coredns", "addonVersion", "v1.12.1-eksbuild.2", "v1.12.4-eksbuild.1"],
    ]);
  });

  it("lets addons move outside the window", () => {
    const d = applyFreeze({ controlPlane: "1.35", pools: {}, addons: {} }, previous, windows, new Date("2027-01-04T00:00:00Z"));
    expect(d.held).toEqual([]);
    expect(d.effective.addons).toEqual({});
  });

  it("reads addon versions back from a stored state", () => {
    expect(parseVersionState({ pools: {}, addons: { "vpc-cni": "v1.20.1-eksbuild.1", bad: 3 } })?.addons).toEqual({ "vpc-cni": "v1.20.1-eksbuild.1" });
  });
});
