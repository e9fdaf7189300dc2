// Raw query variables are checked like panel queries (#7 of the Grafana audit): the metric and
// label of label_values(metric, label), the PromQL of query_result(…); and a legend's {{label}}
// must name a label its query keeps (like alert/template-label-dropped for annotations).
import { describe, expect, it } from 'vitest';
import { counter, dashboard, defineProject, labelVariable, queryVariable, re, scrapeJob, timeseriesPanel, type Dashboard } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { parseVariableQuery } from '../../src/model/variable-query.js';
import { runOn } from '../helpers/model.js';

const requests = counter({ name: 'http_requests_total', help: 'Requests.', labels: ['code', 'method'] });

function findings(dashboards: Dashboard[], ids: string[]) {
  const project = defineProject({ name: 'web', metrics: [requests], prometheus: { scrapeJobs: [scrapeJob({ name: 'web', targets: ['web:8080'] })] }, dashboards });
  return runOn(project, CHECKS.filter((c) => ids.includes(c.id))).map((f) => ({ id: f.id, message: f.message, path: f.path?.join(' › ') }));
}

// Every check but dashboard/unused-variable: these dashboards list variables to check their queries, not to use them.
const QUERY_CHECKS = CHECKS.map((c) => c.id).filter((id) => id !== 'dashboard/unused-variable');

const panel = timeseriesPanel({ title: 'Requests', targets: [{ expr: 'sum(rate(http_requests_total[$__rate_interval]))' }] });
const board = (...variables: ReturnType<typeof queryVariable>[]) => dashboard({ title: 'Web', variables, panels: [panel] });

describe('raw query variables', () => {
  it('parses label_values and query_result', () => {
    expect(parseVariableQuery('label_values(http_requests_total{code=~"5..", method="GET"}, job)')).toEqual({ kind: 'label_values', selector: 'http_requests_total{code=~"5..", method="GET"}', label: 'job' });
    expect(parseVariableQuery('label_values(job)')).toEqual({ kind: 'label_values', label: 'job' });
    expect(parseVariableQuery(' query_result(sum by (job) (up)) ')).toEqual({ kind: 'query_result', expr: 'sum by (job) (up)' });
    expect(parseVariableQuery('label_names()')).toBeUndefined();
    expect(parseVariableQuery('metrics(http_.*)')).toBeUndefined();
  });

  it('reports an unknown metric and label in label_values(metric, label)', () => {
    const found = findings(
      [board(queryVariable({ name: 'a', query: 'label_values(nonexistent_metric_total, instanse)' }), queryVariable({ name: 'b', query: 'label_values(http_requests_total, cde)' }))],
      ['promql/unknown-metric', 'dashboard/variable-label'],
    );
    expect(found).toEqual([
      { id: 'promql/unknown-metric', message: expect.stringContaining('uses metric "nonexistent_metric_total", which is not in the catalogue'), path: 'dashboards › Web › variables › a › query' },
      {
        id: 'dashboard/variable-label',
        message: expect.stringMatching(/^variable \$b of dashboard Web lists label_values\(http_requests_total, cde\), but http_requests_total has no label "cde".* Did you mean "code"\?$/),
        path: 'dashboards › Web › variables › b › query',
      },
    ]);
  });

  it('reports a label no series has in label_values(label), and a matcher on an unknown label', () => {
    const found = findings(
      [board(queryVariable({ name: 'a', query: 'label_values(instanse)' }), queryVariable({ name: 'b', query: 'label_values(http_requests_total{mehtod="GET"}, code)' }))],
      ['promql/unknown-label', 'dashboard/variable-label'],
    );
    expect(found.map((f) => [f.id, f.path])).toEqual(
      expect.arrayContaining([
        ['dashboard/variable-label', 'dashboards › Web › variables › a › query'],
        ['promql/unknown-label', 'dashboards › Web › variables › b › query'],
      ]),
    );
    expect(found).toHaveLength(2);
  });

  it('checks query_result(…) like a panel query', () => {
    const found = findings([board(queryVariable({ name: 'a', query: 'query_result(sum by (job) (rate(http_requests_totl[5m])))' }))], ['promql/unknown-metric']);
    expect(found).toEqual([{ id: 'promql/unknown-metric', message: 'variable $a uses metric "http_requests_totl", which is not in the catalogue. Did you mean "http_requests_total"?', path: 'dashboards › Web › variables › a › query' }]);
  });

  it('is quiet on right queries, variables in them, and label_values on a counter', () => {
    const ok = board(
      queryVariable({ name: 'job', query: 'label_values(http_requests_total, job)' }),
      queryVariable({ name: 'code', query: 'label_values(http_requests_total{job="$job"}, code)' }),
      queryVariable({ name: 'm', query: 'label_values({job="$job"}, method)' }),
      queryVariable({ name: 'top', query: 'query_result(topk(5, sum by (code) (rate(http_requests_total{job=~"$job"}[$__range]))))' }),
      queryVariable({ name: 'names', query: 'label_names()' }),
      queryVariable({ name: 'instance', query: 'label_values(instance)' }),
    );
    expect(findings([ok], QUERY_CHECKS)).toEqual([]);
  });

  it('does not report a labelVariable twice', () => {
    // @ts-expect-error not a label of the metric (the check is for untyped code)
    const v = labelVariable({ name: 'x', metric: requests, label: 'cde' });
    expect(findings([dashboard({ title: 'Web', variables: [v], panels: [panel] })], QUERY_CHECKS).map((f) => f.id)).toEqual(['dashboard/variable-label']);
  });
});

describe('dashboard/legend-label-dropped', () => {
  const id = 'dashboard/legend-label-dropped';
  it('fires on a legend label the aggregation drops', () => {
    const p = timeseriesPanel({ title: 'By job', targets: [{ expr: 'sum by (job) (rate(http_requests_total[$__rate_interval]))', legendFormat: '{{code}} {{ instance }} {{job}}' }] });
    expect(findings([dashboard({ title: 'Web', panels: [p] })], [id])).toEqual([
      { id, message: 'panel By job: targets[0].legendFormat uses {{code}}, but its query does not keep "code": the legend shows it empty, and the series look alike', path: 'dashboards › Web › panels › By job › targets[0] › legendFormat' },
      { id, message: 'panel By job: targets[0].legendFormat uses {{instance}}, but its query does not keep "instance": the legend shows it empty, and the series look alike', path: 'dashboards › Web › panels › By job › targets[0] › legendFormat' },
    ]);
  });

  it('is quiet on labels the query keeps, without aggregation and with without (…)', () => {
    const p = timeseriesPanel({
      title: 'Ok',
      targets: [
        { expr: 'sum by (code) (rate(http_requests_total[$__rate_interval]))', legendFormat: '{{code}}' },
        { expr: 'rate(http_requests_total[$__rate_interval])', legendFormat: '{{code}} {{method}} {{instance}} {{job}}' },
        { expr: 'sum without (method) (rate(http_requests_total[$__rate_interval]))', legendFormat: '{{code}} {{instance}}' },
        { expr: 'sum(rate(http_requests_total[$__rate_interval]))', legendFormat: 'all' },
      ],
    });
    expect(findings([dashboard({ title: 'Web', panels: [p] })], [id])).toEqual([]);
  });

  it("checks a labelVariable's matchers like a panel query: a label typo, an unknown job, a metric the catalogue lacks (once)", () => {
    const other = counter({ name: 'other_requests_total', help: 'Not in the project.', labels: ['code'] });
    const job = labelVariable({ name: 'job', metric: requests });
    // @ts-expect-error not a label of the metric (the check is for untyped code)
    const typo = labelVariable({ name: 'code', metric: requests, matchers: { mehtod: 'GET', job: re('$job') } });
    const unknownJob = labelVariable({ name: 'method', metric: requests, matchers: { job: 'wbe' } });
    const unknownMetric = labelVariable({ name: 'status', metric: other, label: 'code', matchers: { job: re('$job') } });
    const found = findings([dashboard({ title: 'Web', variables: [job, typo, unknownJob, unknownMetric], panels: [panel] })], QUERY_CHECKS);
    expect(found.map((f) => [f.id, f.path]).sort()).toEqual([
      ['promql/unknown-job', 'dashboards › Web › variables › method › matchers'],
      ['promql/unknown-label', 'dashboards › Web › variables › code › matchers'],
      ['promql/unknown-metric', 'dashboards › Web › variables › status › matchers'],
    ]);
    const typoFound = found.find((f) => f.id === 'promql/unknown-label')!;
    expect(typoFound.message).toContain('mehtod');
    expect(typoFound.message).toContain('variable $code');
  });

  it('is quiet on a labelVariable chained on earlier variables with right matchers', () => {
    const job = labelVariable({ name: 'job', metric: requests });
    const code = labelVariable({ name: 'code', metric: requests, matchers: { job: re('$job'), method: 'GET' } });
    const method = labelVariable({ name: 'method', matchers: { job: re('$job') } });
    const uses = timeseriesPanel({ title: 'By code', targets: [{ expr: 'sum(rate(http_requests_total{job=~"$job", code=~"$code", method=~"$method"}[$__rate_interval]))' }] });
    expect(findings([dashboard({ title: 'Web', variables: [job, code, method], panels: [uses] })], CHECKS.map((c) => c.id))).toEqual([]);
  });
});
