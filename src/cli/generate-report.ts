// What `totem-mon generate` prints (src/cli/generate.ts), apart from the command so that starting
// the loader process does not wait for the report's imports.
import { checkIsClean } from '../io/check-output.js';
import { driftReport, renderDriftGithub, renderDriftJson, renderDriftText } from '../report/drift.js';
import { renderGithub } from '../report/github.js';
import { configNote, rerun } from '../app/config.js';
import { renderText, useColor } from '../report/text.js';
import { describeDiagnostics, describeModel, describePlaces } from '../report/summary.js';
import { redactText } from '../report/redact.js';
import type { Diagnostic } from '../diagnostic.js';
import type { CheckResult } from '../io/check-output.js';
import type { WriteResult } from '../io/write.js';
import type { Model } from '../model/types.js';
import type { StagesResult } from '../app/stages.js';
import type { CheckFormat, ResolvedGenerateOptions as GenerateOptions } from './generate.js';

export function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length > 0) process.stderr.write(`${renderText(diagnostics, { color: useColor(process.stderr) })}\n`);
}

/** `1 error, 0 warnings in totem-mon.config.ts`: the counts, and where the errors are (src/report/summary.ts). */
function stoppedBy(options: GenerateOptions, result: StagesResult): string {
  const places = describePlaces(result.diagnostics, { definitions: options.definitions, config: options.run.config });
  return `${describeDiagnostics(result.diagnostics, result.silenced.length)} ${places}`;
}

/** Findings that stopped the run: `generate: nothing written`, or with --check `generate --check: nothing compared`. */
export function reportNothingWritten(options: GenerateOptions, result: StagesResult): number {
  printDiagnostics(result.diagnostics);
  process.stderr.write(`${redactText(`${options.check ? 'generate --check: nothing compared' : 'generate: nothing written'}: ${stoppedBy(options, result)}`)}\n`);
  return 1;
}

/** --check on definitions with errors, as JSON or GitHub annotations: the findings, nothing compared. */
export function reportNothingCompared(options: GenerateOptions, format: Exclude<CheckFormat, 'text'>, result: StagesResult): number {
  if (format === 'json') {
    process.stdout.write(renderDriftJson({ definitions: options.definitions, out: options.out, diagnostics: result.diagnostics }));
    return 1;
  }
  const lines = renderGithub(result.diagnostics, result.model?.entry ?? `${options.definitions}/index.ts`);
  process.stdout.write(`${lines ? `${lines}\n` : ''}${redactText(`generate --check: nothing compared: ${stoppedBy(options, result)}`)}\n`);
  return 1;
}

/** --check: what drifted, in the chosen format (exit 1 on any drift). */
export function reportCheck(options: GenerateOptions, format: CheckFormat, stages: StagesResult & { model: Model }, check: CheckResult): number {
  const out = options.out;
  // What interrupted runs left in out/ is reported with the findings (warnings: the check still passes).
  const result = { ...stages, diagnostics: [...stages.diagnostics, ...check.leftovers] };
  const generated = result.files?.length ?? 0;
  const report = checkIsClean(check)
    ? undefined
    : driftReport(check, { definitions: options.definitions, out, fix: rerun('generate', options.run), repair: rerun('generate --repair', options.run), note: configNote(options.run), names: Boolean(options.stat) });
  if (format === 'json') {
    process.stdout.write(renderDriftJson({ definitions: options.definitions, out, generated, ...(report ? { report } : {}), diagnostics: result.diagnostics }));
  } else if (format === 'github') {
    const lines = renderGithub(result.diagnostics, result.model.entry);
    process.stdout.write(`${lines ? `${lines}\n` : ''}${report ? renderDriftGithub(report) : `generate --check: ${out}/ is up to date (${generated} files)\n`}`);
  } else {
    printDiagnostics(result.diagnostics);
    if (check.running) process.stderr.write(`generate --check: note: a generate (${check.running}) is writing ${out}/ right now\n`);
    if (report) process.stderr.write(renderDriftText(report));
    else process.stdout.write(`${redactText(`generate --check: ${out}/ is up to date (${generated} files; ${describeModel(result.model, result.context)})`)}\n`);
  }
  return report ? 1 : 0;
}

export function reportWritten(options: GenerateOptions, result: StagesResult & { model: Model }, written: WriteResult): number {
  const out = options.out;
  const diagnostics = [...result.diagnostics, ...written.conflicts, ...written.warnings];
  printDiagnostics(diagnostics);
  for (const note of written.notes) process.stderr.write(`${redactText(`generate: note: ${note}`)}\n`);
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
    `${redactText(
      `generate: ${result.files?.length ?? 0} files in ${out}/ (${written.written.length} written, ${written.unchanged.length} unchanged, ` +
        `${written.removed.length} removed) · ${describeModel(result.model, result.context)} · ${describeDiagnostics(diagnostics, result.silenced.length)}`,
    )}\n`,
  );
  return 0;
}
