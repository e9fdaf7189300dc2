// Dashboard variables (#21): every kind compiles to Grafana's, chained label variables are typed by
// the catalogue, and multi-value variables are matched as regexes.
import { describe, expect, it } from 'vitest';
import {
  adHocFilters, constantVariable, counter, customVariable, dashboard, defineProject, histogram, intervalVariable, labelVariable,
  queryVariable, re, scrapeJob, textVariable, timeseriesPanel, type Dashboard,
} from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { CHECKS } from '../../src/lint/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { dashboardJson } from '../helpers/grafana.js';

const requests = counter({ name: 'web_requests_total', help: 'Requests.', labels: ['route', 'code'] });
const latency = histogram({ name: 'web_latency_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 1], unit: 'seconds' });

function project(dashboards: Dashboard[]) {
  return defineProject({
    name: 'web',
    metrics: [requests, latency],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'web', targets: ['web:8080'] })] },
    dashboards,
  });
}

function compiled(d: Dashboard): { content: string; json: { templating: { list: Array<Record<string, unknown>> } } } {
  const content = dashboardJson(project([d]), 'web-variables');
  return { content, json: JSON.parse(content) };
}

const job = labelVariable({ name: 'job', metric: requests, title: 'Job' });
const route = labelVariable({ name: 'route', metric: latency, matchers: { job: re('$job') }, title: 'Route' });
const everyKind = dashboard({
  title: 'Web variables',
  variables: [
    job,
    route,
    queryVariable({ name: 'code', query: 'label_values(web_requests_total{job=~"$job"}, code)', regex: '/^[45]/', sort: 'numerical' }),
    customVariable({ name: 'quantile', title: 'Quantil', values: [{ text: 'p50', value: '0.5' }, { text: 'p99', value: '0.99' }], current: '0.99' }),
    intervalVariable({ name: 'window', values: ['1m', '5m', '1h'], current: '5m' }),
    constantVariable({ name: 'cluster', value: 'sp1' }),
    textVariable({ name: 'path', value: '/api', description: 'A path prefix' }),
    adHocFilters(),
  ],
  panels: [
    timeseriesPanel({
      title: 'Latency',
      targets: [{ expr: 'histogram_quantile($quantile, sum by (le) (rate(web_latency_seconds_bucket{job=~"$job", route=~"$route"}[$window])))' }],
    }),
  ],
});

describe('variables', () => {
  it('chain on earlier variables through typed matchers: label_values(series{job=~"$job"}, route)', () => {
    const list = compiled(everyKind).json.templating.list;
    expect(list.find((v) => v.name === 'route')).toMatchObject({
      type: 'query',
      query: 'label_values(web_latency_seconds_count{job=~"$job"}, route)',
      multi: true,
      includeAll: true,
      allValue: '.*',
    });
    // @ts-expect-error matchers are typed by the metric's labels
    labelVariable({ name: 'route', metric: latency, matchers: { jbo: re('$job') } });
    // @ts-expect-error so is the label listed
    labelVariable({ name: 'route', metric: latency, label: 'rout' });
  });

  it('compile each kind to its Grafana type with its own fields', () => {
    const list = compiled(everyKind).json.templating.list;
    expect(list.map((v) => [v.name, v.type])).toEqual([
      ['datasource', 'datasource'],
      ['job', 'query'],
      ['route', 'query'],
      ['code', 'query'],
      ['quantile', 'custom'],
      ['window', 'interval'],
      ['cluster', 'constant'],
      ['path', 'textbox'],
      ['filters', 'adhoc'],
    ]);
    const byName = (n: string) => list.find((v) => v.name === n)!;
    expect(byName('code')).toMatchObject({ regex: '/^[45]/', sort: 3, multi: false, includeAll: false });
    expect(byName('quantile')).toMatchObject({ query: 'p50 : 0.5,p99 : 0.99', current: { text: 'p99', value: '0.99' }, label: 'Quantil' });
    expect(byName('window')).toMatchObject({ query: '1m,5m,1h', current: { value: '5m' } });
    expect(byName('cluster')).toMatchObject({ query: 'sp1', hide: 2 });
    expect(byName('path')).toMatchObject({ query: '/api', description: 'A path prefix' });
    expect(byName('filters')).toMatchObject({ datasource: { type: 'prometheus', uid: '${datasource}' } });
  });

  it('match the golden file', async () => {
    await expect(compiled(everyKind).content).toMatchFileSnapshot('./__golden__/features/variables.json');
  });

  it('are checked by the schema: no values, a bad interval, the reserved name', () => {
    const bad = project([
      dashboard({
        title: 'Bad',
        variables: [
          customVariable({ name: 'empty', values: [] }),
          intervalVariable({ name: 'window', values: ['5 minutes'] }),
          constantVariable({ name: 'datasource', value: 'x' }),
        ],
        panels: [],
      }),
    ]);
    const parsed = parseProject(bad);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.diagnostics.map((d) => [d.path?.join(' › '), d.message])).toEqual([
      ['dashboards › Bad › variables › empty › values', 'a custom variable without values'],
      ['dashboards › Bad › variables › window › values[0]', 'invalid duration "5 minutes"'],
      ['dashboards › Bad › variables › datasource › name', 'the variable "datasource" is always there'],
    ]);
  });
});

describe('dashboard/multi-value-equals on chained variables', () => {
  const check = CHECKS.find((c) => c.id === 'dashboard/multi-value-equals')!;
  const lint = (d: Dashboard) => runOn(project([d]), [check]).map(pinned);
  const panel = timeseriesPanel({ title: 'Requests', targets: [{ expr: 'sum(rate(web_requests_total[5m]))' }] });

  it('fires on a chained variable that matches a multi-value variable with =', () => {
    const chained = labelVariable({ name: 'route', metric: requests, matchers: { job: '$job' } });
    expect(lint(dashboard({ title: 'Web', variables: [job, chained], panels: [panel] }))).toEqual([
      {
        message: 'variable $route: its query matches $job (multi-value, with an All option) with job=: when several values or All are selected Grafana writes a regex (a|b, .*) and the selector matches nothing',
        hint: `write job=~"$job" (in matchers: { job: re('$job') }), or make the variable single-valued: multi: false, includeAll: false`,
        path: ['dashboards', 'Web', 'variables', 'route', 'matchers'],
        file: fileOf(chained),
        line: chained.source!.line,
        highlighted: 'job="$job"',
      },
    ]);
  });

  it('fires on a raw query variable and on a multi-value custom variable', () => {
    const env = customVariable({ name: 'env', values: ['a', 'b'], multi: true });
    const raw = queryVariable({ name: 'code', query: 'label_values(web_requests_total{env!="$env"}, code)' });
    expect(lint(dashboard({ title: 'Web', variables: [env, raw], panels: [panel] })).map((d) => [d.path!.at(-1), d.highlighted])).toEqual([
      ['query', 'env!="$env"'],
    ]);
  });

  it('is quiet on re() matchers and on single-valued variables', () => {
    const one = labelVariable({ name: 'job', metric: requests, multi: false, includeAll: false });
    const byOne = labelVariable({ name: 'route', metric: requests, matchers: { job: '$job' } });
    expect(lint(dashboard({ title: 'Web', variables: [job, route], panels: [panel] }))).toEqual([]);
    expect(lint(dashboard({ title: 'Web', variables: [one, byOne], panels: [panel] }))).toEqual([]);
  });
});
