import type { Check, Finding } from './check.js';
import type { Located, Model } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { LABEL_NAME } from '../model/names.js';
import { ALERTMANAGER_VERSIONS, atLeast, FACTS, has, lacking, PROMETHEUS_VERSIONS, type FactId } from '../model/version-facts.js';
import { relabelRulesOf } from './scrape-jobs.js';

const ORIGIN = { config: 'from totem-mon.config.ts', project: 'from the project', installed: 'the installed tool', default: 'the default' } as const;

/** Every use of a version-gated feature in the model: which fact, what uses it, where. */
function* uses(model: Model): Generator<{ fact: FactId; what: string; at: Located }> {
  for (const group of model.ruleGroups) {
    for (const rule of group.rules) {
      if (rule.kind === 'alert' && rule.keepFiringFor !== undefined) yield { fact: 'keepFiringFor', what: `alert ${rule.name}`, at: locatedAt(rule, 'keepFiringFor') };
    }
  }
  for (const job of model.prometheus.scrapeJobs) {
    if (job.scrapeProtocols !== undefined) yield { fact: 'scrapeProtocols', what: `scrape job "${job.job}"`, at: locatedAt(job, 'scrapeProtocols') };
    for (const { list, index, rule } of relabelRulesOf(job)) {
      const where = `scrape job "${job.job}" ${list}[${index}]`;
      if (rule.action === 'keepequal' || rule.action === 'dropequal') yield { fact: 'keepEqual', what: where, at: locatedAt(job, `${list}[${index}]`, 'action') };
      if (rule.action === 'lowercase' || rule.action === 'uppercase') yield { fact: 'changeCase', what: where, at: locatedAt(job, `${list}[${index}]`, 'action') };
      if ('targetLabel' in rule && !rule.targetLabel.includes('$') && !LABEL_NAME.test(rule.targetLabel)) {
        yield { fact: 'utf8Names', what: `${where} (targetLabel ${JSON.stringify(rule.targetLabel)})`, at: locatedAt(job, `${list}[${index}]`, 'targetLabel') };
      }
    }
  }
}

/**
 * A field the target version lacks: Prometheus or Alertmanager would refuse the file (or, for a
 * label name, the series). The facts, with their sources, are in src/model/version-facts.ts.
 */
export const versionUnsupported: Check = {
  id: 'version/unsupported',
  severity: 'error',
  description: 'Definitions use only what the target Prometheus and Alertmanager versions have (versions: { prometheus, alertmanager }).',
  run({ model }, report) {
    const targets = model.versions;
    for (const use of uses(model)) {
      if (has(targets, use.fact)) continue;
      const program = FACTS[use.fact].program;
      const gap = lacking(use.fact, targets[program]);
      const supported: readonly string[] = program === 'prometheus' ? PROMETHEUS_VERSIONS : ALERTMANAGER_VERSIONS;
      const enough = supported.find((v) => atLeast(v, FACTS[use.fact].since));
      const finding: Finding = {
        message: `${use.what} uses ${gap.feature}, which ${gap.target} (the target version, ${ORIGIN[targets.from[program]]}) does not have: it came in ${gap.since}`,
        hint: enough
          ? `if your ${program === 'prometheus' ? 'Prometheus' : 'Alertmanager'} is ${FACTS[use.fact].since} or newer, set versions: { ${program}: '${enough}' } in defineProject or totem-mon.config.ts; otherwise remove it`
          : 'remove it',
        ...use.at,
      };
      report(finding);
    }
  },
};
