import { startLoading } from '../io/load.js';
import { loadTimeoutMs } from '../io/loader/timeout.js';
import { assertOutFolder } from '../io/out-folder.js';

export interface GenerateOptions {
  definitions: string;
  out: string;
  check?: boolean;
  repair?: boolean;
  /** --load-timeout, in seconds (else $TOTEM_MON_LOAD_TIMEOUT, else the default). */
  loadTimeout?: string;
}

/** `totem-mon generate`: the stages, then write (or compare with --check). Returns the exit code. */
export async function generateCommand(options: GenerateOptions): Promise<number> {
  assertOutFolder(options.out, options.definitions);
  // The definitions load in a process of their own while this one imports the stages.
  const loaded = startLoading(options.definitions, { timeoutMs: loadTimeoutMs(options.loadTimeout) });
  // Everything else is imported only now (separate chunks of the bundle: scripts/bundle.mjs).
  const input = { definitions: options.definitions, out: options.out, loaded };
  const report = import('./generate-report.js');
  if (options.check) {
    const { checkGenerated } = await import('../app/check.js');
    const result = await checkGenerated(input);
    const { reportCheck, reportNothingWritten } = await report;
    return result.check && result.model ? reportCheck(options, { ...result, model: result.model }, result.check) : reportNothingWritten(options, result);
  }
  const { generate } = await import('../app/generate.js');
  const result = await generate({ ...input, repair: Boolean(options.repair) });
  const { reportNothingWritten, reportWritten } = await report;
  return result.written && result.model ? reportWritten(options, { ...result, model: result.model }, result.written) : reportNothingWritten(options, result);
}

