import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

export const catalogueHistogramBuckets: Check = {
  id: 'catalogue/histogram-buckets',
  severity: 'error',
  description: 'Histogram buckets are strictly increasing upper bounds.',
  run({ model }, report) {
    for (const metric of model.metrics) {
      const buckets = metric.buckets;
      if (metric.type !== 'histogram' || !buckets) continue;
      const bad = buckets.findIndex((b, i) => i > 0 && b <= buckets[i - 1]!);
      if (bad > 0) {
        report({
          message: `histogram "${metric.name}" has buckets out of order: ${buckets[bad - 1]} then ${buckets[bad]}`,
          hint: `write them ascending, without repeats: [${[...new Set(buckets)].sort((a, b) => a - b).join(', ')}]`,
          ...locatedAt(metric, `buckets[${bad}]`),
        });
      }
    }
  },
};
