import type { Check } from './check.js';
import type { ScrapeJobModel } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { labelsRead, metaLabelSet, rolesSetting, type DiscoveryKinds } from '../model/scrape-facts.js';
import { relabelRulesOf } from './scrape-jobs.js';

function discoveries(job: ScrapeJobModel): DiscoveryKinds {
  return { ...(job.kubernetes ? { kubernetesRole: job.kubernetes.role } : {}), file: job.fileSd !== undefined, http: job.httpSd !== undefined };
}

function describe(job: ScrapeJobModel): string {
  const parts = [
    ...(job.kubernetes ? [`Kubernetes role ${job.kubernetes.role}`] : []),
    ...(job.fileSd ? ['file SD'] : []),
    ...(job.httpSd ? ['HTTP SD'] : []),
    ...(job.targets.length > 0 ? ['static targets'] : []),
  ];
  return parts.join(', ');
}

/**
 * A `__meta_*` label the job's service discovery never sets: the rule reads an empty value (a keep
 * then drops every target, a replace writes nothing). In `metricRelabel` no `__meta_*` label is
 * left: they are removed once the target is relabeled.
 */
export const scrapeMetaLabel: Check = {
  id: 'scrape/meta-label',
  severity: 'error',
  description: "Relabel rules read only the __meta_* labels their job's service discovery sets (a pod label in a service job is always empty).",
  run({ model }, report) {
    for (const job of model.prometheus.scrapeJobs) {
      const sd = discoveries(job);
      for (const { list, index, rule } of relabelRulesOf(job)) {
        const read = labelsRead(rule).filter(({ label }) => label.startsWith('__meta_'));
        for (const { label, field } of read) {
          if (list === 'relabel' && (metaLabelSet(label, sd) || (field === 'regex' && metaLabelSet(`${label}x`, sd)))) continue;
          const roles = rolesSetting(label.endsWith('_') ? `${label}x` : label);
          report({
            message:
              list === 'metricRelabel'
                ? `scrape job "${job.job}" metricRelabel[${index}] reads ${label}, but __meta_* labels are gone once targets are relabeled: the rule always sees an empty value`
                : `scrape job "${job.job}" relabel[${index}] reads ${label}, which its service discovery (${describe(job) || 'none'}) never sets: the rule always sees an empty value`,
            hint:
              list === 'metricRelabel'
                ? 'copy the label in relabel (targetLabel) and read that label here, or move the rule to relabel'
                : roles.length > 0
                  ? `${label} is set by the Kubernetes role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}`
                  : label.startsWith('__meta_kubernetes_')
                    ? 'no Kubernetes role sets it: check the spelling against the Prometheus kubernetes_sd_config documentation'
                    : 'file SD sets __meta_filepath, HTTP SD __meta_url; totem-mon generates no other service discovery',
            ...locatedAt(job, `${list}[${index}]`, field),
          });
        }
      }
    }
  },
};
