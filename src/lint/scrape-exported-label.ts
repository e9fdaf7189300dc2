import type { Check } from './check.js';
import type { MetricModel, Model, ScrapeJobModel } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { TARGET_LABELS } from '../model/names.js';
import { writtenLabel } from '../model/scrape-labels.js';
import { OPERATOR_LABELS, whyNotServiceMonitor } from '../model/service-monitor.js';
import { jobLabel } from './scrape-jobs.js';

/**
 * The jobs that scrape a metric, as far as the definitions tell: its `jobs`, else the jobs named
 * like its exporter, else the project's only job. Otherwise unknown (none: no finding).
 */
function scrapingJobs(model: Model, metric: MetricModel): ScrapeJobModel[] {
  const jobs = model.prometheus.scrapeJobs.filter((j) => !j.probe);
  if (metric.jobs !== undefined) return jobs.filter((j) => metric.jobs!.includes(j.job));
  if (metric.exporter !== undefined) {
    const named = jobs.filter((j) => jobLabel(j) === metric.exporter);
    if (named.length > 0) return named;
  }
  return jobs.length === 1 ? jobs : [];
}

/** The labels a job's targets carry, each with where it comes from (target relabeling, before the scrape). */
function targetLabels(job: ScrapeJobModel, asServiceMonitor: boolean): Map<string, string> {
  const labels = new Map<string, string>(TARGET_LABELS.map((l) => [l, 'Prometheus sets it on every target']));
  for (const label of Object.keys(job.labels)) labels.set(label, `its static label ${label}`);
  for (const [index, rule] of job.relabel.entries()) {
    const label = writtenLabel(rule);
    if (label !== undefined && !labels.has(label)) labels.set(label, `its relabel[${index}] writes it`);
  }
  if (asServiceMonitor) for (const label of OPERATOR_LABELS) if (!labels.has(label)) labels.set(label, 'the Prometheus Operator sets it on the targets of a ServiceMonitor');
  return labels;
}

/**
 * A label a metric exposes that its scrape job also sets on the target: without honor_labels the
 * target's wins and Prometheus stores the metric's own as `exported_<label>`, so queries on the
 * label read the target's value (`sum by (service)` groups by the gateway's service, not the
 * upstream's). With `kubernetesJobsAs: 'ServiceMonitor'` the operator sets namespace, service,
 * pod, container and endpoint besides job and instance.
 */
export const scrapeExportedLabel: Check = {
  id: 'scrape/exported-label',
  severity: 'error',
  description: 'A metric label is not one its scrape job sets on its targets (job, instance, static and relabel labels, the operator’s for a ServiceMonitor) without honorLabels: it would be stored as exported_<label>.',
  run({ model }, report) {
    const operator = model.outputs.find((o) => o.profile === 'prometheus-operator');
    const monitors = operator?.kubernetesJobsAs === 'ServiceMonitor';
    for (const metric of model.metrics) {
      if (metric.labels.length === 0) continue;
      for (const job of scrapingJobs(model, metric)) {
        if (job.honorLabels === true) continue;
        const asServiceMonitor = monitors && job.kubernetes !== undefined && whyNotServiceMonitor(job) === undefined;
        const set = targetLabels(job, asServiceMonitor);
        for (const label of metric.labels) {
          const why = set.get(label);
          if (why === undefined) continue;
          const operatorLabel = asServiceMonitor && (OPERATOR_LABELS as readonly string[]).includes(label) && why.startsWith('the Prometheus Operator');
          report({
            message: `metric ${metric.name} declares label "${label}", but scrape job "${job.job}" sets "${label}" on its targets (${why}): without honorLabels Prometheus keeps the target's and stores the metric's own as exported_${label}`,
            hint: operatorLabel
              ? `set honorLabels: true on scrape job ${job.job} (the metric's ${label} wins, the operator's is dropped), rename the label in the application, or keep the job a ScrapeConfig (kubernetesJobsAs: 'ScrapeConfig')`
              : `set honorLabels: true on scrape job ${job.job} (the metric's ${label} wins), rename the label in the application${TARGET_LABELS.includes(label as 'job') ? '' : `, or stop setting ${label} in the job`}; then query exported_${label} if you keep both`,
            ...locatedAt(metric, 'labels'),
          });
        }
      }
    }
  },
};
