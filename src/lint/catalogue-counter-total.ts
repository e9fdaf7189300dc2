import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

export const catalogueCounterTotal: Check = {
  id: 'catalogue/counter-total',
  severity: 'error',
  description: 'Counter names end in _total (OpenMetrics), and only counters do.',
  run({ model }, report) {
    for (const metric of model.metrics) {
      const where = locatedAt(metric, 'name');
      if (metric.type === 'counter' && !metric.name.endsWith('_total')) {
        report({ message: `counter "${metric.name}" does not end in _total`, hint: `name it "${metric.name}_total"`, ...where });
      } else if (metric.type !== 'counter' && metric.name.endsWith('_total') && !metric.exporter) {
        report({
          severity: 'warning',
          message: `${metric.type} "${metric.name}" ends in _total, which readers (and lints) take for a counter`,
          hint: 'drop the _total suffix, or declare it as a counter if it only goes up',
          ...where,
        });
      }
    }
  },
};
