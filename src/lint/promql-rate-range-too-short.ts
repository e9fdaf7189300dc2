import type { Check } from './check.js';
import { at, ownerName } from './check.js';
import { formatMs } from './rules-select.js';
import { jobLabel, jobsOf } from './scrape-jobs.js';
import { durationMs } from '../duration.js';
import type { RuleGroupModel, ScrapeJobModel } from '../model/types.js';

const RANGE_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv']);

/** What writes the series and how often, for the message (put into words only for a finding). */
function writerOf(group: RuleGroupModel | undefined, jobs: ScrapeJobModel[], intervalMs: number): string {
  if (group) return `rule group ${group.name} records it every ${formatMs(intervalMs)}`;
  const names = [...new Set(jobs.map(jobLabel))];
  return names.length === 0
    ? `the scrape interval is ${formatMs(intervalMs)}`
    : names.length === 1
      ? `job "${names[0]}" scrapes it every ${formatMs(intervalMs)}`
      : `jobs ${names.map((n) => `"${n}"`).join(', ')} may scrape it, the fastest every ${formatMs(intervalMs)}`;
}

/**
 * rate() needs two samples in its range. The interval that matters is the real one of what writes
 * the series: the scrape interval of the job(s) that scrape it (its `job` matchers narrow them), or
 * for a recorded series the evaluation interval of its rule group.
 * - under 2 intervals: at most one sample most of the time, so the result is mostly empty (error);
 * - under 4 intervals: one missed scrape empties it (warning, as Prometheus' own advice).
 * With several candidate jobs the fastest one is used: no finding unless it holds for all of them.
 */
export const promqlRateRangeTooShort: Check = {
  id: 'promql/rate-range-too-short',
  severity: 'warning',
  description: 'rate()-like ranges span at least 4 intervals of what writes the series (2 at the very least), so one missed scrape does not empty them.',
  run({ expressions, model, catalogue }, report) {
    const globalMs = durationMs(model.prometheus.scrapeInterval) ?? 60_000;
    const groups = new Map(model.ruleGroups.map((g) => [g.name, g]));
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const fn = s.enclosing[0];
        if (!fn || !RANGE_FUNCTIONS.has(fn) || s.rangeMs === undefined) continue;
        const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
        let intervalMs: number;
        let jobs: ScrapeJobModel[] = [];
        const group = entry?.record ? groups.get(entry.record.group) : undefined;
        if (group) {
          intervalMs = group.intervalMs;
        } else {
          jobs = model.prometheus.scrapeJobs.length > 0 ? jobsOf(model, s, entry) : [];
          if (jobs.length === 0 && model.prometheus.scrapeJobs.length > 0) continue; // no job writes it: promql/unknown-job
          intervalMs = jobs.length > 0 ? Math.min(...jobs.map((j) => j.intervalMs)) : globalMs;
        }
        if (s.rangeMs >= 4 * intervalMs) continue;
        const writer = writerOf(group, jobs, intervalMs);
        const tooShort = s.rangeMs < 2 * intervalMs;
        report({
          severity: tooShort ? 'error' : 'warning',
          message: tooShort
            ? `${ownerName(e)}: ${fn}() over [${s.range}] spans fewer than 2 intervals (${writer}): it sees one sample most of the time and returns nothing`
            : `${ownerName(e)}: ${fn}() over [${s.range}] spans fewer than 4 scrape intervals (${writer}); it returns nothing after a single missed scrape`,
          hint: `use a range of at least ${formatMs(4 * intervalMs)} (in Grafana panels, $__rate_interval)`,
          ...at(e, s.from, s.to),
        });
      }
    }
  },
};
