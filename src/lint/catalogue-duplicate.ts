import type { Check } from './check.js';
import { formatSource } from '../diagnostic.js';
import { locatedAt } from '../model/located.js';

export const catalogueDuplicate: Check = {
  id: 'catalogue/duplicate',
  severity: 'error',
  description: 'A metric name, or a series a histogram or summary expands to, is declared only once.',
  run({ model }, report) {
    const seen = new Map<string, (typeof model.metrics)[number]>();
    for (const metric of model.metrics) {
      const series =
        metric.type === 'histogram' ? [`${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`]
        : metric.type === 'summary' ? [metric.name, `${metric.name}_sum`, `${metric.name}_count`]
        : [metric.name];
      for (const name of series) {
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
