import type { Check } from './check.js';
import { at, hasVariable, ownerName } from './check.js';
import { didYouMean } from '../suggest.js';
import { jobLabel, jobsHonouring, matcherAccepts } from './scrape-jobs.js';
import { deadAlternatives } from '../promql/regex-alternatives.js';

/** A job name as written without regex syntax (`.` read as itself, as users mean it in `api.v2`). */
const PLAIN_NAME = /^[A-Za-z0-9_\-.:/]+$/;

/**
 * `job="x"` where no scrape job gives series the job label x: the selector never matches. Job
 * values come from the scrape jobs (their name, or a static `job` label) and from rule labels
 * (recorded series and ALERTS may carry a `job` a rule sets). Series the project does not scrape
 * itself stay quiet: ALERTS, metrics not in the catalogue, and exporter metrics are a warning (they
 * may come from another Prometheus by federation or remote write), and so do metrics that declare
 * a `job` label of their own, scraped by an `honorLabels` job (Pushgateway). Grafana variables are skipped.
 */
export const promqlUnknownJob: Check = {
  id: 'promql/unknown-job',
  severity: 'error',
  description: 'A job matcher names a job that some scrape job (or rule label) produces.',
  run({ expressions, model, catalogue }, report) {
    if (model.prometheus.scrapeJobs.length === 0) return;
    const known = new Set(model.prometheus.scrapeJobs.map(jobLabel));
    for (const group of model.ruleGroups) for (const rule of group.rules) if (rule.labels.job !== undefined) known.add(rule.labels.job);
    const knownList = [...known].sort();
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        const entry = s.name !== undefined ? catalogue.get(s.name) : undefined;
        if (!entry || (!entry.metric && !entry.record)) continue;
        // Scraped with honor_labels and declaring `job`: the series keep the job label they were pushed with.
        if (jobsHonouring(model, entry, 'job').length > 0) continue;
        for (const m of s.matchers) {
          if (m.label !== 'job' || (m.op !== '=' && m.op !== '=~') || hasVariable(e, m.from, m.to)) continue;
          let unknown: string[];
          // Of a regex, each alternative (`a|b`, `^(a|b)$`, `(a|b)-.*`'s one) that matches no job.
          let parts = 1;
          if (m.op === '=') unknown = m.value === '' || known.has(m.value) ? [] : [m.value];
          else {
            const found = deadAlternatives(m.value, knownList);
            if (found) {
              unknown = found.dead;
              parts = found.count;
            } else unknown = knownList.some((j) => matcherAccepts(m, j) !== false) ? [] : [m.value];
          }
          if (unknown.length === 0) continue;
          const exporter = entry.metric?.exporter;
          const names = unknown.map((v) => `"${v}"`).join(', ');
          const plain = unknown.every((v) => PLAIN_NAME.test(v));
          // A job whose static job label renames it: say so rather than guess by spelling.
          const renamed = model.prometheus.scrapeJobs.find((j) => unknown.includes(j.job) && jobLabel(j) !== j.job);
          const suggestion = renamed
            ? ` Scrape job "${renamed.job}" labels its series job="${jobLabel(renamed)}".`
            : unknown.length === 1 && plain
              ? didYouMean(unknown[0]!, knownList)
              : '';
          report({
            ...(exporter !== undefined ? { severity: 'warning' as const } : {}),
            message: `${ownerName(e)} selects ${s.name}{${e.text.slice(m.from, m.to)}}, but ${plain ? `no scrape job is named ${names}` : `the regex ${names} matches no scrape job`}: ${unknown.length === parts ? 'the selector matches nothing' : 'that part of the regex matches nothing'}${suggestion ? `.${suggestion}` : ''}`,
            hint: `scrape jobs: ${knownList.join(', ')}${exporter !== undefined ? ` (if ${exporter} metrics reach Prometheus another way, ignore this check for the rule)` : ''}`,
            ...at(e, m.from, m.to),
          });
        }
      }
    }
  },
};
