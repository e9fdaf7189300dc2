import type { Check } from './check.js';
import { durationMs } from '../duration.js';
import { alertExpressions, formatMs, slowestScrapeMs } from './rules-select.js';
import { locatedAt } from '../model/located.js';

export const alertAbsentFor: Check = {
  id: 'alert/absent-for',
  severity: 'warning',
  description: 'An alert on absent() waits at least 2 scrape intervals, so one slow scrape does not page.',
  run(context, report) {
    const minimum = 2 * slowestScrapeMs(context.model);
    for (const { alert, e } of alertExpressions(context)) {
      if (!e.analysis.calls.some((c) => c.name === 'absent')) continue;
      const forMs = alert.for !== undefined ? (durationMs(alert.for) ?? 0) : 0;
      if (forMs >= minimum) continue;
      report({
        message: `alert ${alert.name} uses absent() with for ${alert.for ?? 'unset'}; a single missed scrape makes it fire`,
        hint: `set for: '${formatMs(minimum)}' or longer (2 × the scrape interval)`,
        ...locatedAt(alert, 'for'),
      });
    }
  },
};
