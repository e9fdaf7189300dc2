// What `totem-mon generate` prints (src/cli/generate.ts), apart from the command so that starting
// the loader process does not wait for the report's imports.
import path from 'node:path';
import { checkIsClean } from '../io/check-output.js';
import { renderText, useColor } from '../report/text.js';
import { describeDiagnostics, describeModel } from '../report/summary.js';
import type { Diagnostic } from '../diagnostic.js';
import type { CheckResult } from '../io/check-output.js';
import type { WriteResult } from '../io/write.js';
import type { Model } from '../model/types.js';
import type { StagesResult } from '../app/stages.js';
import type { GenerateOptions } from './generate.js';

function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length > 0) process.stderr.write(`${renderText(diagnostics, { color: useColor(process.stderr) })}\n`);
}

export function reportNothingWritten(options: GenerateOptions, result: StagesResult): number {
  printDiagnostics(result.diagnostics);
  process.stderr.write(`generate: nothing written: ${describeDiagnostics(result.diagnostics, result.silenced.length)} in ${options.definitions}\n`);
  return 1;
}

export function reportCheck(options: GenerateOptions, result: StagesResult & { model: Model }, check: CheckResult): number {
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

export function reportWritten(options: GenerateOptions, result: StagesResult & { model: Model }, written: WriteResult): number {
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
