import { compareText } from './text-order.js';

/**
 * The one problem type every stage produces: schema checks, cross-checks, lint checks and the
 * reports of promtool/amtool. Stages collect them; the CLI renders them once.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Where a definition was written: captured when the user's builder call ran. */
export interface SourceRef {
  /** Path relative to the folder that holds the definitions folder, with forward slashes. */
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  /** Check id, e.g. `promql/unknown-metric`, `schema`, `promtool/check-rules`. */
  id: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** Path inside the definitions, e.g. ['dashboards', 'Performance', 'panels[1]']. */
  path?: string[];
  /** Source location of the definition the problem belongs to. */
  source?: SourceRef;
  /** Generated file the problem concerns (tool reports). */
  file?: string;
  /** The text the problem is in (a PromQL expression), with the offending span. */
  excerpt?: { text: string; from: number; to: number };
}

export const PATH_SEPARATOR = ' › ';

export function formatPath(path: readonly string[] | undefined): string {
  return path && path.length > 0 ? path.join(PATH_SEPARATOR) : '';
}

export function formatSource(source: SourceRef | undefined): string {
  return source ? `${source.file}:${source.line}` : '';
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order for reports: by source file and line, then severity, then id. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.source?.file ?? '\uffff', b.source?.file ?? '\uffff') ||
      (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareText(a.id, b.id) ||
      compareText(a.message, b.message),
  );
}

/** An expected failure that maps to an exit code (bad usage, missing tool). Not a bug. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A usage error with findings to show under it (a totem-mon.config.ts that does not load or fails its schema). */
export class UsageFindingsError extends UsageError {
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
    hint?: string,
  ) {
    super(message, 2, hint);
    this.name = 'UsageFindingsError';
  }
}
