// `npm run plan`: runs the offline plan as plain JavaScript, with V8's compile cache on. Rebuilds dist/plan.cjs (an esbuild bundle of
// tools/plan/main.ts; node_modules stay external) only when a source file is newer than it, writes it atomically
// (temporary file + rename, so concurrent plans never read half a file), then runs it in this process.
// The Pulumi SDKs stay external (the program shares their runtime state with them, and the baseline loads the same
// copies); the small pure-JavaScript libraries the plan uses (zod, yaml, ajv, smol-toml, cli-table3) are bundled in,
// which saves resolving and compiling their ~270 module files (zod's 64 locales among them) on every plan.
// Plain CommonJS on purpose: it must start without a TypeScript loader.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const nodeModule = require("node:module");

// V8's compile cache: later plans reuse the bytecode of the SDKs' ~500 modules instead of compiling them
// again (Node >= 22.1 has it built in; before that tools/code-cache.cjs does the same, see there why not the
// v8-compile-cache package).
if (typeof nodeModule.enableCompileCache === "function") nodeModule.enableCompileCache();
else require("./code-cache.cjs").install(__filename);

const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist", "plan.cjs");
const SOURCE_DIRS = ["components", "infra", "tools", "policies"];

function newestSourceMs() {
  // The bundled libraries (npm rewrites node_modules/.package-lock.json on every install, so `npm ci` after a build
  // counts), the lock file, the package and TypeScript settings, and this file (the build options) count as sources.
  const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
  const settings = ["package-lock.json", "package.json", "tsconfig.json", path.join("node_modules", ".package-lock.json")];
  let newest = Math.max(mtime(__filename), ...settings.map((f) => mtime(path.join(root, f))));
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  return newest;
}

function build() {
  const result = require("esbuild").buildSync({
    entryPoints: [path.join(root, "tools", "plan", "main.ts")],
    bundle: true, platform: "node", target: "node20", format: "cjs", external: ["@pulumi/*"],
    outfile: out, write: false, logLevel: "warning",
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, out);
}

if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < newestSourceMs()) build();
require(out);
