import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { records } from '../model/select.js';

const LEVEL_METRIC_OPERATIONS = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_:]+$/;

export const recordNaming: Check = {
  id: 'record/naming',
  severity: 'warning',
  description: 'Recording rule names follow level:metric:operations (Prometheus naming practice).',
  run({ model }, report) {
    for (const rule of records(model)) {
      if (LEVEL_METRIC_OPERATIONS.test(rule.name)) continue;
      report({
        message: `recording rule "${rule.name}" does not follow level:metric:operations`,
        hint: 'e.g. job:http_errors:rate5m (aggregation level, metric name, operations)',
        ...locatedAt(rule, 'name'),
      });
    }
  },
};
