/**
 * The dev stack's `--json` plan and `--markdown` summary, byte for byte, against the golden copies in
 * test/golden/dev-plan/ (taken before the house move; regenerated only deliberately with UPDATE_GOLDEN=1).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const GOLDEN = path.join(__dirname, "..", "golden", "dev-plan");
const NOW = "2026-12-01T00:00:00Z";

describe("golden plan of the dev stack", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "golden-plan-"));
  const json = path.join(dir, "plan.json");
  const markdown = path.join(dir, "summary.md");
  let code: number | null = null;

  beforeAll(() => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "tools", "plan-launcher.cjs"), "--now", NOW, "--json", json, "--markdown", markdown], {
      cwd: ROOT, encoding: "utf8", timeout: 120_000,
    });
    code = r.status;
    if (process.env.UPDATE_GOLDEN === "1" && code === 0) {
      fs.copyFileSync(json, path.join(GOLDEN, "plan.json"));
      fs.copyFileSync(markdown, path.join(GOLDEN, "summary.md"));
    }
  });

  it("plans cleanly", () => expect(code).toBe(0));
  it.each([["plan.json", json], ["summary.md", markdown]])("%s is byte-identical to the golden copy", (name, produced) => {
    expect(fs.readFileSync(produced, "utf8")).toBe(fs.readFileSync(path.join(GOLDEN, name), "utf8"));
  });
});
