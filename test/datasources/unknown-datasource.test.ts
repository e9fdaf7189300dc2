import { describe, expect, it } from 'vitest';
import { counter, dashboard, defineProject, scrapeJob, timeseriesPanel, type DatasourceRef, type GrafanaOptions } from '../../src/index.js';
import { runOn, sourceOf } from '../helpers/model.js';

const requests = counter({ name: 'shop_requests_total', help: 'Requests.', labels: ['code'] });
const ID = 'dashboard/unknown-datasource';

const panel = (datasource?: DatasourceRef, target?: DatasourceRef) =>
  timeseriesPanel({
    title: 'Requests',
    ...(datasource ? { datasource } : {}),
    targets: [{ expr: 'sum(rate(shop_requests_total[$__rate_interval]))', ...(target ? { datasource: target } : {}) }],
  });

function project(grafana: GrafanaOptions, p = panel()) {
  return defineProject({
    name: 'shop',
    metrics: [requests],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8000'] })] },
    dashboards: [dashboard({ title: 'Shop', panels: [p] })],
    grafana,
  });
}

const findings = (p: ReturnType<typeof project>) =>
  runOn(p, [ID]).map((d) => ({ severity: d.severity, message: d.message, hint: d.hint, path: d.path?.join(' › '), source: d.source }));

describe('dashboard/unknown-datasource: links between data sources', () => {
  it('fires on a trace → logs link to a uid nothing has, at the project that configured it', () => {
    const p = project({ loki: {}, tempo: { traceToLogs: { datasource: 'logs' } } });
    expect(findings(p)).toEqual([
      {
        severity: 'error',
        message: `Tempo's trace to logs link (traceToLogs) points at data source "logs", which is not provisioned (provisioned: "prometheus" (prometheus), "loki" (loki), "tempo" (tempo))`,
        hint: 'name the uid of a configured loki data source, or configure it (grafana.loki)',
        path: 'grafana › tempo › traceToLogs › datasource',
        source: sourceOf(p),
      },
    ]);
    expect(findings(project({ loki: { uid: 'logs' }, tempo: { traceToLogs: { datasource: 'logs' } } }))).toEqual([]);
  });

  it('fires on a link to a data source of the wrong kind: exemplars and log lines lead to traces', () => {
    const p = project({ loki: {}, jaeger: {}, datasource: { exemplars: { datasource: 'loki' } }, tempo: { traceToLogs: { datasource: 'jaeger' } } });
    expect(findings(p).map((f) => [f.path, f.message])).toEqual([
      ['grafana › tempo › traceToLogs › datasource', `Tempo's trace to logs link (traceToLogs) points at data source "jaeger", a jaeger data source; it needs loki`],
      ['grafana › datasource › exemplars › datasource', 'the Prometheus exemplar link (exemplars) points at data source "loki", a loki data source; it needs tempo or jaeger'],
    ]);
    expect(findings(project({ loki: { traceLinks: { datasource: 'tempo' } } })).map((f) => [f.path, f.hint])).toEqual([
      ['grafana › loki › traceLinks › datasource', 'name the uid of a configured tempo or jaeger data source, or configure it (grafana.tempo or grafana.jaeger)'],
    ]);
    expect(findings(project({ loki: { traceLinks: { datasource: 'jaeger' } }, jaeger: {}, datasource: { exemplars: { datasource: 'jaeger' } } }))).toEqual([]);
  });

  it('fires on two data sources with the same uid or name, at the one whose value is written, naming where both come from', () => {
    const p = project({ loki: { uid: 'prometheus' }, tempo: { name: 'Loki' } });
    const file = sourceOf(p).file;
    expect(findings(p).map((f) => [f.path, f.message, f.hint])).toEqual([
      [
        'grafana › loki › uid',
        `the loki data source (grafana.loki.uid in ${file}) and the prometheus data source (the default uid: no grafana.datasource.uid in ${file}) have the same uid "prometheus": Grafana provisions one of them`,
        'give the loki data source its own uid (grafana.loki.uid), or the prometheus data source (grafana.datasource.uid)',
      ],
      [
        'grafana › tempo › name',
        `the tempo data source (grafana.tempo.name in ${file}) and the loki data source (the default name: no grafana.loki.name in ${file}) have the same name "Loki": Grafana provisions one of them`,
        'give the tempo data source its own name (grafana.tempo.name), or the loki data source (grafana.loki.name)',
      ],
    ]);
    expect(findings(p)[0]!.source?.file).toBe(file);
  });

  it("a Prometheus uid written in the settings that a later data source has by default: at Prometheus's uid", () => {
    const p = project({ datasource: { uid: 'loki' }, loki: {} });
    const file = sourceOf(p).file;
    expect(findings(p).map((f) => [f.path, f.message, f.source?.file])).toEqual([
      [
        'grafana › datasource › uid',
        `the loki data source (the default uid: no grafana.loki.uid in ${file}) and the prometheus data source (grafana.datasource.uid in ${file}) have the same uid "loki": Grafana provisions one of them`,
        file,
      ],
    ]);
  });

  it('is quiet on the defaults, which only link configured data sources', () => {
    for (const grafana of [{}, { loki: {} }, { tempo: {} }, { loki: {}, tempo: {} }, { loki: {}, jaeger: {} }, { loki: {}, tempo: {}, jaeger: {} }] satisfies GrafanaOptions[]) {
      expect(findings(project(grafana)), JSON.stringify(grafana)).toEqual([]);
    }
  });
});

describe('dashboard/unknown-datasource: panels and queries', () => {
  it('fires on a fixed uid that is not provisioned, at the panel and at the query', () => {
    const p = panel({ type: 'prometheus', uid: 'prod-prom' }, { type: 'prometheus', uid: 'other' });
    const result = findings(project({}, p));
    expect(result.map((f) => [f.path, f.message, f.hint])).toEqual([
      [
        'dashboards › Shop › panels › Requests › datasource',
        'panel Requests of dashboard Shop uses data source "prod-prom", which is not provisioned (provisioned: "prometheus" (prometheus))',
        'use a provisioned uid, or configure the data source (grafana.datasource, grafana.loki, grafana.tempo, grafana.jaeger)',
      ],
      [
        'dashboards › Shop › panels › Requests › targets[0] › datasource',
        'target A of panel Requests (dashboard Shop) uses data source "other", which is not provisioned (provisioned: "prometheus" (prometheus))',
        'use a provisioned uid, or configure the data source (grafana.datasource, grafana.loki, grafana.tempo, grafana.jaeger)',
      ],
    ]);
    expect(result[0]!.source).toEqual(sourceOf(p));
  });

  it('fires on a provisioned uid given with another type', () => {
    expect(findings(project({ tempo: {} }, panel({ type: 'loki', uid: 'tempo' }))).map((f) => [f.message, f.hint])).toEqual([
      ['panel Requests of dashboard Shop uses data source "tempo" as loki, but it is a tempo data source', 'give the type "tempo", or the uid of a loki data source'],
    ]);
  });

  it('is quiet on provisioned uids and on variables', () => {
    expect(findings(project({ datasource: { uid: 'prod-prom' } }, panel({ type: 'prometheus', uid: 'prod-prom' })))).toEqual([]);
    expect(findings(project({}, panel({ type: 'prometheus', uid: '${datasource}' }, { type: 'prometheus', uid: '$datasource' })))).toEqual([]);
  });
});
