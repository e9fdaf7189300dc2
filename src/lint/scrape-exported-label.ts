import type { Check, Finding } from './check.js';
import type { MetricModel, Model, ScrapeJobModel } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { TARGET_LABELS } from '../model/names.js';
import { writtenLabel } from '../model/scrape-labels.js';
import { OPERATOR_LABELS, whyNotServiceMonitor } from '../model/service-monitor.js';
import { jobLabel } from './scrape-jobs.js';

/**
 * The jobs that scrape a metric, as far as the definitions tell: its `jobs`, else the jobs named
 * like its exporter, else the project's only job (`declared`: each is judged alone). Otherwise any
 * job may (probes aside, they store the exporter's own series): `declared` false, a label is
 * judged on all of them together.
 */
function scrapingJobs(model: Model, metric: MetricModel): { jobs: ScrapeJobModel[]; declared: boolean } {
  const jobs = model.prometheus.scrapeJobs.filter((j) => !j.probe);
  if (metric.jobs !== undefined) return { jobs: jobs.filter((j) => metric.jobs!.includes(j.job)), declared: true };
  if (metric.exporter !== undefined) {
    const named = jobs.filter((j) => jobLabel(j) === metric.exporter);
    if (named.length > 0) return { jobs: named, declared: true };
  }
  return { jobs, declared: jobs.length === 1 };
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
 * pod, container and endpoint besides job and instance. A metric whose jobs are not declared is
 * judged on every job that may scrape it (reportUndeclared).
 */
export const scrapeExportedLabel: Check = {
  id: 'scrape/exported-label',
  severity: 'error',
  description: 'A metric label is not one its scrape job sets on its targets (job, instance, static and relabel labels, the operator’s for a ServiceMonitor) without honorLabels: it would be stored as exported_<label>.',
  run({ model }, report) {
    const operator = model.outputs.find((o) => o.profile === 'prometheus-operator');
    const monitors = operator?.kubernetesJobsAs === 'ServiceMonitor';
    const labelsOf = new Map<ScrapeJobModel, Map<string, string>>();
    /** The labels a job sets on its targets that a metric's own would lose to (none with honorLabels). */
    const renaming = (job: ScrapeJobModel): Map<string, string> => {
      let set = labelsOf.get(job);
      if (!set) {
        const asServiceMonitor = monitors && job.kubernetes !== undefined && whyNotServiceMonitor(job) === undefined;
        set = job.honorLabels === true ? new Map() : targetLabels(job, asServiceMonitor);
        labelsOf.set(job, set);
      }
      return set;
    };
    for (const metric of model.metrics) {
      if (metric.labels.length === 0) continue;
      const { jobs, declared } = scrapingJobs(model, metric);
      if (!declared) {
        reportUndeclared(metric, jobs, renaming, report);
        continue;
      }
      for (const job of jobs) {
        if (job.honorLabels === true) continue;
        const set = renaming(job);
        const asServiceMonitor = monitors && job.kubernetes !== undefined && whyNotServiceMonitor(job) === undefined;
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

/**
 * A metric that does not say which jobs scrape it (no `jobs`, no job named like its exporter, several
 * jobs): a label is reported when every job that may scrape it would rename it, whichever does.
 * When only some would, the metric may well be scraped by one that keeps it (a Pushgateway job with
 * honorLabels for a metric declaring `job`): quiet, as the other job-based checks are when one job
 * that may scrape a metric keeps what is asked of it; `jobs` makes the check exact.
 */
function reportUndeclared(metric: MetricModel, jobs: readonly ScrapeJobModel[], renaming: (job: ScrapeJobModel) => Map<string, string>, report: (finding: Finding) => void): void {
  if (jobs.length === 0) return;
  for (const label of metric.labels) {
    const whys = jobs.map((job) => renaming(job).get(label));
    if (whys.some((w) => w === undefined)) continue;
    const each = jobs.map((job, i) => `"${job.job}": ${whys[i]}`).join('; ');
    report({
      message: `metric ${metric.name} declares label "${label}" and does not say which scrape jobs scrape it, but every one that may (${each}) sets "${label}" on its targets: without honorLabels Prometheus keeps the target's and stores the metric's own as exported_${label}`,
      hint: `name the metric's jobs (jobs: [...]) and set honorLabels: true on the one that scrapes it (the metric's ${label} wins), or rename the label in the application; then query exported_${label} if you keep both`,
      ...locatedAt(metric, 'labels'),
    });
  }
}
