import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic } from '../diagnostic.js';
import { formatPath, formatSource, sortDiagnostics } from '../diagnostic.js';
import { redactDiagnostic } from './redact.js';
import { checkDocs, isCheckId } from '../check-ids.js';

export interface TextOptions {
  color: boolean;
}

/** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
}

function excerptLines(d: Diagnostic, c: ChalkInstance): string[] {
  if (!d.excerpt) return [];
  const { text, from, to } = d.excerpt;
  // Show the line of the expression that holds the span, with a caret line under the span.
  const lineStart = text.lastIndexOf('\n', Math.max(0, from - 1)) + 1;
  const lineEndAt = text.indexOf('\n', from);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(lineStart, lineEnd);
  const width = Math.max(1, Math.min(to, lineEnd) - from);
  return [`    ${c.dim('│')} ${line}`, `    ${c.dim('│')} ${' '.repeat(from - lineStart)}${c.red('^'.repeat(width))}`];
}

/** `<file>:<line> › <path>: <message>`, then the expression excerpt, the hint and the check's page. */
export function formatDiagnostic(finding: Diagnostic, c: ChalkInstance): string {
  const d = redactDiagnostic(finding);
  const level = d.severity === 'error' ? c.red.bold('error') : d.severity === 'warning' ? c.yellow.bold('warning') : c.blue('info');
  const where = [formatSource(d.source) || d.file, formatPath(d.path)].filter(Boolean).join(' › ');
  const lines = [`${level} ${c.dim(`[${d.id}]`)} ${where ? `${c.bold(where)}: ` : ''}${d.message}`];
  lines.push(...excerptLines(d, c));
  if (d.hint) lines.push(`    ${c.cyan('hint:')} ${d.hint}`);
  if (isCheckId(d.id)) lines.push(`    ${c.dim(`docs: ${checkDocs(d.id)}`)}`);
  return lines.join('\n');
}

export function renderText(diagnostics: readonly Diagnostic[], options: TextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  return sortDiagnostics(diagnostics)
    .map((d) => formatDiagnostic(d, c))
    .join('\n');
}
