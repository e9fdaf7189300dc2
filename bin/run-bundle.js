// Runs the bundled CLI, dist/totem-mon.cjs (scripts/bundle.mjs), from the V8 code cache the build
// made beside it (dist/totem-mon.cjs.cache: the bytecode of every function a run of init, generate
// and validate compiled; dist/code-cache.cjs, src/code-cache.cts; a validate that runs the tools
// takes dist/totem-mon.cjs.validate.cache when the build made it). Without it every run would
// first parse ~5 MB of JavaScript and compile each function it calls, a large part of a small
// project's run.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const BUNDLE = path.join(__dirname, '../dist/totem-mon.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;
/**
 * The cache of `validate` with its tools: the CLI's and what running promtool and amtool compiles
 * (~0.3 MB more, which every other command would deserialize for nothing). Made only by a build
 * that found the tools (scripts/bundle.mjs).
 */
const VALIDATE_CODE_CACHE = `${BUNDLE}.validate.cache`;
/** Set by the build only: the file a run writes its bytecode to when it ends. */
const WRITE_CODE_CACHE = 'TOTEM_MON_WRITE_CODE_CACHE';

const DIST = path.dirname(BUNDLE);
/** The commands whose first step is loading the definitions in a loader process. */
const LOADING_COMMANDS = new Set(['generate', 'validate']);
/** `globalThis[Symbol.for(PREFORKED_LOADER)]` (src/io/loader/protocol.ts). */
const PREFORKED_LOADER = 'totem-mon.loader.preforked';

/**
 * The loader process (src/io/loader/boot.cts: its bundle, from its code cache), started before the
 * bundle compiles: its own start (Node, the API, oxc) then runs beside this one's instead of after it, which
 * on a small project is the longest path of the run. The first load takes it
 * (src/io/loader/spawn.ts adoptPreforked) when it was started exactly as that load would start one
 * (flags, script, argument: `LOADER_NODE_FLAGS` there), and tells it its loads then. Only for the
 * commands that load definitions, and not when Node was given flags (profiling: the loader gets
 * them from totem-mon then). Until taken it cannot keep totem-mon alive; untaken, it is killed when
 * totem-mon exits (and ends by itself when its channel closes).
 */
function preforkLoader(argv) {
  const script = path.join(DIST, 'io/loader/boot.cjs');
  if (!LOADING_COMMANDS.has(argv[2]) || process.execArgv.length > 0 || !existsSync(script)) return undefined;
  const boot = { selfEntry: pathToFileURL(path.join(DIST, 'index.js')).href };
  const child = spawn(process.execPath, ['--experimental-vm-modules', '--experimental-import-meta-resolve', script, JSON.stringify(boot)], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    env: process.env,
  });
  // A failed start is only a process not taken: totem-mon starts its own.
  child.on('error', () => {});
  child.unref();
  child.channel?.unref();
  for (const stream of [child.stdout, child.stderr, child.stdio[3]]) stream?.unref?.();
  const key = Symbol.for(PREFORKED_LOADER);
  globalThis[key] = child;
  process.once('exit', () => {
    if (globalThis[key] === child) child.kill('SIGKILL');
  });
  return child;
}

/** What compiles and runs a bundle from its code cache, the build's (required once the build is known to be there). */
function codeCache() {
  return require(path.join(DIST, 'code-cache.cjs'));
}

/**
 * The cache for the command line `argv`: `validate`'s own for a validate that runs the tools,
 * when the build made one. Told roughly (an `--offline` anywhere), as it may be: any cache runs
 * any command, V8 compiles what one lacks.
 */
function codeCacheFor(argv) {
  return argv[2] === 'validate' && !argv.includes('--offline') && existsSync(VALIDATE_CODE_CACHE) ? VALIDATE_CODE_CACHE : CODE_CACHE;
}

/** The bundle compiled with the code cache; `cache` is 'accepted', 'rejected' or 'none'. */
function compileBundle(cacheFile = CODE_CACHE) {
  return codeCache().compileWithCache(BUNDLE, cacheFile);
}

/** Runs the compiled bundle's top level, as CommonJS would; returns its exports (the CLI's `main`). */
function loadBundle(script) {
  return codeCache().runCompiled(script, BUNDLE);
}

/** Runs the CLI with the command line `argv`; resolves to its exit code. */
async function runBundle(argv) {
  if (!existsSync(BUNDLE)) {
    process.stderr.write(`totem-mon: ${BUNDLE} is missing\n  hint: build it with \`npm run build\` (\`npm ci\` runs it)\n`);
    return 2;
  }
  // No V8 flags (a code cache is accepted only under the flags it was made with): set at run time,
  // a flag reaches only the isolates created after it, not this thread's; the compile worker's
  // young generation is its `resourceLimits` (src/app/compile-thread.ts), which a flag would override.
  preforkLoader(argv);
  const { script } = compileBundle(codeCacheFor(argv));
  const code = await loadBundle(script).main(argv);
  // The build (scripts/bundle.mjs) runs a few commands that each leave what they compiled (the
  // cache they started from included) as the cache.
  const out = process.env[WRITE_CODE_CACHE];
  if (out) writeFileSync(out, script.createCachedData());
  return code;
}

module.exports = { BUNDLE, CODE_CACHE, VALIDATE_CODE_CACHE, WRITE_CODE_CACHE, preforkLoader, codeCacheFor, compileBundle, loadBundle, runBundle };
