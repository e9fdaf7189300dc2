'use strict';
// The compile worker's entry (src/app/compile-thread.ts starts a worker thread on it, or the stub
// of src/app/compile-prestart.ts imports it): runs the bundled compile worker,
// dist/totem-mon-compile-worker.cjs (scripts/bundle.mjs), from the V8 code cache the build made
// beside it (the bytecode of every function compiling a project in the worker compiled), as
// ./run-bundle.js runs the CLI. Without it the worker would parse ~2 MB of JavaScript and compile
// each compiler function on its first call, on every run.
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { compileWithCache, runCompiled } = require('../dist/code-cache.cjs');

const BUNDLE = path.join(__dirname, '../dist/totem-mon-compile-worker.cjs');
const { script, cache } = compileWithCache(BUNDLE, `${BUNDLE}.cache`);

// Set by the build only (scripts/bundle.mjs): the file the worker writes its bytecode to (what it
// compiled, the cache it started from included) once it has compiled, just before it answers (the
// main thread may stop it as soon as the answer has come). Made under the V8 flags a large
// project's worker compiles its bundle under (src/app/compile-prestart.ts): the main thread's
// young generation held (src/app/young-generation.ts), which sets V8's growth factor to 1. A
// worker started under other flags (the main thread's young generation not held, or no worker
// started ahead) compiles its bundle as without a cache.
const out = process.env.TOTEM_MON_WRITE_WORKER_CODE_CACHE;
if (out) {
  const port = require('node:worker_threads').parentPort;
  const post = port.postMessage;
  port.postMessage = (message) => {
    require('node:v8').setFlagsFromString('--min-semi-space-size=0 --semi-space-growth-factor=1');
    writeFileSync(out, script.createCachedData());
    post.call(port, message);
  };
}

const worker = runCompiled(script, BUNDLE);
/** Compiles the model and answers the main thread (src/app/compile-worker.ts). */
exports.answer = worker.answer;
/** Whether V8 took the code cache ('accepted', 'rejected' or 'none'; test/foundation/code-cache.test.ts). */
exports.codeCache = cache;
