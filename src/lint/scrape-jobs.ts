import type { MatcherRef, SelectorRef } from '../promql/analyze.js';
import type { Model, ScrapeJobModel } from '../model/types.js';
import type { SeriesEntry } from '../model/catalogue.js';
import type { RelabelRuleInput } from '../model/schema/prometheus.js';
import { finiteMatches } from '../promql/finite-regex.js';

/**
 * Which scrape jobs write a series, as far as the definitions tell: the `job` label a target gets
 * is its static `job` label if it has one (Prometheus lets it win), else the job's name.
 */
export function jobLabel(job: ScrapeJobModel): string {
  return job.labels.job ?? job.job;
}

/** Whether a PromQL matcher accepts a value (regexes are anchored, as in PromQL). */
export function matcherAccepts(m: Pick<MatcherRef, 'op' | 'value'>, value: string): boolean | undefined {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    default: {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${m.value})$`, 's');
      } catch {
        return undefined; // RE2 syntax JavaScript does not read: cannot tell
      }
      return m.op === '=~' ? re.test(value) : !re.test(value);
    }
  }
}

/**
 * The jobs that store a scraped `label` (job, instance) with the target's own value: `honorLabels`
 * jobs scraping a metric that declares the label (a Pushgateway's or a federation's series carry
 * the pushing job's `job`). Such series can have any value of it, not only the job's name.
 */
export function jobsHonouring(model: Model, entry: SeriesEntry | undefined, label: string): ScrapeJobModel[] {
  const metric = entry?.metric;
  if (!metric || !metric.labels.includes(label)) return [];
  return model.prometheus.scrapeJobs.filter((j) => j.honorLabels === true && (metric.jobs === undefined || metric.jobs.includes(j.job)));
}

/**
 * The jobs a selector can read from: those its `job` matchers accept (and the jobs honouring the
 * metric's own `job` label, whatever its value), else (no matcher) the jobs the
 * metric declares (`jobs`), else the jobs of the metric's exporter when one is named like it, else every job. Empty when no job can match.
 */
export function jobsOf(model: Model, s: SelectorRef, entry: SeriesEntry | undefined): ScrapeJobModel[] {
  const jobs = model.prometheus.scrapeJobs;
  const matchers = s.matchers.filter((m) => m.label === 'job');
  if (matchers.length > 0) {
    const honouring = jobsHonouring(model, entry, 'job');
    return jobs.filter((j) => honouring.includes(j) || matchers.every((m) => matcherAccepts(m, jobLabel(j)) !== false));
  }
  const declared = entry?.metric?.jobs;
  if (declared !== undefined) return jobs.filter((j) => declared.includes(j.job));
  const exporter = entry?.metric?.exporter;
  if (exporter !== undefined) {
    const named = jobs.filter((j) => jobLabel(j) === exporter);
    if (named.length > 0) return named;
  }
  return [...jobs];
}

/**
 * The jobs whose series a selector surely reads, a subset of jobsOf's: the jobs its `job` matchers
 * name (`job="a"`, `job=~"a|b"`: a regex that lists its values, every `job` matcher of the selector
 * accepting them), narrowed to the jobs the metric declares when it does; without such a matcher,
 * the jobs the metric declares, or the jobs of its exporter. Empty when only candidates are known
 * (no matcher and nothing declared, or a matcher that lists nothing: `job=~"shop-.*"`, `job!="x"`),
 * as jobs honouring the metric's own `job` label are (their series may carry any job).
 */
export function jobsSurelyRead(model: Model, s: SelectorRef, entry: SeriesEntry | undefined): ScrapeJobModel[] {
  const candidates = jobsOf(model, s, entry);
  const matchers = s.matchers.filter((m) => m.label === 'job');
  const declared = entry?.metric?.jobs;
  if (matchers.length === 0) {
    if (declared !== undefined) return candidates;
    const exporter = entry?.metric?.exporter;
    return exporter !== undefined && candidates.every((j) => jobLabel(j) === exporter) ? candidates : [];
  }
  const named = new Set<string>();
  for (const m of matchers) {
    const listed = m.op === '=' ? [m.value] : m.op === '=~' ? finiteMatches(m.value) : undefined;
    if (listed) for (const value of listed) named.add(value);
  }
  const honouring = jobsHonouring(model, entry, 'job');
  return candidates.filter(
    (j) => !honouring.includes(j) && matchers.every((m) => matcherAccepts(m, jobLabel(j)) === true) && (declared !== undefined ? declared.includes(j.job) : named.has(jobLabel(j))),
  );
}

/** Each relabel rule of a job, with the list it is in (`relabel` or `metricRelabel`) and its index. */
export function relabelRulesOf(job: ScrapeJobModel): Array<{ list: 'relabel' | 'metricRelabel'; index: number; rule: RelabelRuleInput }> {
  return [
    ...job.relabel.map((rule, index) => ({ list: 'relabel' as const, index, rule })),
    ...job.metricRelabel.map((rule, index) => ({ list: 'metricRelabel' as const, index, rule })),
  ];
}
