/** Type guards of components/core/guards.ts. */
import { isFiniteNumber, isRecord, stringList } from "../../components/core";

describe("guards", () => {
  it.each<[unknown, boolean]>([[{}, true], [{ a: 1 }, true], [[], false], [null, false], ["x", false], [undefined, false]])("isRecord(%j) is %s", (v, want) => {
    expect(isRecord(v)).toBe(want);
  });

  it.each<[unknown, boolean]>([[0, true], [-1.5, true], [NaN, false], [Infinity, false], ["1", false]])("isFiniteNumber(%p) is %s", (v, want) => {
    expect(isFiniteNumber(v)).toBe(want);
  });

  it("stringList keeps the strings of a list and refuses a non-list", () => {
    expect(stringList(["a", 1, "b", null])).toEqual(["a", "b"]);
    expect(stringList([])).toEqual([]);
    expect(stringList("a")).toBeUndefined();
  });
});
