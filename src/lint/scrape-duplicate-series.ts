import type { Check } from './check.js';
import type { ScrapeJobModel } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { jobLabel } from './scrape-jobs.js';

/**
 * A series is its name plus its labels; a scraped series gets its target's labels: `job` (the job
 * name unless a static `job` label replaces it), `instance` (the address unless a static `instance`
 * label replaces it) and the job's other static labels. Two different targets with the same target
 * labels write the same series: their samples interleave (out-of-order and duplicate sample errors,
 * counters that look reset at every scrape). A static `instance` label on a job with several
 * targets, or a static `job` label that another job also produces, are the usual causes.
 */

interface Target {
  job: ScrapeJobModel;
  address: string;
  labels: Record<string, string>;
}

function identity(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ');
}

export const scrapeDuplicateSeries: Check = {
  id: 'scrape/duplicate-series',
  severity: 'error',
  description: 'No two scrape targets get the same target labels (job, instance, static labels): they would write the same series.',
  run({ model }, report) {
    const seen = new Map<string, Target>();
    for (const job of model.prometheus.scrapeJobs) {
      for (const address of new Set(job.targets)) {
        const labels = { ...job.labels, job: jobLabel(job), instance: job.labels.instance ?? address };
        const target: Target = { job, address, labels };
        const key = identity(labels);
        const first = seen.get(key);
        if (!first) {
          seen.set(key, target);
          continue;
        }
        if (first.job === job && first.address === address) continue;
        // Point at the static label that made them equal: instance, else job.
        const cause = job.labels.instance !== undefined ? 'instance' : job.labels.job !== undefined ? 'job' : undefined;
        const where = first.job === job ? `targets ${first.address} and ${address} of scrape job "${job.job}"` : `target ${first.address} of scrape job "${first.job.job}" and target ${address} of scrape job "${job.job}"`;
        report({
          message: `${where} get the same labels {${key}}: both write every series under one identity, so their samples collide`,
          hint:
            cause === 'instance'
              ? 'remove the static instance label (Prometheus sets instance to each target\'s address), or give each target its own job'
              : 'remove the static job label, or give the jobs different job labels',
          ...(cause !== undefined ? locatedAt(job, 'labels', cause) : locatedAt(job, 'targets')),
        });
      }
    }
  },
};
