/**
 * `generate --check`: what differs between out/ and what the definitions generate, as a bounded
 * unified diff per file (the `diff` library computes it), in the three report formats.
 */
import path from 'node:path';
import { structuredPatch } from 'diff';
import type { CheckResult, FileChange } from '../io/check-output.js';
import { redactText, redactValue } from './redact.js';
import { escapeData, escapeProperty } from './github.js';
import { jsonDiagnostics } from './json.js';
import { countBySeverity, type Diagnostic } from '../diagnostic.js';

/** Lines of diff shown per file; the rest is counted, not shown. */
export const DIFF_LINES_PER_FILE = 40;
/** Files whose diff is shown; past these, only names and counts. */
export const DIFF_FILES = 20;
/** Past this many changed lines, a file is only counted (the diff would be slow and unreadable). */
const MAX_EDIT = 5_000;
const CONTEXT = 3;

export interface FileDrift {
  /** The file as the user sees it: out/… (the --out given). */
  file: string;
  status: FileChange['status'];
  added: number;
  removed: number;
  /** First line of the committed file that the change touches (1 for missing files). */
  line: number;
  /** Unified diff lines (`@@ … @@`, ` `, `-`, `+`), bounded; absent with names only. */
  diff?: string[];
  /** Diff lines left out of `diff`. */
  omitted: number;
  /** The file as this disk lists it (out/…), when it differs only in case: generate renames it. */
  listedAs?: string;
}

export interface DriftReport {
  definitions: string;
  out: string;
  /** The command that brings out/ up to date, with the flags in use. */
  fix: string;
  /** `generate --repair` with the flags in use (for a damaged manifest). */
  repair: string;
  /** Said after the command: ` (settings from totem-mon.config.ts)` when a config is in use. */
  note: string;
  files: FileDrift[];
  unsafe: string[];
  /** Files totem-mon did not generate in a folder a tool loads whole: left in place, reported. */
  stray: Array<{ file: string; loader: string }>;
  damaged?: string;
  running?: string;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The hunks of one changed file, as unified diff lines, with its counts. */
function diffLines(change: FileChange): { lines: string[]; added: number; removed: number; line: number } | undefined {
  const before = change.committed ?? '';
  const after = change.generated ?? '';
  const patch = structuredPatch('a', 'b', before, after, undefined, undefined, { context: CONTEXT, maxEditLength: MAX_EDIT });
  if (!patch) return undefined;
  const lines: string[] = [];
  let added = 0;
  let removed = 0;
  let line = 0;
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    let at = hunk.oldStart;
    for (const l of hunk.lines) {
      if (l.startsWith('\\')) continue; // "\ No newline at end of file"
      lines.push(l);
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
      if (line === 0 && (l.startsWith('+') || l.startsWith('-'))) line = Math.max(at, 1);
      if (!l.startsWith('+')) at++;
    }
  }
  return { lines, added, removed, line: line || 1 };
}

/** What --check found, with a bounded diff per file that differs (none with `names`: --stat). */
export function driftReport(
  check: CheckResult,
  options: { definitions: string; out: string; fix: string; repair?: string; note?: string; names?: boolean },
): DriftReport {
  let shown = 0;
  const files = check.changes.map((change): FileDrift => {
    const shownOf = (p: string) => path.join(options.out, p).split(path.sep).join('/');
    const file = shownOf(change.path);
    const listed = change.listedAs !== undefined ? { listedAs: shownOf(change.listedAs) } : {};
    if (change.status === 'case') return { file, status: 'case', added: 0, removed: 0, line: 1, omitted: 0, ...listed };
    if (change.status !== 'differs') {
      const count = lineCount(change.committed ?? change.generated ?? '');
      return change.status === 'missing'
        ? { file, status: change.status, added: count, removed: 0, line: 1, omitted: 0 }
        : { file, status: change.status, added: 0, removed: count, line: 1, omitted: 0 };
    }
    const diff = diffLines(change);
    if (!diff) {
      return { file, status: 'differs', added: lineCount(change.generated ?? ''), removed: lineCount(change.committed ?? ''), line: 1, omitted: 0, ...listed };
    }
    const show = !options.names && shown++ < DIFF_FILES;
    const kept = show ? diff.lines.slice(0, DIFF_LINES_PER_FILE).map((l) => redactText(l)) : undefined;
    return {
      file,
      status: 'differs',
      added: diff.added,
      removed: diff.removed,
      line: diff.line,
      ...(kept ? { diff: kept } : {}),
      omitted: kept ? diff.lines.length - kept.length : 0,
      ...listed,
    };
  });
  return {
    definitions: options.definitions,
    out: options.out,
    fix: options.fix,
    repair: options.repair ?? 'totem-mon generate --repair',
    note: options.note ?? '',
    files,
    unsafe: check.unsafe,
    stray: check.stray,
    ...(check.damaged !== undefined ? { damaged: check.damaged } : {}),
    ...(check.running !== undefined ? { running: check.running } : {}),
  };
}

function counts(f: FileDrift): string {
  return `+${f.added} -${f.removed}`;
}

/** Said of a file this disk lists under another case than generate names it. */
function caseNote(f: FileDrift): string {
  return `listed on this disk as ${f.listedAs}, another case than generate names it; a case-sensitive checkout has no ${f.file}: generate renames it`;
}

function title(f: FileDrift): string {
  if (f.status === 'missing') return `missing: ${f.file} (${counts(f)}: not generated yet)`;
  if (f.status === 'extra') return `extra:   ${f.file} (${counts(f)}: generated earlier, no longer generated)`;
  if (f.status === 'case') return `case:    ${f.file} (${caseNote(f)})`;
  return `differs: ${f.file} (${counts(f)}${f.listedAs !== undefined ? `; ${caseNote(f)}` : ''})`;
}

function omittedLine(f: FileDrift): string {
  return `… ${f.omitted} more diff line(s) of ${f.file} not shown (run \`git diff\` after generating to see them all)`;
}

/** The text report: one line per file, each differing file's diff under it (committed → generated). */
export function renderDriftText(report: DriftReport): string {
  const lines = [`generate --check: ${report.out}/ is out of date with ${report.definitions}/:`];
  if (report.damaged) lines.push(`  damaged: ${report.out}/.totem-mon-manifest.json ${report.damaged} (run \`${report.repair}\`)`);
  for (const u of report.unsafe) lines.push(`  ${u} (refused: never followed)`);
  for (const s of report.stray) lines.push(`  ${strayLine(s)}`);
  for (const f of report.files) {
    lines.push(`  ${title(f)}`);
    if (!f.diff) continue;
    lines.push(`    --- ${f.file} (in ${report.out}/)`, `    +++ ${f.file} (generated from ${report.definitions}/)`);
    for (const l of f.diff) lines.push(`    ${l}`);
    if (f.omitted > 0) lines.push(`    ${omittedLine(f)}`);
  }
  lines.push(`run \`${report.fix}\` and commit the result${report.note}`);
  return `${lines.join('\n')}\n`;
}

function strayLine(s: { file: string; loader: string }): string {
  return `stray:   ${s.file} (not generated by totem-mon, but ${s.loader}: move or delete it; generate leaves it in place)`;
}

/** GitHub Actions: one error annotation per file, at its first changed line, with its diff. */
export function renderDriftGithub(report: DriftReport): string {
  const titleProp = `title=${escapeProperty('generate --check')}`;
  const lines: string[] = [];
  const annotate = (file: string | undefined, line: number | undefined, text: string) => {
    const props = [...(file ? [`file=${escapeProperty(file)}`] : []), ...(line ? [`line=${line}`] : []), titleProp];
    lines.push(`::error ${props.join(',')}::${escapeData(text)}`);
  };
  if (report.damaged) annotate(`${report.out}/.totem-mon-manifest.json`, undefined, `the manifest ${report.damaged}: run \`${report.repair}\``);
  for (const u of report.unsafe) annotate(undefined, undefined, `${u} (refused: never followed)`);
  for (const s of report.stray) annotate(s.file, undefined, strayLine(s));
  for (const f of report.files) {
    const body = [title(f), ...(f.diff ?? []), ...(f.omitted > 0 ? [omittedLine(f)] : []), `run \`${report.fix}\` and commit the result`];
    // A missing file is not in the checkout, nor one found under another case: annotate the run, not a line of it.
    const inCheckout = f.status !== 'missing' && f.listedAs === undefined;
    annotate(inCheckout ? f.file : undefined, inCheckout ? f.line : undefined, body.join('\n'));
  }
  lines.push(`generate --check: ${report.out}/ is out of date with ${report.definitions}/ (${report.files.length} file(s)); run \`${report.fix}\` and commit the result`);
  return `${lines.join('\n')}\n`;
}

/** The JSON report of --check (stable like validate's: fields are only ever added). */
export function renderDriftJson(input: {
  definitions: string;
  out: string;
  /** Files the definitions generate; absent when they have errors (nothing was compared). */
  generated?: number;
  report?: DriftReport;
  diagnostics: readonly Diagnostic[];
}): string {
  const { report } = input;
  const errors = countBySeverity(input.diagnostics).error;
  // Every string redacted (paths, the running generate's note, the diff lines again: cheap); the
  // findings by redactDiagnostic, which keeps their excerpts' spans.
  const json = redactValue({
    schemaVersion: 1,
    tool: 'totem-mon',
    command: 'generate --check',
    definitions: input.definitions,
    out: input.out,
    ok: errors === 0 && input.generated !== undefined && report === undefined,
    ...(input.generated !== undefined ? { generated: input.generated } : {}),
    files: (report?.files ?? []).map((f) => ({
      file: f.file,
      status: f.status,
      added: f.added,
      removed: f.removed,
      line: f.line,
      ...(f.listedAs !== undefined ? { listedAs: f.listedAs } : {}),
      ...(f.diff ? { diff: f.diff, omitted: f.omitted } : {}),
    })),
    unsafe: report?.unsafe ?? [],
    stray: (report?.stray ?? []).map((s) => s.file),
    ...(report?.damaged !== undefined ? { damaged: report.damaged } : {}),
    ...(report?.running !== undefined ? { running: report.running } : {}),
    ...(report ? { fix: report.fix } : {}),
    diagnostics: [] as ReturnType<typeof jsonDiagnostics>,
  });
  json.diagnostics = jsonDiagnostics(input.diagnostics);
  return `${JSON.stringify(json, null, 2)}\n`;
}
