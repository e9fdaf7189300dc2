import type { Check } from './check.js';
import { at } from './check.js';
import { alertExpressions } from './rules-select.js';

export const alertComparison: Check = {
  id: 'alert/comparison',
  severity: 'error',
  description: 'An alert expression filters (a comparison, and/unless, absent()); otherwise every series it returns is an alert, always.',
  run(context, report) {
    for (const { alert, e } of alertExpressions(context)) {
      if (e.analysis.parsed.errors.length > 0 || e.analysis.typeErrors.length > 0 || e.analysis.filters) continue;
      const boolCompare = e.analysis.comparisons.find((c) => c.bool);
      report({
        message: `alert ${alert.name} has no condition: its expression returns a value for every series, so it fires all the time`,
        hint: boolCompare
          ? `"${boolCompare.op} bool" returns 0 or 1 instead of filtering; drop "bool"`
          : 'add a comparison with a threshold, e.g. … > 0.1',
        ...at(e),
      });
    }
  },
};
