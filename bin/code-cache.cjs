'use strict';
// A CommonJS bundle of the build (scripts/bundle.mjs) compiled from the V8 code cache the build left
// beside it, and run as CommonJS's module wrapper would run it: the CLI (./run-bundle.js) and the
// compile worker (./run-compile-worker.cjs). Node 20 keeps no compile cache for ES modules
// (module.enableCompileCache is Node 22), hence CommonJS bundles run through vm.Script, which takes
// one. V8 checks a cache against its own version, the V8 flags and the source, and rejects one that
// does not match: the bundle then compiles as it would without one, lazily, function by function.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/**
 * Compiles `file` with the code cache `cacheFile` when there is one. `cache` is 'accepted',
 * 'rejected' (made by another Node, other flags or another build) or 'none'. Strict, as the ES
 * modules it is bundled from are; the wrapper shares the bundle's first line, so positions in stack
 * traces stay those of the file.
 */
function compileWithCache(file, cacheFile) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache (a build without one): compiled as usual.
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) { 'use strict'; ${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { script, cache };
}

/** Runs a compiled bundle's top level (`file` is its path), as CommonJS would; returns its exports. */
function runCompiled(script, file) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return module.exports;
}

module.exports = { compileWithCache, runCompiled };
