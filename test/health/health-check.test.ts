// Health checks: healthCheck() → blackbox module, probe job, blackbox metrics in the catalogue,
// and healthAlert()'s expression and `for` from the Docker-style interval/retries.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defineProject, gauge, healthAlert, healthCheck, healthJob, ruleGroup, scrapeJob, type HealthCheckOptions, type Project } from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { compileAll } from '../../src/compile/index.js';
import { anyDepthFieldRegexp, topLevelFieldRegexp } from '../../src/compile/blackbox/json-regexp.js';

function project(checks: HealthCheckOptions[], extra: Partial<Parameters<typeof defineProject>[0]> = {}): Project {
  return defineProject({
    name: 'shop',
    metrics: [gauge({ name: 'shop_orders_open', help: 'Open orders' })],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
    healthChecks: checks.map((c) => healthCheck(c)),
    ...extra,
  });
}

function model(p: Project) {
  const parsed = parseProject(p);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('; '));
  return buildModel(parsed.project, 'test/index.ts');
}

function file(p: Project, name: string): any {
  const found = compileAll(model(p)).find((f) => f.path === name);
  return found ? parse(found.content) : undefined;
}

function schemaMessages(p: Project): string[] {
  const parsed = parseProject(p);
  return parsed.ok ? [] : parsed.diagnostics.map((d) => `${d.path?.join(' › ')}: ${d.message}`);
}

describe('blackbox module', () => {
  it('is an http module per check, with the timeout and the JSON field and component checks as body regexps', () => {
    const config = file(
      project([
        { name: 'shop-api', url: 'http://shop:8080/healthz', interval: '20s', timeout: '5s', expectJson: { status: 'ok', ready: true }, components: ['db', 'queue'] },
        { name: 'search', url: 'https://search:9200/_health', validStatusCodes: [200, 204] },
      ]),
      'blackbox/blackbox.yml',
    );
    expect(Object.keys(config.modules)).toEqual(['http_shop_api', 'http_search']);
    expect(config.modules.http_shop_api).toEqual({
      prober: 'http',
      timeout: '5s',
      http: {
        method: 'GET',
        preferred_ip_protocol: 'ip4',
        fail_if_body_not_matches_regexp: [
          topLevelFieldRegexp('status', 'ok'),
          topLevelFieldRegexp('ready', true),
          anyDepthFieldRegexp('db', true),
          anyDepthFieldRegexp('queue', true),
        ],
      },
    });
    expect(config.modules.http_search).toEqual({
      prober: 'http',
      timeout: '30s', // Docker's default
      http: { method: 'GET', valid_status_codes: [200, 204], preferred_ip_protocol: 'ip4' },
    });
  });

  it('is not generated without health checks', () => {
    expect(file(project([]), 'blackbox/blackbox.yml')).toBeUndefined();
  });

  it('components take the healthy value the check declares', () => {
    const config = file(project([{ name: 'a', url: 'http://a:1/h', components: ['db'], componentHealthy: 'up' }]), 'blackbox/blackbox.yml');
    expect(config.modules.http_a.http.fail_if_body_not_matches_regexp).toEqual([anyDepthFieldRegexp('db', 'up')]);
  });
});

describe('body regexps: a JSON field with its value, whatever the spacing (the real exporter: body-checks-exporter.test.ts)', () => {
  const top = (key: string, value: string | number | boolean | null, body: string) => new RegExp(topLevelFieldRegexp(key, value)).test(body);
  const any = (key: string, value: string | number | boolean | null, body: string) => new RegExp(anyDepthFieldRegexp(key, value)).test(body);

  it.each([
    ['status', 'healthy', '{"status": "healthy", "version": "1.0.0"}'],
    ['status', 'healthy', '{"status":"healthy"}'],
    ['status', 'healthy', '{"checks": {"status": "bad", "x": [1, {"y": "}"}]}, "status": "healthy"}'],
    ['code', 0, '{"code": 0}'],
    ['code', 0, '{"code": 0.0}'],
    ['a.b', null, '{"a.b": null }'],
  ] as const)('top level: %s = %j matches %s', (key, value, body) => expect(top(key, value, body)).toBe(true));

  it.each([
    ['status', 'healthy', '{"status": "unhealthy"}'],
    ['status', 'healthy', '{"status": "healthy-ish"}'],
    ['status', 'healthy', '{"state": "healthy"}'],
    ['status', 'healthy', '{"details": {"status": "healthy"}, "status": "down"}'],
    ['status', 'healthy', '{"note": "\\"status\\": \\"healthy\\"", "status": "down"}'],
    ['code', 0, '{"code": 0.5}'],
    ['a.b', null, '{"aXb": null}'],
  ] as const)('top level: %s = %j does not match %s', (key, value, body) => expect(top(key, value, body)).toBe(false));

  it.each([
    ['database', true, '{"checks": {"database": true, "redis": true}}', true],
    ['database', true, '{"checks": {"redis": false, "database" : true}}', true],
    ['database', true, '{"checks": {"database": false}}', false],
    ['database', true, '{"checks": {"database": "true"}}', false],
    ['database', true, '{"log": "\\"database\\": true,", "checks": {"database": false}}', false],
  ] as const)('any depth: %s = %j in %s: %s', (key, value, body, matches) => expect(any(key, value, body)).toBe(matches));
});

describe('probe job', () => {
  it('scrapes the exporter for each check with the standard blackbox relabeling', () => {
    const config = file(
      project([{ name: 'shop-api', url: 'http://shop:8080/healthz', interval: '20s', timeout: '5s' }], {
        prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })], blackboxExporter: 'probes:9115' },
      }),
      'prometheus/prometheus.yml',
    );
    expect(config.scrape_configs.map((j: { job_name: string }) => j.job_name)).toEqual(['shop', 'shop-api-health']);
    expect(config.scrape_configs[1]).toEqual({
      job_name: 'shop-api-health',
      scrape_interval: '20s',
      scrape_timeout: '5s',
      metrics_path: '/probe',
      scheme: 'http',
      params: { module: ['http_shop_api'] },
      static_configs: [{ targets: ['http://shop:8080/healthz'] }],
      relabel_configs: [
        { source_labels: ['__address__'], target_label: '__param_target' },
        { source_labels: ['__param_target'], target_label: 'instance' },
        { target_label: '__address__', replacement: 'probes:9115' },
      ],
    });
  });

  it('goes to blackbox-exporter:9115 by default', () => {
    const config = file(project([{ name: 'x', url: 'http://x:1/' }]), 'prometheus/prometheus.yml');
    expect(config.scrape_configs[1].relabel_configs[2]).toEqual({ target_label: '__address__', replacement: 'blackbox-exporter:9115' });
  });
});

describe('catalogue', () => {
  it('gains the blackbox metrics with health checks, and only then', () => {
    const names = (p: Project) => model(p).metrics.map((m) => m.name);
    expect(names(project([{ name: 'x', url: 'http://x:1/' }]))).toEqual(['shop_orders_open', 'probe_success', 'probe_duration_seconds', 'probe_http_status_code']);
    expect(names(project([]))).toEqual(['shop_orders_open']);
  });

  it('keeps a declaration of its own and adds only what is missing', () => {
    const own = gauge({ name: 'probe_success', help: 'mine', exporter: 'blackbox' });
    const m = model(project([{ name: 'x', url: 'http://x:1/' }], { metrics: [own] }));
    expect(m.metrics.filter((x) => x.name === 'probe_success').map((x) => x.help)).toEqual(['mine']);
    expect(m.metrics.map((x) => x.name)).toEqual(['probe_success', 'probe_duration_seconds', 'probe_http_status_code']);
  });
});

describe('healthAlert', () => {
  const annotations = { summary: 'down', description: 'the health check fails' };

  it.each([
    [{ interval: '30s', retries: 3 }, '1m'],
    [{ interval: '10s', retries: 5 }, '40s'],
    [{ interval: '1m30s' }, '3m'],
    [{}, '1m'],
    [{ interval: '15s', retries: 1 }, '0s'],
  ] as const)('fires after (retries - 1) × interval of failed probes: %j → for %s', (timing, expected) => {
    const check = healthCheck({ name: 'shop-api', url: 'http://shop:8080/healthz', ...timing });
    const rule = healthAlert(check, { name: 'ShopApiUnhealthy', labels: { severity: 'critical' }, annotations });
    expect(rule.for).toBe(expected);
    expect(rule.expr).toBe('probe_success{job="shop-api-health"} == 0');
    expect(healthJob(check)).toBe('shop-api-health');
  });

  it('takes an explicit for', () => {
    const check = healthCheck({ name: 'a', url: 'http://a:1/' });
    expect(healthAlert(check, { name: 'AUnhealthy', for: '5m', labels: { severity: 'warning' }, annotations }).for).toBe('5m');
  });

  it('passes the checks of the catalogue (probe_success, the probe job)', async () => {
    const { runOn } = await import('../helpers/model.js');
    const { CHECKS } = await import('../../src/lint/index.js');
    const check = healthCheck({ name: 'shop-api', url: 'http://shop:8080/healthz' });
    const p = defineProject({
      name: 'shop',
      metrics: [],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
      healthChecks: [check],
      ruleGroups: [ruleGroup({ name: 'health', rules: [healthAlert(check, { name: 'ShopApiUnhealthy', labels: { severity: 'critical' }, annotations: { ...annotations, runbook_url: 'https://runbooks.example.com/x' } })] })],
    });
    const errors = runOn(p, CHECKS).filter((d) => d.severity === 'error' && d.id.startsWith('promql/'));
    expect(errors).toEqual([]);
  });
});

describe('schema', () => {
  it('refuses a timeout longer than the interval, a URL without scheme and an empty name', () => {
    expect(schemaMessages(project([{ name: 'a', url: 'http://a:1/', interval: '10s', timeout: '20s' }]))).toEqual([
      'healthChecks › a › timeout: timeout 20s is longer than the interval 10s',
    ]);
    expect(schemaMessages(project([{ name: 'a', url: 'a:1/health' }]))).toEqual(['healthChecks › a › url: invalid health check URL "a:1/health"']);
    expect(schemaMessages(project([{ name: '', url: 'http://a:1/' }]))[0]).toMatch(/invalid health check name ""/);
    expect(schemaMessages(project([{ name: 'a', url: 'http://a:1/', retries: 0 }]))).toHaveLength(1);
  });

  it('refuses names that make one blackbox module, at every check involved', () => {
    const messages = schemaMessages(project([
      { name: 'pay-api', url: 'http://a:1/ok', expectJson: { status: 'UP' } },
      { name: 'pay_api', url: 'http://a:1/other', expectJson: { status: 'healthy' } },
      { name: 'pay.api', url: 'http://a:1/third' },
      { name: 'shop-api', url: 'http://a:1/' },
    ]));
    expect(messages).toEqual([
      'healthChecks › pay-api › name: health checks "pay-api" and "pay_api", "pay.api" make the same blackbox module http_pay_api: one\'s settings would replace the other\'s',
      'healthChecks › pay_api › name: health checks "pay_api" and "pay-api", "pay.api" make the same blackbox module http_pay_api: one\'s settings would replace the other\'s',
      'healthChecks › pay.api › name: health checks "pay.api" and "pay-api", "pay_api" make the same blackbox module http_pay_api: one\'s settings would replace the other\'s',
    ]);
  });

  it('leaves names that differ in letters or digits, and the same name twice to scrape/duplicate-job', () => {
    expect(schemaMessages(project([{ name: 'pay-api', url: 'http://a:1/' }, { name: 'pay-api2', url: 'http://a:1/' }]))).toEqual([]);
    expect(schemaMessages(project([{ name: 'pay-api', url: 'http://a:1/' }, { name: 'pay-api', url: 'http://a:1/' }]))).toEqual([]);
  });
});
