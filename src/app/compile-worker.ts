/**
 * The compile worker: a worker thread's entry (src/app/compile-thread.ts starts it). It is sent the
 * model, compiles it (src/app/outputs.ts: pure, model → files) and answers with the files, while
 * the main thread runs the checks on the other core. An error is answered too: the main thread
 * then compiles itself, so that it surfaces exactly as it would have there.
 */
import { parentPort } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import { compileOutputs } from './outputs.js';

export type CompileReply = { files: ReturnType<typeof compileOutputs> } | { error: string };

parentPort?.once('message', (model: Model) => {
  let reply: CompileReply;
  try {
    reply = { files: compileOutputs(model) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
