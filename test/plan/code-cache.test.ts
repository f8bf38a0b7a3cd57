/**
 * tools/code-cache.cjs (the launcher's V8 code cache before Node 22.1): modules load and behave as Node loads
 * them, a second process reuses the stored caches without producing new ones, and a changed file is compiled
 * from its new source.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const CACHE = path.resolve(__dirname, "..", "..", "tools", "code-cache.cjs");

describe("code cache", () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), "code-cache-test-")); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (): { out: string; err: string } => {
    const main = path.join(dir, "main.cjs");
    const r = spawnSync(process.execPath, [main], {
      encoding: "utf8", env: { ...process.env, TMPDIR: path.join(dir, "tmp"), EKS_CODE_CACHE_DEBUG: "1" },
    });
    expect(r.status).toBe(0);
    return { out: r.stdout, err: r.stderr };
  };

  it("loads modules as Node does, reuses the store, and recompiles a changed file", () => {
    fs.mkdirSync(path.join(dir, "tmp"));
    fs.writeFileSync(path.join(dir, "main.cjs"), [
      `require(${JSON.stringify(CACHE)}).install(__filename);`,
      `const lib = require("./lib.cjs");`,
      `console.log(lib.value, lib.dir === __dirname, lib.isMain, lib.resolved === require.resolve("./lib.cjs"));`,
    ].join("\n"));
    const lib = (value: string): string => [
      "#!/usr/bin/env node",
      `exports.value = "${value}";`,
      "exports.dir = __dirname;",
      "exports.isMain = require.main === module;",
      `exports.resolved = require.resolve("./lib.cjs");`,
    ].join("\n");
    fs.writeFileSync(path.join(dir, "lib.cjs"), lib("one"));

    const first = run();
    expect(first.out.trim()).toBe("one true false true");
    expect(first.err).toContain("code cache: 1 produced");
    const second = run();
    expect(second.out.trim()).toBe("one true false true");
    expect(second.err).toContain("code cache: 0 produced (0 rejected), store had 1");

    fs.writeFileSync(path.join(dir, "lib.cjs"), lib("two")); // same length, new content
    const third = run();
    expect(third.out.trim()).toBe("two true false true");
    expect(third.err).toContain("code cache: 1 produced");
  });
});
