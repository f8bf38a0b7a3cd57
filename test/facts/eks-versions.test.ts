import {
  AL2_LAST_VERSION,
  EKS_VERSIONS,
  al2Available,
  compareVersions,
  daysUntilStandardEnd,
  eksVersion,
  parseMinor,
  supportStatus,
  validateKubernetesVersion,
  validateSkew,
} from "../../components/facts";

const utc = (iso: string): Date => new Date(iso);

describe("EKS calendar data", () => {
  it("covers 1.28 .. 1.35 with 1.35 flagged unverified", () => {
    const versions = EKS_VERSIONS.map((v) => v.version);
    for (const v of ["1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35"]) expect(versions).toContain(v);
    expect(eksVersion("1.35")?.verified).toBe(false);
    expect(eksVersion("1.34")?.verified).toBe(true);
  });

  it("has 14 + 12 month windows in order for every row", () => {
    for (const v of EKS_VERSIONS) {
      expect(v.endOfStandardSupport < v.endOfExtendedSupport).toBe(true);
      if (v.eksRelease) expect(v.eksRelease < v.endOfStandardSupport).toBe(true);
    }
    expect(eksVersion("1.33")).toMatchObject({ eksRelease: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" });
  });
});

describe("supportStatus at boundaries (UTC midnight)", () => {
  it.each([
    ["1.33", "2026-07-28T23:59:59.999Z", "standard"],
    ["1.33", "2026-07-29T00:00:00.000Z", "extended"],
    ["1.33", "2027-07-28T23:59:59.999Z", "extended"],
    ["1.33", "2027-07-29T00:00:00.000Z", "unsupported"],
    ["1.33", "2025-05-28T12:00:00.000Z", "unsupported"],
    ["1.33", "2025-05-29T00:00:00.000Z", "standard"],
    ["1.33.4", "2026-01-01T00:00:00.000Z", "standard"],
    ["1.20", "2026-01-01T00:00:00.000Z", "unknown"],
    ["latest", "2026-01-01T00:00:00.000Z", "unknown"],
  ])("%s at %s is %s", (version, at, expected) => {
    expect(supportStatus(version, utc(at))).toBe(expected);
  });
});

describe("daysUntilStandardEnd", () => {
  it("counts whole days, 0 on the last day, negative after", () => {
    expect(daysUntilStandardEnd("1.34", utc("2026-12-01T00:00:00Z"))).toBe(1);
    expect(daysUntilStandardEnd("1.34", utc("2026-12-01T12:00:00Z"))).toBe(0);
    expect(daysUntilStandardEnd("1.34", utc("2026-12-02T00:00:00Z"))).toBe(0);
    expect(daysUntilStandardEnd("1.34", utc("2026-12-03T00:00:00Z"))).toBe(-1);
    expect(daysUntilStandardEnd("9.99", utc("2026-12-03T00:00:00Z"))).toBeUndefined();
  });
});

describe("version parsing", () => {
  it("parses minors", () => {
    expect(parseMinor("1.35")).toBe(35);
    expect(parseMinor("1.9.2")).toBe(9);
    expect(parseMinor("v1.35")).toBeUndefined();
    expect(parseMinor("1")).toBeUndefined();
  });

  it("compares numerically, not as text", () => {
    expect(compareVersions("1.9", "1.10")).toBeLessThan(0);
    expect(compareVersions("1.35", "1.35")).toBe(0);
    expect(compareVersions("1.33", "1.32")).toBeGreaterThan(0);
    expect(compareVersions("1.32.1", "1.32")).toBeGreaterThan(0);
    expect([..."1.10 1.9 1.35 1.2".split(" ")].sort(compareVersions)).toEqual(["1.2", "1.9", "1.10", "1.35"]);
    expect(() => compareVersions("one", "1.2")).toThrow(RangeError);
  });

  it("knows AL2 stops at 1.32", () => {
    expect(AL2_LAST_VERSION).toBe("1.32");
    expect(al2Available("1.32")).toBe(true);
    expect(al2Available("1.33")).toBe(false);
  });
});

describe("validateKubernetesVersion", () => {
  const at = "workerpools:cluster.kubernetesVersion";
  it("accepts a calendar version", () => expect(validateKubernetesVersion("1.35", at)).toEqual([]));
  it("refuses bad formats", () => {
    expect(validateKubernetesVersion("1.35.1", at)).toEqual([{ path: at, message: 'must be a Kubernetes minor version like "1.35", got "1.35.1"' }]);
    expect(validateKubernetesVersion("latest", at)[0].path).toBe(at);
  });
  it("refuses versions older than the calendar, warns on newer ones", () => {
    expect(validateKubernetesVersion("1.20", at)[0].severity).toBeUndefined();
    expect(validateKubernetesVersion("1.99", at)[0].severity).toBe("warning");
  });
  it("with a date: warns in extended support, refuses past it", () => {
    expect(validateKubernetesVersion("1.31", at, utc("2026-01-01T00:00:00Z"))[0]).toMatchObject({ severity: "warning" });
    expect(validateKubernetesVersion("1.31", at, utc("2026-11-26T00:00:00Z"))[0].severity).toBeUndefined();
    expect(validateKubernetesVersion("1.34", at, utc("2026-01-01T00:00:00Z"))).toEqual([]);
  });
});

describe("validateSkew (kubelet vs kube-apiserver)", () => {
  const at = "workerpools:pools[0].kubernetesVersion";
  it("accepts the same version", () => expect(validateSkew("1.35", "1.35", at)).toEqual([]));
  it("accepts 1 and 2 minors older", () => {
    expect(validateSkew("1.35", "1.34", at)).toEqual([]);
    expect(validateSkew("1.35", "1.33", at)).toEqual([]);
  });
  it("accepts 3 older with only a warning", () => {
    const issues = validateSkew("1.35", "1.32", at);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: at, severity: "warning" });
  });
  it("refuses 4 older", () => {
    expect(validateSkew("1.35", "1.31", at)).toEqual([
      { path: at, message: "kubelet 1.31 is 4 minors behind the control plane (1.35); at most 3 are supported, so use 1.32 or newer" },
    ]);
  });
  it("refuses a pool newer than the control plane", () => {
    expect(validateSkew("1.34", "1.35", at)).toEqual([
      { path: at, message: "kubelet 1.35 must not be newer than the control plane (1.34); use 1.34 or older" },
    ]);
  });
  it("allows only 2 minors for kubelets older than 1.25", () => {
    expect(validateSkew("1.26", "1.24", at)[0].severity).toBe("warning");
    expect(validateSkew("1.27", "1.24", at)[0].severity).toBeUndefined();
  });
  it("refuses unparsable versions", () => {
    expect(validateSkew("1.35", "one", at)[0].path).toBe(at);
    expect(validateSkew("x", "1.35", at)[0].message).toMatch(/control plane version "x"/);
  });
});
