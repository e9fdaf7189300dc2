import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { formatMs, slowestScrapeMs } from './rules-select.js';

const RANGE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv']);

export const promqlRateRangeTooShort: Check = {
  id: 'promql/rate-range-too-short',
  severity: 'warning',
  description: 'rate()-like ranges span at least 4 scrape intervals, so one missed scrape does not empty them.',
  run({ expressions, model }, report) {
    const scrapeMs = slowestScrapeMs(model);
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const fn = s.enclosing[0];
        if (!fn || !RANGE_FUNCTIONS.has(fn) || s.rangeMs === undefined || s.rangeMs >= 4 * scrapeMs) continue;
        report({
          message: `${ownerName(e)}: ${fn}() over [${s.range}] spans fewer than 4 scrape intervals (${formatMs(scrapeMs)}); it returns nothing after a single missed scrape`,
          hint: `use a range of at least ${formatMs(4 * scrapeMs)} (in Grafana panels, $__rate_interval)`,
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
