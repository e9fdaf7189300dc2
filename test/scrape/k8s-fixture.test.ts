// #17 Must show: a non-Totem project on Kubernetes (two namespaces, pod and service discovery,
// relabeling that adds cluster and namespace, a probe) is lint clean and validates; its twin using a
// label no job adds is an error. The types half is test/types/k8s-labels.ts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lint } from '../../src/app/synth.js';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { generated } from '../helpers/model.js';
import shop from '../fixtures/k8s/shop/index.js';
import broken from '../fixtures/k8s/shop-broken/index.js';
import { orders } from '../fixtures/k8s/shop/metrics.js';
import { alert, defineProject, ruleGroup } from '../../src/index.js';

describe('the Kubernetes shop fixture', () => {
  it('is lint clean: sum by (namespace, cluster), select({ namespace }) and $labels.namespace are known', () => {
    const { diagnostics } = lint(shop);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('discovers pods and services in both namespaces, adds cluster and namespace, probes through the blackbox exporter', () => {
    const config = parse(generated(shop).files['prometheus/prometheus.yml']!) as { scrape_configs: Array<Record<string, any>> };
    const byName = Object.fromEntries(config.scrape_configs.map((c) => [c['job_name'], c]));
    expect(Object.keys(byName)).toEqual(['shop-pods', 'shop-services', 'checkout-health']);
    for (const [job, role] of [['shop-pods', 'pod'], ['shop-services', 'service']] as const) {
      expect(byName[job]!['kubernetes_sd_configs'][0]).toMatchObject({ role, namespaces: { names: ['shop', 'billing'] } });
      expect(byName[job]!['relabel_configs']).toContainEqual({ target_label: 'cluster', replacement: 'sp1' });
      expect(byName[job]!['relabel_configs']).toContainEqual({ source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' });
    }
    expect(byName['checkout-health']!['params']).toEqual({ module: ['http_checkout'] });
  });

  it('the broken twin: a label no job adds is an error (promql/unknown-label), with its $labels use', () => {
    const { diagnostics } = lint(broken);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.id, d.message])).toEqual([
      ['promql/unknown-label', expect.stringMatching(/alert OrdersFailingByZone uses by \(zone\), but the aggregated series have no label "zone"/)],
      ['alert/template-label-dropped', expect.stringMatching(/zone/)],
    ]);
  });

  it('a metric that names its jobs has only their labels: the service job\'s `service` is unknown on the pod job\'s orders', () => {
    const project = defineProject({
      ...shop,
      healthChecks: [],
      ruleGroups: [ruleGroup({ name: 'g', rules: [alert({ name: 'ByService', expr: `sum by (service) (rate(${orders}[5m])) > 1`, for: '5m', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com/' } })] })],
    });
    expect(lint(project).diagnostics.filter((d) => d.id === 'promql/unknown-label').map((d) => d.message)).toEqual([
      expect.stringMatching(/uses by \(service\), but the aggregated series have no label "service"/),
    ]);
  });

  itWithBinaries(['promtool'])('validate: 0 errors, 0 warnings with promtool (its Kubernetes SD checked by totem-mon where promtool lacks it)', async () => {
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'k8s', 'shop'), '--format', 'json']);
    const report = JSON.parse(r.stdout) as { ok: boolean; summary: { errors: number; warnings: number }; diagnostics: Array<{ id: string; severity: string }> };
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(r.code).toBe(0);
  }, 60_000);
});
