import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

// Grafana's date math (packages/grafana-data/src/datetime/datemath.ts): `now`, then any number of
// `+N<unit>`, `-N<unit>` and `/<unit>` (rounding), units y M w d h m s Q (fiscal fy, fQ).
const DATE_MATH = /^now((?:[+-]\d*(?:f?[yQ]|[Mwdhms]))|(?:\/(?:f?[yQ]|[Mwdhms])))*$/;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_MS = /^\d{10,13}$/;
const UNIT_MS: Record<string, number> = { y: 365 * 86_400_000, Q: 91 * 86_400_000, M: 30 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
/** Grafana's refresh intervals: one number and one unit (rangeutil's interval pattern). */
const REFRESH = /^(\d+)(ms|s|m|h|d|w|M|y)$/;
const REFRESH_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, M: 30 * 86_400_000, y: 365 * 86_400_000 };
/** Grafana's default min_refresh_interval. */
const MIN_REFRESH_MS = 5000;

/** Offset from now in ms of a date-math expression (rounding ignored), or undefined for an absolute time. */
function offsetMs(text: string): number | undefined {
  if (!text.startsWith('now')) return undefined;
  let total = 0;
  for (const m of text.slice(3).matchAll(/([+-])(\d*)f?([yQMwdhms])/g)) total += (m[1] === '-' ? -1 : 1) * Number(m[2] || 1) * UNIT_MS[m[3]!]!;
  return total;
}

function timeProblem(text: string): string | undefined {
  if (DATE_MATH.test(text) || EPOCH_MS.test(text) || (ABSOLUTE.test(text) && !Number.isNaN(Date.parse(text.replace(' ', 'T'))))) return undefined;
  if (/^now/.test(text) && /\s/.test(text)) return 'it has a space';
  if (/^now[+-]\d*(ms|min|mins|minutes?|hours?|days?|weeks?|months?|years?|sec|secs|seconds?)\b/.test(text)) return 'Grafana units are single letters: y M w d h m s';
  if (/^\d+[a-zA-Z]+$/.test(text)) return `a relative time starts with now, e.g. now-${text}`;
  return 'Grafana reads now, now-6h, now-1d/d, now/w or an absolute time (2024-01-31T00:00:00Z, epoch ms)';
}

export const dashboardTimeRange: Check = {
  id: 'dashboard/time-range',
  severity: 'error',
  description: "A dashboard's time range and refresh are values Grafana can parse (now-6h, now/d, 30s), with from before to.",
  run({ model }, report) {
    for (const dashboard of model.dashboards) {
      const bad = new Set<string>();
      for (const field of ['from', 'to'] as const) {
        const text = dashboard.time[field];
        const problem = timeProblem(text);
        if (!problem) continue;
        bad.add(field);
        report({
          message: `dashboard ${dashboard.title}: time.${field} ${JSON.stringify(text)} is not a time Grafana can parse: ${problem}`,
          hint: "write Grafana date math: 'now', 'now-6h', 'now-7d', 'now-1d/d' (start of yesterday), 'now/d' (start of today)",
          ...locatedAt(dashboard, 'time', field),
        });
      }
      const from = offsetMs(dashboard.time.from);
      const to = offsetMs(dashboard.time.to);
      if (bad.size === 0 && from !== undefined && to !== undefined && from >= to && !dashboard.time.from.includes('/') && !dashboard.time.to.includes('/')) {
        report({
          message: `dashboard ${dashboard.title}: time.from ${JSON.stringify(dashboard.time.from)} is not before time.to ${JSON.stringify(dashboard.time.to)}: the time range is empty and every panel shows no data`,
          hint: "put the earlier time in from: { from: 'now-6h', to: 'now' }",
          ...locatedAt(dashboard, 'time'),
        });
      }
      const refresh = dashboard.refresh;
      if (refresh === '') continue;
      const match = REFRESH.exec(refresh);
      if (!match) {
        report({
          message: `dashboard ${dashboard.title}: refresh ${JSON.stringify(refresh)} is not an interval Grafana can use: it takes one number and one unit${/^\d+[a-z]+\d/.test(refresh) ? ` and would read only "${/^\d+(ms|[a-zA-Z])/.exec(refresh)?.[0]}"` : ''}`,
          hint: "write one unit: '30s', '1m', '5m', '1h' (or '' for no auto-refresh)",
          ...locatedAt(dashboard, 'refresh'),
        });
      } else if (Number(match[1]) * REFRESH_MS[match[2]!]! < MIN_REFRESH_MS) {
        report({
          severity: 'warning',
          message: `dashboard ${dashboard.title}: refresh ${JSON.stringify(refresh)} is below Grafana's minimum refresh interval (5s by default): Grafana refreshes every 5s instead`,
          hint: "use '5s' or more (each refresh runs every panel's queries)",
          ...locatedAt(dashboard, 'refresh'),
        });
      }
    }
  },
};
