/**
 * Issue 16: the compilers run on the second core while the checks run (src/app/compile-thread.ts).
 * The worker compiles a structured-clone copy of the model; what it answers must be exactly what
 * the main thread compiles, and a worker that fails must change nothing but the thread.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromDefinitions } from '../../src/app/stages.js';
import { compileSize, startCompiling } from '../../src/app/compile-thread.js';
import { COMPILE_WORKER_LIMITS, prestartCompileWorker, takePrestartedWorker, WORKER_FROM_SIZE } from '../../src/app/compile-prestart.js';
import { compileOutputs } from '../../src/app/outputs.js';
import type { Model } from '../../src/model/types.js';
import type { OutputFile } from '../../src/compile/output.js';
import { FIXTURES, REPO, snapshotTree, tempDir } from '../helpers/cli.js';
import { BIN, ensureBuilt } from '../helpers/built.js';
import { runCliProcess } from '../helpers/process.js';
import { execa } from 'execa';
// @ts-expect-error: the benchmark's definitions generator is plain JavaScript, without types
import { synthesize } from '../../bench/synth.mjs';

/** The compile worker's entry in the build (src/own-files.ts compileWorkerModule): it runs the worker's bundle from its code cache. */
const BUILT_WORKER = pathToFileURL(path.join(REPO, 'bin/run-compile-worker.cjs'));

/** A fixture through the stages from src/ (where the thread compiles itself): its model and files. */
async function stages(fixture: string): Promise<{ model: Model; files: OutputFile[] }> {
  const result = await fromDefinitions({ definitions: path.resolve(FIXTURES, fixture) });
  expect(result.files, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))).toBeDefined();
  return { model: result.model!, files: result.files! };
}

describe('compiling in a worker thread', () => {
  beforeAll(ensureBuilt, 180_000);

  it.each([['good'], ['e2e'], ['health/basic']])("the build's worker answers %s's model with the main thread's files, byte for byte", async (fixture) => {
    const { model, files } = await stages(fixture);
    expect(files.length).toBeGreaterThan(0);
    const worker = new Worker(BUILT_WORKER);
    try {
      const reply = await new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(model);
      });
      expect(reply).toEqual({ files });
    } finally {
      await worker.terminate();
    }
  });

  it('startCompiling gives the same files through the worker, and compiles here when the worker fails', async () => {
    const { model, files } = await stages('good');
    expect(await startCompiling(model, BUILT_WORKER, 0).files()).toEqual(files);
    const broken = path.join(tempDir(), 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no worker today');\n");
    expect(await startCompiling(model, pathToFileURL(broken), 0).files()).toEqual(files);
    // A worker that answers no files at all: used from the given size on, not below it.
    const empty = path.join(tempDir(), 'empty-worker.mjs');
    writeFileSync(empty, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => parentPort.postMessage({ files: [] }));\n");
    expect(compileSize(model)).toBeLessThan(WORKER_FROM_SIZE);
    expect(await startCompiling(model, pathToFileURL(empty), compileSize(model)).files()).toEqual([]);
    expect(await startCompiling(model, pathToFileURL(empty), compileSize(model) + 1).files()).toEqual(files);
    // From src/ there is no worker: compiled in this thread.
    expect(await startCompiling(model).files()).toEqual(compileOutputs(model));
  });

  it('a worker started ahead (while the definitions load) gives the same files, byte for byte, and fails over as one started then', async () => {
    const { model, files } = await stages('e2e');
    // Taken by startCompiling, which sends it the model.
    const ahead = prestartCompileWorker(BUILT_WORKER);
    expect(ahead).toBeDefined();
    expect(prestartCompileWorker(BUILT_WORKER)).toBe(ahead);
    expect(await startCompiling(model, BUILT_WORKER, 0).files()).toEqual(files);
    expect(takePrestartedWorker()).toBeUndefined();
    // Its stub imports the module it was started on: one that does not load is answered as an
    // error, and the model compiled here.
    const broken = path.join(tempDir(), 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no worker today');\n");
    prestartCompileWorker(pathToFileURL(broken));
    expect(await startCompiling(model, pathToFileURL(broken), 0).files()).toEqual(files);
    expect(takePrestartedWorker()).toBeUndefined();
    // Started on another module than the one compiling: stopped, and a worker started on that one.
    const empty = path.join(tempDir(), 'empty-worker.mjs');
    writeFileSync(empty, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => parentPort.postMessage({ files: [] }));\n");
    const other = prestartCompileWorker(BUILT_WORKER)!;
    const stopped = new Promise((resolve) => other.once('exit', resolve));
    expect(await startCompiling(model, pathToFileURL(empty), 0).files()).toEqual([]);
    await stopped;
    // Not wanted below the worker's size: stopped, and the model compiled here.
    const unwanted = prestartCompileWorker(BUILT_WORKER)!;
    const ended = new Promise((resolve) => unwanted.once('exit', resolve));
    expect(await startCompiling(model, BUILT_WORKER, compileSize(model) + 1).files()).toEqual(files);
    await ended;
    expect(takePrestartedWorker()).toBeUndefined();
  });

  it('a worker started ahead imports the compile worker before the model comes, then answers the model', async () => {
    const { model, files } = await stages('good');
    // The build's compile worker, telling when it is imported.
    const telling = pathToFileURL(path.join(tempDir(), 'telling-worker.mjs'));
    writeFileSync(
      telling,
      `import { createRequire } from 'node:module';\nimport { parentPort } from 'node:worker_threads';\nexport const { answer } = createRequire(import.meta.url)(${JSON.stringify(fileURLToPath(BUILT_WORKER))});\nparentPort.postMessage('imported');\n`,
    );
    const ahead = prestartCompileWorker(telling)!;
    expect(await new Promise((resolve) => ahead.once('message', resolve))).toBe('imported');
    expect(await startCompiling(model, telling, 0).files()).toEqual(files);
  });

  it('a worker started ahead has the V8 limits of one started then, and hands the model to the module it was started on', async () => {
    const { model } = await stages('good');
    // A compile worker that answers its own limits (and the kind of model it was given) as a file.
    const reporting = pathToFileURL(path.join(tempDir(), 'limits-answer.mjs'));
    writeFileSync(
      reporting,
      "import { parentPort, resourceLimits } from 'node:worker_threads';\nexport function answer(model) { parentPort.postMessage({ files: [{ path: 'limits', content: JSON.stringify({ ...resourceLimits, kind: model.ruleGroups ? 'model' : typeof model }) }] }); }\n",
    );
    prestartCompileWorker(reporting);
    const [file] = await startCompiling(model, reporting, 0).files();
    expect(JSON.parse(file!.content)).toMatchObject({ ...COMPILE_WORKER_LIMITS, kind: 'model' });
  });

  it('a worker slower than the checks is waited for, started ahead or not: the process does not end before its answer', async () => {
    // In a process of its own, where nothing else keeps the event loop alive (the worker is
    // unreferenced until its files are asked for). Each answers a file after 300 ms.
    const late = "setTimeout(() => parentPort.postMessage({ files: [{ path: 'late', content: 'yes' }] }), 300)";
    const slow = pathToFileURL(path.join(tempDir(), 'slow-worker.mjs'));
    writeFileSync(slow, `import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => ${late});\n`);
    const slowAhead = pathToFileURL(path.join(tempDir(), 'slow-answer.mjs'));
    writeFileSync(slowAhead, `import { parentPort } from 'node:worker_threads';\nexport function answer() { ${late}; }\n`);
    const dist = (module: string) => JSON.stringify(pathToFileURL(path.join(REPO, 'dist/app', module)).href);
    const script = [
      `import { startCompiling } from ${dist('compile-thread.js')};`,
      `import { prestartCompileWorker } from ${dist('compile-prestart.js')};`,
      'const model = { ruleGroups: [], dashboards: [] };',
      `const direct = await startCompiling(model, new URL(${JSON.stringify(slow.href)}), 0).files();`,
      `prestartCompileWorker(new URL(${JSON.stringify(slowAhead.href)}));`,
      'await new Promise((resolve) => setTimeout(resolve, 100));',
      `const ahead = await startCompiling(model, new URL(${JSON.stringify(slowAhead.href)}), 0).files();`,
      'console.log(JSON.stringify([direct, ahead]));',
    ].join('\n');
    // A file, not `-e`: a worker inherits Node's flags, and `--input-type` is refused for a file.
    const file = path.join(tempDir(), 'wait-for-slow.mjs');
    writeFileSync(file, script);
    const run = await execa(process.execPath, [file], { reject: false, timeout: 30_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    const answered = [{ path: 'late', content: 'yes' }];
    expect(JSON.parse(run.stdout)).toEqual([answered, answered]);
  });

  // Linux: threads counted in /proc/self/task.
  it.runIf(existsSync('/proc/self/task'))("the build's worker ends its thread once it has answered, while this thread is still busy (as with the checks)", async () => {
    const definitions = synthesize(path.join(tempDir(), 'big'), { alerts: 1200, groups: 4, dashboards: 4, panels: 20, metrics: 30, receivers: 3 }) as string;
    const { model, files } = await stages(definitions);
    const threads = () => readdirSync('/proc/self/task').length;
    const before = threads();
    const worker = new Worker(BUILT_WORKER);
    worker.postMessage(model);
    // Busy, never yielding to the event loop (the checks run so), until the worker's thread is gone.
    // In the CLI a worker that did not end itself stayed until the main thread stopped it after the
    // checks (its heap with it); here one may also end on its own: this proves that the thread
    // ends while this one is busy, not that it would not without its process.exit().
    const started = Date.now();
    let ended = false;
    let held: unknown[] = [];
    while (!ended && Date.now() - started < 30_000) {
      // Allocating as the checks do (V8 then keeps its background threads busy with this heap).
      for (let i = 0; i < 20_000; i++) held.push({ i, text: `x${i}` });
      if (held.length > 400_000) held = [];
      ended = threads() <= before;
    }
    const reply = await new Promise<unknown>((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(ended).toBe(true);
    expect(reply).toEqual({ files });
  });

  it('startCompiling starts the worker with its V8 limits (a smaller young generation)', async () => {
    const { model } = await stages('good');
    // A worker that answers its own limits as a file.
    const reporting = path.join(tempDir(), 'limits-worker.mjs');
    writeFileSync(
      reporting,
      "import { parentPort, resourceLimits } from 'node:worker_threads';\nparentPort.once('message', () => parentPort.postMessage({ files: [{ path: 'limits', content: JSON.stringify(resourceLimits) }] }));\n",
    );
    const [file] = await startCompiling(model, pathToFileURL(reporting), 0).files();
    expect(COMPILE_WORKER_LIMITS.maxYoungGenerationSizeMb).toBeGreaterThan(0);
    expect(JSON.parse(file!.content)).toMatchObject(COMPILE_WORKER_LIMITS);
  });

  it('the launcher sets no heap size flag: set at run time one reaches only later isolates, and wins over the worker\'s own limits', () => {
    for (const file of [BIN, path.join(REPO, 'bin/run-bundle.js')]) {
      const text = readFileSync(file, 'utf8');
      // Nor on the command line of the loader it starts ahead: that one holds its young generation
      // itself (src/io/loader/loader-bundle.cts), and Node starts slower with a heap size flag. (The
      // flag V8 reads as it runs, V8_TIERING, is set where the bundles compile: src/code-cache.cts.)
      expect(text).not.toMatch(/setFlagsFromString|NODE_OPTIONS|--(max|min)-[a-z-]+-size/);
    }
  });

  it('the built CLI (compiling in its worker) writes what totem-mon run from src/ (in one thread) writes', async () => {
    // Large enough for the worker: 1,200 alerts and 40 panels (the benchmark's generator).
    const definitions = synthesize(path.join(tempDir(), 'big'), { alerts: 1200, groups: 4, dashboards: 2, panels: 20, metrics: 30, receivers: 3 }) as string;
    const [built, source] = [path.join(tempDir(), 'out'), path.join(tempDir(), 'out')];
    const run = await execa(process.execPath, [BIN, 'generate', '--definitions', definitions, '--out', built], { cwd: REPO, reject: false });
    expect(run.exitCode, run.stderr).toBe(0);
    const fromSource = await runCliProcess(['generate', '--definitions', definitions, '--out', source]);
    expect(fromSource.code, fromSource.stderr).toBe(0);
    expect(Object.keys(snapshotTree(built)).length).toBeGreaterThan(0);
    expect(snapshotTree(built)).toEqual(snapshotTree(source));
  });
});
