// The installed CLI runs from the V8 code cache the build leaves beside the bundle
// (bin/run-bundle.js, scripts/bundle.mjs), and so does the compile worker (bin/run-compile-worker.cjs).
// A cache must be one V8 takes (else every run quietly compiles the whole bundle again), and a cache
// V8 refuses, or none, must only cost time.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';
import { isCI } from '../../src/ci.js';

const own = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

/** In a fresh Node, as bin/totem-mon.js does: the bundle compiled with `cacheFile`, then `totem-mon --version`. */
async function compileAndRun(cacheFile?: string): Promise<{ cache: string; version: string }> {
  const script = [
    `import { compileBundle, loadBundle } from ${JSON.stringify(path.join(REPO, 'bin/run-bundle.js'))};`,
    `const { script, cache } = compileBundle(${cacheFile === undefined ? '' : JSON.stringify(cacheFile)});`,
    "process.stderr.write(cache + '\\n');",
    "process.exitCode = await loadBundle(script).main(['node', 'totem-mon', '--version']);",
  ].join('\n');
  const run = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false, timeout: 60_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  return { cache: run.stderr.trim(), version: run.stdout.trim() };
}

describe('the code cache of the bundled CLI', () => {
  beforeAll(ensureBuilt, 180_000);

  it('the build leaves one that V8 accepts in a Node that sets no flags, as the launcher', async () => {
    expect(await compileAndRun()).toEqual({ cache: 'accepted', version: own.version });
  });

  it("validate with its tools starts from a cache of its own, which the build makes where promtool and amtool are installed; every other command from the CLI's", async () => {
    const launcher = createRequire(import.meta.url)(path.join(REPO, 'bin/run-bundle.js')) as {
      CODE_CACHE: string;
      VALIDATE_CODE_CACHE: string;
      codeCacheFor: (argv: string[]) => string;
    };
    const { CODE_CACHE, VALIDATE_CODE_CACHE, codeCacheFor } = launcher;
    if (!existsSync(VALIDATE_CODE_CACHE)) {
      // A build without the tools (installed after it) has none, and validate takes the CLI's.
      expect(isCI(process.env), 'CI installs promtool and amtool before it builds (.ci/run)').toBe(false);
      expect(codeCacheFor(['node', 'totem-mon', 'validate'])).toBe(CODE_CACHE);
      return;
    }
    const command = (...args: string[]) => codeCacheFor(['node', 'totem-mon', ...args]);
    expect(command('validate')).toBe(VALIDATE_CODE_CACHE);
    expect(command('validate', '--definitions', 'defs', '--format', 'json')).toBe(VALIDATE_CODE_CACHE);
    for (const other of [['validate', '--offline'], ['validate', '--definitions', 'defs', '--offline'], ['generate'], ['generate', '--check'], ['init', 'x'], ['explain', 'promql/unknown-metric'], []]) {
      expect(command(...other), other.join(' ')).toBe(CODE_CACHE);
    }
    // V8 takes it, and it holds more than the CLI's (what running the tools compiled: execa, the tool runs, their output read).
    expect(await compileAndRun(VALIDATE_CODE_CACHE)).toEqual({ cache: 'accepted', version: own.version });
    expect(statSync(VALIDATE_CODE_CACHE).size).toBeGreaterThan(statSync(CODE_CACHE).size + 100_000);
  });

  it('a cache V8 refuses, or none at all, still runs the CLI', async () => {
    const dir = tempDir();
    const corrupt = path.join(dir, 'corrupt.cache');
    writeFileSync(corrupt, Buffer.alloc(4096, 7));
    expect(await compileAndRun(corrupt)).toEqual({ cache: 'rejected', version: own.version });
    expect(await compileAndRun(path.join(dir, 'missing.cache'))).toEqual({ cache: 'none', version: own.version });
  });
});

const LAUNCHER = path.join(REPO, 'bin/run-compile-worker.cjs');

/** In a fresh Node, the code cache a compile worker started on `launcher` compiled its bundle with (when started as the model is built). */
async function workerCache(launcher: string): Promise<{ cache: string; answers: string }> {
  const script = [
    "import { Worker } from 'node:worker_threads';",
    `const worker = new Worker(${JSON.stringify(`const w = require(${JSON.stringify(launcher)}); require('node:worker_threads').parentPort.postMessage({ cache: w.codeCache, answers: typeof w.answer }); process.exit(0);`)}, { eval: true });`,
    "worker.once('message', (m) => console.log(JSON.stringify(m)));",
  ].join('\n');
  const run = await execa(process.execPath, [scriptFile(script)], { reject: false, timeout: 60_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { cache: string; answers: string };
}

/** An ES module script as a file (not `-e`: a worker inherits Node's flags, `--input-type` with them, which makes its eval'd code an ES module). */
function scriptFile(script: string): string {
  const file = path.join(tempDir(), 'script.mjs');
  writeFileSync(file, script);
  return file;
}

describe("the compile worker's code cache", () => {
  beforeAll(ensureBuilt, 180_000);

  it("V8 accepts it in a worker started ahead as totem-mon starts a large project's, its main thread's young generation then held (src/app/compile-prestart.ts)", async () => {
    // A module the stub imports in place of the launcher: the launcher's, telling its cache.
    const probe = path.join(tempDir(), 'probe.mjs');
    writeFileSync(
      probe,
      `import { createRequire } from 'node:module';\nimport { parentPort } from 'node:worker_threads';\nconst worker = createRequire(import.meta.url)(${JSON.stringify(LAUNCHER)});\nparentPort.postMessage({ cache: worker.codeCache });\nexport const answer = worker.answer;\n`,
    );
    const dist = (module: string) => JSON.stringify(pathToFileURL(path.join(REPO, 'dist/app', module)).href);
    const script = [
      `import { prestartCompileWorker } from ${dist('compile-prestart.js')};`,
      `import { youngGenerationSize, YOUNG_GENERATION_CAP } from ${dist('young-generation.js')};`,
      // Objects that survive a few scavenges each, until the young generation is as large as a
      // large project's main thread has it when its definitions have told 1,000 texts.
      'let held = [];',
      'while (youngGenerationSize() < YOUNG_GENERATION_CAP) for (let i = 0; i < 10_000; i++) { held.push({ i }); if (held.length >= 1e6) held = []; }',
      `const worker = prestartCompileWorker(new URL(${JSON.stringify(pathToFileURL(probe).href)}));`,
      'worker.ref();',
      "worker.once('message', (m) => { console.log(m.cache); process.exit(0); });",
    ].join('\n');
    const run = await execa(process.execPath, [scriptFile(script)], { reject: false, timeout: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('accepted');
  });

  it('a cache V8 refuses, or none at all, still runs the worker', async () => {
    // The launcher and the worker's bundle, copied with a broken cache, then with none.
    const dir = tempDir();
    mkdirSync(path.join(dir, 'bin'));
    mkdirSync(path.join(dir, 'dist'));
    for (const file of ['bin/run-compile-worker.cjs', 'dist/code-cache.cjs', 'dist/totem-mon-compile-worker.cjs']) copyFileSync(path.join(REPO, file), path.join(dir, file));
    const cache = path.join(dir, 'dist/totem-mon-compile-worker.cjs.cache');
    writeFileSync(cache, Buffer.alloc(4096, 7));
    expect(await workerCache(path.join(dir, 'bin/run-compile-worker.cjs'))).toEqual({ cache: 'rejected', answers: 'function' });
    rmSync(cache);
    expect(await workerCache(path.join(dir, 'bin/run-compile-worker.cjs'))).toEqual({ cache: 'none', answers: 'function' });
  });
});

// How soon V8 optimises a function (src/code-cache.cts V8_TIERING) is set where totem-mon's bundles
// are compiled, before they compile: the CLI's (the launcher) and the compile worker's (its thread);
// the loader's keeps V8's default. Each in a fresh Node, V8's flag setter and vm.Script watched.
describe('the V8 flags each bundle compiles under', () => {
  beforeAll(ensureBuilt, 180_000);

  const WATCH = [
    "const v8 = require('node:v8'); const vm = require('node:vm');",
    'const seen = []; const set = v8.setFlagsFromString;',
    'v8.setFlagsFromString = (flags) => { seen.push(flags); return set(flags); };',
    'const Script = vm.Script;',
    "vm.Script = function (source, options) { if (/totem-mon[\\w-]*\\.cjs$/.test(options?.filename ?? '')) seen.push('compile ' + require('node:path').basename(options.filename)); return new Script(source, options); };",
    "process.on('exit', () => process.stderr.write(JSON.stringify(seen) + '\\n'));",
  ].join('\n');

  async function flagsAndCompiles(compile: string): Promise<string[]> {
    const watch = path.join(tempDir(), 'watch.cjs');
    writeFileSync(watch, WATCH);
    const run = await execa(process.execPath, ['--require', watch, '-e', compile], { reject: false, timeout: 60_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    return JSON.parse(run.stderr.trim().split('\n').pop()!) as string[];
  }
  const tiering = async () => ((await import(pathToFileURL(path.join(REPO, 'dist/code-cache.cjs')).href)) as { V8_TIERING: string }).V8_TIERING;

  it.each([
    ['the CLI', `require(${JSON.stringify(path.join(REPO, 'bin/run-bundle.js'))}).compileBundle();`, 'compile totem-mon.cjs'],
    ["the compile worker's", `require(${JSON.stringify(LAUNCHER)});`, 'compile totem-mon-compile-worker.cjs'],
  ])('%s bundle, with V8_TIERING set first', async (_, compile, compiled) => {
    const V8_TIERING = await tiering();
    const seen = await flagsAndCompiles(compile);
    expect(seen).toContain(compiled);
    expect(seen.indexOf(V8_TIERING)).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf(V8_TIERING)).toBeLessThan(seen.indexOf(compiled));
  });

  it("the loader's bundle, with its young generation held first and V8's default tiering (its builders are a large load's hot code)", async () => {
    const { LOADER_YOUNG_GENERATION } = (await import(pathToFileURL(path.join(REPO, 'dist/io/loader/loader-bundle.cjs')).href)) as { LOADER_YOUNG_GENERATION: string };
    const seen = await flagsAndCompiles(
      `require(${JSON.stringify(path.join(REPO, 'dist/io/loader/loader-bundle.cjs'))}).compileLoaderBundle(${JSON.stringify(path.join(REPO, 'dist/totem-mon-loader.cjs'))});`,
    );
    expect(seen).toEqual([LOADER_YOUNG_GENERATION, 'compile totem-mon-loader.cjs']);
    expect(seen).not.toContain(await tiering());
  });
});
