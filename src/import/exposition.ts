/**
 * `import --metrics <url|file>`: what a target exposes replaces the guesses. For each metric the
 * rules use, the exposition's family of that name (or of the name without `_total`, `_bucket`,
 * `_sum`, `_count`) gives its type (`# TYPE`), help (`# HELP`), histogram buckets and more label
 * names; a metric the exposition does not have keeps its guesses.
 */
import type { Family } from '../exposition/families.js';
import type { InferredMetric, InferredType } from './catalogue.js';
import type { ImportItem } from './report.js';

const TYPES: Record<string, InferredType> = { COUNTER: 'counter', GAUGE: 'gauge', HISTOGRAM: 'histogram', SUMMARY: 'summary' };
const SUFFIXES = ['_total', '_bucket', '_sum', '_count'];

function familyOf(name: string, families: ReadonlyMap<string, Family>): Family | undefined {
  const exact = families.get(name);
  if (exact) return exact;
  for (const suffix of SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const family = families.get(name.slice(0, -suffix.length));
    // `_total` belongs to a counter family (OpenMetrics names it without); the rest to histograms and summaries.
    if (family && (suffix === '_total' ? family.type === 'COUNTER' : family.type === 'HISTOGRAM' || family.type === 'SUMMARY')) return family;
  }
  return undefined;
}

function bucketsOf(family: Family): number[] | undefined {
  const bounds = new Set<number>();
  for (const sample of family.metrics) for (const le of Object.keys(sample.buckets ?? {})) if (Number.isFinite(Number(le))) bounds.add(Number(le));
  return bounds.size > 0 ? [...bounds].sort((a, b) => a - b) : undefined;
}

const sortedUnion = (a: readonly string[], b: Iterable<string>) => [...new Set([...a, ...b])].sort();

/** The catalogue with the exposition's facts in place of guesses, and a report item per metric. */
export function withExposition(metrics: readonly InferredMetric[], families: readonly Family[], source: string): { metrics: InferredMetric[]; items: ImportItem[] } {
  const byName = new Map(families.map((f) => [f.name, f]));
  const items: ImportItem[] = [];
  const merged = new Map<string, InferredMetric>();
  for (const metric of metrics) {
    const family = familyOf(metric.name, byName);
    const type = family ? TYPES[family.type] : undefined;
    if (!family || !type) {
      merged.set(metric.name, merged.get(metric.name) ?? metric);
      items.push({ status: 'guessed', file: source, what: `metric ${metric.name}`, reason: family ? 'untyped in the exposition: its guesses stay' : 'not in the exposition: its guesses stay' });
      continue;
    }
    // A counter is named as its series are (`x_total`, also when OpenMetrics names the family `x`).
    const name = type === 'histogram' || type === 'summary' ? family.name : metric.name;
    const labels = new Set<string>();
    for (const sample of family.metrics) for (const l of Object.keys(sample.labels ?? {})) if (l !== 'le' && l !== 'quantile' && l !== 'job' && l !== 'instance') labels.add(l);
    const before = merged.get(name);
    const buckets = type === 'histogram' ? bucketsOf(family) : undefined;
    const known: InferredMetric = {
      name,
      type,
      labels: sortedUnion(before?.labels ?? metric.labels, [...labels, ...(name === metric.name ? [] : metric.labels)]),
      why: [],
      ...(metric.exporter !== undefined ? { exporter: metric.exporter } : {}),
      ...(family.help ? { help: family.help } : {}),
      ...(buckets ? { buckets } : {}),
      from: source,
    };
    merged.set(name, known);
    const changed = type !== metric.type || name !== metric.name ? ` (the rules alone suggested ${metric.type} ${metric.name})` : '';
    items.push({ status: 'converted', file: source, what: `metric ${name}`, reason: `type${known.help ? ', help' : ''}${buckets ? ', buckets' : ''} from the exposition${changed}` });
  }
  const result = [...merged.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { metrics: result, items };
}
