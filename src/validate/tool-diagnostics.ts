import type { Diagnostic } from '../diagnostic.js';
import type { Locator } from './locate.js';
import type { ToolMessage } from './tool-output.js';
import type { ToolRun } from './tools.js';
import { EXTRACTED_RULES_DIR, shellWord } from './extracted-rules.js';

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
 * How a run is repeated by hand in out/ (src/validate/extracted-rules.ts byHandCommand): the
 * command, the files it extracts rule groups from, and what the user should know about how it
 * differs from the run validate made (`note`, after the hint's sentence).
 */
export type ByHand = (tool: string, args: readonly string[]) => { command: string; extracted: string[]; note?: string };

/** Without extracted files: the tool and its arguments, shell-quoted (a file name may hold a space). */
const quoted: ByHand = (tool, args) => ({ command: [tool, ...args.map(shellWord)].join(' '), extracted: [] });

/** The note on a command that extracts rule groups first (promtool reads plain rule files only). */
function extractionNote(extracted: readonly string[]): string {
  return (
    ` (${extracted.join(', ')} ${extracted.length === 1 ? 'is not a rule file' : 'are not rule files'}: promtool ran on the rule groups validate extracted, ` +
    'and the command makes them the same way with yq into a temporary file first)'
  );
}

/** What a hint adds after its sentence about the command shown: the extraction, and how the command differs from validate's run. */
function notesOn({ extracted, note }: ReturnType<ByHand>): string {
  return `${extracted.length > 0 ? extractionNote(extracted) : ''}${note ?? ''}`;
}

/**
 * A tool's findings as diagnostics at the definition they came from. A failed run that printed
 * nothing we understand still becomes one error with the raw output: nothing is swallowed. The
 * command a message shows runs as it is in a generated out/ folder (`byHand`).
 */
export function toolDiagnostics(id: string, run: ToolRun, messages: readonly ToolMessage[], locate: Locator, byHand: ByHand = quoted): Diagnostic[] {
  const shown = () => byHand(run.command.split(' ')[0]!, run.args);
  if (run.timedOut) {
    const byHand = shown();
    const { command } = byHand;
    const notes = notesOn(byHand);
    return [{ id, severity: 'error', message: `\`${command}\` timed out`, hint: `the tool hung or the output is very large; run the command by hand in a generated out/ folder${notes}` }];
  }
  if (run.exitCode === 0) return [];
  if (messages.length === 0) {
    const byHand = shown();
    const { command } = byHand;
    const notes = notesOn(byHand);
    return [{ id, severity: 'error', message: `\`${command}\` failed (exit ${run.exitCode}): ${run.output.trim() || 'no output'}`, ...(notes !== '' ? { hint: `the command runs as shown in a generated out/ folder${notes}` } : {}) }];
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
