/**
 * output/not-service-monitor (info): with prometheusOperator({ kubernetesJobsAs: 'ServiceMonitor' }),
 * a scrape job discovering Kubernetes targets that stays a ScrapeConfig says why, at its
 * `kubernetes` field; quiet for the jobs that become ServiceMonitors, for jobs without Kubernetes
 * discovery and without the option.
 */
import { describe, expect, it } from 'vitest';
import { counter, defineProject, prometheusOperator, scrapeJob, type ScrapeJob } from '../../src/index.js';
import { outputNotServiceMonitor } from '../../src/lint/output-not-service-monitor.js';
import { runOn, sourceOf } from '../helpers/model.js';

const up = counter({ name: 'shop_requests_total', help: 'Requests.' });

function run(jobs: ScrapeJob[], kubernetesJobsAs?: 'ScrapeConfig' | 'ServiceMonitor') {
  const project = defineProject({
    name: 'shop',
    metrics: [up],
    prometheus: { scrapeJobs: jobs },
    outputs: [prometheusOperator({ namespace: 'monitoring', ...(kubernetesJobsAs ? { kubernetesJobsAs } : {}) })],
  });
  return runOn(project, [outputNotServiceMonitor]);
}

const pods = scrapeJob({ name: 'pods', kubernetes: { role: 'pod' } });
const endpoints = scrapeJob({ name: 'orders', kubernetes: { role: 'endpoints', namespaces: ['shop'] } });
const statics = scrapeJob({ name: 'static', targets: ['api:8000'] });

describe('output/not-service-monitor', () => {
  it('fires (info) at the kubernetes field of a job that stays a ScrapeConfig, saying why', () => {
    const found = run([pods, endpoints, statics], 'ServiceMonitor');
    expect(found.map((d) => ({ severity: d.severity, path: d.path, message: d.message, hint: d.hint }))).toEqual([
      {
        severity: 'info',
        path: ['prometheus', 'scrapeJobs', 'pods', 'kubernetes'],
        message: 'scrape job pods is written as a ScrapeConfig, not a ServiceMonitor: kubernetes role pod discovers pods, which a PodMonitor would say (not generated)',
        hint: "a ScrapeConfig selects the same targets; to get a ServiceMonitor, discover role 'endpoints' and select services with leading keeps on __meta_kubernetes_service_label_<name> (README, Output profiles)",
      },
    ]);
    expect(found[0]!.source?.file).toBe(sourceOf(pods).file);
  });

  it('is quiet without kubernetesJobsAs: ServiceMonitor', () => {
    expect(run([pods])).toEqual([]);
    expect(run([pods], 'ScrapeConfig')).toEqual([]);
  });
});
