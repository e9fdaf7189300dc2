/**
 * One description of what an application declares from the catalogue, for every language's
 * instrumentation (prom-client at run time, the generated Python module): the metrics no exporter
 * owns, with their exposed name, HELP, label names, buckets and quantiles exactly as catalogued.
 */
import type { MetricType } from '../api/metrics.js';

/** What the description reads of a catalogue metric: the API object and the model's both fit. */
export interface CatalogueMetric {
  readonly type: MetricType;
  readonly name: string;
  readonly help: string;
  readonly labels: readonly string[];
  readonly exporter?: string | undefined;
  readonly buckets?: readonly number[] | undefined;
  readonly quantiles?: readonly number[] | undefined;
}

export interface InstrumentedMetric {
  type: MetricType;
  /** The exposed name (counters end in `_total`, as the catalogue requires). */
  name: string;
  help: string;
  labels: string[];
  /** Histograms: upper bounds, ascending, without +Inf. */
  buckets?: number[];
  /** Summaries: the quantiles (empty: sum and count only). */
  quantiles?: number[];
}

/** What an instrumentation declares for one catalogue metric. */
export function describeMetric(m: CatalogueMetric): InstrumentedMetric {
  return {
    type: m.type,
    name: m.name,
    help: m.help,
    labels: [...m.labels],
    ...(m.type === 'histogram' ? { buckets: [...(m.buckets ?? [])] } : {}),
    ...(m.type === 'summary' ? { quantiles: [...(m.quantiles ?? [])] } : {}),
  };
}

/** The metrics an application exposes itself, in catalogue order: those no exporter owns. */
export function applicationMetrics(catalogue: readonly CatalogueMetric[]): InstrumentedMetric[] {
  return catalogue.filter((m) => m.exporter === undefined).map(describeMetric);
}
