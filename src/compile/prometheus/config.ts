import type { Model } from '../../model/types.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../output.js';
import { ruleFilePath } from './rules.js';

export const PROMETHEUS_CONFIG = 'prometheus/prometheus.yml';

/**
 * The standard blackbox relabeling: the target (a URL) becomes the `target` parameter and the
 * `instance` label, and Prometheus scrapes the exporter instead.
 */
function probeRelabeling(exporter: string) {
  return [
    { source_labels: ['__address__'], target_label: '__param_target' },
    { source_labels: ['__param_target'], target_label: 'instance' },
    { target_label: '__address__', replacement: exporter },
  ];
}

/** prometheus.yml: global settings, the generated rule files, Alertmanagers and scrape jobs. */
export function compilePrometheusConfig(model: Model): OutputFile {
  const p = model.prometheus;
  const relativeRules = (path: string) => path.slice('prometheus/'.length);
  const config = compact({
    global: compact({
      scrape_interval: p.scrapeInterval,
      scrape_timeout: p.scrapeTimeout,
      evaluation_interval: p.evaluationInterval,
      external_labels: p.externalLabels,
    }),
    rule_files: model.ruleGroups.length > 0 ? model.ruleGroups.map((g) => relativeRules(ruleFilePath(g))) : undefined,
    alerting:
      p.alertmanagers.length > 0 ? { alertmanagers: [{ static_configs: [{ targets: p.alertmanagers }] }] } : undefined,
    scrape_configs: p.scrapeJobs.map((job) =>
      compact({
        job_name: job.job,
        scrape_interval: job.interval,
        scrape_timeout: job.timeout,
        metrics_path: job.metricsPath,
        scheme: job.scheme,
        params: job.probe ? { module: [job.probe.module] } : undefined,
        static_configs: [compact({ targets: job.targets, labels: job.labels })],
        relabel_configs: job.probe ? probeRelabeling(job.probe.exporter) : undefined,
      }),
    ),
  });
  return yamlFile(PROMETHEUS_CONFIG, config, headerLines(model.entry, 'Prometheus configuration'));
}
