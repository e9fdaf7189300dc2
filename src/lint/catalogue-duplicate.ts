import type { Check } from './check.js';
import { formatSource } from '../diagnostic.js';
import { locatedAt } from '../model/located.js';
import { metricSeries } from '../api/metric-series.js';

export const catalogueDuplicate: Check = {
  id: 'catalogue/duplicate',
  severity: 'error',
  description: 'A metric name, or a series a histogram or summary expands to, is declared only once.',
  run({ model }, report) {
    const seen = new Map<string, (typeof model.metrics)[number]>();
    for (const metric of model.metrics) {
      for (const { name } of metricSeries(metric)) {
        const first = seen.get(name);
        if (first) {
          report({
            message: `metric "${metric.name}" clashes with "${first.name}": both give the series "${name}"`,
            hint: `keep one declaration${first.source ? ` (the other is at ${formatSource(first.source)})` : ''} and import it where it is needed`,
            ...locatedAt(metric),
          });
          break;
        }
        seen.set(name, metric);
      }
    }
  },
};
