#!/usr/bin/env node
// The CLI as one file: dist/totem-mon.cjs, bundled by esbuild from tsc's dist/ (part of `npm run
// build`), and its V8 code cache dist/totem-mon.cjs.cache (bin/run-bundle.js). Loading some 250
// small modules (ours, yaml's and commander's CommonJS, zod, lezer, the Grafana SDK) took most of a
// small project's generate; one file compiles from the cache at once, and its modules still run
// lazily (a dynamic import of a bundled module becomes a call that runs the module when reached).
// CommonJS because Node 20 takes a code cache only for scripts (vm.Script), not for ES modules. It
// sits directly in dist/, where src/own-files.ts expects it. The compile worker is a CommonJS
// bundle of its own (dist/totem-mon-compile-worker.cjs) with a code cache of its own; the loader
// process, its hooks and the API the definitions import stay tsc's separate modules; the native
// parsers stay in node_modules.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthesize } from '../bench/synth.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The dist/ folder to bundle in (default the repository's; the package test builds into a copy,
// with bin/ beside it).
const dist = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist');

// What earlier builds left: chunks (their names carry a hash of their content), bundles, the cache.
for (const name of readdirSync(dist)) if (/^totem-mon(-.+)?\.(c?js|cjs\.cache)$/.test(name)) rmSync(path.join(dist, name));

/**
 * tslib as its CommonJS build, run once. The Grafana SDK's CommonJS files each `require('tslib')`
 * (~315 of them in a bundle); esbuild takes tslib's ES module build for the `module` condition
 * of its exports and turns every such require into a fresh copy of its ~40 exports
 * (`__toCommonJS`), ~12,000 property definitions each time the CLI or the compile worker starts.
 * The two builds export the same helpers. Resolved as Node resolves that require, from the file
 * that makes it (whichever tslib it would get).
 */
const tslibCommonJs = {
  name: 'tslib-commonjs',
  setup(b) {
    b.onResolve({ filter: /^tslib$/ }, (args) => ({ path: createRequire(path.join(args.resolveDir, 'index.js')).resolve('tslib') }));
  },
};

/**
 * zod's locales as English alone. zod's classic and core entries each re-export every locale
 * (`export * as locales`): 64 modules, ~550 KB of the CLI's bundle (a ninth of it), each run at
 * every start. totem-mon sets no locale: zod's messages are its default English, which the classic
 * entry configures from locales/en.js itself. The stand-in exports `en` alone, under its name.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)
        ? { path: 'zod/v4/locales/index.js', namespace: 'zod-english', pluginData: { dir: path.join(args.resolveDir, '../locales') } }
        : undefined,
    );
    // A name without the build's folder (the bundle names its modules); en.js resolved from zod's own folder.
    b.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({ contents: "export { default as en } from './en.js';", resolveDir: args.pluginData.dir, loader: 'js' }));
  },
};

const common = {
  outdir: dist,
  // Dependencies come from the repository's node_modules, wherever dist/ is.
  nodePaths: [path.join(root, 'node_modules')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['oxc-parser', 'oxc-transform'],
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [tslibCommonJs, zodEnglishOnly],
};

/**
 * The three bundles are CommonJS (Node 20 takes a code cache only for scripts). Every module's
 * import.meta.url is its bundle's, as in an ES module bundle: src/own-files.ts makes the paths to
 * other own files from it.
 */
const commonJs = {
  format: 'cjs',
  define: { 'import.meta.url': '__totemMonUrl' },
  banner: { js: "const __totemMonUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  ...commonJs,
  entryPoints: { 'totem-mon': path.join(dist, 'cli/main.js') },
  outExtension: { '.js': '.cjs' },
});

await build({
  ...common,
  // The compile worker (src/app/compile-thread.ts), CommonJS as the CLI for a code cache of its own:
  // bin/run-compile-worker.cjs, the worker's entry, runs it from that.
  ...commonJs,
  entryPoints: { 'totem-mon-compile-worker': path.join(dist, 'app/compile-worker.js') },
  outExtension: { '.js': '.cjs' },
});

// The loader process's own modules and the API, one CommonJS bundle run from a code cache like the
// CLI's (src/io/loader/loader-bundle.cts; its entry, dist/io/loader/boot.cjs, stays tsc's). The API's
// `synth()`/`lint()` import the use cases (src/app/synth.ts) only when called: they stay dist/'s
// own modules, imported through the entry's import() (loader-bundle.cts ENTRY_IMPORT: code run from
// a code cache cannot import() on Node 20) by a stand-in bundled in place of app/synth.js.
const useCasesStandIn = `const useCases = () => globalThis[Symbol.for('totem-mon.loader.import')](new URL('./app/synth.js', __totemMonUrl).href);
async function synthInDist(project, options) { return (await useCases()).synth(project, options); }
async function lintInDist(project, options) { return (await useCases()).lint(project, options); }
export { synthInDist as synth, lintInDist as lint };
`;
await build({
  ...common,
  stdin: {
    contents: "export * as api from './index.js';\nexport { runLoaderProcess } from './io/loader/loader-process.js';\n",
    resolveDir: dist,
    sourcefile: 'totem-mon-loader-entry.js',
  },
  outfile: path.join(dist, 'totem-mon-loader.cjs'),
  outdir: undefined,
  ...commonJs,
  plugins: [
    ...common.plugins,
    {
      name: 'use-cases-outside',
      setup(b) {
        b.onResolve({ filter: /^\.\/app\/synth\.js$/ }, () => ({ path: 'app/synth.js', namespace: 'use-cases' }));
        b.onLoad({ filter: /.*/, namespace: 'use-cases' }, () => ({ contents: useCasesStandIn, loader: 'js' }));
      },
    },
  ],
});

/**
 * Every character beyond ASCII escaped as \uXXXX (esbuild escapes those of strings, not those of
 * comments and regular expressions). Two costs of each run: V8 keeps a script's source in memory as
 * long as it runs, one byte per character when all are Latin-1 and two otherwise (a few dashes and
 * arrows made the CLI's bundle ~5 MB more for every run, the worker's ~2 MB); and Node reads the
 * CLI's ~5 MB as UTF-8 faster when it is ASCII alone (~9 ms against ~13 ms with the twenty Latin-1
 * bytes a comment and two regular expressions held: the CLI's start is the longest path of a small
 * project's run). The same program: the escape means the same character in a string, a template,
 * a regular expression or a comment, never after a backslash (refused below, where it would not).
 */
function asciiOnly(text) {
  return text.replace(/[^\u0000-\u007f]/g, (char, at) => {
    if (text[at - 1] === '\\') throw new Error(`a character beyond ASCII after a backslash at ${at}: escape it by hand`);
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
for (const name of ['totem-mon.cjs', 'totem-mon-compile-worker.cjs', 'totem-mon-loader.cjs']) {
  const file = path.join(dist, name);
  const text = readFileSync(file, 'utf8');
  const escaped = asciiOnly(text);
  if (escaped !== text) writeFileSync(file, escaped);
}

// The code caches: a new project (the scaffold, as `init` writes it) through init, generate and
// validate --offline, each run starting from the cache the one before left and leaving it with
// what it compiled besides; then, where promtool and amtool are installed, the same project
// through a full validate, which leaves the cache `validate` with its tools starts from (that
// cache and what running the tools compiles: execa, the tool runs, reading their output); then, for
// the compile worker's, a project large enough for the worker (the benchmark's generator: 1,200
// alerts, 80 panels) through generate, leaving only the worker's (bin/run-compile-worker.cjs). The
// launcher beside this dist/ (bin/ of the repository or of the copy).
const launcher = path.join(dist, '../bin/totem-mon.js');
const cache = path.join(dist, 'totem-mon.cjs.cache');
// Never one of an earlier build: a cache is checked against its script's length only.
const validateCache = path.join(dist, 'totem-mon.cjs.validate.cache');
rmSync(validateCache, { force: true });
// The loader's (src/io/loader/boot.cts): made by the loader processes of the same runs, under the
// loader's own flags, each written just before its last reply.
const loaderCache = path.join(dist, 'totem-mon-loader.cjs.cache');
const workerCache = path.join(dist, 'totem-mon-compile-worker.cjs.cache');
const work = mkdtempSync(path.join(os.tmpdir(), 'totem-mon-code-cache-'));
// A copy without dependencies of its own (the package test's staging folder) borrows the
// repository's for these runs: the loader process imports the native TypeScript transform.
const borrowed = path.join(dist, '../node_modules');
const borrow = !existsSync(borrowed);
if (borrow) symlinkSync(path.join(root, 'node_modules'), borrowed, 'dir');
try {
  const run = (args, cwd, caches = { TOTEM_MON_WRITE_CODE_CACHE: cache, TOTEM_MON_WRITE_LOADER_CODE_CACHE: loaderCache }) =>
    execFileSync(process.execPath, [launcher, ...args], { cwd, stdio: 'ignore', timeout: 120_000, env: { ...process.env, ...caches, NO_COLOR: '1' } });
  run(['init', 'project'], work);
  const project = path.join(work, 'project');
  run(['generate'], project);
  run(['validate', '--offline'], project);
  // No tool version remembered in the builder's cache folder (TOTEM_MON_CACHE_DIR=off). Exit code 2:
  // a tool is missing, and what the run compiled is no more than the CLI's cache (removed).
  try {
    run(['validate'], project, { TOTEM_MON_WRITE_CODE_CACHE: validateCache, TOTEM_MON_CACHE_DIR: 'off' });
  } catch (error) {
    if (error.status !== 1) rmSync(validateCache, { force: true });
  }
  const large = synthesize(path.join(work, 'large'), { alerts: 1200, groups: 4, dashboards: 4, panels: 20, metrics: 30, receivers: 3 });
  run(['generate', '--definitions', large, '--out', path.join(work, 'large-out')], work, { TOTEM_MON_WRITE_WORKER_CODE_CACHE: workerCache });
  if (!existsSync(workerCache)) throw new Error('the compile worker left no code cache: did the run compile in it?');
} finally {
  rmSync(work, { recursive: true, force: true });
  if (borrow) rmSync(borrowed);
}
