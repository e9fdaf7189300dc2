/**
 * The compile worker: a worker thread's entry (src/app/compile-thread.ts starts it). It is sent the
 * model and, on a large model, a shard of the expressions to check (src/app/check-shards.ts): it
 * answers that shard's findings first (the main thread waits for them to finish its checks), then
 * compiles (src/app/outputs.ts: pure, model → files) and answers with the files. An error is
 * answered too: the main thread then checks or compiles itself, so that it surfaces exactly as it
 * would have there.
 */
import { parentPort } from 'node:worker_threads';
import type { Model } from '../model/types.js';
import { compileOutputs } from './outputs.js';
import { checkShard, type ShardFindings, type ShardRequest } from './check-shards.js';

export interface CompileRequest {
  model: Model;
  shard?: ShardRequest;
}

export type ShardReply = { findings: ShardFindings } | { findingsError: string };
export type CompileReply = { files: ReturnType<typeof compileOutputs> } | { error: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

parentPort?.once('message', ({ model, shard }: CompileRequest) => {
  if (shard) {
    let found: ShardReply;
    try {
      found = { findings: checkShard(model, shard) };
    } catch (error) {
      found = { findingsError: message(error) };
    }
    parentPort!.postMessage(found);
  }
  let reply: CompileReply;
  try {
    reply = { files: compileOutputs(model) };
  } catch (error) {
    reply = { error: message(error) };
  }
  parentPort!.postMessage(reply);
});
