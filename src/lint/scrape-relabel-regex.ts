import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { re2 } from '../model/re2.js';
import { relabelRulesOf } from './scrape-jobs.js';

export const scrapeRelabelRegex: Check = {
  id: 'scrape/relabel-regex',
  severity: 'error',
  description: "Relabel regexes compile in Go's RE2, the engine Prometheus uses (no lookarounds, no backreferences).",
  run({ model }, report) {
    for (const job of model.prometheus.scrapeJobs) {
      for (const { list, index, rule } of relabelRulesOf(job)) {
        if (!('regex' in rule) || rule.regex === undefined) continue;
        const compiled = re2(rule.regex);
        if (compiled.ok) continue;
        report({
          message: `scrape job "${job.job}" ${list}[${index}]: regex ${JSON.stringify(rule.regex)} does not compile in RE2, so Prometheus refuses the configuration (${compiled.error})`,
          hint: 'RE2 has no lookahead or lookbehind ((?=, (?!, (?<=, (?<!) and no backreferences (\\1): match with groups and split the condition into keep/drop rules',
          ...locatedAt(job, `${list}[${index}]`, 'regex'),
        });
      }
    }
  },
};
