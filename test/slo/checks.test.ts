import { describe, expect, it } from 'vitest';
import { alert, counter, defineProject, gauge, histogram, ne, nre, re, record, ruleGroup, scrapeJob, slo, type Rule, type SloOptions } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { runOn } from '../helpers/model.js';
import { base, requests } from './helpers.js';
import { sliTestSeries } from '../../src/model/slo-sli.js';

// Fire and quiet cases of the slo/* checks, on small non-Totem definitions.
const failures = counter({ name: 'app_failures_total', help: 'Failures.' });
const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', buckets: [0.1, 0.25, 1, 2.5] });

function findings(id: string, ...slos: Array<Partial<SloOptions>>) {
  const project = defineProject({
    name: 'slo-checks',
    metrics: [requests, failures, latency],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:80'] })] },
    slos: slos.map((s, i) => slo({ ...base, name: `${base.name}-${i}`, ...s })),
  });
  const check = CHECKS.find((c) => c.id === id)!;
  return runOn(project, [check]).map((d) => ({ message: d.message, hint: d.hint, path: d.path?.join(' › ') }));
}

describe('slo/objective', () => {
  it.each([100, 0, 120, -1])('fires on %s', (objective) => {
    const [f] = findings('slo/objective', { objective });
    expect(f?.message).toMatch(new RegExp(`^SLO availability-0 has objective ${objective}, outside \\(0, 100\\): `));
    expect(f?.path).toBe('slos › availability-0 › objective');
  });
  it.each([
    [0.999, '99.9', '99.001'],
    [0.95, '95', '99.05'],
    [1, '100', '99'],
  ])('warns that %s looks like a ratio', (objective, percent, allowed) => {
    const project = defineProject({
      name: 'slo-checks',
      metrics: [requests],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:80'] })] },
      slos: [slo({ ...base, objective })],
    });
    const got = runOn(project, [CHECKS.find((c) => c.id === 'slo/objective')!]);
    expect(got.map((d) => [d.severity, d.message, d.hint])).toEqual([
      ['warning', `SLO availability has objective ${objective}: a ${objective}% objective allows ${allowed}% of events to fail`, `the objective is a percentage: write ${percent} for ${objective}`],
    ]);
  });
  it.each([99.9, 95, 50, 99.999])('is quiet on %s', (objective) => expect(findings('slo/objective', { objective })).toEqual([]));
});

describe('slo/latency-threshold', () => {
  const sli = (threshold: number) => ({ sli: { latency, threshold } });
  it('fires on a threshold between buckets, naming the nearest', () => {
    expect(findings('slo/latency-threshold', sli(0.5))).toEqual([
      {
        message: 'SLO availability-0: threshold 0.5 is not a bucket of app_latency_seconds (buckets 0.1, 0.25, 1, 2.5): no _bucket series has le="0.5", so the SLI would count every request as too slow',
        hint: 'use a bucket bound (0.25 or 1), or add 0.5 to the histogram\'s buckets in the catalogue and the application',
        path: 'slos › availability-0 › sli › threshold',
      },
    ]);
  });
  it('fires beyond the last bucket and under the first', () => {
    expect(findings('slo/latency-threshold', sli(5))[0]?.hint).toMatch(/^use a bucket bound \(2\.5\)/);
    expect(findings('slo/latency-threshold', sli(0.05))[0]?.hint).toMatch(/^use a bucket bound \(0\.1\)/);
  });
  it('fires on a histogram missing from the catalogue', () => {
    const other = histogram({ name: 'app_other_seconds', help: 'Other.', buckets: [1] });
    expect(findings('slo/latency-threshold', { sli: { latency: other, threshold: 1 } })[0]?.message).toBe(
      'SLO availability-0 measures latency with "app_other_seconds", which is not a histogram of the catalogue',
    );
  });
  it.each([0.1, 1, 2.5])('is quiet on the bucket %s', (threshold) => expect(findings('slo/latency-threshold', sli(threshold))).toEqual([]));
  it('is quiet on event SLIs', () => expect(findings('slo/latency-threshold', {})).toEqual([]));
});

describe('slo/windows', () => {
  const table = (page: Array<[string, string, number]>) => ({
    burnRates: { page: page.map(([long, short, burnRate]) => ({ long, short, burnRate })), ticket: [{ long: '1d', short: '2h', burnRate: 3 }] },
  });
  it('fires on a short window not shorter than the long one', () => {
    expect(findings('slo/windows', table([['1h', '1h', 14.4]]))).toEqual([
      {
        message: 'SLO availability-0, page line 1h/1h: its short window 1h is not shorter than its long window 1h',
        hint: 'the short window (about 1/12 of the long one in the workbook) only says the burn is still going on: make it shorter',
        path: 'slos › availability-0 › burnRates › page[0]',
      },
    ]);
  });
  it('fires on a long window beyond the SLO window (the workbook table on a 1d SLO)', () => {
    const got = findings('slo/windows', { window: '1d' });
    expect(got.map((f) => f.message)).toEqual(['SLO availability-0, ticket line 3d/6h: its long window 3d is longer than the SLO window 1d']);
    expect(got[0]?.path).toBe('slos › availability-0');
  });
  it('fires on a short window under 5m and on an alert without lines', () => {
    expect(findings('slo/windows', table([['1h', '1m', 14.4]]))[0]?.message).toBe('SLO availability-0, page line 1h/1m: its short window 1m is under 5m');
    expect(findings('slo/windows', table([]))[0]).toEqual({
      message: 'SLO availability-0: the page alert has no burn-rate line, so it can never fire',
      hint: 'give burnRates.page at least one { long, short, burnRate }, or turn the alert off with alerting: { page: false }',
      path: 'slos › availability-0 › burnRates › page',
    });
  });
  it('is quiet on the workbook table (30d and 28d) and on a consistent custom one', () => {
    expect(findings('slo/windows', {}, { window: '28d' }, table([['2h', '10m', 10]]))).toEqual([]);
  });
});

describe('slo/burn-rate', () => {
  it('fires when burn rate × budget reaches 1 (the workbook page on a 90% objective)', () => {
    expect(findings('slo/burn-rate', { objective: 90 })).toEqual([
      {
        message: 'SLO availability-0, page line 1h/5m: 14.4× of an error budget of 0.1 is an error ratio of 1.44, which no error ratio exceeds: this line never fires',
        hint: 'with a 90% objective, burn rates must stay under 10: lower it, or raise the objective',
        path: 'slos › availability-0',
      },
    ]);
  });
  it('fires on a burn rate of 0 or less, at its line', () => {
    const got = findings('slo/burn-rate', { burnRates: { page: [{ long: '1h', short: '5m', burnRate: 0 }], ticket: [{ long: '1d', short: '2h', burnRate: -1 }] } });
    expect(got.map((f) => [f.message, f.path])).toEqual([
      ['SLO availability-0, page line 1h/5m: burn rate 0 fires on any error at all', 'slos › availability-0 › burnRates › page[0]'],
      ['SLO availability-0, ticket line 1d/2h: burn rate -1 fires on any error at all', 'slos › availability-0 › burnRates › ticket[0]'],
    ]);
  });
  it('fires at exactly 1 (a ratio cannot exceed it)', () => {
    expect(findings('slo/burn-rate', { objective: 50, burnRates: { page: [{ long: '1h', short: '5m', burnRate: 2 }], ticket: [] } })[0]?.message).toMatch(/is an error ratio of 1, which no error ratio exceeds/);
  });
  it('is quiet on the workbook table from 93.06% up', () => {
    expect(findings('slo/burn-rate', { objective: 93.1 }, { objective: 99.999 }, { objective: 95 })).toEqual([]);
  });
});

describe('slo/sli-selector', () => {
  it('fires on a rate where a selector belongs', () => {
    expect(findings('slo/sli-selector', { sli: { errors: 'rate(app_failures_total[5m])', total: requests } })).toEqual([
      {
        message: 'SLO availability-0: sli.errors "rate(app_failures_total[5m])" is not a plain selector: it is more than a selector (the rate and the window are added for you)',
        hint: "give the counter (errors) or a selector on it (errors.select({ code: re('5..') })): totem-mon writes sum(rate(…[window])) for each window",
        path: 'slos › availability-0 › sli › errors',
      },
    ]);
  });
  it('fires on an expression of two metrics', () => {
    expect(findings('slo/sli-selector', { sli: { good: `${requests} - ${failures}`, total: requests } })[0]?.message).toBe(
      'SLO availability-0: sli.good "app_requests_total - app_failures_total" is not a plain selector: it is not a selector of one metric',
    );
  });
  it('fires when errors take every series the total takes', () => {
    const [f] = findings('slo/sli-selector', { sli: { errors: requests, total: requests.select({ code: '200' }) } });
    expect(f?.message).toBe('SLO availability-0: no test can be generated for its alerts: every series the total selector app_requests_total{code="200"} takes is taken by the errors selector app_requests_total too');
    expect(f?.path).toBe('slos › availability-0 › sli');
  });
  it('fires when errors and total are the same selector, or the negated errors cover every value the total allows', () => {
    const job = requests.select({ job: 'api' });
    expect(findings('slo/sli-selector', { sli: { errors: job, total: job } })[0]?.message).toMatch(/every series the total selector app_requests_total\{job="api"\} takes is taken by the errors selector/);
    expect(findings('slo/sli-selector', { sli: { errors: requests.select({ code: ne('200') }), total: requests.select({ code: '500' }) } })[0]?.message).toMatch(/every series the total selector/);
  });
  it('is quiet on negated matchers on either side (!=, !~), with =~ and = beside them', () => {
    const sli = (errors: ReturnType<typeof requests.select>, total: ReturnType<typeof requests.select> | typeof requests) => ({ sli: { errors, total } });
    expect(
      findings(
        'slo/sli-selector',
        sli(requests.select({ job: 'api', code: nre('2..|3..') }), requests.select({ job: 'api' })),
        sli(requests.select({ code: ne('200') }), requests),
        sli(requests.select({ code: re('5..') }), requests.select({ code: nre('1..') })),
        sli(requests.select({ code: nre('2..') }), requests.select({ code: ne('') })),
        { sli: { good: requests.select({ job: 'api', code: nre('5..') }), total: requests.select({ job: 'api' }) } },
        { sli: { good: requests.select({ code: ne('500') }), total: requests.select({ code: nre('1..') }) } },
        { sli: { latency, threshold: 1, matchers: { route: ne('/health') } } },
      ),
    ).toEqual([]);
  });
  it('is quiet on errors and total of one metric, of two metrics, good/total and latency', () => {
    expect(findings('slo/sli-selector', {}, { sli: { errors: failures, total: requests } }, { sli: { good: requests.select({ code: re('2..|3..') }), total: requests } }, { sli: { latency, threshold: 1 } })).toEqual([]);
  });
});

describe('slo/sli-subset', () => {
  const api = requests.select({ job: 'api' });
  it("fires on errors without the total's matchers, at the errors selector", () => {
    expect(findings('slo/sli-subset', { sli: { errors: requests.select({ code: re('5..') }), total: api } })).toEqual([
      {
        message: 'SLO availability-0: sli.errors app_requests_total{code=~"5.."} lacks the total\'s job="api": it counts errors of series the total app_requests_total{job="api"} does not count, so the ratio can pass 1 and the burn rates mean nothing',
        hint: 'give sli.errors every matcher of the total (job="api"), e.g. app_requests_total.select({ … }) with the total\'s labels; if the total counts those series under other labels, say why with ignore: { \'slo/sli-subset\': \'…\' }',
        path: 'slos › availability-0 › sli › errors',
      },
    ]);
  });
  it('fires on good events, on errors of another metric with the label, and names every missing matcher', () => {
    expect(findings('slo/sli-subset', { sli: { good: requests.select({ code: re('2..') }), total: api } })[0]?.message).toMatch(/^SLO availability-0: sli\.good .* lacks the total's job="api": it counts good events/);
    expect(findings('slo/sli-subset', { sli: { errors: failures, total: api } })[0]?.message).toMatch(/sli\.errors app_failures_total lacks the total's job="api"/);
    expect(findings('slo/sli-subset', { sli: { errors: requests.select({ code: '500' }), total: requests.select({ job: 'api', instance: re('a.*') }) } })[0]?.message).toMatch(/lacks the total's job="api", instance=~"a\.\*"/);
    // A value the total refuses: errors of another job.
    expect(findings('slo/sli-subset', { sli: { errors: requests.select({ job: 'web', code: '500' }), total: api } })[0]?.message).toMatch(/lacks the total's job="api"/);
    expect(findings('slo/sli-subset', { sli: { errors: requests.select({ job: re('api|web'), code: '500' }), total: api } })[0]?.message).toMatch(/lacks the total's job="api"/);
  });
  it('is quiet when the errors imply every matcher of the total, or when it cannot be decided', () => {
    const sli = (errors: ReturnType<typeof requests.select> | typeof failures, total: ReturnType<typeof requests.select> | typeof requests) => ({ sli: { errors, total } });
    expect(
      findings(
        'slo/sli-subset',
        {},
        sli(requests.select({ job: 'api', code: re('5..') }), api),
        sli(requests.select({ job: 'api', code: '500' }), requests.select({ job: re('api|web') })),
        sli(requests.select({ job: re('api|web'), code: '500' }), requests.select({ job: re('api|web|db') })),
        sli(requests.select({ code: re('5..') }), requests.select({ code: nre('1..') })),
        sli(requests.select({ code: '500' }), requests.select({ code: ne('200') })),
        sli(requests.select({ code: re('5..') }), requests.select({ code: re('.*') })),
        sli(failures, requests),
        { sli: { good: requests.select({ job: 'api', code: nre('5..') }), total: api } },
        { sli: { latency, threshold: 1, matchers: { job: 'api' } } },
      ),
    ).toEqual([]);
    // Another metric without the label: nothing to match it with (promql/unknown-label's case).
    expect(findings('slo/sli-subset', { sli: { errors: failures, total: requests.select({ code: '500' }) } })).toEqual([]);
  });
  it('an ignore on the SLO silences it', () => {
    expect(findings('slo/sli-subset', { sli: { errors: requests.select({ code: re('5..') }), total: api }, ignore: { 'slo/sli-subset': 'the gateway job re-labels errors' } })).toEqual([]);
  });
  it("the generated tests' errors series is one the total takes", () => {
    const series = sliTestSeries({ kind: 'errors', errors: 'app_requests_total{code=~"5.."}', total: 'app_requests_total{job="api"}' });
    expect(series).toMatchObject({ part: { labels: { code: '500', job: 'api' } }, partInTotal: true, other: { labels: { job: 'api' } } });
    expect(sliTestSeries({ kind: 'errors', errors: 'app_requests_total{code=~"5.."}', total: 'app_requests_total' })).toMatchObject({ part: { labels: { code: '500' } }, partInTotal: true });
  });
});

describe('slo/annotations', () => {
  it('fires on a templated annotation, common or of one alert', () => {
    const got = findings('slo/annotations', {
      alerting: { name: 'AppBudgetBurn', annotations: { summary: 'Queima em {{ $labels.service }}', description: 'x', runbook_url: 'https://r/x' }, ticket: { annotations: { note: '{{ $value }}' } } },
    });
    expect(got.map((f) => [f.message, f.path])).toEqual([
      ['SLO availability-0: annotation summary of the page alert is a template ("Queima em {{ $labels.service }}"); the generated tests cannot know what it renders', 'slos › availability-0 › alerting › annotations › summary'],
      ['SLO availability-0: annotation summary of the ticket alert is a template ("Queima em {{ $labels.service }}"); the generated tests cannot know what it renders', 'slos › availability-0 › alerting › annotations › summary'],
      ['SLO availability-0: annotation note of the ticket alert is a template ("{{ $value }}"); the generated tests cannot know what it renders', 'slos › availability-0 › alerting › annotations › note'],
    ]);
  });
  it('is quiet on plain texts and the defaults', () => {
    expect(findings('slo/annotations', {}, { alerting: { name: 'AppBudgetBurn', annotations: { summary: 'Orçamento queimando', description: 'Veja burn_rate.' } } })).toEqual([]);
  });
});

describe('slo/duplicate', () => {
  const project = (...names: Array<[string, string]>) =>
    defineProject({
      name: 'slo-dup',
      metrics: [requests],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:80'] })] },
      slos: names.map(([service, name]) => slo({ ...base, service, name })),
    });
  const dup = CHECKS.find((c) => c.id === 'slo/duplicate')!;
  it('fires on a second SLO with the same service and name', () => {
    const got = runOn(project(['app', 'a'], ['app', 'a'], ['app', 'a']), [dup]);
    expect(got).toHaveLength(2);
    expect(got[0]?.message).toMatch(/^SLO a of service app is declared twice \(first at .*checks\.test\.ts:\d+\): their recorded series \(labels service, slo\) would collide$/);
    expect(got[0]?.path).toEqual(['slos', 'a', 'name']);
  });
  it('is quiet on the same name in two services', () => {
    expect(runOn(project(['app', 'a'], ['web', 'a'], ['app', 'b']), [dup])).toEqual([]);
  });
});

describe('rules/duplicate-group on the groups SLOs make (slo-<service>-<slo>)', () => {
  const group = CHECKS.find((c) => c.id === 'rules/duplicate-group')!;
  const project = (slos: Array<[string, string]>, ruleGroups: Parameters<typeof defineProject>[0]['ruleGroups'] = []) =>
    defineProject({
      name: 'slo-groups',
      metrics: [requests],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:80'] })] },
      slos: slos.map(([service, name], i) => slo({ ...base, service, name, alerting: { ...base.alerting, name: `AppBudgetBurn${i}` } })),
      ruleGroups,
    });

  it('two SLOs whose names join alike ("a-b"/"c" and "a"/"b-c"): once, at both SLO definitions, naming both', () => {
    const got = runOn(project([['a-b', 'c'], ['a', 'b-c']]), [group]);
    expect(got.map((d) => d.path?.join(' › '))).toEqual(['slos › c › name', 'slos › b-c › name']);
    expect(got[0]!.message).toMatch(/^SLO "c" of service "a-b" and SLO "b-c" of service "a" \(at .*checks\.test\.ts:\d+\) both make the rule group "slo-a-b-c": an SLO's rule groups are named slo-<service>-<slo>$/);
    expect(got[1]!.message).toMatch(/^SLO "b-c" of service "a" and SLO "c" of service "a-b" \(at .*checks\.test\.ts:\d+\) both make the rule group "slo-a-b-c": /);
    expect(got[0]!.hint).toBe("rename the service or the SLO of one of them so that slo-<service>-<slo> differs (e.g. name: 'b-c-2')");
    expect(got.every((d) => !/give every group its own name/.test(d.hint ?? ''))).toBe(true);
  });

  it('a rule group named like an SLO\'s: at the rule group, naming the SLO', () => {
    const mine = ruleGroup({ name: 'slo-app-availability-alerts', rules: [record({ name: 'job:x:sum', expr: 'sum(app_requests_total)' })] });
    const got = runOn(project([['app', 'availability']], [mine]), [group]);
    expect(got.map((d) => [d.message, d.hint, d.path?.join(' › ')])).toEqual([
      [
        'the rule group "slo-app-availability-alerts": SLO "availability" of service "app" makes a group of that name (slo-<service>-<slo>, -budget, -alerts), and so does a rule group of the definitions',
        'rename the rule group "slo-app-availability-alerts" (names of the form slo-<service>-<slo> are the SLOs\'), or the service or the SLO',
        'ruleGroups › slo-app-availability-alerts',
      ],
    ]);
  });

  it('is quiet on distinct SLOs, and still reports two rule groups of one name', () => {
    expect(runOn(project([['a-b', 'c'], ['a', 'c'], ['b', 'a-c']]), [group])).toEqual([]);
    const twice = [0, 1].map(() => ruleGroup({ name: 'mine', rules: [record({ name: 'job:x:sum', expr: 'sum(app_requests_total)' })] }));
    expect(runOn(project([], twice), [group]).map((d) => [d.message, d.hint])).toEqual([['rule group "mine" is defined twice', 'give every group its own name']]);
  });
});

describe('alert/duplicate-name and the labels expressions are certain to carry', () => {
  const check = CHECKS.find((c) => c.id === 'alert/duplicate-name')!;
  const up = gauge({ name: 'app_service_up', help: 'Whether a service is up.', labels: ['service'] });
  const annotations = { summary: 's', description: 'd', runbook_url: 'https://runbooks.example.com/x' };
  const project = (slos: Array<[string, string, string]>, rules: Rule[] = []) =>
    defineProject({
      name: 'slo-alert-names',
      metrics: [requests, up],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:80'] })] },
      slos: slos.map(([service, name, alertName]) => slo({ ...base, service, name, alerting: { ...base.alerting, name: alertName } })),
      ...(rules.length > 0 ? { ruleGroups: [ruleGroup({ name: 'mine', rules })] } : {}),
    });
  const user = (expr: string, labels: { severity: string } = { severity: 'warning' }) => alert({ name: 'SloErrorBudgetBurn', expr, for: '5m', labels, annotations });
  const messages = (p: ReturnType<typeof project>) => runOn(p, [check]).map((d) => d.message);

  it('two SLOs sharing an alert name: their alerts carry different service/slo labels, so they are apart', () => {
    expect(messages(project([['api', 'availability', 'SloErrorBudgetBurn'], ['web', 'availability', 'SloErrorBudgetBurn']]))).toEqual([]);
    expect(messages(project([['api', 'availability', 'SloErrorBudgetBurn'], ['api', 'latency', 'SloErrorBudgetBurn']]))).toEqual([]);
  });

  it('user alerts whose expressions fix a label to different values are apart; overlapping ones are not', () => {
    const api = 'sum by (code) (rate(app_requests_total{code="500"}[5m])) > 1';
    const web = 'sum by (code) (rate(app_requests_total{code="503"}[5m])) > 1';
    expect(messages(project([], [user(api), user(web)]))).toEqual([]);
    // The same value, a label an aggregation drops, a selector that does not fix it, or a label a
    // function rewrites: their series can be the same, so the second is reported.
    const twice = (a: string, b: string) => messages(project([], [user(a), user(b)]));
    const duplicate = [expect.stringMatching(/^alert "SloErrorBudgetBurn" is defined twice with the same labels \(first in group mine/)];
    expect(twice(api, api.replace('> 1', '> 2'))).toEqual(duplicate);
    expect(twice('sum(rate(app_requests_total{code="500"}[5m])) > 1', 'sum(rate(app_requests_total{code="503"}[5m])) > 1')).toEqual(duplicate);
    expect(twice(api, 'sum by (code) (rate(app_requests_total[5m])) > 1')).toEqual(duplicate);
    expect(twice(api, 'label_replace(sum by (code) (rate(app_requests_total{code="503"}[5m])), "code", "500", "", "") > 1')).toEqual(duplicate);
    expect(twice(api, 'sum by (code) (rate(app_requests_total{code="503"}[5m])) > 1 or vector(0)')).toEqual(duplicate);
    expect(twice(api, 'app_requests_total{code="503"} > 1 or app_requests_total{code="500"} > 1')).toEqual(duplicate);
  });

  it('an SLO alert and a user alert of one name: apart only when the user alert fixes service or slo to another value', () => {
    const slos: Array<[string, string, string]> = [['api', 'availability', 'SloErrorBudgetBurn']];
    const page = { severity: 'critical' };
    expect(messages(project(slos, [user('app_service_up{service="web"} == 0', page)]))).toEqual([]);
    expect(messages(project(slos, [user('app_service_up{service="api"} == 0', page)]))).toHaveLength(1);
    expect(messages(project(slos, [user('app_service_up == 0', page)]))).toHaveLength(1);
    expect(messages(project(slos, [user('app_service_up{service="web"} == 0')]))).toEqual([]);
  });
});

describe('tests/vacuous-case on the generated SLO tests', () => {
  it("finds none with a for: the quiet checks come a for after the burn starts, the firing one a for after the long window", () => {
    expect(findings('tests/vacuous-case', {})).toEqual([]);
    // A quiet check before the for would prove nothing (test/rule-tests/quiet-at.test.ts: the check
    // judges each quietAt time); the generated page case checks at 45m + 3h and fires at 1h + 3h.
    expect(findings('tests/vacuous-case', { alerting: { ...base.alerting, page: { for: '3h' }, ticket: false } })).toEqual([]);
    expect(findings('tests/vacuous-case', { alerting: { ...base.alerting, page: { for: '30m' }, ticket: { for: '1h' } } })).toEqual([]);
  });
});
