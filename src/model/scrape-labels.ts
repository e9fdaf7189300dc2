/**
 * What a scrape job does to the labels of the series it scrapes, read from its definition: the
 * labels it adds (static `labels`, and the target labels of its relabelings that a reader can name)
 * and the ones its `metricRelabel` removes. Only what is certain from the definition counts: a
 * label named by a regex group (`$1`) or copied by `labelmap` from discovered metadata is unknown.
 */
import type { RelabelRuleInput } from './schema/prometheus.js';
import type { ScrapeJobModel } from './types.js';
import { re2 } from './re2.js';

const WRITES_TARGET = new Set(['replace', 'lowercase', 'uppercase', 'hashmod']);

/** The label a rule writes when it can be read from the definition (not `__…`, not built from `$1`). */
export function writtenLabel(rule: RelabelRuleInput): string | undefined {
  if (!WRITES_TARGET.has(rule.action ?? 'replace')) {
    if (rule.action === 'labelmap' && rule.replacement !== undefined && !rule.replacement.includes('$')) return plain(rule.replacement);
    return undefined;
  }
  return 'targetLabel' in rule ? plain(rule.targetLabel) : undefined;
}

function plain(label: string): string | undefined {
  return label.startsWith('__') || label.includes('$') ? undefined : label;
}

/** The labels a job adds to every series it scrapes (besides `job` and `instance`), in definition order. */
export function addedLabels(job: ScrapeJobModel): string[] {
  const names = new Set(Object.keys(job.labels));
  for (const rule of [...job.relabel, ...job.metricRelabel]) {
    const label = writtenLabel(rule);
    if (label !== undefined) names.add(label);
  }
  return [...names];
}

/** The `metricRelabel` rule that removes `label` from every series the job stores, if one does. */
export function droppingRule(job: ScrapeJobModel, label: string): { rule: { action: 'labeldrop' | 'labelkeep'; regex: string }; index: number } | undefined {
  for (const [index, rule] of job.metricRelabel.entries()) {
    if (rule.action !== 'labeldrop' && rule.action !== 'labelkeep') continue;
    const regex = re2(rule.regex);
    if (!regex.ok) continue;
    if (regex.matches(label) === (rule.action === 'labeldrop')) return { rule: { action: rule.action, regex: rule.regex }, index };
  }
  return undefined;
}
