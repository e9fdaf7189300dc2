import path from 'node:path';
import { startLoading } from '../io/load.js';
import { loadTimeoutMs } from '../io/loader/timeout.js';
import { checkIsClean } from '../io/check-output.js';
import { assertOutFolder } from '../io/out-folder.js';
import { renderText, useColor } from '../report/text.js';
import { describeDiagnostics, describeModel } from '../report/summary.js';
import type { Diagnostic } from '../diagnostic.js';
import type { CheckResult } from '../io/check-output.js';
import type { WriteResult } from '../io/write.js';
import type { Model } from '../model/types.js';
import type { StagesResult } from '../app/stages.js';

export interface GenerateOptions {
  definitions: string;
  out: string;
  check?: boolean;
  repair?: boolean;
  /** --load-timeout, in seconds (else $TOTEM_MON_LOAD_TIMEOUT, else the default). */
  loadTimeout?: string;
}

function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length > 0) process.stderr.write(`${renderText(diagnostics, { color: useColor(process.stderr) })}\n`);
}

/** `totem-mon generate`: the stages, then write (or compare with --check). Returns the exit code. */
export async function generateCommand(options: GenerateOptions): Promise<number> {
  assertOutFolder(options.out, options.definitions);
  // The definitions load in a process of their own while this one imports the stages.
  const loaded = startLoading(options.definitions, { timeoutMs: loadTimeoutMs(options.loadTimeout) });
  const input = { definitions: options.definitions, out: options.out, loaded };
  if (options.check) {
    const { checkGenerated } = await import('../app/check.js');
    const result = await checkGenerated(input);
    return result.check && result.model ? reportCheck(options, { ...result, model: result.model }, result.check) : reportNothingWritten(options, result);
  }
  const { generate } = await import('../app/generate.js');
  const result = await generate({ ...input, repair: Boolean(options.repair) });
  return result.written && result.model ? reportWritten(options, { ...result, model: result.model }, result.written) : reportNothingWritten(options, result);
}

function reportNothingWritten(options: GenerateOptions, result: StagesResult): number {
  printDiagnostics(result.diagnostics);
  process.stderr.write(`generate: nothing written: ${describeDiagnostics(result.diagnostics, result.silenced.length)} in ${options.definitions}\n`);
  return 1;
}

function reportCheck(options: GenerateOptions, result: StagesResult & { model: Model }, check: CheckResult): number {
  const out = options.out;
  printDiagnostics(result.diagnostics);
  if (check.running) process.stderr.write(`generate --check: note: a generate (${check.running}) is writing ${out}/ right now\n`);
  if (checkIsClean(check)) {
    process.stdout.write(`generate --check: ${out}/ is up to date (${result.files?.length ?? 0} files; ${describeModel(result.model, result.context)})\n`);
    return 0;
  }
  const lines = [
    ...(check.damaged ? [`  damaged: ${path.join(out, '.totem-mon-manifest.json')} ${check.damaged} (run \`totem-mon generate --repair\`)`] : []),
    ...check.unsafe.map((u) => `  ${u} (refused: never followed)`),
    ...check.differ.map((f) => `  differs: ${path.join(out, f)}`),
    ...check.missing.map((f) => `  missing: ${path.join(out, f)}`),
    ...check.extra.map((f) => `  extra:   ${path.join(out, f)} (generated earlier, no longer generated)`),
  ];
  process.stderr.write(
    `generate --check: ${out}/ is out of date with ${options.definitions}/:\n${lines.join('\n')}\n` +
      `run \`totem-mon generate\` and commit the result\n`,
  );
  return 1;
}

function reportWritten(options: GenerateOptions, result: StagesResult & { model: Model }, written: WriteResult): number {
  const out = options.out;
  const diagnostics = [...result.diagnostics, ...written.conflicts];
  printDiagnostics(diagnostics);
  for (const note of written.notes) process.stderr.write(`generate: note: ${note}\n`);
  if (written.failed) {
    process.stderr.write(
      `generate: stopped: writing ${out}/ failed (${written.written.length} written, ${written.removed.length} removed so far); ` +
        `the next generate finishes or undoes it by itself once the cause is fixed\n`,
    );
    return 1;
  }
  if (written.conflicts.length > 0) {
    const ids = new Set(written.conflicts.map((d) => d.id));
    const why = ids.has('output/locked')
      ? `${out}/ is locked by another generate`
      : ids.has('output/manifest-damaged')
        ? `the manifest of ${out}/ is damaged`
        : `${written.conflicts.length} file(s) in ${out}/ are in the way`;
    process.stderr.write(`generate: nothing written: ${why}\n`);
    return 1;
  }
  process.stdout.write(
    `generate: ${result.files?.length ?? 0} files in ${out}/ (${written.written.length} written, ${written.unchanged.length} unchanged, ` +
      `${written.removed.length} removed) · ${describeModel(result.model, result.context)} · ${describeDiagnostics(diagnostics, result.silenced.length)}\n`,
  );
  return 0;
}
