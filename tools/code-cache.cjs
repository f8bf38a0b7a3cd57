// A V8 code cache for the CommonJS modules a plan loads, for Node versions without `module.enableCompileCache()`
// (before 22.1). Plain CommonJS: the launcher requires it before a TypeScript loader could exist.
//
// Why not the v8-compile-cache package: it passes `produceCachedData: true` to every `vm.Script`, and Node then
// serialises a fresh code cache for every module even when the stored one was accepted, marks the store dirty and
// rewrites the whole blob (~7.5 MB for the Pulumi SDKs) at every exit; and it hashes every module's source with
// SHA-1 to decide whether the stored cache still fits. Here:
// - a stored entry is used while the file's size, mtime, ctime and inode are those recorded with it (a `stat`,
//   not a hash of the source; an `npm install` writes new files, so their ctime and inode change);
// - a cache is produced only for modules that had none (or whose entry V8 rejected), and only at exit, with
//   `script.createCachedData()`: by then it also holds the functions the plan compiled lazily while it ran;
// - the store (one file: a JSON index, then the caches) is rewritten only when something was produced, through a
//   temporary file and a rename, so concurrent plans never read half a store.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");

// `import()` inside a cached module resolves as it would in a module Node compiled itself (where Node has the constant).
const DYNAMIC_IMPORT = vm.constants ? vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER : undefined;

/** `<tmp>/eks-workerpools-code-cache-<uid>/<arch>-<v8>/<name>.bin`: one store per launcher and V8 build. */
function storeFile(name) {
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  const dir = path.join(os.tmpdir(), `eks-workerpools-code-cache-${uid}`, `${process.arch}-${process.versions.v8}`);
  return path.join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, "_")}.bin`);
}

/** Reads a store: { index: { [file]: [stamp, offset, length] }, blob }; an empty one when missing or unreadable. */
function readStore(file) {
  try {
    const buf = fs.readFileSync(file);
    const indexLength = buf.readUInt32LE(0);
    const index = JSON.parse(buf.toString("utf8", 4, 4 + indexLength));
    return { index, blob: buf.subarray(4 + indexLength) };
  } catch {
    return { index: {}, blob: Buffer.alloc(0) };
  }
}

function writeStore(file, entries) {
  const index = {};
  const parts = [];
  let offset = 0;
  for (const [name, [stamp, data]] of entries) {
    index[name] = [stamp, offset, data.length];
    parts.push(data);
    offset += data.length;
  }
  const json = Buffer.from(JSON.stringify(index), "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length, 0);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.concat([head, json, ...parts]));
  fs.renameSync(tmp, file);
}

/** What identifies one version of a file on disk. */
function stampOf(filename, content) {
  const st = fs.statSync(filename);
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${content.length}`;
}

/** The `require` a module's wrapper receives (what Node's own `makeRequireFunction` builds). */
function requireFor(mod) {
  const req = (id) => mod.require(id);
  const resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  req.resolve = resolve;
  req.main = process.mainModule;
  req.extensions = Module._extensions;
  req.cache = Module._cache;
  return req;
}

/** Installs the cache for every module loaded from now on; `name` names the store (one per launcher). */
function install(name) {
  const file = storeFile(name);
  const stored = readStore(file);
  const produce = []; // [filename, stamp, script]: modules without a usable stored cache
  let rejected = 0;

  Module.prototype._compile = function compileWithCache(content, filename) {
    // A shebang line stays in the source as a comment-like line Node strips; keep Node's behaviour.
    const source = content.startsWith("#!") ? `//${content.slice(2)}` : content;
    const stamp = stampOf(filename, content);
    const entry = Object.prototype.hasOwnProperty.call(stored.index, filename) ? stored.index[filename] : undefined;
    const cachedData = entry && entry[0] === stamp ? stored.blob.subarray(entry[1], entry[1] + entry[2]) : undefined;
    const script = new vm.Script(Module.wrap(source), { filename, cachedData, importModuleDynamically: DYNAMIC_IMPORT });
    if (cachedData === undefined || script.cachedDataRejected) {
      if (cachedData !== undefined) rejected++;
      produce.push([filename, stamp, script]);
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };

  process.once("exit", () => {
    if (process.env.EKS_CODE_CACHE_DEBUG) {
      const used = Object.keys(stored.index).length;
      process.stderr.write(`code cache: ${produce.length} produced (${rejected} rejected), store had ${used}\n`);
    }
    if (produce.length === 0) return;
    try {
      const entries = new Map();
      for (const [name, [stamp, offset, length]] of Object.entries(stored.index)) {
        entries.set(name, [stamp, stored.blob.subarray(offset, offset + length)]);
      }
      for (const [filename, stamp, script] of produce) entries.set(filename, [stamp, script.createCachedData()]);
      writeStore(file, entries);
    } catch {
      // A cache that cannot be written only costs the next plan its compile time.
    }
  });
}

module.exports = { install };
