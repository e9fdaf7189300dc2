/**
 * The compile worker's thread, started while the definitions still load when they tell many PromQL
 * texts (a large project: src/io/early-expressions.ts counts them), rather than once the model
 * exists. It starts as a stub that imports the compile worker (bin/run-compile-worker.cjs, which
 * runs src/app/compile-worker.ts's bundle from its code cache) as soon as it runs, and hands it the
 * model when it comes. Started then, it is the last isolate the run creates (each new one resets
 * V8's growth factor), so that once it runs this thread's young generation can be kept at 2 × 8 MiB
 * (src/app/young-generation.ts) through the checks, when the whole run's memory peaks; and its own
 * young generation starts at its maximum (2 × 8 MiB, COMPILE_WORKER_LIMITS), where the held growth
 * factor would otherwise keep it at V8's first size. Nothing here loads the compilers: this module
 * is imported when a load starts.
 *
 * V8 takes a code cache only under the V8 flags it was made with (every flag not at its default
 * counts, those set at run time too): the stub imports the compile worker once this thread has set
 * its flags (the semi-space size back, the growth factor held), under which the build makes the
 * worker's cache (bin/run-compile-worker.cjs).
 */
import v8 from 'node:v8';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { compileWorkerModule } from '../own-files.js';
import { capYoungGeneration } from './young-generation.js';

/**
 * Below this many rules and panels compiling costs less than a worker's start-up (a V8 isolate
 * and the compilers' code, ~0.2 s of CPU; Totem's 42 rules and 40-odd panels compile in less), so
 * the main thread compiles after the checks (measured: `npm run bench`, README Benchmarks).
 */
export const WORKER_FROM_SIZE = 1000;

/**
 * The worker's V8 limits. V8 keeps a young generation's semi-spaces resident once used, beside the
 * model's copy and the files: 24 MiB is two semi-spaces of 8 MiB (the default is two of 16; the
 * `--max-semi-space-size=32` bin/ used to set reached only this worker, two of 32). Compiling the
 * large benchmark takes the worker the same CPU time with either (its objects die young).
 */
export const COMPILE_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24 };

/** workerData of a pre-started worker: the compile worker it imports then leaves the message to it (compile-worker.ts). */
export const PRESTARTED = 'totem-mon.compile-worker.prestarted';

/** What a pre-started worker is told once this thread has set V8's flags: import the compile worker now. */
export const IMPORT_NOW = 'totem-mon.compile-worker.import';

// The stub: imports the compile worker when told to (or when the model comes first) and hands it the
// model; an import that fails is answered as an error when the model comes (the main thread then
// compiles, as when a worker fails).
const STUB = `const { parentPort, workerData } = require('node:worker_threads');
let loading;
const load = () => (loading ??= import(workerData.module));
parentPort.on('message', (message) => {
  if (message === ${JSON.stringify(IMPORT_NOW)}) return void load().catch(() => {});
  load().then(
    (worker) => worker.answer(message),
    (error) => { parentPort.postMessage({ error: String(error && error.message || error) }); process.exit(0); },
  );
});`;

let prestarted: { worker: Worker; module: string } | undefined;

/**
 * Starts the compile worker's thread ahead on `module` (once until one is taken; not from src/,
 * where there is no worker) and returns it. Unreferenced: one nobody takes (a project below the
 * worker's size, a load that failed) cannot keep totem-mon alive.
 */
export function prestartCompileWorker(module: URL | undefined = compileWorkerModule()): Worker | undefined {
  if (module === undefined || prestarted !== undefined) return prestarted?.worker;
  // Its semi-spaces' size under COMPILE_WORKER_LIMITS (a young generation is three: two semi-spaces
  // and as much for large objects), from the start. Read when its isolate configures its heap, on
  // its thread: set back once it runs.
  v8.setFlagsFromString('--min-semi-space-size=8');
  const worker = new Worker(STUB, { eval: true, workerData: { [PRESTARTED]: true, module: module.href }, resourceLimits: COMPILE_WORKER_LIMITS });
  worker.unref();
  const started = () => v8.setFlagsFromString('--min-semi-space-size=0');
  worker.once('online', () => {
    started();
    capYoungGeneration();
    worker.postMessage(IMPORT_NOW);
  });
  worker.once('error', started);
  // A stub that ended (it never should before its answer) is not handed out.
  worker.once('exit', () => {
    if (prestarted?.worker === worker) prestarted = undefined;
  });
  prestarted = { worker, module: module.href };
  return worker;
}

/**
 * The pre-started worker, for the one compile that takes it (it is then no longer here), when it
 * was started on `module`; undefined when none was started. One started on another module (or
 * when there is none) is stopped.
 */
export function takePrestartedWorker(module?: URL): Worker | undefined {
  const taken = prestarted;
  prestarted = undefined;
  if (taken === undefined || taken.module === module?.href) return taken?.worker;
  void taken.worker.terminate();
  return undefined;
}
