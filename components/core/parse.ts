/**
 * Readers for the JSON data files shipped with the library: each returns the value typed or throws one error naming
 * the data set, the path inside it and what was expected, e.g. `instance types data: types[3][1] must be a string`.
 * Data is checked once at load, so a bad edit to a data file fails every test at once. Pure.
 */
import { isRecord } from "./guards";

/** The readers for one data set; `at` is the path inside it. */
export interface DataReader {
  /** Throws `<data set> data: <at> must be <what>`. */
  readonly fail: (at: string, what: string) => never;
  /** A plain object. */
  readonly record: (v: unknown, at: string) => Readonly<Record<string, unknown>>;
  /** A list of anything. */
  readonly list: (v: unknown, at: string) => readonly unknown[];
  /** A string. */
  readonly str: (v: unknown, at: string) => string;
  /** A list of strings. */
  readonly strings: (v: unknown, at: string) => readonly string[];
  /** A number. */
  readonly num: (v: unknown, at: string) => number;
}

/** The readers for the data set named `dataSet` (the name starts every error message). */
export function dataReader(dataSet: string): DataReader {
  const fail = (at: string, what: string): never => {
    throw new Error(`${dataSet} data: ${at} must be ${what}`);
  };
  const record = (v: unknown, at: string): Readonly<Record<string, unknown>> => (isRecord(v) ? v : fail(at, "an object"));
  const list = (v: unknown, at: string): readonly unknown[] => (Array.isArray(v) ? v : fail(at, "a list"));
  const str = (v: unknown, at: string): string => (typeof v === "string" ? v : fail(at, "a string"));
  const strings = (v: unknown, at: string): readonly string[] => list(v, at).map((s, i) => str(s, `${at}[${i}]`));
  const num = (v: unknown, at: string): number => (typeof v === "number" ? v : fail(at, "a number"));
  return { fail, record, list, str, strings, num };
}
