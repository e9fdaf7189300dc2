// What the dashboard schema refuses beyond types: old panel types (through sdkPanel too), two
// variables of one name, threshold steps without a value or out of order, unknown colours,
// min above max, variable regexes JavaScript cannot read.
import { describe, expect, it } from 'vitest';
import {
  counter, customVariable, dashboard, defineProject, gaugePanel, labelVariable, queryVariable, sdkPanel, timeseriesPanel,
  type Panel, type Variable,
} from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';

const requests = counter({ name: 'http_requests_total', help: 'Requests.', labels: ['job', 'code'] });

function problems(panels: Panel[], variables: Variable[] = []) {
  const parsed = parseProject(
    defineProject({ name: 't', metrics: [requests], prometheus: { scrapeJobs: [] }, dashboards: [dashboard({ title: 'D', variables, panels })] }),
  );
  return parsed.ok ? [] : parsed.diagnostics.map((d) => ({ message: d.message, hint: d.hint, path: d.path?.join(' › ') }));
}

const targets = [{ expr: 'sum(rate(http_requests_total[5m]))' }];

describe('old panel types', () => {
  it.each([
    ['graph', 'timeseriesPanel'],
    ['singlestat', 'statPanel'],
    ['table-old', 'tablePanel'],
    ['grafana-piechart-panel', 'pieChartPanel'],
  ])('refuses %s given to sdkPanel, pointing at %s', (type, helper) => {
    const found = problems([sdkPanel({ type, title: 'Antigo', targets: [{ expr: 'up', refId: 'A' }] })]);
    expect(found).toEqual([expect.objectContaining({ message: `panel type "${type}" is deprecated in Grafana`, path: 'dashboards › D › panels › Antigo › plugin › type' })]);
    expect(found[0]!.hint).toContain(helper);
  });

  it('refuses singlestat as a panel type with the hint to use statPanel', () => {
    const found = problems([{ ...timeseriesPanel({ title: 'Antigo', targets }), type: 'singlestat' as never }]);
    expect(found[0]).toMatchObject({ message: 'panel type "singlestat" is deprecated in Grafana' });
    expect(found[0]!.hint).toContain('statPanel');
  });

  it('takes the SDK panels of today', () => {
    expect(problems([sdkPanel({ type: 'xychart', title: 'XY', targets: [{ expr: 'up', refId: 'A' }] })])).toEqual([]);
  });
});

describe('dashboard variables', () => {
  it('refuses two variables of one name', () => {
    const found = problems([timeseriesPanel({ title: 'P', targets })], [
      labelVariable({ name: 'job', metric: requests }),
      labelVariable({ name: 'job', metric: requests, label: 'job' }),
      customVariable({ name: 'env', values: ['a'] }),
      customVariable({ name: 'env', values: ['b'] }),
    ]);
    expect(found.map((f) => f.message)).toEqual(['two variables are named "job"', 'two variables are named "env"']);
    expect(found[0]!.path).toBe('dashboards › D › variables › job (2) › name');
  });

  it.each(['/(unclosed/', '/a/x', '/abc', '(a', '[z-a]'])('refuses the regex %s', (regex) => {
    const found = problems([timeseriesPanel({ title: 'P', targets })], [labelVariable({ name: 'job', metric: requests, regex })]);
    expect(found).toEqual([expect.objectContaining({ path: 'dashboards › D › variables › job › regex' })]);
    expect(found[0]!.message).toContain(`invalid regex ${JSON.stringify(regex)}`);
  });

  it.each(['/^api-(.*)$/i', '/(?<text>[^:]+):(?<value>.*)/', 'api-.*', '/$job-(.*)/', '/${env}-(.*)/g'])('takes the regex %s', (regex) => {
    expect(problems([timeseriesPanel({ title: 'P', targets })], [queryVariable({ name: 'job', query: 'label_values(job)', regex })])).toEqual([]);
  });
});

describe('thresholds, colours, min and max', () => {
  it('refuses a step without a value after the first', () => {
    const found = problems([gaugePanel({ title: 'G', targets, thresholds: [{ value: 10, color: 'green' }, { color: 'red' }] })]);
    expect(found).toEqual([expect.objectContaining({ message: 'threshold step 2 has no value', path: 'dashboards › D › panels › G › thresholds[1] › value' })]);
  });

  it('refuses steps out of order', () => {
    const found = problems([gaugePanel({ title: 'G', targets, thresholds: [{ color: 'green' }, { value: 80, color: 'orange' }, { value: 50, color: 'red' }] })]);
    expect(found.map((f) => f.message)).toEqual(['threshold step 3 (50) is not above the step before it (80)']);
  });

  it('refuses a colour Grafana does not know, suggesting the one meant', () => {
    const found = problems([
      gaugePanel({ title: 'G', targets, thresholds: [{ color: 'greeen' }], overrides: [{ match: { name: 'x' }, color: 'blu' }], mappings: [{ value: 1, text: 'UP', color: 'gren' }] }),
    ]);
    expect(found.map((f) => f.path)).toEqual(['dashboards › D › panels › G › thresholds[0] › color', 'dashboards › D › panels › G › mappings[0] › color', 'dashboards › D › panels › G › overrides[0] › color']);
    expect(found.find((f) => f.path!.includes('thresholds'))!.message).toBe('"greeen" is not a colour Grafana knows (did you mean "green"?)');
  });

  it('takes Grafana names, CSS names and numeric colours', () => {
    const colors = ['green', 'semi-dark-red', 'super-light-blue', 'dark-purple', 'transparent', 'white', '#73BF69', '#fff', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)'];
    expect(problems([gaugePanel({ title: 'G', targets, thresholds: colors.map((color, i) => (i === 0 ? { color } : { value: i, color })) })])).toEqual([]);
  });

  it('refuses min not below max, on the panel and in an override', () => {
    const found = problems([timeseriesPanel({ title: 'P', targets, min: 10, max: 1, overrides: [{ match: { name: 'x' }, min: 5, max: 5 }] })]);
    expect(found.map((f) => f.message)).toEqual(['max 1 is not above min 10', 'max 5 is not above min 5']);
  });
});
