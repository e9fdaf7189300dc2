// Audit round 21: the scrape timeout is Prometheus's (left out unless set, refused above its
// interval at the definition), and a scrape path never carries a query string.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defineProject, scrapeJob, type PrometheusOptions, type ScrapeJob } from '../../src/index.js';
import { lint } from '../../src/app/synth.js';
import { scrapeTimeoutMs } from '../../src/model/scrape-facts.js';
import { generated, sourceOf } from '../helpers/model.js';
import { scrapeConfigYaml, scrapeProject, up } from './helpers.js';

const THIS_FILE = 'test/scrape/timeout-and-path.test.ts';

function withPrometheus(prometheus: PrometheusOptions) {
  return defineProject({ name: 'scrape', metrics: [up], prometheus });
}

function schemaErrors(project: ReturnType<typeof withPrometheus>) {
  return lint(project).diagnostics.filter((d) => d.id === 'schema');
}

describe('scrape timeout', () => {
  it('is left out of prometheus.yml unless set, so a short interval gives a valid configuration', () => {
    const project = withPrometheus({ global: { scrapeInterval: '5s' }, scrapeJobs: [scrapeJob({ name: 'web', targets: ['web:8080'] }), scrapeJob({ name: 'fast', targets: ['web:8081'], interval: '2s' })] });
    expect(schemaErrors(project)).toEqual([]);
    const yml = parse(generated(project).files['prometheus/prometheus.yml']!) as { global: Record<string, unknown>; scrape_configs: Record<string, unknown>[] };
    expect(yml.global).toEqual({ scrape_interval: '5s', evaluation_interval: '1m' });
    expect(yml.scrape_configs.map((c) => c['scrape_timeout'])).toEqual([undefined, undefined]);
  });

  it('is written when set', () => {
    const project = withPrometheus({ global: { scrapeInterval: '30s', scrapeTimeout: '20s' }, scrapeJobs: [scrapeJob({ name: 'web', targets: ['web:8080'], timeout: '15s' })] });
    const yml = parse(generated(project).files['prometheus/prometheus.yml']!) as { global: Record<string, unknown> };
    expect(yml.global['scrape_timeout']).toBe('20s');
    expect(scrapeConfigYaml(scrapeJob({ name: 'web', targets: ['web:8080'], timeout: '15s' }))).toContain('scrape_timeout: 15s');
  });

  it('a global timeout above the global interval is refused at the definition, with a hint', () => {
    const errors = schemaErrors(withPrometheus({ global: { scrapeInterval: '5s', scrapeTimeout: '10s' }, scrapeJobs: [] }));
    expect(errors.map((d) => [d.path?.join('.'), d.message, d.hint])).toEqual([
      ['prometheus.global.scrapeTimeout', 'global scrapeTimeout 10s is longer than scrapeInterval 5s; Prometheus refuses the configuration', expect.stringContaining('make scrapeTimeout at most 5s')],
    ]);
    expect(errors[0]!.source?.file).toBe(THIS_FILE);
    // Prometheus's default interval is 1m: a 2m timeout alone is refused too.
    expect(schemaErrors(withPrometheus({ global: { scrapeTimeout: '2m' }, scrapeJobs: [] })).map((d) => d.message)).toEqual([
      "global scrapeTimeout 2m is longer than scrapeInterval 1m (Prometheus's default); Prometheus refuses the configuration",
    ]);
  });

  it("a job's timeout above its interval (its own, else the global one) is refused at the job", () => {
    const own = scrapeJob({ name: 'fast', targets: ['web:8081'], interval: '2s', timeout: '3s' });
    const inherited = scrapeJob({ name: 'slow', targets: ['web:8082'], timeout: '10s' });
    const fine = scrapeJob({ name: 'ok', targets: ['web:8083'], interval: '1m', timeout: '30s' });
    const errors = schemaErrors(withPrometheus({ global: { scrapeInterval: '5s' }, scrapeJobs: [own, inherited, fine] }));
    expect(errors.map((d) => [d.path?.join('.'), d.message])).toEqual([
      ['prometheus.scrapeJobs.fast.timeout', 'scrape job fast: timeout 3s is longer than its interval 2s; Prometheus refuses the job'],
      ['prometheus.scrapeJobs.slow.timeout', 'scrape job slow: timeout 10s is longer than the global scrapeInterval 5s; Prometheus refuses the job'],
    ]);
    expect(errors.map((d) => d.source?.line)).toEqual([sourceOf(own).line, sourceOf(inherited).line]);
    expect(errors.every((d) => d.source?.file === THIS_FILE && d.hint?.startsWith('make timeout at most'))).toBe(true);
  });

  it('the effective timeout is worked out as Prometheus does', () => {
    expect(scrapeTimeoutMs({})).toBe(10_000);
    expect(scrapeTimeoutMs({ scrapeInterval: '5s' })).toBe(5_000);
    expect(scrapeTimeoutMs({ scrapeInterval: '5s' }, { interval: '2s' })).toBe(2_000);
    expect(scrapeTimeoutMs({ scrapeInterval: '1m', scrapeTimeout: '30s' }, { interval: '20s' })).toBe(20_000);
    expect(scrapeTimeoutMs({ scrapeInterval: '1m', scrapeTimeout: '30s' }, { interval: '2m' })).toBe(30_000);
    expect(scrapeTimeoutMs({ scrapeInterval: '5s' }, { interval: '1m' })).toBe(5_000);
    expect(scrapeTimeoutMs({}, { timeout: '7s' })).toBe(7_000);
  });
});

describe('scrape path', () => {
  const pathErrors = (job: ScrapeJob) => schemaErrors(scrapeProject([job])).map((d) => [d.path?.join('.'), d.message, d.hint]);

  it('a query string is refused at the definition, with the params to write', () => {
    expect(pathErrors(scrapeJob({ name: 'ha', targets: ['ha:8123'], path: '/api/prometheus?format=prometheus&x=1&x=2' }))).toEqual([
      [
        'prometheus.scrapeJobs.ha.path',
        'scrape job ha: path "/api/prometheus?format=prometheus&x=1&x=2" holds a query string; Prometheus escapes metrics_path as a path (? becomes %3F), so the target is asked for another path',
        'write the parameters as params: path: "/api/prometheus", params: { format: ["prometheus"], x: ["1", "2"] }',
      ],
    ]);
  });

  it('the query joins params the job already has; a fragment is refused too', () => {
    const [[, , hint]] = pathErrors(scrapeJob({ name: 'ha', targets: ['ha:8123'], path: '/m?module=b', params: { module: ['a'], 'the-key': ['v'] } })) as [[string, string, string]];
    expect(hint).toBe('write the parameters as params: path: "/m", params: { module: ["a", "b"], "the-key": ["v"] }');
    expect(pathErrors(scrapeJob({ name: 'ha', targets: ['ha:8123'], path: '/metrics#top' })).map(([, m]) => m)).toEqual([
      'scrape job ha: path "/metrics#top" holds a #fragment; Prometheus sends it escaped as part of the path (%23)',
    ]);
  });

  it('a plain path and params pass', () => {
    expect(pathErrors(scrapeJob({ name: 'ha', targets: ['ha:8123'], path: '/api/prometheus', params: { format: ['prometheus'] } }))).toEqual([]);
  });
});
