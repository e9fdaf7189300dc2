import type { Model } from '../../model/types.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../output.js';
import { ruleFilePath } from './rules.js';
import { scrapeConfig } from './scrape-config.js';

export const PROMETHEUS_CONFIG = 'prometheus/prometheus.yml';

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
    scrape_configs: p.scrapeJobs.map(scrapeConfig),
  });
  return yamlFile(PROMETHEUS_CONFIG, config, headerLines(model.entry, 'Prometheus configuration'));
}
