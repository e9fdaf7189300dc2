import { loadTimeoutMs } from '../io/loader/timeout.js';
import { assertOutFolder } from '../io/out-folder.js';
import { UsageError } from '../diagnostic.js';
import { folderSettings, rerun, resolveAndLoad, withSourcesOutsideOut, type RunSettings } from '../app/config.js';
import { importing } from './importing.js';

export interface GenerateOptions {
  /** --definitions, --out, --config: each wins over totem-mon.config.ts (src/app/config.ts). */
  definitions?: string;
  out?: string;
  config?: string;
  check?: boolean;
  repair?: boolean;
  /** With --check: names and counts only, no diff. */
  stat?: boolean;
  /** With --check: text (default), json or github. */
  format?: string;
  /** --load-timeout, in seconds (else $TOTEM_MON_LOAD_TIMEOUT, else the default). */
  loadTimeout?: string;
}

/** The options with the folders resolved (flags, config, defaults) and where each came from. */
export type ResolvedGenerateOptions = GenerateOptions & { definitions: string; out: string; run: RunSettings };

export const CHECK_FORMATS = ['text', 'json', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

function checkFormat(options: GenerateOptions): CheckFormat {
  const format = options.format ?? 'text';
  if (!(CHECK_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}"`, 2, `use one of: ${CHECK_FORMATS.join(', ')}`);
  if (!options.check && (format !== 'text' || options.stat)) {
    const flag = options.stat ? '--stat' : '--format';
    throw new UsageError(`${flag} only applies to \`generate --check\``, 2, `add --check, or leave out ${flag}`);
  }
  return format as CheckFormat;
}

/** `totem-mon generate`: the stages, then write (or compare with --check). Returns the exit code. */
export async function generateCommand(flags: GenerateOptions): Promise<number> {
  const format = checkFormat(flags);
  const timeoutMs = loadTimeoutMs(flags.loadTimeout);
  // The config and the definitions load in a process of their own while this one imports the
  // stages and the report (modules of the bundle that run when imported: scripts/bundle.mjs),
  // whose setting up (zod's schemas, the parsers' tables) would otherwise wait for the reply.
  const resolving = resolveAndLoad(flags, { loadTimeoutMs: timeoutMs });
  const report = importing(import('./generate-report.js'));
  importing<unknown>(flags.check ? import('../app/check.js') : import('../app/generate.js'));
  const { run, loaded, cancel } = await resolving;
  const options: ResolvedGenerateOptions = { ...flags, definitions: run.definitions, out: run.out, run };
  try {
    // --check too: it writes nothing, but CI learns there that generate would refuse these folders.
    assertOutFolder(folderSettings(run));
  } catch (error) {
    cancel();
    throw error;
  }
  // The files the definitions import from elsewhere are known once they loaded: out/ may hold none.
  const input = { definitions: options.definitions, out: options.out, loaded: withSourcesOutsideOut(run, loaded), settings: run.settings };
  (await report).printDiagnostics(run.warnings);
  if (options.check) {
    const { checkGenerated } = await import('../app/check.js');
    const result = await checkGenerated(input);
    const { reportCheck, reportNothingCompared, reportNothingWritten } = await report;
    if (result.check && result.model) return reportCheck(options, format, { ...result, model: result.model }, result.check);
    return format === 'text' ? reportNothingWritten(options, result) : reportNothingCompared(options, format, result);
  }
  const { generate } = await import('../app/generate.js');
  const result = await generate({ ...input, repair: Boolean(options.repair), repairCommand: rerun('generate --repair', run) });
  const { reportNothingWritten, reportWritten } = await report;
  return result.written && result.model ? reportWritten(options, { ...result, model: result.model }, result.written) : reportNothingWritten(options, result);
}
