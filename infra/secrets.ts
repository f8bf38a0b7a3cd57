/**
 * Secret (`secure:`) config values in the offline plan. `pulumi up` decrypts them before the program runs, so the
 * program sees the real value; the offline plan cannot decrypt them and hands the program a labelled stand-in, naming
 * the paths it stood in for. Validation then skips format checks at those paths (a note per path says so), and says
 * why when the stand-in does not even fit the key's type. Pure.
 */
import { ConfigIssue } from "../components/core";

/** True when `path` is `secret` or inside it (`…secret.key`, `…secret[0]`). */
export const isAtOrUnder = (path: string, secret: string): boolean =>
  path === secret || path.startsWith(`${secret}.`) || path.startsWith(`${secret}[`);

const atSecret = (i: ConfigIssue, secrets: readonly string[]): boolean => secrets.some((s) => isAtOrUnder(i.path, s));

/** The note each stood-in secret gets. */
export const secretNote = (path: string): ConfigIssue => ({
  path, severity: "warning",
  message: "a secret (secure:) value: the offline plan cannot decrypt it, so it plans with a labelled stand-in and does not check this value's format; pulumi up decrypts it and checks the real value",
});

/** Validation-stage issues: errors at stood-in secrets dropped (their format is unknown offline), one note per secret. */
export function skipSecretFormats(issues: readonly ConfigIssue[], secrets: readonly string[]): ConfigIssue[] {
  if (secrets.length === 0) return [...issues];
  return [...issues.filter((i) => i.severity === "warning" || !atSecret(i, secrets)), ...secrets.map(secretNote)];
}

/**
 * Shape-stage (schema) errors: an error at a stood-in secret means the stand-in string does not fit the key at all (a
 * number, a list, a pattern): nothing can be planned, so the error stays and says why.
 */
export function explainSecretShapes(errors: readonly ConfigIssue[], secrets: readonly string[]): ConfigIssue[] {
  if (secrets.length === 0) return [...errors];
  return errors.map((e) => (atSecret(e, secrets)
    ? { ...e, message: `${e.message} (a secret (secure:) value: the offline plan cannot decrypt it and its stand-in string does not fit this key; plan it with pulumi preview, which decrypts it)` }
    : e));
}
