import type { Diagnostic } from '../diagnostic.js';
import type { Locator } from './locate.js';
import type { ToolMessage } from './tool-output.js';
import type { ToolRun } from './tools.js';
import { EXTRACTED_RULES_DIR } from './extracted-rules.js';

/**
 * The file a tool's finding names, as out/ holds it: the rule groups extracted from a PrometheusRule
 * or a ruler's namespace (src/validate/extracted-rules.ts) are that file, whose lines are others
 * (none given then); any other file with the tool's line and column.
 */
function outputFile(m: ToolMessage): string {
  const extracted = `${EXTRACTED_RULES_DIR}/`;
  if (m.file.startsWith(extracted) && m.file.endsWith('.yml')) return m.file.slice(extracted.length, -'.yml'.length);
  return m.line !== undefined ? `${m.file}:${m.line}:${m.column ?? 1}` : m.file;
}

/**
 * A tool's findings as diagnostics at the definition they came from. A failed run that printed
 * nothing we understand still becomes one error with the raw output: nothing is swallowed.
 */
export function toolDiagnostics(id: string, run: ToolRun, messages: readonly ToolMessage[], locate: Locator): Diagnostic[] {
  if (run.timedOut) {
    return [{ id, severity: 'error', message: `\`${run.command}\` timed out`, hint: 'the tool hung or the output is very large; run the command by hand in a generated out/ folder' }];
  }
  if (run.exitCode === 0) return [];
  if (messages.length === 0) {
    return [{ id, severity: 'error', message: `\`${run.command}\` failed (exit ${run.exitCode}): ${run.output.trim() || 'no output'}` }];
  }
  return messages.map((m) => {
    const place = locate(m);
    const tool = id.split('/')[0];
    return {
      id,
      severity: 'error',
      message: `${tool}: ${m.message}`,
      ...place,
      file: outputFile(m),
    };
  });
}
