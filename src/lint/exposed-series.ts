/**
 * The `le` and `quantile` values a series is exposed with, where the project's own instrumentation
 * settles them (src/instrument/exposition.ts): a unit test's input series, or an expected label,
 * written otherwise is a series the application never writes (promql/histogram-bucket and
 * promql/unexposed-quantile check the same in selectors).
 */
import type { SeriesEntry } from '../model/catalogue.js';
import { exposedByGeneratedPython, pythonLabelNumber } from '../instrument/exposition.js';

type Project = Parameters<typeof exposedByGeneratedPython>[0];

/** The bucket bound `value` means (`1`, `1.0`, `1e0` for 1), or undefined. */
function boundOf(value: string, buckets: readonly number[]): number | undefined {
  const n = Number(value);
  return value.trim() === '' || Number.isNaN(n) ? undefined : buckets.find((b) => b === n);
}

/** What is wrong with a series' `le` or `quantile` value, and the hint, or undefined. */
export interface UnexposedValue {
  label: 'le' | 'quantile';
  problem: string;
  hint: string;
}

/**
 * The `le` of a histogram's _bucket series: a bound the histogram does not have (no client exposes
 * it), or a bound in another text than the generated Python module writes (`1` for `1.0`); the
 * `quantile` of a summary the generated Python module exposes (prometheus_client's has none).
 */
export function unexposedValue(project: Project, entry: SeriesEntry | undefined, label: string, value: string): UnexposedValue | undefined {
  const metric = entry?.metric;
  if (!metric) return undefined;
  const python = exposedByGeneratedPython(project, metric);
  if (label === 'le' && metric.type === 'histogram' && entry.suffix === '_bucket') {
    const buckets = metric.buckets ?? [];
    if (value === '+Inf' || buckets.length === 0) return undefined;
    const bound = boundOf(value, buckets);
    if (bound === undefined) {
      return {
        label,
        problem: `${metric.name} has no bucket le="${value}" (buckets ${buckets.join(', ')}, +Inf): no client exposes that series`,
        hint: `use one of its bounds${python ? ` as the generated Python module writes them (${buckets.map((b) => `le="${pythonLabelNumber(b)}"`).join(', ')})` : ''}, or add ${value} to the histogram's buckets in the catalogue and the application`,
      };
    }
    const exposed = pythonLabelNumber(bound);
    if (!python || value === exposed) return undefined;
    return {
      label,
      problem: `the project's generated Python module (prometheus_client) exposes the bucket ${value} of ${metric.name} as le="${exposed}": label values are compared as text, so the application never writes le="${value}"`,
      hint: `write le="${exposed}", as the application exposes it (Go clients and prom-client would write le="${String(bound)}")`,
    };
  }
  if (label === 'quantile' && metric.type === 'summary' && entry.suffix === '' && python) {
    return {
      label,
      problem: `the project's generated Python module exposes ${metric.name} with prometheus_client's Summary, which has no quantiles (only ${metric.name}_sum and ${metric.name}_count): the application never writes a quantile="${value}" series`,
      hint: `feed ${metric.name}_sum and ${metric.name}_count, or declare it a histogram and feed its _bucket series`,
    };
  }
  return undefined;
}
