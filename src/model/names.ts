/** Name rules shared by the schema and the checks (Prometheus data model). */
export const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Recording rules may use colons: `level:metric:operations`. */
export const RECORD_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Labels every scraped series carries (set by the scrape target). */
export const TARGET_LABELS = ['job', 'instance'] as const;

/** A name made safe as one path segment: nothing can climb out of the output folder. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .toLowerCase();
  return cleaned === '' ? 'unnamed' : cleaned.slice(0, 100);
}
