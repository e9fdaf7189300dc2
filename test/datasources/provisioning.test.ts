import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { counter, dashboard, defineProject, scrapeJob, timeseriesPanel, type GrafanaOptions } from '../../src/index.js';
import { generated } from '../helpers/model.js';

// Loki, Tempo and Jaeger provisioned next to Prometheus, linked to each other (issue 19 § 2).

const requests = counter({ name: 'shop_requests_total', help: 'Requests.', labels: ['code'] });

function project(grafana: GrafanaOptions) {
  return defineProject({
    name: 'shop',
    metrics: [requests],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8000'] })] },
    dashboards: [dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Requests', targets: [{ expr: 'sum(rate(shop_requests_total[$__rate_interval]))' }] })] })],
    grafana,
  });
}

interface Provisioned {
  apiVersion: number;
  datasources: Array<{ name: string; uid: string; type: string; url: string; access: string; isDefault: boolean; jsonData: Record<string, unknown> }>;
}

const DIR = 'grafana/provisioning/datasources';

/** The provisioned data sources of a project, by uid, and the files they are in. */
function provisioned(grafana: GrafanaOptions) {
  const { files } = generated(project(grafana));
  const paths = Object.keys(files).filter((p) => p.startsWith(`${DIR}/`)).sort();
  const byUid = Object.fromEntries(paths.flatMap((p) => (parse(files[p]!) as Provisioned).datasources.map((d) => [d.uid, d])));
  return { paths, byUid, files };
}

describe('logs and traces data sources', () => {
  it('are provisioned only when configured: Prometheus alone, without exemplar links, otherwise', () => {
    const { paths, byUid } = provisioned({});
    expect(paths).toEqual([`${DIR}/prometheus.yml`]);
    expect(byUid['prometheus']!.jsonData).not.toHaveProperty('exemplarTraceIdDestinations');
  });

  it('Loki and Tempo with the defaults: each its file, linked both ways, and exemplars lead to Tempo', () => {
    const { paths, byUid } = provisioned({ loki: {}, tempo: {} });
    expect(paths).toEqual([`${DIR}/loki.yml`, `${DIR}/prometheus.yml`, `${DIR}/tempo.yml`]);
    const loki = byUid['loki']!;
    expect(loki).toMatchObject({ name: 'Loki', type: 'loki', url: 'http://loki:3100', access: 'proxy', isDefault: false });
    // The log line's JSON field trace_id → the trace in Tempo.
    expect(loki.jsonData['derivedFields']).toEqual([
      { name: 'TraceID', matcherType: 'regex', matcherRegex: '"trace_id":\\s*"(\\w+)"', datasourceUid: 'tempo', url: '$${__value.raw}', urlDisplayLabel: 'View trace' },
    ]);
    const tempo = byUid['tempo']!;
    expect(tempo).toMatchObject({ name: 'Tempo', type: 'tempo', url: 'http://tempo:3200', isDefault: false });
    // A span → the logs of its service (service.name → the `service` label), holding its trace id.
    expect(tempo.jsonData['tracesToLogsV2']).toEqual({
      datasourceUid: 'loki',
      tags: [{ key: 'service.name', value: 'service' }],
      filterByTraceID: true,
      filterBySpanID: false,
      spanStartTimeShift: '-1m',
      spanEndTimeShift: '1m',
      customQuery: false,
    });
    expect(byUid['prometheus']!.jsonData['exemplarTraceIdDestinations']).toEqual([{ name: 'trace_id', datasourceUid: 'tempo', urlDisplayLabel: 'View trace' }]);
  });

  it('the derived field matches the trace id of a JSON log line as Python logging writes it, with or without a space', () => {
    const { byUid } = provisioned({ loki: { traceLinks: { field: 'otel.trace_id' } }, tempo: {} });
    const [field] = byUid['loki']!.jsonData['derivedFields'] as Array<{ matcherRegex: string }>;
    const regex = new RegExp(field!.matcherRegex);
    expect(regex.exec('{"level": "ERROR", "otel.trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"}')?.[1]).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(regex.exec('{"otel.trace_id":"abc123"}')?.[1]).toBe('abc123');
    expect(regex.exec('{"otelXtrace_id": "abc123"}')).toBeNull(); // the dot is literal
  });

  it('links follow the uids given, so renaming a data source renames every link to it', () => {
    const { byUid } = provisioned({ datasource: { uid: 'metrics' }, loki: { uid: 'logs-prod', name: 'Logs' }, tempo: { uid: 'traces-prod', serviceMap: true } });
    expect((byUid['logs-prod']!.jsonData['derivedFields'] as Array<{ datasourceUid: string }>)[0]!.datasourceUid).toBe('traces-prod');
    expect((byUid['traces-prod']!.jsonData['tracesToLogsV2'] as { datasourceUid: string }).datasourceUid).toBe('logs-prod');
    expect(byUid['traces-prod']!.jsonData['serviceMap']).toEqual({ datasourceUid: 'metrics' });
    expect(byUid['traces-prod']!.jsonData['nodeGraph']).toEqual({ enabled: true });
    expect(byUid['metrics']!.jsonData['exemplarTraceIdDestinations']).toEqual([{ name: 'trace_id', datasourceUid: 'traces-prod', urlDisplayLabel: 'View trace' }]);
  });

  it('Jaeger: logs and exemplars link to it when there is no Tempo, and its spans link to the logs', () => {
    const { byUid } = provisioned({ loki: {}, jaeger: { url: 'http://tracing:16686' }, datasource: { exemplars: { label: 'traceID' } } });
    expect(byUid['jaeger']).toMatchObject({ type: 'jaeger', name: 'Jaeger', url: 'http://tracing:16686' });
    expect((byUid['jaeger']!.jsonData['tracesToLogsV2'] as { datasourceUid: string }).datasourceUid).toBe('loki');
    expect((byUid['loki']!.jsonData['derivedFields'] as Array<{ datasourceUid: string }>)[0]!.datasourceUid).toBe('jaeger');
    expect(byUid['prometheus']!.jsonData['exemplarTraceIdDestinations']).toEqual([{ name: 'traceID', datasourceUid: 'jaeger', urlDisplayLabel: 'View trace' }]);
  });

  it('each link can be turned off, and trace → logs takes its own tags and time window', () => {
    const { byUid } = provisioned({
      loki: { traceLinks: false, maxLines: 500 },
      tempo: { traceToLogs: { tags: { 'service.name': 'app', 'k8s.namespace.name': 'namespace' }, filterBySpanId: true, spanStartTimeShift: '-5m', spanEndTimeShift: '30s' } },
      datasource: { exemplars: false },
    });
    expect(byUid['loki']!.jsonData).toEqual({ maxLines: 500 });
    expect(byUid['tempo']!.jsonData['tracesToLogsV2']).toMatchObject({
      tags: [{ key: 'service.name', value: 'app' }, { key: 'k8s.namespace.name', value: 'namespace' }],
      filterBySpanID: true,
      spanStartTimeShift: '-5m',
      spanEndTimeShift: '30s',
    });
    expect(byUid['prometheus']!.jsonData).not.toHaveProperty('exemplarTraceIdDestinations');
    const off = provisioned({ loki: {}, tempo: { traceToLogs: false } });
    expect(off.byUid['tempo']!.jsonData).not.toHaveProperty('tracesToLogsV2');
  });

  it("without Loki there is no trace → logs link, without Tempo or Jaeger no link to traces (the defaults never point at nothing)", () => {
    expect(provisioned({ tempo: {} }).byUid['tempo']!.jsonData).toEqual({});
    expect(provisioned({ loki: {} }).byUid['loki']!.jsonData).toEqual({});
  });

  it("emits only fields Grafana's provisioning reads", () => {
    // From Grafana's provisioning docs and its data source settings types (TraceToLogsOptionsV2,
    // Loki's DerivedFieldConfig, Prometheus's ExemplarTraceIdDestination).
    const KNOWN_TOP = new Set(['name', 'uid', 'type', 'access', 'url', 'isDefault', 'editable', 'jsonData']);
    const KNOWN_JSON: Record<string, Set<string>> = {
      prometheus: new Set(['timeInterval', 'httpMethod', 'exemplarTraceIdDestinations']),
      loki: new Set(['maxLines', 'derivedFields']),
      tempo: new Set(['tracesToLogsV2', 'serviceMap', 'nodeGraph']),
      jaeger: new Set(['tracesToLogsV2']),
    };
    const KNOWN_TRACES_TO_LOGS = new Set(['datasourceUid', 'tags', 'spanStartTimeShift', 'spanEndTimeShift', 'filterByTraceID', 'filterBySpanID', 'query', 'customQuery']);
    const KNOWN_DERIVED = new Set(['name', 'matcherRegex', 'matcherType', 'url', 'urlDisplayLabel', 'datasourceUid']);
    const { byUid } = provisioned({ loki: { maxLines: 100 }, tempo: { serviceMap: true }, jaeger: {} });
    for (const ds of Object.values(byUid)) {
      for (const key of Object.keys(ds)) expect(KNOWN_TOP, `${ds.type} ${key}`).toContain(key);
      for (const key of Object.keys(ds.jsonData)) expect(KNOWN_JSON[ds.type], `${ds.type} jsonData.${key}`).toContain(key);
      const logs = ds.jsonData['tracesToLogsV2'] as Record<string, unknown> | undefined;
      for (const key of Object.keys(logs ?? {})) expect(KNOWN_TRACES_TO_LOGS, `tracesToLogsV2.${key}`).toContain(key);
      for (const f of (ds.jsonData['derivedFields'] as Array<Record<string, unknown>> | undefined) ?? []) {
        for (const key of Object.keys(f)) expect(KNOWN_DERIVED, `derivedFields.${key}`).toContain(key);
      }
    }
  });

  it("escapes the $ of Grafana's link variables, which provisioning would read as environment variables", () => {
    const { files } = provisioned({ loki: {}, tempo: {} });
    expect(files[`${DIR}/loki.yml`]).toContain("url: $${__value.raw}");
    for (const text of Object.values(files)) expect(text).not.toMatch(/(?<!\$)\$\{__/);
  });

  it('refuses a malformed data source setting at the schema check', () => {
    const bad = defineProject({ ...project({}), grafana: { loki: { url: 'loki:3100' }, tempo: { traceToLogs: { spanStartTimeShift: '1 minute' } } } });
    expect(() => generated(bad)).toThrow(/grafana.loki.url: invalid data source URL.*grafana.tempo.traceToLogs.spanStartTimeShift: invalid time shift/s);
  });
});
