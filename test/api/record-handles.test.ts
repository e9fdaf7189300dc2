// record() returns a handle on the series it records: selectable, usable in rate()/increase() only
// when declared a counter, in panels and in other rules, typed by the labels its expression keeps.
// The @ts-expect-error lines are type tests (`npm test` typechecks test/).
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  alert, counter, currentValuePanel, dashboard, defineProject, gauge, increase, rate, ratePanel, ratio, record, ruleGroup, scrapeJob, sumBy,
} from '../../src/index.js';
import type { Expr, Project, RecordingRule } from '../../src/index.js';
import { fromProject } from '../../src/app/stages.js';

const requests = counter({ name: 'shop_requests_total', help: 'requests', labels: ['service', 'status'] });
const queue = gauge({ name: 'shop_queue_length', help: 'queue', labels: ['service'] });

describe('record handles: types', () => {
  it('are typed by the labels the expression keeps (and the rule labels)', () => {
    const byService = record({ name: 'service:shop_requests:rate5m', expr: sumBy(['service'], rate(requests)), labels: { tier: 'web' } });
    expectTypeOf(byService).toEqualTypeOf<RecordingRule<'service' | 'tier', 'gauge'>>();
    expect(byService.select({ service: 'cart', tier: 'web' })).toBe('service:shop_requests:rate5m{service="cart",tier="web"}');
    // @ts-expect-error sum by (service) dropped `status`
    byService.select({ status: '500' });
    // @ts-expect-error …and the target labels: `job` is gone too
    sumBy(['job'], byService.select());
    expectTypeOf(sumBy(['service'], byService.select())).toEqualTypeOf<Expr<'service'>>();
  });

  it('a hand-written expression keeps any label', () => {
    const anything = record({ name: 'x:shop_requests:ratio', expr: `${requests} / 2` });
    expect(anything.select({ whatever: 'x' })).toBe('x:shop_requests:ratio{whatever="x"}');
  });

  it('are gauges unless declared counters: rate()/increase() of a recorded gauge is a type error', () => {
    const perSecond = record({ name: 'service:shop_requests:rate5m', expr: sumBy(['service'], rate(requests)) });
    expect(perSecond.type).toBe('gauge');
    // @ts-expect-error a rate is a gauge: rate() of it reads every drop as a counter reset
    rate(perSecond);
    // @ts-expect-error the same for increase()
    increase(perSecond);
    // @ts-expect-error and for the rate panel
    ratePanel(perSecond, { title: 'x' });

    const total = record({ name: 'service:shop_requests:sum', expr: sumBy(['service'], requests.select()), type: 'counter' });
    expect(total.type).toBe('counter');
    expect(rate(total, '10m', { service: 'cart' })).toBe('rate(service:shop_requests:sum{service="cart"}[10m])');
    expectTypeOf(rate(total)).toEqualTypeOf<Expr<'service'>>();
    // @ts-expect-error the recorded counter has no `status`
    rate(total, '5m', { status: '500' });
    // @ts-expect-error a recorded counter is not a gauge panel
    currentValuePanel(total, { title: 'x' });
  });

  it('go into other builders, panels and template strings by name', () => {
    const errors = record({ name: 'service:shop_errors:rate5m', expr: sumBy(['service'], rate(requests, '5m', { status: '500' })) });
    const all = record({ name: 'service:shop_requests:rate5m', expr: sumBy(['service'], rate(requests)) });
    expect(`${errors} > 1`).toBe('service:shop_errors:rate5m > 1');
    expect(ratio(errors.select(), all.select(), ['service'])).toBe(
      'sum by (service) (service:shop_errors:rate5m) / sum by (service) (service:shop_requests:rate5m)',
    );
    // @ts-expect-error both sides kept only `service`
    ratio(errors.select(), all.select(), ['status']);
    const depth = record({ name: 'service:shop_queue_length:max', expr: `max by (service) (${queue})` });
    expect(currentValuePanel(depth, { title: 'q', by: ['service'], aggregate: 'max' }).targets[0]?.expr).toBe(
      'max by (service) (service:shop_queue_length:max)',
    );
  });
});

/** A small project reading the recording rule `name` through its handle only: an alert, a rule on it, a panel. */
function projectRecording(name: string): Project {
  // Summed keeping `instance`: one target's counters per series, which rate() may read (promql/rate-over-sum).
  const perService = record({ name, expr: sumBy(['service', 'instance'], requests.select()), type: 'counter' });
  const rps = record({ name: 'service:shop_requests:rate5m', expr: rate(perService) });
  const busy = alert({
    name: 'ShopBusy',
    expr: `${rps} > 100`,
    for: '5m',
    labels: { severity: 'warning' },
    annotations: { summary: 'Shop busy', description: 'Service {{ $labels.service }} is busy', runbook_url: 'https://runbooks.example.com/busy' },
  });
  return defineProject({
    name: 'shop',
    metrics: [requests, queue],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8000'] })] },
    ruleGroups: [ruleGroup({ name: 'shop', rules: [perService, rps, busy] })],
    dashboards: [dashboard({ title: 'Shop', panels: [ratePanel(perService, { title: 'Requests', by: ['service'] })] })],
  });
}

function generated(project: Project): string {
  const result = fromProject(project, { entry: 'index.ts', templates: () => ({ templates: [], diagnostics: [] }) });
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  return (result.files ?? []).map((f) => f.content).join('\n');
}

describe('record handles: through the pipeline', () => {
  it('pass the schema, are known to the lint, and a rename follows into every rule and panel', () => {
    const before = generated(projectRecording('service:shop_requests:sum'));
    expect(before).toContain('record: service:shop_requests:sum');
    expect(before).toContain('rate(service:shop_requests:sum[5m])');
    expect(before).toContain('rate(service:shop_requests:sum[$__rate_interval])');
    const after = generated(projectRecording('service:shop_requests_renamed:sum'));
    expect(after).not.toContain('service:shop_requests:sum');
    expect(after.split('service:shop_requests_renamed:sum').length).toBe(before.split('service:shop_requests:sum').length);
  });

  it('a recorded gauge written into rate() by hand is still the lint’s finding', () => {
    const perSecond = record({ name: 'service:shop_requests:rate5m', expr: sumBy(['service'], rate(requests)) });
    const project = defineProject({
      name: 'shop',
      metrics: [requests],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8000'] })] },
      ruleGroups: [ruleGroup({ name: 'shop', rules: [perSecond, record({ name: 'service:shop_requests:accel', expr: `rate(${perSecond}[5m])` })] })],
    });
    const result = fromProject(project, { entry: 'index.ts', templates: () => ({ templates: [], diagnostics: [] }) });
    expect(result.diagnostics.map((d) => d.id)).toContain('promql/rate-on-recorded-gauge');
  });
});
