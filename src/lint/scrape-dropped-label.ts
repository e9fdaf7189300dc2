import type { Check } from './check.js';
import { at, hasVariable, ownerName } from './check.js';
import { droppingRule } from '../model/scrape-labels.js';
import { jobsOf } from './scrape-jobs.js';
import type { ScrapeJobModel } from '../model/types.js';

/** The jobs' rules dropping `label`, when every one of them drops it (else undefined). */
function droppedByAll(jobs: readonly ScrapeJobModel[], label: string): string | undefined {
  if (jobs.length === 0) return undefined;
  const rules = jobs.map((job) => ({ job, found: droppingRule(job, label) }));
  if (rules.some((r) => r.found === undefined)) return undefined;
  return rules.map((r) => `"${r.job.job}" metricRelabel[${r.found!.index}] (${r.found!.rule.action} ${JSON.stringify(r.found!.rule.regex)})`).join(', ');
}

/**
 * A label used in an expression that the `metricRelabel` of every job scraping the metric removes
 * (labeldrop matching it, labelkeep not): the series are stored without it, so the matcher never
 * matches (or `by` puts every series in one group). The jobs of a selector are those its `job`
 * matcher names, else those of the metric's exporter, else every job.
 */
export const scrapeDroppedLabel: Check = {
  id: 'scrape/dropped-label',
  severity: 'error',
  description: 'Expressions do not use a label that metricRelabel removes from the series (labeldrop/labelkeep of every job scraping the metric).',
  run({ expressions, model, catalogue }, report) {
    if (!model.prometheus.scrapeJobs.some((j) => j.metricRelabel.length > 0)) return;
    for (const e of expressions) {
      const scraped = e.analysis.selectors.flatMap((s) => {
        const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
        return entry?.metric ? [{ s, jobs: jobsOf(model, s, entry) }] : [];
      });
      for (const { s, jobs } of scraped) {
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
        if ((g.clause !== 'by' && g.clause !== 'on') || hasVariable(e, g.from, g.to)) continue;
        const each = scraped.map(({ jobs }) => droppedByAll(jobs, g.label));
        if (each.some((r) => r === undefined)) continue;
        report({
          message: `${ownerName(e)} uses ${g.clause} (${g.label}), but scrape job ${each[0]} removes "${g.label}" before storage: every series falls in one group`,
          hint: 'keep the label (narrow the rule\'s regex) or group by another label',
          ...at(e, g.from, g.to),
        });
      }
    }
  },
};
