/** The `--all` pull-request summary when the stacks' summaries do not all fit one comment (pure). */
import { StackOutcome, renderFleetMarkdown, sectionsThatFit } from "../../tools/plan";

const outcome = (stack: string, code: 0 | 1 | 2, size: number, advisory = 0): StackOutcome => ({
  stack, code, stdout: [], stderr: [],
  markdown: `### Offline plan: stack \`${stack}\`\n\n${"x".repeat(size)}\n`,
  ...(code === 2 ? { errors: 1 } : { counts: { resources: 10, mandatory: code === 1 ? 1 : 0, advisory } }),
});

describe("fleet markdown", () => {
  it("keeps every section, in deploy order, when they fit", () => {
    const md = renderFleetMarkdown([outcome("dev", 0, 100), outcome("prod", 1, 100)]);
    expect([...md.matchAll(/^### Offline plan: stack `(\w+)`/gm)].map((m) => m[1])).toEqual(["dev", "prod"]);
    expect(md).not.toMatch(/left out/);
  });

  it("when they do not fit, keeps the stacks that need attention first, in deploy order, and names the ones left out", () => {
    const outcomes = [outcome("dev", 0, 3000), outcome("qa", 0, 3000, 2), outcome("stage", 0, 3000), outcome("prod", 2, 3000)];
    const md = renderFleetMarkdown(outcomes, 8000);
    expect(md.length).toBeLessThanOrEqual(8000);
    expect([...md.matchAll(/^### Offline plan: stack `(\w+)`/gm)].map((m) => m[1])).toEqual(["qa", "prod"]);
    expect(md).toMatch(/2 stack summaries left out to fit a pull request comment: `dev`, `stage`/);
    // the overview still lists every stack
    expect([...md.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1])).toEqual(["dev", "qa", "stage", "prod"]);
  });

  it("fills the budget with attention first, then clean sections that still fit", () => {
    expect([...sectionsThatFit(["a".repeat(50), "b".repeat(50), "c".repeat(10)], [false, true, false], 70)]).toEqual([1, 2]);
  });
});
