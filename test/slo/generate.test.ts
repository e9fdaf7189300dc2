import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { alert, histogram, ne, nre, re, ruleGroup, slo, type SloOptions } from '../../src/index.js';
import { decimal, format, mul, shift, sub } from '../../src/model/slo-decimal.js';
import { itWithBinaries } from '../helpers/tools.js';
import { base, compileProject, promtoolTests, requests, sloProject, writeOut } from './helpers.js';

const withPromtool = itWithBinaries(['promtool']);

type RuleFile = { groups: Array<{ name: string; interval?: string; rules: Array<{ record?: string; alert?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }> };

function rules(options: Partial<SloOptions> = {}) {
  const { files } = compileProject(sloProject([slo({ ...base, ...options })]));
  // Ratios, budget, alerts (the files come sorted by name).
  const order = (name: string) => (name.endsWith('-budget') ? 1 : name.endsWith('-alerts') ? 2 : 0);
  const groups = files
    .filter((f) => f.path.startsWith('prometheus/rules/'))
    .flatMap((f) => (parse(f.content) as RuleFile).groups)
    .sort((a, b) => order(a.name) - order(b.name));
  return { files, groups, all: groups.flatMap((g) => g.rules) };
}

describe('exact decimal arithmetic', () => {
  it.each([
    [99.9, '0.001'], [99.95, '0.0005'], [99.99, '0.0001'], [99.5, '0.005'], [95, '0.05'], [99.999, '0.00001'],
    [90, '0.1'], [99, '0.01'], [97.3, '0.027'], [99.9999, '0.000001'], [0.1, '0.999'], [33.3, '0.667'],
  ])('objective %s → error budget %s, in the rules', (objective, budget) => {
    expect(format(sub(decimal(1), shift(decimal(objective), 2)))).toBe(budget);
    const { all } = rules({ objective });
    const remaining = all.find((r) => r.record === 'slo:error_budget_remaining:ratio')!;
    expect(remaining.expr).toBe(`1 - max without (window) (slo:sli_error:ratio_rate30d{service="app",slo="availability"}) / ${budget}`);
    for (const alert of all.filter((r) => r.alert)) expect(alert.expr).toContain(`/ ${budget} > `);
  });

  it('never writes float noise', () => {
    for (const objective of [99.9, 99.95, 99.99, 99.5, 95, 99.999, 97.3, 99.7]) {
      const text = rules({ objective, window: '28d' }).files.map((f) => f.content).join('\n');
      expect(text).not.toMatch(/\d\.\d*(0000000|9999999)\d/);
    }
  });

  it('multiplies and shifts exactly', () => {
    expect(format(mul(decimal(14.4), decimal('0.001')))).toBe('0.0144');
    expect(format(mul(decimal(1.25), decimal(0.1)))).toBe('0.125');
    expect(format(decimal('1e-7'))).toBe('0.0000001');
    expect(format(decimal(1e21))).toBe('1000000000000000000000');
    expect(format(sub(decimal(0.3), decimal(0.1)))).toBe('0.2'); // 0.19999999999999998 in floats
  });
});

describe('burn-rate tables', () => {
  const lines = (window?: string, burnRates?: SloOptions['burnRates']) =>
    rules({ ...(window ? { window } : {}), ...(burnRates ? { burnRates } : {}) }).all
      .filter((r) => r.alert)
      .map((r) => [...r.expr.matchAll(/ratio_rate(\w+)\{[^}]*\}\) \/ [\d.]+ > ([\d.]+)/g)].map((m) => `${m[1]}>${m[2]}`).join(' '));

  it("is the workbook's for 30d: page 14.4× 1h/5m and 6× 6h/30m, ticket 3× 1d/2h and 1× 3d/6h", () => {
    expect(lines()).toEqual(['1h>14.4 5m>14.4 6h>6 30m>6', '1d>3 2h>3 3d>1 6h>1']);
  });

  it('scales with the window (28d, 7d), rounded to 4 decimals where it does not terminate', () => {
    expect(lines('28d')).toEqual(['1h>13.44 5m>13.44 6h>5.6 30m>5.6', '1d>2.8 2h>2.8 3d>0.9333 6h>0.9333']);
    expect(lines('7d')).toEqual(['1h>3.36 5m>3.36 6h>1.4 30m>1.4', '1d>0.7 2h>0.7 3d>0.2333 6h>0.2333']);
  });

  it('can be changed', () => {
    expect(lines(undefined, { page: [{ long: '2h', short: '10m', burnRate: 10 }], ticket: [{ long: '12h', short: '1h', burnRate: 2.5 }] })).toEqual([
      '2h>10 10m>10',
      '12h>2.5 1h>2.5',
    ]);
  });
});

describe('generated rules', () => {
  it('records the error ratio of every window an alert reads, the period ratio and the budget, named and labelled as documented', () => {
    const { groups } = rules();
    expect(groups.map((g) => [g.name, g.interval])).toEqual([
      ['slo-app-availability', '1m'],
      ['slo-app-availability-budget', '5m'],
      ['slo-app-availability-alerts', '1m'],
    ]);
    const [ratios, budget] = groups;
    expect(ratios!.rules.map((r) => [r.record, r.labels])).toEqual(
      [['slo:sli_errors:rate5m', '5m'], ['slo:sli_total:rate5m', '5m'], ...['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => [`slo:sli_error:ratio_rate${w}`, w])].map(
        ([name, window]) => [name, { service: 'app', slo: 'availability', window }],
      ),
    );
    // No error series (none yet) is 0 errors, not an absent ratio.
    expect(ratios!.rules[0]!.expr).toBe('(sum(rate(app_requests_total{code=~"5.."}[5m])) or 0 * sum(rate(app_requests_total[5m])))');
    // The 5m ratio is the recorded rates divided; every other window reads the counters.
    expect(ratios!.rules[2]!.expr).toBe('slo:sli_errors:rate5m{service="app",slo="availability"} / slo:sli_total:rate5m{service="app",slo="availability"}');
    expect(ratios!.rules[4]!.expr).toBe('(sum(rate(app_requests_total{code=~"5.."}[1h])) or 0 * sum(rate(app_requests_total[1h]))) / sum(rate(app_requests_total[1h]))');
    expect(budget!.rules.map((r) => [r.record, r.expr])).toEqual([
      ['slo:sli_error:ratio_rate30d', 'sum_over_time(slo:sli_errors:rate5m{service="app",slo="availability"}[30d]) / sum_over_time(slo:sli_total:rate5m{service="app",slo="availability"}[30d])'],
      ['slo:error_budget_remaining:ratio', '1 - max without (window) (slo:sli_error:ratio_rate30d{service="app",slo="availability"}) / 0.001'],
    ]);
    // The budget left has the documented labels only: the period ratio's window is dropped in the expression.
    expect(budget!.rules[1]!.labels).toEqual({ service: 'app', slo: 'availability' });
  });

  it('writes good/total and latency SLIs as total minus good, good 0 where its series are absent', () => {
    const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', labels: ['route'], buckets: [0.25, 1] });
    const { files } = compileProject(
      sloProject(
        [slo({ ...base, name: 'fast', sli: { latency, threshold: 1, matchers: { route: '/pay' } } }), slo({ ...base, name: 'good', sli: { good: requests.select({ code: re('2..') }), total: requests } })],
        [requests, latency],
      ),
    );
    const text = files.map((f) => f.content).join('\n');
    expect(text).toContain(
      '(sum(rate(app_latency_seconds_count{route="/pay"}[1h])) - (sum(rate(app_latency_seconds_bucket{route="/pay",le=~"1(\\\\.0)?"}[1h])) or 0 * sum(rate(app_latency_seconds_count{route="/pay"}[1h])))) / sum(rate(app_latency_seconds_count{route="/pay"}[1h]))',
    );
    expect(text).toContain('(sum(rate(app_requests_total[6h])) - (sum(rate(app_requests_total{code=~"2.."}[6h])) or 0 * sum(rate(app_requests_total[6h])))) / sum(rate(app_requests_total[6h]))');
  });

  it('alerts page and ticket with the multi-window condition, labels, and the burn rate and budget left as annotations', () => {
    const { groups } = rules({ alerting: { ...base.alerting, labels: { team: 'payments' }, ticket: { labels: { severity: 'info' } } } });
    const [page, ticket] = groups[2]!.rules;
    expect(page!.expr).toBe(
      [
        '(',
        '  max without (window) (slo:sli_error:ratio_rate1h{service="app",slo="availability"}) / 0.001 > 14.4',
        '  and',
        '  max without (window) (slo:sli_error:ratio_rate5m{service="app",slo="availability"}) / 0.001 > 14.4',
        ')',
        'or',
        '(',
        '  max without (window) (slo:sli_error:ratio_rate6h{service="app",slo="availability"}) / 0.001 > 6',
        '  and',
        '  max without (window) (slo:sli_error:ratio_rate30m{service="app",slo="availability"}) / 0.001 > 6',
        ')',
      ].join('\n'),
    );
    expect([page!.labels, ticket!.labels]).toEqual([{ severity: 'critical', team: 'payments' }, { severity: 'info', team: 'payments' }]);
    expect(page!.annotations!['burn_rate']).toBe('{{ $value | printf "%.2f" }}');
    expect(page!.annotations!['error_budget_remaining']).toBe(
      '{{ with query "slo:error_budget_remaining:ratio{service=\\"app\\",slo=\\"availability\\"}" }}{{ . | first | value | humanizePercentage }}{{ end }}',
    );
  });

  it('leaves an alert out with false', () => {
    expect(rules({ alerting: { ...base.alerting, ticket: false } }).groups[2]!.rules.map((r) => r.labels?.['severity'])).toEqual(['critical']);
  });
});

describe('generated alert tests', () => {
  type TestFile = { evaluation_interval: string; group_eval_order?: string[]; rule_files: string[]; tests: Array<{ name: string; alert_rule_test: Array<{ eval_time: string; exp_alerts: Array<{ exp_annotations: Record<string, string> }> }> }> };
  const testFiles = (files: ReturnType<typeof rules>['files']) =>
    files.filter((f) => f.path.endsWith('.test.yml')).map((f) => ({ path: f.path, file: parse(f.content) as TestFile }));

  it('page: 14.4× fires within 1h (2% of the budget) and not at 45m, 6× fires, 0.5× stays quiet; ticket: 3× and 1× open it, 0.5× does not', () => {
    const all = testFiles(rules().files);
    const page = all.find((t) => t.file.tests[0]!.name.startsWith('AppBudgetBurn › page:'));
    const ticket = all.find((t) => t.file.tests[0]!.name.startsWith('AppBudgetBurn › ticket:'));
    const summary = (t: TestFile) => t.tests.map((c) => `${c.name.replace('AppBudgetBurn › ', '')} → ${c.alert_rule_test.map((a) => `${a.exp_alerts.length} at ${a.eval_time}`).join(', ')}`);
    expect(summary(page!.file)).toEqual([
      // One case, checked at two times: quiet 45m into the burn, firing at the end of the hour.
      'page: 18× burn (line 14.4× over 1h/5m, +25%) after 2h of good traffic stays quiet 45m in (at 2h45m); 1h in (2% of the budget spent at 14.4×), fires at 3h → 0 at 2h45m, 1 at 3h',
      'page: steady 7.5× burn (line 6× over 6h/30m, +25%) fires at 10m → 1 at 10m',
      'page: steady 0.5× burn stays quiet at 10m → 0 at 10m',
    ]);
    expect(summary(ticket!.file)).toEqual([
      'ticket: steady 3.75× burn (line 3× over 1d/2h, +25%) fires at 10m → 1 at 10m',
      'ticket: steady 1.25× burn (line 1× over 3d/6h, +25%) fires at 10m → 1 at 10m',
      'ticket: steady 0.5× burn stays quiet at 10m → 0 at 10m',
    ]);
    // The rules the tests load: the alert, the ratios it reads and (through its annotation) the budget.
    expect(page!.file.group_eval_order).toEqual(['slo-app-availability', 'slo-app-availability-budget', 'slo-app-availability-alerts']);
    // promtool evaluates every loaded rule at every tick of the test: the SLO's tests tick every 5m (the base window).
    expect(page!.file.evaluation_interval).toBe('5m');
    // A steady 7.5× burn from the start: 7.5 over 30d burnt in 10m of data, −650% left.
    expect(page!.file.tests[1]!.alert_rule_test[0]!.exp_alerts[0]!.exp_annotations).toMatchObject({ burn_rate: '7.50', error_budget_remaining: '-650%' });
  });

  it("tick at the base window (or the group interval's first multiple past it), every eval_time on a tick, a bounded number of ticks", () => {
    const ms = (d: string) => [...d.matchAll(/(\d+)([dhms])/g)].reduce((t, [, n, u]) => t + Number(n) * { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[u as 'd']!, 0);
    const cases: Array<[string, Partial<SloOptions>, string]> = [
      ['15s', {}, '5m'],
      ['2m', {}, '6m'],
      ['10m', {}, '10m'],
      // Windows that are no multiple of the tick: the cases' times are rounded onto it.
      ['2m', { burnRates: { page: [{ long: '50m', short: '5m', burnRate: 14.4 }, { long: '7h', short: '35m', burnRate: 6 }], ticket: [{ long: '1d', short: '2h', burnRate: 3 }] } }, '6m'],
    ];
    for (const [interval, options, tick] of cases) {
      const files = testFiles(compileProject(sloProject([slo({ ...base, ...options })], [requests], interval)).files);
      expect(files.length).toBeGreaterThan(0);
      for (const { file } of files) {
        expect(file.evaluation_interval, interval).toBe(tick);
        const times = file.tests.flatMap((t) => t.alert_rule_test.map((a) => ms(a.eval_time)));
        for (const t of times) expect(t % ms(tick), `${interval}: ${t}`).toBe(0);
        // promtool's work: every rule at every tick of every case (at 1m the workbook's page took 435 ticks).
        expect(times.reduce((n, t) => n + t / ms(tick), 0), interval).toBeLessThanOrEqual(120);
        // A steady burn is checked 10 minutes in (the tick after, when it is longer): every window holds it by then.
        for (const steady of file.tests.filter((t) => t.name.includes(': steady '))) {
          expect(ms(steady.alert_rule_test[0]!.eval_time), steady.name).toBe(Math.ceil(ms('10m') / ms(tick)) * ms(tick));
        }
      }
    }
  });

  withPromtool('pass in promtool, for several objectives, windows and SLI kinds', async () => {
    const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', buckets: [0.25, 1] });
    const { files } = compileProject(
      sloProject(
        [
          slo({ ...base }),
          slo({ ...base, name: 'strict', objective: 99.99, window: '28d' }),
          slo({ ...base, name: 'loose', objective: 95, sli: { good: requests.select({ code: re('2..|3..') }), total: requests } }),
          slo({ ...base, name: 'latency', objective: 99.5, sli: { latency, threshold: 0.25 }, alerting: { ...base.alerting, page: { for: '2m' } } }),
        ],
        [requests, latency],
        '30s',
      ),
    );
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    expect(tests).toHaveLength(8);
    const r = await promtoolTests(dir, tests);
    expect(r.exitCode, r.all).toBe(0);
  });

  withPromtool('pass in promtool at a 6m tick, with windows off the tick and a `for`', async () => {
    const burnRates = { page: [{ long: '50m', short: '5m', burnRate: 14.4 }, { long: '7h', short: '35m', burnRate: 6 }], ticket: [{ long: '1d', short: '2h', burnRate: 3 }] };
    const { files } = compileProject(sloProject([slo({ ...base, burnRates, alerting: { ...base.alerting, page: { for: '3m' } } })], [requests], '2m'));
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.endsWith('.test.yml'));
    expect(tests.map((f) => (parse(f.content) as TestFile).evaluation_interval)).toEqual(['6m', '6m']);
    const r = await promtoolTests(dir, tests.map((f) => f.path.slice('prometheus/'.length)));
    expect(r.exitCode, r.all).toBe(0);
  });

  withPromtool('fail when an alert is wrong: a threshold of each line raised, one lowered under the quiet burn, a window swapped, `and` made `or`, the budget changed', async () => {
    const { files } = compileProject(sloProject([slo({ ...base })]));
    const dir = writeOut(files);
    const rulesOf = (threshold: string) => files.filter((f) => f.path.endsWith('.rules.yml') && f.content.includes(threshold)).map((f) => path.join(dir, f.path.slice('prometheus/'.length)))[0]!;
    const [pageRules, ticketRules] = [rulesOf('> 14.4'), rulesOf('> 3\n')];
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    expect((await promtoolTests(dir, tests)).exitCode).toBe(0);
    const mutations: Array<[string, string, string]> = [
      // Raised above the +25% burn of a line: its firing case fails. (The ticket's 3× line raised
      // alone is not caught: a steady 3.75× burn is above its 1× line too, whatever the length.)
      [pageRules, '> 14.4', '> 20'], [pageRules, '> 6\n', '> 8\n'], [ticketRules, '> 1\n', '> 1.3\n'],
      // Lowered under the 0.5× quiet burn: the quiet case fails.
      [pageRules, '> 6\n', '> 0.4\n'], [ticketRules, '> 1\n', '> 0.4\n'],
      // The 1h window read as 30m, either window alone enough: the page fires before 1h of burn.
      [pageRules, 'ratio_rate1h{', 'ratio_rate30m{'], [pageRules, ' and\n', ' or\n'],
      [pageRules, '/ 0.001 > 6', '/ 0.01 > 6'], [ticketRules, '/ 0.001 > 1\n', '/ 0.01 > 1\n'],
    ];
    for (const [file, from, to] of mutations) {
      const original = readFileSync(file, 'utf8');
      expect(original, from).toContain(from);
      writeFileSync(file, original.replaceAll(from, to));
      const r = await promtoolTests(dir, tests);
      writeFileSync(file, original);
      expect(r.exitCode, `${path.basename(file)}: ${from} → ${to}`).toBe(1);
      // The window swapped is caught by the early check alone (at 3h the 30m window says 18× too):
      // the case's earlier quiet time is evaluated on the same input, as its own case was.
      if (from === 'ratio_rate1h{') expect(r.all).toMatch(/time: 2h45m,[\s\S]*exp:\[\],?\s*got:\[[\s\S]*severity="critical"/);
    }
  });
});

describe('generated alert tests predict what Prometheus renders', () => {
  // Objectives × windows with the workbook's table (7d at 99%: the 0.7× line +25% is a 0.875× burn,
  // a tie for %.2f), and a custom table of tie burn rates: every burn_rate and budget left promtool checks.
  withPromtool('burn_rate and error_budget_remaining on ties, over objectives, windows and tables', async () => {
    const objectives = [99, 99.5, 99.9, 95, 99.95, 99.99];
    const windows = ['7d', '14d', '21d', '28d', '30d', '90d'];
    const slos = objectives.flatMap((objective, i) =>
      windows.map((window, j) => {
        const job = `j${i}-${j}`;
        return slo({ ...base, name: `s${i}-${j}`, objective, window, sli: { errors: requests.select({ job, code: re('5..') }), total: requests.select({ job }) } });
      }),
    );
    slos.push(
      slo({
        ...base,
        name: 'tie',
        sli: { errors: requests.select({ job: 'tie', code: re('5..') }), total: requests.select({ job: 'tie' }) },
        burnRates: { page: [{ long: '1h', short: '5m', burnRate: 14.5 }, { long: '6h', short: '30m', burnRate: 5.9 }], ticket: [{ long: '1d', short: '2h', burnRate: 2.9 }, { long: '3d', short: '6h', burnRate: 0.7 }] },
      }),
    );
    const { files } = compileProject(sloProject(slos, [requests], '30s'));
    const text = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.content).join('\n');
    // The auditor's case is among them: 0.875 over a 99% budget is 0.8749999999999999 in Prometheus.
    expect(text).toContain('burn_rate: "0.87"');
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    const r = await promtoolTests(dir, tests);
    expect(r.exitCode, r.all).toBe(0);
  }, 180_000);
});

describe('a total outage of a good/total SLI', () => {
  withPromtool('pages and opens a ticket when the good series are gone (generated case), and the case fails on rules that leave good absent', async () => {
    const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', buckets: [0.25, 1] });
    const { files } = compileProject(
      sloProject(
        [
          slo({ ...base, name: 'good', sli: { good: requests.select({ code: re('2..') }), total: requests } }),
          slo({ ...base, name: 'latency', objective: 99, window: '28d', sli: { latency, threshold: 0.25 }, alerting: { ...base.alerting, page: { for: '5m' } } }),
        ],
        [requests, latency],
      ),
    );
    const outages = files
      .filter((f) => f.path.endsWith('.test.yml'))
      .flatMap((f) => (parse(f.content) as { tests: Array<{ name: string; alert_rule_test: Array<{ exp_alerts: unknown[] }> }> }).tests)
      .filter((t) => t.name.includes(': outage: '));
    // Page and ticket of both SLOs, each firing.
    expect(outages.map((t) => t.alert_rule_test.map((a) => a.exp_alerts.length))).toEqual([[1], [1], [1], [1]]);
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    expect((await promtoolTests(dir, tests)).exitCode).toBe(0);
    // The good side as it was: `sum` over no series is empty, every ratio absent, nothing fires.
    for (const f of files.filter((f) => f.path.includes('/tests/') && f.path.endsWith('.rules.yml'))) {
      const file = path.join(dir, f.path.slice('prometheus/'.length));
      const rulesFile = parse(readFileSync(file, 'utf8')) as RuleFile;
      for (const rule of rulesFile.groups.flatMap((g) => g.rules)) rule.expr = rule.expr.replace(/ or 0 \* sum\(rate\([^[]*\[\w+\]\)\)\)/g, ')');
      writeFileSync(file, stringify(rulesFile));
    }
    const r = await promtoolTests(dir, tests);
    expect(r.exitCode).toBe(1);
    expect(r.all).toMatch(/outage: every event fails[\s\S]*got:\[\s*\]/);
    expect(r.all).not.toMatch(/steady [\d.]+× burn \(line/);
  });
});

describe('negated matchers in an SLI', () => {
  withPromtool('write test series each selector takes (errors code="500" beside code="200" for the total only), and pass in promtool', async () => {
    const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', labels: ['route'], buckets: [0.25, 1] });
    const { files } = compileProject(
      sloProject(
        [
          slo({ ...base, name: 'nre', sli: { errors: requests.select({ job: 'api', code: nre('2..|3..') }), total: requests.select({ job: 'api' }) } }),
          slo({ ...base, name: 'ne', sli: { errors: requests.select({ job: 'ne', code: ne('200') }), total: requests.select({ job: 'ne', code: nre('1..') }) } }),
          slo({ ...base, name: 'good', sli: { good: requests.select({ job: 'good', code: nre('5..') }), total: requests.select({ job: 'good' }) } }),
          slo({ ...base, name: 'latency', sli: { latency, threshold: 1, matchers: { route: ne('/health') } } }),
        ],
        [requests, latency],
      ),
    );
    const series = (slo: string) => {
      const test = files.find((f) => f.path.includes(`/slo-app-${slo}-alerts/`) && f.path.endsWith('.test.yml'))!;
      return (parse(test.content) as { tests: Array<{ input_series: Array<{ series: string }> }> }).tests[0]!.input_series.map((s) => s.series);
    };
    expect(series('nre')).toEqual(['app_requests_total{code="500", job="api"}', 'app_requests_total{code="200", job="api"}']);
    expect(series('ne')).toEqual(['app_requests_total{code="500", job="ne"}', 'app_requests_total{code="200", job="ne"}']);
    expect(series('good')).toEqual(['app_requests_total{code="200", job="good"}', 'app_requests_total{code="500", job="good"}']);
    expect(series('latency')[0]).toMatch(/^app_latency_seconds_bucket\{le="1", route="[^"]+"\}$/);
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    expect(tests).toHaveLength(8);
    const r = await promtoolTests(dir, tests);
    expect(r.exitCode, r.all).toBe(0);
  });
});

describe('windows written differently', () => {
  it('are one recorded series, named by the largest unit that divides them, the one the alerts and the dashboard read', () => {
    const burnRates = {
      page: [{ long: '60m', short: '300s', burnRate: 14.4 }, { long: '1h30m', short: '30m', burnRate: 6 }],
      ticket: [{ long: '168h', short: '6h', burnRate: 1 }, { long: '1w', short: '360m', burnRate: 0.9 }],
    };
    const { files, groups } = rules({ window: '7d', objective: 99, burnRates });
    const recorded = groups.flatMap((g) => g.rules).filter((r) => r.record).map((r) => `${r.record}{window=${r.labels?.['window']}}`);
    expect(recorded).toEqual([
      'slo:sli_errors:rate5m{window=5m}', 'slo:sli_total:rate5m{window=5m}', 'slo:sli_error:ratio_rate5m{window=5m}',
      'slo:sli_error:ratio_rate30m{window=30m}', 'slo:sli_error:ratio_rate1h{window=1h}', 'slo:sli_error:ratio_rate90m{window=90m}', 'slo:sli_error:ratio_rate6h{window=6h}',
      'slo:sli_error:ratio_rate7d{window=7d}', 'slo:error_budget_remaining:ratio{window=undefined}',
    ]);
    // Every ratio an alert or a dashboard panel reads is recorded.
    const names = new Set(groups.flatMap((g) => g.rules).map((r) => r.record));
    const read = files.filter((f) => !f.path.endsWith('.test.yml')).flatMap((f) => [...f.content.matchAll(/slo:sli_error:ratio_rate\w+/g)].map((m) => m[0]));
    expect(read.length).toBeGreaterThan(10);
    for (const name of read) expect(names, name).toContain(name);
    // An SLO window written in weeks or hours is the same period ratio.
    expect(rules({ window: '4w' }).groups[1]!.rules.map((r) => r.record)).toEqual(['slo:sli_error:ratio_rate28d', 'slo:error_budget_remaining:ratio']);
    expect(rules({ window: '720h' }).groups[1]!.rules[0]!.expr).toBe(
      'sum_over_time(slo:sli_errors:rate5m{service="app",slo="availability"}[30d]) / sum_over_time(slo:sli_total:rate5m{service="app",slo="availability"}[30d])',
    );
  });

  withPromtool("pass in promtool: a 7d SLO with a 168h ticket line (the auditor's case) reads the period ratio it records", async () => {
    const burnRates = { page: [{ long: '1h', short: '5m', burnRate: 14.4 }], ticket: [{ long: '168h', short: '6h', burnRate: 1 }] };
    const { files } = compileProject(sloProject([slo({ ...base, window: '7d', objective: 99, burnRates })]));
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    const r = await promtoolTests(dir, tests);
    expect(r.exitCode, r.all).toBe(0);
  });
});

describe('the budget left', () => {
  withPromtool("has labels service and slo only: a user's alert on it and its test see no window", async () => {
    const low = alert({
      name: 'AppBudgetLow', expr: 'slo:error_budget_remaining:ratio{service="app",slo="availability"} < 0.5', for: '5m', labels: { severity: 'warning' },
      annotations: { summary: 's', description: 'd', runbook_url: 'https://r/z' },
      tests: [
        { name: 'half errors', input: [{ series: 'app_requests_total{code="500"}', values: '0+10x60' }, { series: 'app_requests_total{code="200"}', values: '0+10x60' }], at: '30m', expect: [{ labels: { service: 'app', slo: 'availability' } }] },
      ],
    });
    const project = { ...sloProject([slo({ ...base })]), ruleGroups: [ruleGroup({ name: 'budget', rules: [low] })] };
    const { files } = compileProject(project);
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.includes('/tests/budget/') && f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    expect(tests).toHaveLength(1);
    const r = await promtoolTests(dir, tests);
    expect(r.exitCode, r.all).toBe(0);
  });
});

describe('a page with a for', () => {
  withPromtool("still proves the first line fires (checked after its long window and the for), and a table without that line fails", async () => {
    const { files } = compileProject(sloProject([slo({ ...base, alerting: { ...base.alerting, page: { for: '30m' } } })]));
    const page = files.find((f) => f.path.endsWith('appbudgetburn.test.yml') && f.content.includes('› page:'))!;
    const first = (parse(page.content) as { tests: Array<{ name: string; alert_rule_test: Array<{ eval_time: string; exp_alerts: Array<{ exp_annotations: Record<string, string> }> }> }> }).tests[0]!;
    expect(first.name).toBe(
      'AppBudgetBurn › page: 18× burn (line 14.4× over 1h/5m, +25%) after 2h of good traffic stays quiet 1h15m in (at 3h15m); 1h30m in (2% of the budget spent at 14.4× by 1h, then for 30m), fires at 3h30m',
    );
    // Quiet 45m + the for into the burn (the condition holds from 48m), firing at 1h + the for.
    expect(first.alert_rule_test.map((a) => [a.eval_time, a.exp_alerts.length])).toEqual([['3h15m', 0], ['3h30m', 1]]);
    expect(first.alert_rule_test[1]!.exp_alerts[0]!.exp_annotations['burn_rate']).toBe('18.00');
    const dir = writeOut(files);
    const tests = files.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    expect((await promtoolTests(dir, tests)).exitCode).toBe(0);
    // The 14.4× line disabled (the auditor's mutation): the first case fails.
    const rulesFile = files.filter((f) => f.path.endsWith('.rules.yml') && f.content.includes('> 14.4')).map((f) => path.join(dir, f.path.slice('prometheus/'.length)))[0]!;
    writeFileSync(rulesFile, readFileSync(rulesFile, 'utf8').replaceAll('> 14.4', '> 1440'));
    const r = await promtoolTests(dir, tests);
    expect(r.exitCode).toBe(1);
    expect(r.all).toContain('fires at 3h30m');
    // Longer fors, on page and ticket: every case still passes.
    const long = compileProject(sloProject([slo({ ...base, alerting: { ...base.alerting, page: { for: '3h' }, ticket: { for: '1h' } } })])).files;
    const longDir = writeOut(long);
    const longTests = long.filter((f) => f.path.endsWith('.test.yml')).map((f) => f.path.slice('prometheus/'.length));
    const rLong = await promtoolTests(longDir, longTests);
    expect(rLong.exitCode, rLong.all).toBe(0);
  });
});

describe("latency SLO tests feed the buckets as the project's instrumentation exposes them", () => {
  const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', buckets: [0.25, 1, 2.5] });
  const bucketSeries = (python: boolean) => {
    const project = sloProject([slo({ ...base, sli: { latency, threshold: 1 } })], [requests, latency]);
    const { files } = compileProject(python ? { ...project, instrument: { python: {} } } : project);
    const tests = files.filter((f) => f.path.includes('/tests/') && f.path.endsWith('.test.yml')).map((f) => f.content).join('\n');
    return [...new Set([...tests.matchAll(/app_latency_seconds_bucket\{[^}]*\}/g)].map((m) => m[0]))];
  };
  it('le="1.0" where the generated Python module exposes the histogram (prometheus_client writes 1.0)', () => {
    expect(bucketSeries(true)).toEqual(['app_latency_seconds_bucket{le="1.0"}']);
  });
  it('le="1" otherwise (Go clients and prom-client; the rules match both)', () => {
    expect(bucketSeries(false)).toEqual(['app_latency_seconds_bucket{le="1"}']);
  });
});
