// prometheus.yml → the project's prometheus settings: every key the import does not carry over is
// in the report as not supported (an alert relabeling left out silently broke HA de-duplication).
import { describe, expect, it } from 'vitest';
import { detectDocuments } from '../../src/import/detect.js';
import { readPrometheusConfig } from '../../src/import/prometheus-config.js';

function read(text: string) {
  const [doc] = detectDocuments('prometheus.yml', text).documents;
  return readPrometheusConfig(doc!);
}

const HA = `global:
  scrape_interval: 30s
  evaluation_interval: 30s
  external_labels: { cluster: sp1, replica: a }
alerting:
  alert_relabel_configs:
    - action: labeldrop
      regex: replica
  alertmanagers:
    - static_configs:
        - targets: ['am-0:9093', 'am-1:9093']
rule_files: [rules/*.yml]
scrape_configs:
  - job_name: web
    static_configs: [{ targets: ['web:8080'] }]
`;

describe('importing prometheus.yml', () => {
  it('reports alert_relabel_configs as not supported, with what leaving it out breaks', () => {
    const { prometheus, items } = read(HA);
    expect(prometheus).toEqual({ scrapeInterval: '30s', evaluationInterval: '30s', externalLabels: { cluster: 'sp1', replica: 'a' }, alertmanagers: ['am-0:9093', 'am-1:9093'] });
    const unsupported = items.filter((i) => i.status === 'unsupported');
    expect(unsupported.map((i) => i.path?.join('.'))).toEqual(['alerting.alert_relabel_configs', 'scrape_configs']);
    expect(unsupported[0]!.reason).toMatch(/^alert relabeling is not supported: .*replica label.*de-duplicates/);
  });

  it('reports every other key of alerting, of an Alertmanager and of its static configs it leaves out', () => {
    const { items } = read(`global: { scrape_interval: 15s }
rule_files: []
alerting:
  some_future_key: 1
  alertmanagers:
    - scheme: https
      static_configs:
        - targets: ['am:9093']
          labels: { dc: a }
`);
    expect(items.filter((i) => i.status === 'unsupported').map((i) => i.path?.join('.'))).toEqual([
      'alerting.alertmanagers.0.static_configs.0.labels',
      'alerting.alertmanagers.0',
      'alerting.some_future_key',
    ]);
  });

  it('reports nothing left out when everything is carried over', () => {
    const { items } = read("global: { scrape_interval: 15s }\nrule_files: []\nalerting:\n  alertmanagers:\n    - static_configs: [{ targets: ['am:9093'] }]\n");
    expect(items.map((i) => i.status)).toEqual(['converted']);
  });
});
