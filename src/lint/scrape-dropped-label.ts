import type { AnalyzedExpression, Check, Finding } from './check.js';
import { at, hasVariable, ownerName } from './check.js';
import { droppingRule, metricRelabelFate, metricRelabelWrites } from '../model/scrape-labels.js';
import { jobLabel, jobsOf, matcherAccepts } from './scrape-jobs.js';
import type { ScrapeJobModel } from '../model/types.js';
import type { RelabelRuleInput } from '../model/schema/prometheus.js';
import type { GroupingClause, SelectorRef } from '../promql/analyze.js';
import type { Severity } from '../diagnostic.js';
import { routingDrops } from './scrape-dropped-routing.js';
import { clauseLacksWithoutScrape } from './scrape-removed.js';

/** The jobs' rules dropping `label`, when every one of them drops it (else undefined). */
function droppedByAll(jobs: readonly ScrapeJobModel[], label: string): string | undefined {
  if (jobs.length === 0) return undefined;
  const rules = jobs.map((job) => ({ job, found: droppingRule(job, label) }));
  if (rules.some((r) => r.found === undefined)) return undefined;
  return rules.map((r) => `"${r.job.job}" metricRelabel[${r.found!.index}] (${r.found!.what})`).join(', ');
}

/** What the selector tells of a series' labels before the job's metricRelabel: its name, the job's target labels, its `=` values of labels no rule writes. */
function knownValues(job: ScrapeJobModel, s: SelectorRef): Map<string, string> {
  const known = new Map<string, string>([['__name__', s.name!]]);
  // With honor_labels the scraped values win over the job's: only the name is certain.
  if (job.honorLabels !== true) {
    for (const [label, value] of Object.entries(job.labels)) known.set(label, value);
    known.set('job', jobLabel(job));
  }
  for (const m of s.matchers) if (m.op === '=' && m.label !== '__name__' && !metricRelabelWrites(job, m.label)) known.set(m.label, m.value);
  return known;
}

const ruleText = (job: ScrapeJobModel, index: number, rule: RelabelRuleInput) => {
  const r = rule as { action?: string; sourceLabels?: string[]; regex?: string; targetLabel?: string; replacement?: string };
  const what = r.action === 'drop' || r.action === 'keep' ? `${r.action} ${(r.sourceLabels ?? []).join(',')} ${JSON.stringify(r.regex)}` : `replace ${r.targetLabel} with ${JSON.stringify(r.replacement ?? '$1')}`;
  return `"${job.job}" metricRelabel[${index}] (${what})`;
};

/**
 * A selector every job scraping it stores nothing for: a drop/keep removes its series (on the
 * name, or on label values the selector or the job fixes), or a replace sets a label it matches on
 * to a value the matcher refuses.
 */
function reportSeriesFates(e: AnalyzedExpression, s: SelectorRef, jobs: readonly ScrapeJobModel[], report: (finding: Finding) => void): void {
  if (jobs.length === 0 || s.name === undefined) return;
  const fates = jobs.map((job) => ({ job, fate: metricRelabelFate(job, knownValues(job, s)) }));
  if (fates.every((f) => f.fate.drops)) {
    report({
      message: `${ownerName(e)} selects ${s.name}, but scrape job ${fates.map((f) => ruleText(f.job, f.fate.drops!.index, f.fate.drops!.rule)).join(', ')} drops those series before storage: the selector matches nothing`,
      hint: "keep the series (narrow the rule's regex) or select one the job stores",
      ...at(e, s.from, s.to),
    });
    return;
  }
  for (const m of s.matchers) {
    if (m.label === '__name__' || m.label === 'job' || hasVariable(e, m.from, m.to)) continue;
    // Written empty by every job: the label is removed, which the run's matcher loop reports.
    if (droppedByAll(jobs, m.label) !== undefined) continue;
    const written = fates.map((f) => f.fate.drops ? undefined : f.fate.literals.get(m.label));
    if (written.some((w, i) => !fates[i]!.fate.drops && (w === undefined || matcherAccepts(m, w.value) !== false))) continue;
    const which = fates.filter((f) => !f.fate.drops).map((f) => ruleText(f.job, f.fate.literals.get(m.label)!.index, f.job.metricRelabel[f.fate.literals.get(m.label)!.index]!));
    report({
      message: `${ownerName(e)} filters "${s.name}" on ${e.text.slice(m.from, m.to)}, but scrape job ${which.join(', ')} sets "${m.label}" on every series before storage: the selector matches nothing`,
      hint: `match the value the rule writes (${JSON.stringify(written.find((w) => w)!.value)}) or change the rule`,
      ...at(e, m.from, m.to),
    });
  }
}

const KEEP = "keep the label (narrow the rule's regex)";

/**
 * What a clause on a label the scrape removes does, and the hint. Removing or ignoring a label that
 * is never there does nothing (a warning, as promql/unknown-label's for a label the series lack):
 * the author expects a label that is gone.
 */
const CLAUSE_EFFECT: Record<GroupingClause, { effect: string; hint: string; severity?: Severity }> = {
  by: { effect: 'every series falls in one group', hint: `${KEEP} or group by another label` },
  on: { effect: 'every series falls in one group', hint: `${KEEP} or group by another label` },
  without: { effect: 'nothing is removed', hint: `${KEEP} or remove the label from without (…): it is never there`, severity: 'warning' },
  ignoring: { effect: 'nothing is ignored', hint: `${KEEP} or remove the label from ignoring (…): it is never there`, severity: 'warning' },
  group_left: { effect: 'it copies an empty value', hint: `${KEEP} or remove the label from group_left (…)` },
  group_right: { effect: 'it copies an empty value', hint: `${KEEP} or remove the label from group_right (…)` },
};

/**
 * A label used in an expression that the `metricRelabel` of every job scraping the metric removes
 * (labeldrop matching it, labelkeep not): the series are stored without it, so the matcher never
 * matches (or `by` puts every series in one group). The jobs of a selector are those its `job`
 * matcher names, else those of the metric's exporter, else every job. Alertmanager's routing on
 * such a label, when no alert concerned can carry it: scrape-dropped-routing.ts.
 */
export const scrapeDroppedLabel: Check = {
  id: 'scrape/dropped-label',
  severity: 'error',
  description: 'Expressions do not use what metricRelabel removes before storage: series a drop/keep removes, labels a labeldrop/labelkeep (or a replace writing them empty) removes, values a replace overwrites (every job scraping the metric); nor do Alertmanager routes and inhibit rules on a label no alert concerned can carry.',
  run(context, report) {
    const { expressions, model, catalogue } = context;
    if (!model.prometheus.scrapeJobs.some((j) => j.metricRelabel.length > 0)) return;
    // Alertmanager's routing on a label the alerts cannot carry (scrape-dropped-routing.ts).
    for (const d of routingDrops(context)) report(d.finding);
    for (const e of expressions) {
      const scraped = e.analysis.selectors.flatMap((s) => {
        const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
        return entry?.metric ? [{ s, jobs: jobsOf(model, s, entry) }] : [];
      });
      for (const { s, jobs } of scraped) {
        reportSeriesFates(e, s, jobs, report);
        for (const m of s.matchers) {
          if (m.label === 'job' || m.label === '__name__' || hasVariable(e, m.from, m.to)) continue;
          const rules = droppedByAll(jobs, m.label);
          if (rules === undefined) continue;
          report({
            message: `${ownerName(e)} filters "${s.name}" on label "${m.label}", which scrape job ${rules} removes before storage: the series never carry it`,
            hint: `keep the label (narrow the rule's regex) or stop using it here`,
            ...at(e, m.from, m.to),
          });
        }
      }
      if (scraped.length === 0) continue;
      for (const g of e.analysis.groupings) {
        if (hasVariable(e, g.from, g.to)) continue;
        const each = scraped.map(({ jobs }) => droppedByAll(jobs, g.label));
        if (each.some((r) => r === undefined)) continue;
        // The expression drops it before the clause anyway (`sum by (pod) (sum by (job) (x))`): promql/unknown-label reports it.
        if (clauseLacksWithoutScrape(context, e, g)) continue;
        const { effect, hint, severity } = CLAUSE_EFFECT[g.clause];
        report({
          ...(severity ? { severity } : {}),
          message: `${ownerName(e)} uses ${g.clause} (${g.label}), but scrape job ${each[0]} removes "${g.label}" before storage: ${effect}`,
          hint,
          ...at(e, g.from, g.to),
        });
      }
    }
  },
};
