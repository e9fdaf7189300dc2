/**
 * output/unwritten: a kind of definition (or a Grafana setting) that none of the project's output
 * profiles writes is a warning, at the first definition of that kind (or at the output profile).
 */
import { describe, expect, it } from 'vitest';
import {
  alertmanager, counter, dashboard, defineProject, files, grafanaOperator, grafanaSidecar, mimir, prometheusOperator, receiver, route,
  ruleGroup, record, scrapeJob, statPanel, thanos, type Output,
} from '../../src/index.js';
import { runOn, sourceOf } from '../helpers/model.js';

const requests = counter({ name: 'shop_requests_total', help: 'Requests.', labels: ['code'] });
const job = scrapeJob({ name: 'shop', targets: ['shop:8080'] });
const group = ruleGroup({ name: 'shop_records', rules: [record({ name: 'shop:requests:rate5m', expr: `sum(rate(shop_requests_total[5m]))` })] });
const board = dashboard({ title: 'Shop', uid: 'shop', panels: [statPanel({ title: 'Pedidos', targets: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] })] });
const am = alertmanager({ receivers: [receiver({ name: 'ops', webhook: [{ url: 'http://hooks:9000/' }] })], route: route({ receiver: 'ops' }) });

function project(outputs: readonly Output[], extra: { grafana?: { schema?: 'classic' | 'v2'; alertRules?: boolean }; alertmanager?: boolean } = {}) {
  return defineProject({
    name: 'shop',
    metrics: [requests],
    prometheus: { scrapeJobs: [job] },
    ruleGroups: [group],
    dashboards: [board],
    ...(extra.alertmanager ? { alertmanager: am } : {}),
    ...(extra.grafana ? { grafana: extra.grafana } : {}),
    outputs,
  });
}

const findings = (outputs: readonly Output[], extra?: Parameters<typeof project>[1]) =>
  runOn(project(outputs, extra), ['output/unwritten']).map((d) => ({ severity: d.severity, message: d.message, hint: d.hint, path: d.path?.join('.'), source: d.source }));

const operator = prometheusOperator({ namespace: 'shop-monitoring' });
const grafanaOp = grafanaOperator({ namespace: 'grafana', instanceSelector: { dashboards: 'grafana' } });

describe('output/unwritten', () => {
  it('is quiet when the files profile writes everything (the default, or listed)', () => {
    expect(findings([files()], { alertmanager: true })).toEqual([]);
    expect(runOn(defineProject({ name: 'shop', metrics: [requests], prometheus: { scrapeJobs: [job] }, ruleGroups: [group], dashboards: [board] }), ['output/unwritten'])).toEqual([]);
  });

  it('is quiet when the Kubernetes profiles together write every kind', () => {
    expect(findings([operator, grafanaOp], { alertmanager: true })).toEqual([]);
    expect(findings([operator, grafanaSidecar({ namespace: 'grafana' })])).toEqual([]);
  });

  it('fires at the first dashboard when no profile writes dashboards', () => {
    expect(findings([operator])).toEqual([
      {
        severity: 'warning',
        message: "the project's 1 dashboard is written by none of its output profiles (outputs: [prometheusOperator()])",
        hint: 'add one of files(), grafanaOperator(), grafanaSidecar() to outputs, or remove the definitions this deployment does not use',
        path: 'dashboards.Shop',
        source: expect.objectContaining({ file: sourceOf(board).file, line: sourceOf(board).line }),
      },
    ]);
  });

  it('fires for scrape jobs, dashboards and the Alertmanager configuration when only rulers are listed', () => {
    const got = findings([mimir({ namespace: 'shop' }), thanos()], { alertmanager: true });
    expect(got.map((f) => f.message)).toEqual([
      "the project's 1 scrape job is written by none of its output profiles (outputs: [mimir(), thanos()])",
      'the Alertmanager configuration is written by none of its output profiles (outputs: [mimir(), thanos()])',
      "the project's 1 dashboard is written by none of its output profiles (outputs: [mimir(), thanos()])",
    ]);
    expect(got[0]!.hint).toBe('add one of files(), prometheusOperator() to outputs, or remove the definitions this deployment does not use');
    expect(got[0]!.source).toEqual(expect.objectContaining({ file: sourceOf(job).file, line: sourceOf(job).line }));
    expect(got[1]!.source).toEqual(expect.objectContaining({ file: sourceOf(am).file, line: sourceOf(am).line }));
  });

  it("fires when grafana.schema 'v2' or grafana.alertRules is set but only the Kubernetes Grafana profiles are listed", () => {
    const got = findings([operator, grafanaOp], { grafana: { schema: 'v2', alertRules: true } });
    expect(got.map((f) => [f.message, f.hint, f.path])).toEqual([
      [
        "grafana.schema 'v2' has no effect: only the files profile writes it, and outputs lists prometheusOperator(), grafanaOperator() (grafanaOperator() writes the classic dashboard JSON and no alert rules)",
        'add files() to outputs, or leave the setting out',
        'outputs.grafana-operator',
      ],
      [
        'grafana.alertRules has no effect: only the files profile writes it, and outputs lists prometheusOperator(), grafanaOperator() (grafanaOperator() writes the classic dashboard JSON and no alert rules)',
        'add files() to outputs, or leave the setting out',
        'outputs.grafana-operator',
      ],
    ]);
    expect(findings([files(), grafanaOp], { grafana: { schema: 'v2', alertRules: true } })).toEqual([]);
  });
});
