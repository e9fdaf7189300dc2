/** The import report, as text (default) or one JSON document (`--format json`), like validate's. */
import { z } from 'zod';
import type { Diagnostic } from '../diagnostic.js';
import { redactText, redactValue } from './redact.js';
import { countByStatus, IMPORT_STATUSES, type ImportItem, type ImportedFile } from '../import/report.js';
import { jsonDiagnostics } from './json.js';
import { renderText } from './text.js';

export interface ImportReportInput {
  items: readonly ImportItem[];
  files: readonly ImportedFile[];
  written: readonly string[];
  existing: readonly string[];
  diagnostics: readonly Diagnostic[];
}

const status = z.enum(IMPORT_STATUSES as [ImportItem['status'], ...ImportItem['status'][]]);

/** Stable: fields are only ever added; `schemaVersion` changes otherwise. */
export const importReportSchema = z.strictObject({
  schemaVersion: z.literal(1),
  tool: z.literal('totem-mon'),
  command: z.literal('import'),
  into: z.string(),
  ok: z.boolean(),
  summary: z.strictObject({ converted: z.number().int(), guessed: z.number().int(), raw: z.number().int(), secret: z.number().int(), unsupported: z.number().int(), error: z.number().int() }),
  /** Every definitions file the import made, relative to `into`. */
  files: z.array(z.string()),
  written: z.array(z.string()),
  /** Files that existed already (nothing is written over them without --force). */
  existing: z.array(z.string()),
  items: z.array(
    z.strictObject({
      status,
      file: z.string(),
      path: z.array(z.string()).optional(),
      what: z.string(),
      reason: z.string().optional(),
      check: z.string().optional(),
    }),
  ),
  /** What the checks still report on the imported definitions (an error: they do not generate as they are). */
  diagnostics: z.array(z.any()),
});

export type ImportJsonReport = z.infer<typeof importReportSchema>;

const clean = (item: ImportItem): ImportItem => ({
  ...item,
  what: redactText(item.what),
  ...(item.reason !== undefined ? { reason: redactText(item.reason) } : {}),
});

export function renderImportJson(result: ImportReportInput, into: string, ok: boolean): string {
  // Every string redacted (file names, items); the findings by redactDiagnostic, which keeps their excerpts' spans.
  const report: ImportJsonReport = redactValue({
    schemaVersion: 1 as const,
    tool: 'totem-mon' as const,
    command: 'import' as const,
    into,
    ok,
    summary: countByStatus(result.items),
    files: result.files.map((f) => f.path),
    written: [...result.written],
    existing: [...result.existing],
    items: result.items.map(clean),
    diagnostics: [] as ImportJsonReport['diagnostics'],
  });
  report.diagnostics = jsonDiagnostics(result.diagnostics);
  return `${JSON.stringify(report, null, 2)}\n`;
}

const LABEL: Record<ImportItem['status'], string> = { converted: 'converted', guessed: 'guessed', raw: 'kept raw', secret: 'secret → file', unsupported: 'not supported', error: 'error' };

/** One line per item worth reading (plain conversions are only counted), then what the checks say, then a summary. */
export function renderImportText(result: ImportReportInput, into: string): string {
  const width = Math.max(...Object.values(LABEL).map((l) => l.length));
  const lines = result.items
    .filter((i) => i.status !== 'converted' || i.check !== undefined)
    .map(clean)
    .map((i) => redactText(`${LABEL[i.status].padEnd(width)}  ${i.file}${i.path ? ` › ${i.path.join(' › ')}` : ''}: ${i.what}${i.reason ? ` — ${i.reason}` : ''}`));
  const findings = renderText(result.diagnostics.filter((d) => d.severity === 'error'), { color: false });
  const counts = countByStatus(result.items);
  const summary = IMPORT_STATUSES.map((s) => `${counts[s]} ${LABEL[s]}`).join(', ');
  const target = into.replace(/\/+$/, '');
  const wrote = result.written.length > 0 ? `wrote ${result.written.length} file(s) into ${target}/` : `wrote nothing into ${target}/`;
  return `${[...lines, ...(findings ? [findings] : []), redactText(`import: ${summary}; ${wrote}`)].join('\n')}\n`;
}
