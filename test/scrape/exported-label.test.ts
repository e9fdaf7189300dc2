// Audit round 21: a metric label its scrape job also sets on the target (job, instance, static and
// relabel labels; the operator's namespace/service/pod/container/endpoint on a ServiceMonitor) is
// stored as exported_<label> without honorLabels: scrape/exported-label reports it at the metric.
import { describe, expect, it } from 'vitest';
import { counter, defineProject, files, gauge, healthCheck, prometheusOperator, scrapeJob, type ScrapeJob } from '../../src/index.js';
import { runOn, sourceOf } from '../helpers/model.js';

const ID = 'scrape/exported-label';
const gatewayJob = (extra: Partial<Parameters<typeof scrapeJob>[0]> = {}) =>
  scrapeJob({
    name: 'gateway',
    kubernetes: { role: 'endpoints', namespaces: ['edge'] },
    relabel: [
      { action: 'keep', sourceLabels: ['__meta_kubernetes_service_label_app'], regex: 'gateway' },
      { action: 'keep', sourceLabels: ['__meta_kubernetes_endpoint_port_name'], regex: 'metrics' },
    ],
    ...extra,
  });

function project(job: ScrapeJob, labels: string[], as?: 'ServiceMonitor' | 'ScrapeConfig') {
  const proxied = counter({ name: 'gateway_requests_total', help: 'Proxied requests', labels, jobs: [job] });
  const p = defineProject({
    name: 'sm',
    metrics: [proxied],
    prometheus: { scrapeJobs: [job] },
    ...(as ? { outputs: [files(), prometheusOperator({ namespace: 'monitoring', kubernetesJobsAs: as })] } : {}),
  });
  return { p, proxied };
}

describe(ID, () => {
  it('a ServiceMonitor job: a metric label named like one the operator sets is an error at the metric, with the three ways out', () => {
    const { p, proxied } = project(gatewayJob(), ['service', 'code', 'pod'], 'ServiceMonitor');
    const found = runOn(p, [ID]);
    expect(found.map((d) => [d.message, d.hint, d.path?.join('.')])).toEqual([
      [
        'metric gateway_requests_total declares label "service", but scrape job "gateway" sets "service" on its targets (the Prometheus Operator sets it on the targets of a ServiceMonitor): without honorLabels Prometheus keeps the target\'s and stores the metric\'s own as exported_service',
        "set honorLabels: true on scrape job gateway (the metric's service wins, the operator's is dropped), rename the label in the application, or keep the job a ScrapeConfig (kubernetesJobsAs: 'ScrapeConfig')",
        'metrics.gateway_requests_total.labels',
      ],
      [expect.stringContaining('declares label "pod"'), expect.any(String), 'metrics.gateway_requests_total.labels'],
    ]);
    expect(found[0]!.source?.line).toBe(sourceOf(proxied).line);
  });

  it('quiet with honorLabels, as a ScrapeConfig, and on labels the operator does not set', () => {
    expect(runOn(project(gatewayJob({ honorLabels: true }), ['service'], 'ServiceMonitor').p, [ID])).toEqual([]);
    expect(runOn(project(gatewayJob(), ['service'], 'ScrapeConfig').p, [ID])).toEqual([]);
    expect(runOn(project(gatewayJob(), ['service']).p, [ID])).toEqual([]);
    expect(runOn(project(gatewayJob(), ['code', 'upstream'], 'ServiceMonitor').p, [ID])).toEqual([]);
  });

  it('any job: job, instance, a static label or a label its relabeling writes', () => {
    const job = scrapeJob({ name: 'api', targets: ['api:8000'], labels: { env: 'prod' }, relabel: [{ sourceLabels: ['__address__'], regex: '([^:]+):.*', targetLabel: 'host' }] });
    const messages = runOn(project(job, ['job', 'env', 'host', 'code']).p, [ID]).map((d) => d.message);
    expect(messages).toEqual([
      expect.stringMatching(/declares label "job", but scrape job "api" sets "job" on its targets \(Prometheus sets it on every target\)/),
      expect.stringMatching(/declares label "env", but scrape job "api" sets "env" on its targets \(its static label env\): .*exported_env/),
      expect.stringMatching(/declares label "host", but scrape job "api" sets "host" on its targets \(its relabel\[0\] writes it\)/),
    ]);
    expect(runOn(project(scrapeJob({ ...job, honorLabels: true }), ['job', 'env', 'host']).p, [ID])).toEqual([]);
  });

  it('a metric whose jobs are not known stays quiet when the project has several jobs', () => {
    const a = scrapeJob({ name: 'a', targets: ['a:8000'], labels: { env: 'prod' } });
    const b = scrapeJob({ name: 'b', targets: ['b:8000'] });
    const depth = gauge({ name: 'queue_depth', help: 'Depth', labels: ['env'] });
    expect(runOn(defineProject({ name: 'x', metrics: [depth], prometheus: { scrapeJobs: [a, b] } }), [ID])).toEqual([]);
    expect(runOn(defineProject({ name: 'x', metrics: [depth], prometheus: { scrapeJobs: [a] } }), [ID]).map((d) => d.message)).toEqual([expect.stringContaining('declares label "env"')]);
  });

  // Audit round 22: a metric that does not say which jobs scrape it, in a project with several.
  describe('a metric without jobs, several jobs', () => {
    const a = scrapeJob({ name: 'a', targets: ['a:8000'], labels: { env: 'prod' } });
    const b = scrapeJob({ name: 'b', targets: ['b:8000'], relabel: [{ sourceLabels: ['__address__'], regex: '([^:]+):.*', targetLabel: 'env' }] });
    const run = (metric: ReturnType<typeof gauge>, jobs: ScrapeJob[], extra: Partial<Parameters<typeof defineProject>[0]> = {}) =>
      runOn(defineProject({ name: 'x', metrics: [metric], prometheus: { scrapeJobs: jobs }, ...extra }), [ID]);

    it('every job that may scrape it would rename the label: reported once, at the metric, naming each job and why', () => {
      const depth = gauge({ name: 'queue_depth', help: 'Depth', labels: ['env', 'queue'] });
      const found = run(depth, [a, b]);
      expect(found.map((d) => [d.severity, d.message, d.path?.join('.')])).toEqual([
        [
          'error',
          'metric queue_depth declares label "env" and does not say which scrape jobs scrape it, but every one that may ("a": its static label env; "b": its relabel[0] writes it) sets "env" on its targets: without honorLabels Prometheus keeps the target\'s and stores the metric\'s own as exported_env',
          'metrics.queue_depth.labels',
        ],
      ]);
      expect(found[0]!.hint).toContain('name the metric\'s jobs (jobs: [...])');
      expect(found[0]!.source?.line).toBe(sourceOf(depth).line);
    });

    it('job and instance, which every job sets: reported when no job honours labels', () => {
      const pushed = gauge({ name: 'batch_last_success', help: 'Last success', labels: ['job'] });
      expect(run(pushed, [a, b]).map((d) => d.message)).toEqual([expect.stringContaining('declares label "job" and does not say which scrape jobs scrape it, but every one that may ("a": Prometheus sets it on every target; "b": Prometheus sets it on every target)')]);
    });

    it('quiet when one job that may scrape it keeps the label: honorLabels (a Pushgateway), or it does not set it', () => {
      const pushed = gauge({ name: 'batch_last_success', help: 'Last success', labels: ['job'] });
      const gateway = scrapeJob({ name: 'pushgateway', targets: ['pushgateway:9091'], honorLabels: true });
      expect(run(pushed, [a, b, gateway])).toEqual([]);
      const depth = gauge({ name: 'queue_depth', help: 'Depth', labels: ['env'] });
      expect(run(depth, [a, b, scrapeJob({ name: 'c', targets: ['c:8000'] })])).toEqual([]);
    });

    it('probes are not among the jobs that may scrape it; an exporter no job is named like leaves every job', () => {
      const depth = gauge({ name: 'queue_depth', help: 'Depth', labels: ['env'] });
      // A health check's probe job (`<name>-health`) sets env on nothing; it stores the exporter's probe_* series.
      const checks = { healthChecks: [healthCheck({ name: 'shop-api', url: 'http://shop:8080/healthz' })] };
      expect(run(depth, [a, b], checks).map((d) => d.message)).toEqual([expect.stringContaining('every one that may ("a": its static label env; "b": its relabel[0] writes it)')]);
      const exported = gauge({ name: 'queue_depth', help: 'Depth', labels: ['env'], exporter: 'queue-exporter' });
      expect(run(exported, [a, b]).map((d) => d.message)).toEqual([expect.stringContaining('declares label "env" and does not say which scrape jobs scrape it')]);
    });
  });
});
