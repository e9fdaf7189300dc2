/** Name rules shared by the schema and the checks (Prometheus data model). */
export const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Recording rules may use colons: `level:metric:operations`. */
export const RECORD_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Prometheus duration, e.g. `30s`, `5m`, `1h30m`; units in decreasing order, no spaces. */
export const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Labels every scraped series carries (set by the scrape target). */
export const TARGET_LABELS = ['job', 'instance'] as const;

const unitMs = [365 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1];

/** Milliseconds of a Prometheus duration, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  if (text === '' ) return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (let i = 0; i < unitMs.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part) * unitMs[i]!;
  }
  return total;
}

/**
 * A name written with a reduced alphabet: accents dropped (`Métricas` → `metricas`), lower case,
 * each run of other characters one `-`, no `-` or `.` at either end, at most `maxLength` long.
 * Dashboard uids and output file names are both made by it.
 */
export function slug(text: string, options: { keep: string; maxLength: number; fallback: string }): string {
  // `keep` is the body of a regular-expression character class, e.g. 'a-z0-9._-'; '.' and '-' never end a slug.
  const ends = /^[.-]+|[.-]+$/g;
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(new RegExp(`[^${options.keep}]+`, 'g'), '-')
    .replace(ends, '');
  const result = cleaned.slice(0, options.maxLength).replace(ends, '');
  return result === '' ? options.fallback : result;
}

/** A name made safe as one path segment: nothing can climb out of the output folder. */
export function safeFileName(name: string): string {
  return slug(name, { keep: 'a-z0-9._-', maxLength: 100, fallback: 'unnamed' });
}

/** A Prometheus duration for a number of milliseconds, largest units first: 90000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const units = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let rest = Math.round(ms);
  let text = '';
  for (let i = 0; i < unitMs.length; i++) {
    const n = Math.floor(rest / unitMs[i]!);
    if (n > 0) text += `${n}${units[i]}`;
    rest -= n * unitMs[i]!;
  }
  return text;
}
