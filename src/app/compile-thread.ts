/**
 * Compiling on the second core. Once the model is built, the checks and the compilers do not
 * depend on each other: the checks run in the main thread while a worker thread
 * (src/app/compile-worker.ts) compiles a copy of the model (structured clone: the model is plain
 * data; the files come back as strings), when the model is large enough to pay for a worker's
 * start-up. Only from the build: from src/ (tests, scripts/dev.mjs) a worker would first have to
 * load the TypeScript hooks, so the thread compiles itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import type { OutputFile } from '../compile/output.js';
import { compileWorkerModule } from '../own-files.js';
import { compileOutputs } from './outputs.js';
import { allPanels } from '../model/dashboard.js';
import type { CompileReply } from './compile-worker.js';
import { COMPILE_WORKER_LIMITS, takePrestartedWorker, WORKER_FROM_SIZE } from './compile-prestart.js';

export interface Compiling {
  /** The model's files: from the worker, or compiled here when there is none or it failed. */
  files(): Promise<OutputFile[]>;
  /** Ends the worker when the files are not wanted (the checks found errors). */
  stop(): void;
  /** Whether a worker thread compiles (else this thread does, when files() is called). */
  inWorker: boolean;
}

/** Rules and panels: what compiling a model costs grows with. */
export function compileSize(model: Model): number {
  return model.ruleGroups.reduce((n, g) => n + g.rules.length, 0) + model.dashboards.reduce((n, d) => n + allPanels(d).length, 0);
}

/**
 * Starts compiling the model: in a worker thread when totem-mon runs from its build and the model is
 * large enough to pay for one, else here, on demand. `module` is the worker's entry (tests give the
 * build's from src/). The worker is the one started ahead while the definitions loaded
 * (src/app/compile-prestart.ts), when there is one on this module: it is sent the model too.
 */
export function startCompiling(model: Model, module: URL | undefined = compileWorkerModule(), fromSize = WORKER_FROM_SIZE): Compiling {
  const here = { files: async () => compileOutputs(model), stop: () => {}, inWorker: false };
  const prestarted = takePrestartedWorker(module);
  if (module === undefined || compileSize(model) < fromSize || !existsSync(fileURLToPath(module))) {
    void prestarted?.terminate();
    return here;
  }
  const worker = prestarted ?? new Worker(module, { resourceLimits: COMPILE_WORKER_LIMITS });
  // Never what keeps the process alive: a path that forgets stop() cannot hang it.
  worker.unref();
  const replied = new Promise<CompileReply>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (error) => resolve({ error: error.message }));
    worker.once('exit', (code) => resolve({ error: `the compile worker exited with code ${code}` }));
  });
  worker.postMessage(model);
  const stop = () => void worker.terminate();
  return {
    async files() {
      // Waited for, it keeps the process alive until it answers, whatever its listeners (Node ends
      // a process whose awaits nothing can settle, with exit code 13).
      worker.ref();
      const reply = await replied;
      stop();
      // The worker failed: compiled here then, where a compiler's error shows as it always has.
      return 'files' in reply ? reply.files : compileOutputs(model);
    },
    stop,
    inWorker: true,
  };
}
