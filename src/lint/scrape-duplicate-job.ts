import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

export const scrapeDuplicateJob: Check = {
  id: 'scrape/duplicate-job',
  severity: 'error',
  description: 'Scrape job names are unique (Prometheus refuses the config otherwise).',
  run({ model }, report) {
    const seen = new Set<string>();
    for (const job of model.prometheus.scrapeJobs) {
      if (seen.has(job.job)) {
        report({ message: `scrape job "${job.job}" is defined twice`, hint: 'merge the targets into one job, or rename one', ...locatedAt(job) });
      }
      seen.add(job.job);
    }
  },
};
