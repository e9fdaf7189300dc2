import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { jsonReportSchema } from '../../src/report/json.js';

// test/fixtures/lint/locations/index.ts: each finding at the line and column of the property it is
// about (the key), not at the builder call; where the property is not written in the call (a spread),
// at the call itself.
describe('findings point at the property they are about', () => {
  it.each([
    ['alert/absent-for', 'ruleGroups.g.rules.QueueMetricMissing.for', 10, 3],
    ['alert/annotations', 'ruleGroups.g.rules.QueueMetricMissing.annotations.summary', 14, 5],
    ['alert/template-label-dropped', 'ruleGroups.g.rules.QueueMetricMissing.annotations.summary', 14, 5],
    ['alert/severity', 'ruleGroups.g.rules.QueueTooLong.labels.severity', 21, 13],
    ['promql/unknown-metric', 'ruleGroups.g.rules.QueueTooLong.expr', 23, 3],
    ['alertmanager/unmatched-route', 'alertmanager.route.routes[0].matchers', 42, 11],
    ['dashboard/counter-without-rate', 'dashboards.Filas.panels.Requisições.targets[1].expr', 56, 15],
    ['tests/route-coverage', 'alertmanager.route.routes[0]', 40, 9],
    ['tests/alert-coverage', 'ruleGroups.g.rules.QueueTooLong', 19, 23],
  ])('%s at %s → line %i, column %i', async (id, where, line, column) => {
    const { stdout } = await runCli(['validate', '--offline', '--format', 'json', '--definitions', path.join(FIXTURES, 'lint', 'locations')]);
    const found = jsonReportSchema
      .parse(JSON.parse(stdout))
      .diagnostics.filter((d) => d.id === id && d.path?.join('.') === where)
      .map((d) => d.location);
    expect(found).toEqual([{ file: 'locations/index.ts', line, column }]);
  });

  it('the text report and the github annotation name the same line', async () => {
    const definitions = path.join(FIXTURES, 'lint', 'locations');
    const text = (await runCli(['validate', '--offline', '--definitions', definitions])).stdout;
    expect(text).toContain('error [alert/severity] locations/index.ts:21 › ruleGroups › g › rules › QueueTooLong › labels › severity:');
    const github = (await runCli(['validate', '--offline', '--format', 'github', '--definitions', definitions])).stdout;
    expect(github).toContain('::error file=locations/index.ts,line=23,col=3,title=promql/unknown-metric::');
  });

  it("shows a panel query as the user wrote it, the span under the user's text", async () => {
    const { stdout } = await runCli(['validate', '--offline', '--format', 'json', '--definitions', path.join(FIXTURES, 'lint', 'locations')]);
    const expr = 'sum(rate(app_requests_total{route=~"$route"}[$__rate_interval])) / sum(app_errors_total)';
    const found = jsonReportSchema
      .parse(JSON.parse(stdout))
      .diagnostics.filter((d) => d.path?.join('.') === 'dashboards.Filas.panels.Requisições.targets[2].expr');
    expect(found.map((d) => [d.id, d.location?.line, d.excerpt])).toEqual([
      ['dashboard/counter-without-rate', 57, { text: expr, from: expr.indexOf('app_errors_total'), to: expr.indexOf('app_errors_total') + 'app_errors_total'.length }],
    ]);
  });
});
