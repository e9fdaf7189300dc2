/**
 * Every label name a series a query sees may carry, as far as the project tells: for a selector
 * without a metric name (`{mehtod="GET"}`), which may match any series. Undefined when the project
 * cannot tell (a relabeling writes labels named from discovered metadata).
 */
import type { AnalyzedExpression } from './check.js';
import type { Catalogue } from '../model/catalogue.js';
import { scrapeLabelNames } from '../model/catalogue.js';
import { writtenLabel } from '../model/scrape-labels.js';
import { OPERATOR_LABELS } from '../model/service-monitor.js';
import type { Model, ScrapeJobModel } from '../model/types.js';

/** Labels any histogram or summary carries, declared in the catalogue or not (an exporter's, Prometheus' own). */
const BUCKET_LABELS = ['le', 'quantile'];
/** Labels Prometheus writes on its ALERTS and ALERTS_FOR_STATE series. */
const ALERT_SERIES_LABELS = ['alertname', 'alertstate'];

/** Whether a job's relabelings write labels whose names the definitions do not tell (`labelmap`, `targetLabel: '$1'`). */
function writesUnnamedLabels(job: ScrapeJobModel): boolean {
  return [...job.relabel, ...job.metricRelabel].some((rule) => {
    const action = rule.action ?? 'replace';
    if (action === 'labelmap') return writtenLabel(rule) === undefined;
    return 'targetLabel' in rule && typeof rule.targetLabel === 'string' && rule.targetLabel.includes('$');
  });
}

export function labelNamesAnywhere(model: Model, catalogue: Catalogue, expressions: readonly AnalyzedExpression[]): ReadonlySet<string> | undefined {
  const jobs = model.prometheus.scrapeJobs;
  if (jobs.some(writesUnnamedLabels)) return undefined;
  const names = new Set<string>([...BUCKET_LABELS, ...ALERT_SERIES_LABELS, ...scrapeLabelNames(model), ...Object.keys(model.prometheus.externalLabels)]);
  if (jobs.some((j) => j.kubernetes)) for (const l of OPERATOR_LABELS) names.add(l);
  for (const name of catalogue.names()) {
    const entry = catalogue.get(name);
    for (const l of entry?.labels ?? []) names.add(l);
    for (const l of entry?.dropped ?? []) names.add(l);
  }
  // Rules' own labels: on recorded series, and on ALERTS.
  for (const group of model.ruleGroups) for (const rule of group.rules) for (const l of Object.keys(rule.labels)) names.add(l);
  // A recorded series whose labels are not known exactly may carry any label its expression names.
  for (const e of expressions) {
    if (e.context !== 'record' || catalogue.get(e.owner)?.labels !== undefined) continue;
    const { result, selectors, groupings } = e.analysis;
    if (result.kind === 'vector') for (const l of result.labels) names.add(l);
    for (const s of selectors) for (const m of s.matchers) names.add(m.label);
    for (const g of groupings) names.add(g.label);
  }
  return names;
}
