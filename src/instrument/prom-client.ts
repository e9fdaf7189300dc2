/**
 * The application side of the catalogue: prom-client metrics declared from the same catalogue
 * objects the definitions use, so the names, HELP texts, label names and buckets the service
 * exposes are exactly the ones the rules and dashboards were checked against.
 *
 * Imported from the subpath `totem-mon/prom-client` (prom-client is an optional peer dependency;
 * a plain `totem-mon` import never loads it).
 *
 *   import { Registry } from 'prom-client';
 *   import { promClientMetrics } from 'totem-mon/prom-client';
 *   import { catalogue, requests } from './definitions/metrics/index.js';
 *
 *   const registry = new Registry();
 *   const metrics = promClientMetrics(catalogue, { registry });
 *   metrics.get(requests).inc();            // prom-client Counter, typed by the catalogue's labels
 *   metrics.byName['totem_queue_length'];   // every created metric, by name
 *   res.end(await registry.metrics());
 */
import {
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Summary as PromSummary,
  register as defaultRegistry,
  type Registry,
} from 'prom-client';
import type { AnyMetric, Counter, Gauge, Histogram, Summary } from '../api/metrics.js';
import { applicationMetrics, describeMetric, type CatalogueMetric } from './describe.js';

export type PromClientMetric = PromCounter | PromGauge | PromHistogram | PromSummary;

export interface PromClientOptions {
  /** Registry the metrics are registered in (default: prom-client's global `register`). */
  registry?: Registry;
}

export interface PromClientMetrics {
  readonly registry: Registry;
  /** Every created prom-client metric, keyed by its catalogue name (which is also the exposed name). */
  readonly byName: Readonly<Record<string, PromClientMetric>>;
  /** The prom-client object of a catalogue metric, typed by its kind and label names. */
  get<L extends string>(metric: Counter<L>): PromCounter<L>;
  get<L extends string>(metric: Gauge<L>): PromGauge<L>;
  get<L extends string>(metric: Histogram<L>): PromHistogram<L>;
  get<L extends string>(metric: Summary<L>): PromSummary<L>;
}

/** One prom-client metric from one catalogue metric. prom-client 15 exposes the name as given (it adds no `_total`). */
export function promClientMetric(catalogued: CatalogueMetric, registry: Registry): PromClientMetric {
  const metric = describeMetric(catalogued);
  const common = {
    name: metric.name,
    help: metric.help,
    labelNames: [...metric.labels],
    registers: [registry],
  };
  switch (metric.type) {
    case 'counter':
      return new PromCounter(common);
    case 'gauge':
      return new PromGauge(common);
    case 'histogram':
      return new PromHistogram({ ...common, buckets: metric.buckets ?? [] });
    case 'summary': {
      // An empty `quantiles` in the catalogue means sum and count only; prom-client would otherwise
      // add its seven default percentiles, series the catalogue does not declare.
      return new PromSummary({ ...common, percentiles: metric.quantiles ?? [] });
    }
  }
}

/**
 * prom-client metrics for every metric of the catalogue this application exposes: metrics owned by
 * an exporter (`exporter: 'node_exporter'`, `'prometheus'`…) are skipped.
 */
export function promClientMetrics(catalogue: readonly AnyMetric[], options: PromClientOptions = {}): PromClientMetrics {
  const registry = options.registry ?? defaultRegistry;
  const byName: Record<string, PromClientMetric> = {};
  // The same description of the catalogue as the generated Python module (src/instrument/describe.ts).
  for (const metric of applicationMetrics(catalogue)) byName[metric.name] = promClientMetric(metric, registry);
  const get = (metric: AnyMetric): PromClientMetric => {
    const found = byName[metric.name];
    if (found) return found;
    throw new Error(
      metric.exporter !== undefined
        ? `metric ${metric.name} is exported by ${metric.exporter}, not by this application`
        : `metric ${metric.name} is not in the catalogue given to promClientMetrics`,
    );
  };
  return { registry, byName, get: get as PromClientMetrics['get'] };
}
