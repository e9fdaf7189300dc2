import type { Check } from './check.js';
import { formatSource } from '../diagnostic.js';
import { locatedAt } from '../model/located.js';
import { metricSeries } from '../api/metric-series.js';
import { reservedNames } from '../instrument/exposition.js';

/**
 * Two metrics of one target whose expositions take the same name, though their series differ
 * (those are catalogue/duplicate): a counter `x_total` takes `x` (its family) and `x_created`, a
 * histogram or summary `x_created`. prometheus_client refuses the second at import ("Duplicated
 * timeseries in CollectorRegistry": the generated Python module crashes), and an OpenMetrics
 * exposition would have two families of one name. Metrics of different exporters never meet.
 */
export const catalogueReservedName: Check = {
  id: 'catalogue/reserved-name',
  severity: 'error',
  description: "No metric takes a name another metric of the same target's exposition reserves (a counter's name without _total, _created).",
  run({ model }, report) {
    const taken = new Map<string, (typeof model.metrics)[number]>();
    for (const metric of model.metrics) {
      const target = metric.exporter ?? '';
      const series = new Set(metricSeries(metric).map((s) => s.name));
      for (const name of reservedNames(metric)) {
        const first = taken.get(`${target}\u0000${name}`);
        // Same series: catalogue/duplicate says so.
        if (first && first !== metric && !metricSeries(first).some((s) => series.has(s.name))) {
          report({
            message: `${metric.type} "${metric.name}" clashes with ${first.type} "${first.name}": both expositions take the name "${name}" (${why(name, metric, first)}), and prometheus_client refuses the second at import (Duplicated timeseries in CollectorRegistry)`,
            hint: `rename one of them${first.source ? ` (the other is at ${formatSource(first.source)})` : ''}: a counter takes its name without _total, and counters, histograms and summaries take <name>_created`,
            ...locatedAt(metric),
          });
          break;
        }
      }
      for (const name of reservedNames(metric)) if (!taken.has(`${target}\u0000${name}`)) taken.set(`${target}\u0000${name}`, metric);
    }
  },
};

type Named = { type: string; name: string };

/** Which of the two reserves the name, and how. */
function why(name: string, a: Named, b: Named): string {
  const reserver = [a, b].find((m) => m.name !== name) ?? a;
  if (reserver.type === 'counter' && name === reserver.name.replace(/_total$/, '')) return `the family name of the counter ${reserver.name}`;
  if (name.endsWith('_created')) return `the creation-time series of the ${reserver.type} ${reserver.name}`;
  return `a series of the ${reserver.type} ${reserver.name}`;
}
