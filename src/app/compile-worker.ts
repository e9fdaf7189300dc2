/**
 * The compile worker: a worker thread's entry (src/app/compile-thread.ts starts it). It is sent the
 * model, compiles it (src/app/outputs.ts: pure, model → files) and answers with the files, while
 * the main thread runs the checks on the other core. An error is answered too: the main thread
 * then compiles itself, so that it surfaces exactly as it would have there. Having answered, the
 * thread ends itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import { compileOutputs } from './outputs.js';
import { PRESTARTED } from './compile-prestart.js';

export type CompileReply = { files: ReturnType<typeof compileOutputs> } | { error: string };

/** Compiles the model and answers the main thread, then ends the thread. */
export function answer(model: Model): void {
  let reply: CompileReply;
  try {
    reply = { files: compileOutputs(model) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
  // Ended at once: its heap (the model's copy, what compiling left) is released now, while the main
  // thread is still busy with the checks and would only take the reply (already in its queue,
  // delivered before the thread's 'exit') and stop the worker after them.
  process.exit(0);
}

// Started on this module, it answers the first message; a pre-started thread
// (src/app/compile-prestart.ts) imports it at once, and calls answer itself with the model.
if (!(workerData as Record<string, unknown> | null)?.[PRESTARTED]) parentPort?.once('message', answer);
