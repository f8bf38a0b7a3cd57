/** One problem found in user input: the config path users wrote, and what is wrong / what is valid. */
export interface ConfigIssue {
  /** Config path as written in stack config, e.g. `workerpools:pools[2].kubelet.maxPods`. */
  readonly path: string;
  /** What was received and what would be valid. */
  readonly message: string;
  /** `warning` issues are reported but do not refuse the config. @default - an error */
  readonly severity?: "error" | "warning";
}

/** Thrown once with every error-level issue; the message lists one `path: message` per line. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super(["invalid configuration:", ...issues.map((i) => `  ${formatIssue(i)}`)].join("\n"));
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** Longest path or message printed whole; a longer one (say, a 1 MB value echoed back) is cut with its length. */
export const MAX_PRINTED_CHARS = 400;

const clip = (text: string): string =>
  text.length <= MAX_PRINTED_CHARS ? text : `${text.slice(0, MAX_PRINTED_CHARS)}… (${text.length - MAX_PRINTED_CHARS} more characters)`;

/** `path: message`, the one line format used by the plan, errors and tests; very long parts are cut. */
export const formatIssue = (i: ConfigIssue): string => `${clip(i.path)}: ${clip(i.message)}`;

/** Errors only (warnings are not refusals). */
export const errorsOf = (issues: readonly ConfigIssue[]): ConfigIssue[] =>
  issues.filter((i) => (i.severity ?? "error") === "error");

/** Throws a {@link ConfigError} listing every error; returns the value when there is none. */
export function assertValid<T>(value: T, issues: readonly ConfigIssue[]): T {
  const errors = errorsOf(issues);
  if (errors.length > 0) throw new ConfigError(errors);
  return value;
}

/** Problems reported one by one per object (map or list) before the rest are summarized in one line. */
export const MAX_ISSUES_PER_OBJECT = 20;

/**
 * Checks `entries` one by one, each with `check`, until `MAX_ISSUES_PER_OBJECT` problems are found; the entries left
 * unchecked are then summarized in one issue at `at`, so a 100,000-key map costs one pass and prints a few lines.
 */
export function checkEntries<T>(entries: readonly T[], at: string, check: (entry: T) => ConfigIssue[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (let i = 0; i < entries.length; i++) {
    issues.push(...check(entries[i]));
    if (issues.length >= MAX_ISSUES_PER_OBJECT && i < entries.length - 1) {
      issues.push({ path: at, message: `stopped after ${issues.length} problems here; ${entries.length - i - 1} more entries were not checked` });
      break;
    }
  }
  return issues;
}
