// Audit round 23: a scrape job's timeout is checked against its interval, or the project's global
// scrape interval when it has none; prometheus.yml scrapes it at that interval. The Prometheus
// Operator's resources (a ServiceMonitor's endpoint, a ScrapeConfig) left the interval out then, so
// the operator scraped at the Prometheus resource's scrapeInterval (30s by default), which the
// timeout was never checked against: `timeout: '45s'` under a global `1m` was refused by the
// operator (scrapeTimeout greater than the interval). A resource that states a timeout now states
// the interval it was checked against, so the timeout is at most the interval that applies to it.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defineProject, files, healthCheck, prometheusOperator, scrapeJob, synth, type ScrapeJob } from '../../src/index.js';
import { durationMs, formatDuration } from '../../src/duration.js';
import { checkResources } from '../../src/validate/kubernetes-schema.js';
import { resourcesOf, shippedCrds } from '../profiles/crds.js';
import { compileOutputs } from '../../src/app/outputs.js';
import { modelOf } from '../helpers/model.js';
import { up } from './helpers.js';

type Global = { scrapeInterval?: string; scrapeTimeout?: string };

async function generate(global: Global, jobs: ScrapeJob[]) {
  const project = defineProject({
    name: 'scrape',
    metrics: [up],
    prometheus: { global, scrapeJobs: jobs },
    healthChecks: [healthCheck({ name: 'api', url: 'http://api:8000/health', interval: '20s', timeout: '5s' })],
    outputs: [files(), prometheusOperator({ namespace: 'monitoring', kubernetesJobsAs: 'ServiceMonitor' })],
  });
  const result = await synth(project);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  const resources = Object.entries(result.files)
    .filter(([p]) => /^prometheus-operator\/(servicemonitors|scrapeconfigs|probes)\//.test(p))
    .map(([p, text]) => ({ path: p, doc: parse(text) as { kind: string; spec: Record<string, unknown> & { endpoints?: Array<Record<string, unknown>> } } }));
  const prometheusYml = parse(result.files['prometheus/prometheus.yml'] ?? '{}') as { global: Record<string, string>; scrape_configs: Array<Record<string, string>> };
  // Each resource against the operator's real CRD schemas (their duration patterns included).
  const checked = errors.length > 0 ? [] : checkResources(resourcesOf(compileOutputs(modelOf(project))), shippedCrds());
  return { errors, resources, prometheusYml, checked };
}

/** Each endpoint's (interval, timeout) as the resources state them, by resource path. */
function timings(resources: Awaited<ReturnType<typeof generate>>['resources']): Record<string, { interval?: unknown; timeout?: unknown }> {
  const out: Record<string, { interval?: unknown; timeout?: unknown }> = {};
  for (const { path, doc } of resources) {
    if (doc.kind === 'ServiceMonitor') for (const e of doc.spec.endpoints ?? []) out[path] = { interval: e['interval'], timeout: e['scrapeTimeout'] };
    else if (doc.kind === 'ScrapeConfig') out[path] = { interval: doc.spec['scrapeInterval'], timeout: doc.spec['scrapeTimeout'] };
    else out[path] = { interval: doc.spec['interval'], timeout: doc.spec['scrapeTimeout'] };
  }
  return out;
}

const k8s = (name: string, extra: Partial<Parameters<typeof scrapeJob>[0]> = {}) => scrapeJob({ name, kubernetes: { role: 'endpoints' }, ...extra });
const plain = (name: string, extra: Partial<Parameters<typeof scrapeJob>[0]> = {}) => scrapeJob({ name, targets: ['app:8000'], ...extra });

describe('Prometheus Operator resources: a timeout comes with the interval it was checked against', () => {
  it('a timeout without an interval: the endpoint and the ScrapeConfig state the global interval', async () => {
    const { errors, resources, prometheusYml } = await generate({ scrapeInterval: '1m' }, [k8s('shop', { timeout: '45s' }), plain('static', { timeout: '45s' })]);
    expect(errors).toEqual([]);
    expect(timings(resources)).toMatchObject({
      'prometheus-operator/servicemonitors/shop.yaml': { interval: '1m', timeout: '45s' },
      'prometheus-operator/scrapeconfigs/static.yaml': { interval: '1m', timeout: '45s' },
    });
    // prometheus.yml scrapes them at the global interval, as before.
    expect(prometheusYml.global['scrape_interval']).toBe('1m');
    expect(prometheusYml.scrape_configs.find((c) => c['job_name'] === 'shop')).not.toHaveProperty('scrape_interval');
  });

  it("no global interval: Prometheus's default (1m), the one the timeout was checked against", async () => {
    const { errors, resources } = await generate({}, [k8s('shop', { timeout: '40s' })]);
    expect(errors).toEqual([]);
    expect(timings(resources)['prometheus-operator/servicemonitors/shop.yaml']).toEqual({ interval: '1m', timeout: '40s' });
  });

  it("the job's own interval wins over the global one, both ways", async () => {
    const { errors, resources } = await generate({ scrapeInterval: '15s' }, [k8s('slow', { interval: '2m', timeout: '90s' }), plain('fast', { interval: '5s', timeout: '4s' })]);
    expect(errors).toEqual([]);
    expect(timings(resources)).toMatchObject({
      'prometheus-operator/servicemonitors/slow.yaml': { interval: '2m', timeout: '90s' },
      'prometheus-operator/scrapeconfigs/fast.yaml': { interval: '5s', timeout: '4s' },
    });
  });

  it('a timeout longer than the interval that applies is refused, whichever it is', async () => {
    expect((await generate({ scrapeInterval: '1m' }, [k8s('shop', { interval: '10s', timeout: '30s' })])).errors).toEqual([
      'scrape job shop: timeout 30s is longer than its interval 10s; Prometheus refuses the job',
    ]);
    expect((await generate({ scrapeInterval: '20s' }, [k8s('shop', { timeout: '30s' })])).errors).toEqual([
      'scrape job shop: timeout 30s is longer than the global scrapeInterval 20s; Prometheus refuses the job',
    ]);
  });

  it("without a timeout or an interval: the job's effective ones, as prometheus.yml scrapes it (audit round 24)", async () => {
    const { errors, resources } = await generate({ scrapeInterval: '1m', scrapeTimeout: '50s' }, [k8s('shop'), plain('fast', { interval: '10s' }), plain('own', { timeout: '20s' })]);
    expect(errors).toEqual([]);
    expect(timings(resources)).toMatchObject({
      // the global interval and timeout, not the Prometheus resource's 30s and 10s
      'prometheus-operator/servicemonitors/shop.yaml': { interval: '1m', timeout: '50s' },
      // the global timeout cut to the job's interval, as Prometheus does
      'prometheus-operator/scrapeconfigs/fast.yaml': { interval: '10s', timeout: '10s' },
      'prometheus-operator/scrapeconfigs/own.yaml': { interval: '1m', timeout: '20s' },
    });
  });

  it("no global settings: Prometheus's defaults (1m, and min(10s, interval)), stated", async () => {
    const { errors, resources } = await generate({}, [k8s('shop'), plain('fast', { interval: '5s' })]);
    expect(errors).toEqual([]);
    expect(timings(resources)).toMatchObject({
      'prometheus-operator/servicemonitors/shop.yaml': { interval: '1m', timeout: '10s' },
      'prometheus-operator/scrapeconfigs/fast.yaml': { interval: '5s', timeout: '5s' },
    });
  });

  it('a global interval below 10s and no timeout: the timeout is cut to it', async () => {
    const { errors, resources } = await generate({ scrapeInterval: '5s' }, [k8s('shop'), plain('slow', { interval: '1m' })]);
    expect(errors).toEqual([]);
    expect(timings(resources)).toMatchObject({
      'prometheus-operator/servicemonitors/shop.yaml': { interval: '5s', timeout: '5s' },
      // the global timeout (min(10s, 5s) = 5s), not 10s: Prometheus takes the global one, at most the job's interval
      'prometheus-operator/scrapeconfigs/slow.yaml': { interval: '1m', timeout: '5s' },
    });
  });

  it('each resource states what prometheus.yml scrapes the same job with, and is valid against the CRDs', async () => {
    const globals: Global[] = [{}, { scrapeInterval: '15s' }, { scrapeInterval: '2m', scrapeTimeout: '30s' }, { scrapeInterval: '5s', scrapeTimeout: '5s' }];
    for (const global of globals) {
      const jobs = [k8s('a'), k8s('b', { interval: '30s' }), k8s('c', { timeout: '3s' }), plain('d'), plain('e', { interval: '1m', timeout: '1m' }), plain('f', { interval: '1s' })];
      const { errors, resources, prometheusYml, checked } = await generate(global, jobs);
      expect(errors).toEqual([]);
      expect(checked).toEqual([]);
      const effective = (job: string) => {
        const entry = prometheusYml.scrape_configs.find((c) => c['job_name'] === job)!;
        const interval = entry['scrape_interval'] ?? prometheusYml.global['scrape_interval'] ?? '1m';
        const globalTimeout = prometheusYml.global['scrape_timeout'] ?? formatDuration(Math.min(10_000, durationMs(prometheusYml.global['scrape_interval'] ?? '1m')!));
        const timeout = entry['scrape_timeout'] ?? formatDuration(Math.min(durationMs(globalTimeout)!, durationMs(interval)!));
        return { interval: durationMs(interval), timeout: durationMs(timeout) };
      };
      for (const { path: file, doc } of resources) {
        if (doc.kind === 'Probe') continue;
        const name = doc.kind === 'ServiceMonitor' ? file.replace(/^.*\/|\.yaml$/g, '') : String(doc.spec['jobName']);
        const t = timings([{ path: file, doc }])[file]!;
        expect({ interval: durationMs(String(t.interval)), timeout: durationMs(String(t.timeout)) }, `${file} under ${JSON.stringify(global)}`).toEqual(effective(name));
      }
    }
  });

  it('in every resource generated, a stated timeout is at most the interval stated beside it', async () => {
    const cases: Array<[Global, ScrapeJob[]]> = [
      [{ scrapeInterval: '1m' }, [k8s('a', { timeout: '59s' }), plain('b', { timeout: '1m' })]],
      [{ scrapeInterval: '10s' }, [k8s('a', { interval: '1m', timeout: '30s' }), plain('b', { interval: '30s', timeout: '30s' })]],
      [{}, [k8s('a', { timeout: '10s' }), plain('b', { interval: '15s', timeout: '15s' })]],
    ];
    for (const [global, jobs] of cases) {
      const { errors, resources } = await generate(global, jobs);
      expect(errors).toEqual([]);
      for (const [file, { interval, timeout }] of Object.entries(timings(resources))) {
        if (timeout === undefined) continue;
        expect(interval, file).toBeDefined();
        expect(durationMs(String(timeout))!, file).toBeLessThanOrEqual(durationMs(String(interval))!);
      }
    }
  });
});
