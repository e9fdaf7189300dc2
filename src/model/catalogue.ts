/** The catalogue as the checks (and the generated docs) see it: every series name an expression may select (metrics expanded, recorded series with their inferred labels). */
import type { MetricModel, Model, RecordModel } from './types.js';
import { TARGET_LABELS } from './names.js';
import { addedLabels, droppingRule } from './scrape-labels.js';
import { records } from './select.js';
import { metricSeries, type SeriesSuffix } from '../api/metric-series.js';
import { analyzePromql, type SeriesLookup } from '../promql/analyze.js';
import { flatRoot, parsePromql, type ParsedExpr } from '../promql/parse.js';
import { valueKind, type ValueKind } from '../promql/value-kind.js';
import { counterCombination, type CounterCombination } from '../promql/counter-combination.js';

/** One series name an expression may select, and what it is. */
export interface SeriesEntry {
  name: string;
  /** The catalogue metric it belongs to, or the recording rule that produces it. */
  metric?: MetricModel;
  record?: RecordModel;
  suffix: SeriesSuffix;
  /** counter-like: safe for rate/increase (counters, and histogram/summary _bucket/_sum/_count). */
  counterLike: boolean;
  /** What its values are: a counter, a rate, a gauge (recorded series: inferred from the expression). */
  kind: ValueKind;
  /** Labels it carries, target labels included; undefined when not known exactly. */
  labels?: readonly string[];
  /**
   * A recorded counter whose expression combined counters of several targets (`sum by (job) (x_total)`):
   * rate() over it sees every reset of one of them as a reset of the whole (promql/rate-over-sum).
   */
  combination?: CounterCombination;
  /** Declared labels the `metricRelabel` of every job scraping it removes (not in `labels`: scrape/dropped-label names the rule). */
  dropped?: readonly string[];
}

export interface Catalogue {
  get(name: string): SeriesEntry | undefined;
  /** Every known series name, sorted (for "did you mean" hints). */
  names(): string[];
  lookup: SeriesLookup;
}

/**
 * Labels every scraped series carries besides its own: `job` and `instance`, and the labels scrape
 * jobs add (`scrapeJob({ labels: { cluster: 'a' } })`, a relabeling's `targetLabel`). A metric that
 * names its `jobs` gets theirs; otherwise which job scrapes it is not declared, so a label any job
 * adds counts for it. External labels are not here: Prometheus adds them only to what leaves it
 * (alerts, federation, remote write), never to series a query sees.
 */
export function scrapeLabelNames(model: Pick<Model, 'prometheus'>, metric?: Pick<MetricModel, 'jobs'>): string[] {
  const names = new Set<string>(TARGET_LABELS);
  const jobs = model.prometheus.scrapeJobs.filter((j) => metric?.jobs === undefined || metric.jobs.includes(j.job));
  for (const job of jobs) for (const label of addedLabels(job)) names.add(label);
  return [...names];
}

/**
 * The labels of a metric that the `metricRelabel` of every job that may scrape it removes
 * (labeldrop/labelkeep): the stored series never carry them. `job` and `instance` stay, as the
 * checks that reason about them expect.
 */
function droppedLabels(model: Pick<Model, 'prometheus'>, metric: Pick<MetricModel, 'jobs'>, labels: readonly string[]): string[] {
  const jobs = model.prometheus.scrapeJobs.filter((j) => metric.jobs === undefined || metric.jobs.includes(j.job));
  if (jobs.length === 0 || jobs.every((j) => j.metricRelabel.length === 0)) return [];
  return labels.filter((label) => !(TARGET_LABELS as readonly string[]).includes(label) && jobs.every((job) => droppingRule(job, label) !== undefined));
}

/**
 * Series names from the metric catalogue (histogram and summary series expanded) and from
 * recording rules (their labels inferred from their expressions, in definition order). `parse`
 * gives a recording rule's parse (the run's table gives the one it keeps: src/model/promql-table.ts).
 */
export function buildCatalogue(model: Pick<Model, 'metrics' | 'ruleGroups' | 'prometheus'>, parse: (text: string) => ParsedExpr = parsePromql): Catalogue {
  const scraped = scrapeLabelNames(model);
  const entries = new Map<string, SeriesEntry>();
  const add = (entry: SeriesEntry) => {
    if (!entries.has(entry.name)) entries.set(entry.name, entry);
  };
  for (const metric of model.metrics) {
    const all = [...new Set([...metric.labels, ...(metric.jobs ? scrapeLabelNames(model, metric) : scraped)])];
    const dropped = droppedLabels(model, metric, all);
    const labels = dropped.length > 0 ? all.filter((l) => !dropped.includes(l)) : all;
    for (const part of metricSeries(metric)) {
      add({
        name: part.name,
        metric,
        suffix: part.suffix,
        counterLike: part.counterLike,
        kind: part.counterLike ? 'counter' : 'gauge',
        labels: part.extraLabel ? [...labels, part.extraLabel] : labels,
        ...(dropped.length > 0 ? { dropped } : {}),
      });
    }
  }
  const lookup: SeriesLookup = (name) => entries.get(name)?.labels;
  for (const rule of records(model)) {
    const { result, parsed } = analyzePromql(rule.expr, lookup, parse(rule.expr));
    const kindOf = (name: string) => entries.get(name)?.kind ?? 'unknown';
    const kind = valueKind(parsed, kindOf);
    const entry: SeriesEntry = { name: rule.name, record: rule, suffix: '', counterLike: false, kind };
    if (kind === 'counter') {
      const flat = flatRoot(parsed);
      const combination = flat && counterCombination(rule.expr, flat.tree, flat.root, kindOf, (name) => entries.get(name)?.combination);
      if (combination) entry.combination = combination;
    }
    if (result.kind === 'vector' && result.exact) entry.labels = [...new Set([...result.labels, ...Object.keys(rule.labels)])];
    add(entry);
  }
  // Series Prometheus itself writes for alerting rules; their labels depend on each alert.
  add({ name: 'ALERTS', suffix: '', counterLike: false, kind: 'gauge' });
  add({ name: 'ALERTS_FOR_STATE', suffix: '', counterLike: false, kind: 'gauge' });
  const sorted = [...entries.keys()].sort();
  return { get: (name) => entries.get(name), names: () => sorted, lookup };
}
