import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { records } from '../model/select.js';

/**
 * A recording rule named like a catalogue series (a scraped metric, or one of its _bucket/_sum/_count
 * series): its samples mix with the scraped ones under one name, and every query of the metric (and
 * every rule on it) reads both.
 */
export const recordShadowsMetric: Check = {
  id: 'record/shadows-metric',
  severity: 'error',
  description: 'A recording rule does not write series named like a metric of the catalogue (it would mix with the scraped series).',
  run({ model, catalogue }, report) {
    for (const rule of records(model)) {
      const metric = catalogue.get(rule.name)?.metric;
      if (!metric) continue;
      report({
        message: `recording rule "${rule.name}" writes series named like the ${metric.exporter ? `exporter metric (${metric.exporter})` : 'catalogue metric'} "${rule.name}": its samples mix with the scraped ones, and every query of "${rule.name}" reads both`,
        hint: `name it level:metric:operations, e.g. job:${metric.name}:…`,
        ...locatedAt(rule, 'name'),
      });
    }
  },
};
