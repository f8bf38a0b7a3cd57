/** The data readers of components/core/parse.ts: typed values back, or one error naming data set, path and expectation. */
import { dataReader } from "../../components/core";

const r = dataReader("example");

describe("dataReader", () => {
  it("returns well-typed values as they are", () => {
    const obj = { a: 1 };
    expect(r.record(obj, "root")).toBe(obj);
    expect(r.list([1, "x"], "l")).toEqual([1, "x"]);
    expect(r.str("s", "s")).toBe("s");
    expect(r.strings(["a", "b"], "names")).toEqual(["a", "b"]);
    expect(r.num(0, "n")).toBe(0);
  });

  it.each<[string, () => unknown, string]>([
    ["an array for an object", () => r.record([], "root"), "example data: root must be an object"],
    ["null for an object", () => r.record(null, "root.source"), "example data: root.source must be an object"],
    ["a string for a list", () => r.list("a", "types"), "example data: types must be a list"],
    ["a number for a string", () => r.str(1, "types[0][0]"), "example data: types[0][0] must be a string"],
    ["a non-string list element", () => r.strings(["a", 2], "names"), "example data: names[1] must be a string"],
    ["a string for a number", () => r.num("63", "keyMaxLength"), "example data: keyMaxLength must be a number"],
    ["an explicit failure", () => r.fail("columns", "[a, b]"), "example data: columns must be [a, b]"],
  ])("throws on %s, naming the path", (_, read, message) => {
    expect(read).toThrow(new Error(message));
  });
});
