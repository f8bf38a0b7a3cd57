/** Plain-object helpers of components/core/records.ts. */
import { deepMerge, sortKeysDeep, unionKeys } from "../../components/core";

describe("deepMerge", () => {
  it("deep-merges objects and replaces lists and scalars, later wins", () => {
    expect(deepMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] } })).toEqual({ a: { b: 1, c: [2] }, d: 1 });
    expect(deepMerge({ a: { b: 1 } }, { a: 2 })).toEqual({ a: 2 });
    expect(deepMerge({ a: 1 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it("writes to neither input", () => {
    const base = { a: { b: 1 } };
    const over = { a: { c: 2 } };
    deepMerge(base, over);
    expect(base).toEqual({ a: { b: 1 } });
    expect(over).toEqual({ a: { c: 2 } });
  });
});

describe("sortKeysDeep", () => {
  it("sorts the keys of every object, keeps list order and scalars", () => {
    const sorted = sortKeysDeep({ b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: null } });
    expect(JSON.stringify(sorted)).toBe('{"a":{"c":null,"d":[{"y":2,"z":1},3]},"b":1}');
    expect(sortKeysDeep("x")).toBe("x");
  });
});

describe("unionKeys", () => {
  it("lists every key once, sorted", () => {
    expect(unionKeys({ b: 1, a: 1 }, { c: 1, a: 2 })).toEqual(["a", "b", "c"]);
    expect(unionKeys()).toEqual([]);
  });
});
