import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

/**
 * A latency SLI counts the observations at or under its threshold from the `_bucket` series with
 * that `le`: a threshold between two buckets selects no series (the SLI reads 100% errors).
 */
export const sloLatencyThreshold: Check = {
  id: 'slo/latency-threshold',
  severity: 'error',
  description: "A latency SLO's threshold is one of its histogram's buckets (in the catalogue).",
  run({ model }, report) {
    for (const slo of model.slos) {
      if (slo.sli.kind !== 'latency') continue;
      const { histogram, threshold } = slo.sli;
      const metric = model.metrics.find((m) => m.name === histogram);
      if (!metric || metric.type !== 'histogram') {
        report({
          message: `SLO ${slo.name} measures latency with "${histogram}", which is not a histogram of the catalogue`,
          hint: 'declare the histogram in the project\'s metrics (histogram({ name, buckets, … })) and pass that object as sli.latency',
          ...locatedAt(slo, 'sli', 'latency'),
        });
        continue;
      }
      const buckets = metric.buckets ?? [];
      if (buckets.includes(threshold)) continue;
      const below = [...buckets].reverse().find((b) => b < threshold);
      const above = buckets.find((b) => b > threshold);
      const near = [below, above].filter((b) => b !== undefined).join(' or ');
      report({
        message: `SLO ${slo.name}: threshold ${threshold} is not a bucket of ${histogram} (buckets ${buckets.join(', ')}): no _bucket series has le="${threshold}", so the SLI would count every request as too slow`,
        hint: near ? `use a bucket bound (${near}), or add ${threshold} to the histogram's buckets in the catalogue and the application` : `add ${threshold} to the histogram's buckets`,
        ...locatedAt(slo, 'sli', 'threshold'),
      });
    }
  },
};
