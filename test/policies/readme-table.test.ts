import * as fs from "node:fs";
import * as path from "node:path";
import { ALL_RULES } from "../../policies/rules";
import { renderRuleTable } from "../../tools/plan";

it("the README's rule table is the one the pack generates (run `npx tsx tools/plan/policy-table.ts`)", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "../..", "README.md"), "utf8");
  const m = /<!-- policy-table:start -->\n([\s\S]*?)\n<!-- policy-table:end -->/.exec(readme);
  expect(m?.[1]).toBe(renderRuleTable(ALL_RULES).trimEnd());
  expect(ALL_RULES.length).toBeGreaterThanOrEqual(20);
});
