import { MAX_ISSUES_PER_OBJECT, MAX_PRINTED_CHARS, checkEntries, formatIssue } from "../../components/core";

describe("formatIssue", () => {
  it("prints path and message whole when short", () => {
    expect(formatIssue({ path: "workerpools:pools[0].name", message: "bad" })).toBe("workerpools:pools[0].name: bad");
  });
  it("cuts a very long echoed value and says how much was left out", () => {
    const line = formatIssue({ path: "workerpools:cluster.name", message: `got "${"x".repeat(1_000_000)}"` });
    expect(line.length).toBeLessThan(2 * MAX_PRINTED_CHARS + 100);
    expect(line).toMatch(/… \(999\d{3} more characters\)$/);
  });
});

describe("checkEntries", () => {
  const bad = (n: number) => Array.from({ length: n }, (_, i) => i);
  const check = (i: number) => [{ path: `m.k${i}`, message: "bad" }];
  it("checks every entry when there are few problems", () => {
    expect(checkEntries(bad(5), "m", check)).toHaveLength(5);
  });
  it("stops after the limit and says how many entries it left unchecked", () => {
    const issues = checkEntries(bad(100_000), "m", check);
    expect(issues).toHaveLength(MAX_ISSUES_PER_OBJECT + 1);
    expect(issues[issues.length - 1]).toEqual({ path: "m", message: `stopped after ${MAX_ISSUES_PER_OBJECT} problems here; ${100_000 - MAX_ISSUES_PER_OBJECT} more entries were not checked` });
  });
  it("does not summarize when the last entry is the one that reaches the limit", () => {
    expect(checkEntries(bad(MAX_ISSUES_PER_OBJECT), "m", check)).toHaveLength(MAX_ISSUES_PER_OBJECT);
  });
});
