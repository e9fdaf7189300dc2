/** Name rules shared by the schema and the checks (Prometheus data model). */
export const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Recording rules may use colons: `level:metric:operations`. */
export const RECORD_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Labels every scraped series carries (set by the scrape target). */
export const TARGET_LABELS = ['job', 'instance'] as const;

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
