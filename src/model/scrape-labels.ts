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

/** A `metricRelabel` rule that removes a label, as messages name it (`labeldrop "pod_template_hash|id"`, `replace env with ""`). */
export interface RemovingRule {
  index: number;
  what: string;
}

/**
 * The `metricRelabel` rule that removes `label` from every series the job stores, if one does: a
 * labeldrop whose regex matches it, a labelkeep whose regex does not, a replace that always writes
 * it empty (no regex or `(.*)`, replacement `""`: Prometheus deletes an empty label). Read in order,
 * as Prometheus runs them: a later rule that may write the label again (a replace or hashmod to it,
 * a labelmap whose replacement may name it; a labelmap copies, it never removes) gives it back.
 */
export function droppingRule(job: ScrapeJobModel, label: string): RemovingRule | undefined {
  let found: RemovingRule | undefined;
  for (const [index, rule] of job.metricRelabel.entries()) {
    const action = rule.action ?? 'replace';
    if (action === 'labeldrop' || action === 'labelkeep') {
      const regex = re2((rule as { regex: string }).regex);
      if (regex.ok && regex.matches(label) === (action === 'labeldrop')) found = { index, what: `${action} ${JSON.stringify((rule as { regex: string }).regex)}` };
    } else if (action === 'labelmap') {
      const r = rule as { regex: string; replacement?: string };
      const replacement = r.replacement ?? '$1';
      if (replacement.includes('$') || replacement === label) found = undefined;
    } else if (action === 'replace') {
      const r = rule as { regex?: string; targetLabel: string; replacement?: string };
      if (r.targetLabel !== label && !r.targetLabel.includes('$')) continue;
      const replacement = r.replacement ?? '$1';
      const always = r.regex === undefined || MATCHES_ALL.has(r.regex);
      if (r.targetLabel === label && replacement === '') {
        if (always) found = { index, what: `replace ${label} with ""` };
      } else found = undefined;
    } else if ('targetLabel' in rule && action !== 'keepequal' && action !== 'dropequal' && (rule.targetLabel === label || rule.targetLabel.includes('$'))) {
      found = undefined;
    }
  }
  return found;
}

/** A regex that matches every value (the relabel default `(.*)`): a replace with it always writes. */
const MATCHES_ALL = new Set(['(.*)', '.*', '(.+)?']);

/** What a job's `metricRelabel` does to the series of a selector, as far as its known label values tell. */
export interface MetricRelabelFate {
  /** The drop/keep rule that removes the series, when its source values are all known. */
  drops?: { index: number; rule: RelabelRuleInput };
  /** Labels a replace sets to a literal value on every series it sees, with that rule. */
  literals: Map<string, { value: string; index: number }>;
}

/**
 * Walks a job's `metricRelabel` as Prometheus runs it on one series, from the label values known
 * before it (`known`: the name, the target labels, the selector's `=` values): the first drop/keep
 * whose source values are all known and that removes the series, and the labels replaces set to a
 * literal value. A value a rule changes in a way the definition does not tell becomes unknown.
 */
export function metricRelabelFate(job: ScrapeJobModel, known: ReadonlyMap<string, string>): MetricRelabelFate {
  const values = new Map(known);
  const literals = new Map<string, { value: string; index: number }>();
  const unknown = (label: string) => {
    values.delete(label);
    literals.delete(label);
  };
  for (const [index, rule] of job.metricRelabel.entries()) {
    const action = rule.action ?? 'replace';
    if (action === 'drop' || action === 'keep') {
      const r = rule as { sourceLabels: string[]; separator?: string; regex: string };
      const sources = r.sourceLabels.map((l) => values.get(l));
      const regex = re2(r.regex);
      if (!regex.ok || sources.some((v) => v === undefined)) continue;
      if (regex.matches(sources.join(r.separator ?? ';')) === (action === 'drop')) return { drops: { index, rule }, literals };
    } else if (action === 'labeldrop' || action === 'labelkeep') {
      const regex = re2((rule as { regex: string }).regex);
      for (const label of [...values.keys()]) {
        if (label === '__name__') continue;
        if (!regex.ok) unknown(label);
        else if (regex.matches(label) === (action === 'labeldrop')) {
          values.set(label, '');
          literals.delete(label);
        }
      }
    } else if (action === 'replace') {
      const r = rule as { sourceLabels?: string[]; separator?: string; regex?: string; targetLabel: string; replacement?: string };
      const replacement = r.replacement ?? '$1';
      if (r.targetLabel.includes('$')) {
        for (const label of [...values.keys()]) unknown(label);
        continue;
      }
      const always = (r.regex === undefined || MATCHES_ALL.has(r.regex)) && !replacement.includes('$');
      if (always) {
        values.set(r.targetLabel, replacement);
        literals.set(r.targetLabel, { value: replacement, index });
      } else unknown(r.targetLabel);
    } else if (action === 'labelmap') {
      for (const label of [...values.keys()]) unknown(label);
    } else if ('targetLabel' in rule && action !== 'keepequal' && action !== 'dropequal') {
      unknown(rule.targetLabel);
    }
  }
  return { literals };
}

/** Labels a `metricRelabel` rule may write (replace, hashmod, …; a labelmap any). */
export function metricRelabelWrites(job: ScrapeJobModel, label: string): boolean {
  return job.metricRelabel.some((rule) => rule.action === 'labelmap' || ('targetLabel' in rule && (rule.targetLabel === label || rule.targetLabel.includes('$')) && rule.action !== 'keepequal' && rule.action !== 'dropequal'));
}
