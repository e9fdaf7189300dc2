// Logs and traces panels (#19 § 2, #21's panel list): the logs panel on Loki, a TraceQL search as a
// table, one trace as the trace view, their data source variables, and the checks on their queries.
import { describe, expect, it } from 'vitest';
import {
  counter, customVariable, dashboard, defineProject, logsPanel, row, scrapeJob, textVariable, timeseriesPanel, tracesPanel,
  type Dashboard, type GrafanaOptions, type Panel,
} from '../../src/index.js';
import { dashboardJson, grafanaFiles } from '../helpers/grafana.js';
import { runOn, sourceOf } from '../helpers/model.js';

const requests = counter({ name: 'shop_requests_total', help: 'Requests.', labels: ['code'] });
const service = customVariable({ name: 'service', values: ['checkout', 'cart'] });
const traceId = textVariable({ name: 'traceId', value: '' });

function project(dashboards: Dashboard[], grafana: GrafanaOptions = { loki: {}, tempo: {} }) {
  return defineProject({
    name: 'shop',
    metrics: [requests],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8000'] })] },
    dashboards,
    grafana,
  });
}

const board = (panels: Panel[], title = 'Shop') => dashboard({ title, variables: [service, traceId], panels });

const shop = dashboard({
  title: 'Shop logs and traces',
  uid: 'shop-logs-traces',
  variables: [service, traceId],
  panels: [
    timeseriesPanel({ title: 'Requests', targets: [{ expr: 'sum(rate(shop_requests_total[$__rate_interval]))' }] }),
    row({
      title: 'Logs and traces',
      panels: [
        logsPanel({ title: 'Errors', expr: '{service="$service"} | json | level="ERROR"', dedup: 'signature', wrap: true, order: 'newest', maxLines: 200 }),
        tracesPanel({ title: 'Slow checkouts', query: { traceql: '{ resource.service.name = "$service" && name = "checkout" && duration > 2s }', limit: 50 } }),
        tracesPanel({ title: 'Trace', query: { traceId: '$traceId' } }),
      ],
    }),
  ],
});

interface Json {
  templating: { list: Array<{ name: string; type: string; query?: string; label?: string; current?: { text: string; value: string } }> };
  panels: Array<{ type: string; title: string; datasource?: { type: string; uid: string }; options?: Record<string, unknown>; targets?: Array<Record<string, unknown>> }>;
}

const parsed = (p: ReturnType<typeof project>, uid: string) => JSON.parse(dashboardJson(p, uid)) as Json;
const byTitle = (json: Json, title: string) => json.panels.find((p) => p.title === title)!;

describe('logs and traces panels', () => {
  it('match the golden file', async () => {
    await expect(dashboardJson(project([shop]), 'shop-logs-traces')).toMatchFileSnapshot('./__golden__/features/logs-traces.json');
  });

  it('a logs panel: its LogQL on the ${loki} variable, every display option written', () => {
    const json = parsed(project([shop]), 'shop-logs-traces');
    const logs = byTitle(json, 'Errors');
    expect(logs.type).toBe('logs');
    expect(logs.datasource).toEqual({ type: 'loki', uid: '${loki}' });
    expect(logs.targets).toEqual([
      { refId: 'A', datasource: { type: 'loki', uid: '${loki}' }, expr: '{service="$service"} | json | level="ERROR"', queryType: 'range', maxLines: 200 },
    ]);
    expect(logs.options).toEqual({
      showTime: true, showLabels: false, showCommonLabels: false, showLogContextToggle: false, wrapLogMessage: true, prettifyLogMessage: false,
      enableLogDetails: true, dedupStrategy: 'signature', sortOrder: 'Descending',
    });
  });

  it('a TraceQL search is a table of traces; one trace id is the trace view; both on ${tempo}', () => {
    const json = parsed(project([shop]), 'shop-logs-traces');
    const search = byTitle(json, 'Slow checkouts');
    expect(search.type).toBe('table');
    expect(search.targets).toEqual([
      {
        refId: 'A', datasource: { type: 'tempo', uid: '${tempo}' }, queryType: 'traceql', filters: [],
        query: '{ resource.service.name = "$service" && name = "checkout" && duration > 2s }', tableType: 'traces', limit: 50,
      },
    ]);
    const trace = byTitle(json, 'Trace');
    expect(trace.type).toBe('traces');
    expect(trace.targets).toEqual([{ refId: 'A', datasource: { type: 'tempo', uid: '${tempo}' }, queryType: 'traceql', filters: [], query: '$traceId' }]);
  });

  it('the dashboard gets a data source variable per kind its panels use, defaulting to the configured one', () => {
    const p = project([shop], { loki: { name: 'Logs', uid: 'logs-prod' }, tempo: {} });
    const vars = parsed(p, 'shop-logs-traces').templating.list.filter((v) => v.type === 'datasource');
    expect(vars.map((v) => [v.name, v.query, v.label, v.current])).toEqual([
      ['datasource', 'prometheus', 'Data source', { selected: true, text: 'Prometheus', value: 'prometheus' }],
      ['loki', 'loki', 'Loki', { selected: true, text: 'Logs', value: 'logs-prod' }],
      ['tempo', 'tempo', 'Tempo', { selected: true, text: 'Tempo', value: 'tempo' }],
    ]);
    // A dashboard without logs or traces panels has only the Prometheus one.
    const plain = dashboard({ title: 'Plain', panels: [timeseriesPanel({ title: 'R', targets: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] })] });
    expect(parsed(project([plain]), 'plain').templating.list.map((v) => v.name)).toEqual(['datasource']);
  });

  it('Jaeger: a trace id and a service search, on ${jaeger}', () => {
    const d = dashboard({
      title: 'Jaeger',
      panels: [
        tracesPanel({ title: 'Trace', query: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }, datasource: { type: 'jaeger', uid: '${jaeger}' } }),
        tracesPanel({ title: 'Slow', query: { service: 'checkout', operation: 'pay', minDuration: '2s', limit: 20 } }),
      ],
    });
    const json = parsed(project([d], { jaeger: {} }), 'jaeger');
    expect(byTitle(json, 'Trace').targets).toEqual([{ refId: 'A', datasource: { type: 'jaeger', uid: '${jaeger}' }, query: '4bf92f3577b34da6a3ce929d0e0e4736' }]);
    expect(byTitle(json, 'Slow')).toMatchObject({
      type: 'table',
      datasource: { type: 'jaeger', uid: '${jaeger}' },
      targets: [{ refId: 'A', datasource: { type: 'jaeger', uid: '${jaeger}' }, queryType: 'search', service: 'checkout', operation: 'pay', minDuration: '2s', limit: 20 }],
    });
    expect(json.templating.list.find((v) => v.name === 'jaeger')?.current).toEqual({ selected: true, text: 'Jaeger', value: 'jaeger' });
  });
});

describe('logs and traces panels in the V2 schema', () => {
  it('carry their queries on their data source, and the dashboard its ${loki} and ${tempo} variables', () => {
    const files = grafanaFiles(project([shop], { loki: { uid: 'logs-prod' }, tempo: {}, schema: 'v2' }));
    const json = JSON.parse(files['grafana/resources/dashboards/shop-logs-traces.json']!) as {
      spec: {
        variables: Array<{ kind: string; spec: { name: string; pluginId?: string; current?: { value: string } } }>;
        elements: Record<string, { spec: { title: string; data: { spec: { queries: Array<{ spec: { query: { group: string; datasource: { name: string }; spec: Record<string, unknown> } } }> } }; vizConfig: { group: string } } }>;
      };
    };
    const vars = json.spec.variables.filter((v) => v.kind === 'DatasourceVariable').map((v) => [v.spec.name, v.spec.pluginId, v.spec.current?.value]);
    expect(vars).toEqual([['datasource', 'prometheus', 'prometheus'], ['loki', 'loki', 'logs-prod'], ['tempo', 'tempo', 'tempo']]);
    const element = (title: string) => Object.values(json.spec.elements).find((e) => e.spec.title === title)!.spec;
    const errors = element('Errors');
    expect(errors.vizConfig.group).toBe('logs');
    expect(errors.data.spec.queries[0]!.spec.query).toMatchObject({ group: 'loki', datasource: { name: '${loki}' }, spec: { expr: '{service="$service"} | json | level="ERROR"' } });
    expect(element('Slow checkouts').data.spec.queries[0]!.spec.query).toMatchObject({ group: 'tempo', datasource: { name: '${tempo}' }, spec: { queryType: 'traceql' } });
  });
});

const findings = (p: ReturnType<typeof project>, id: string) =>
  runOn(p, [id]).map((d) => ({ message: d.message, hint: d.hint, path: d.path?.join(' › '), excerpt: d.excerpt && d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) }));

describe('dashboard/log-query', () => {
  const logs = (expr: string, extra: Partial<Parameters<typeof logsPanel>[0]> = {}) => board([logsPanel({ title: 'Logs', expr, ...extra })]);

  it('fires on LogQL that does not parse, at the expr, with the place', () => {
    const p = project([logs('{service="api" |= "x"')]);
    expect(findings(p, 'dashboard/log-query')).toEqual([
      {
        message: 'logs panel Logs (dashboard Shop): it is not valid LogQL (at "|= "x"")',
        hint: 'write a stream selector and a pipeline, e.g. {service="api"} |= "error" | json | level="ERROR"',
        path: 'dashboards › Shop › panels › Logs › expr',
        excerpt: '|',
      },
    ]);
    expect(runOn(p, ['dashboard/log-query'])[0]!.source).toMatchObject({ file: sourceOf(p.dashboards![0]!.panels[0]!).file });
  });

  it('fires on a selector Loki refuses: none, or only matchers that match everything', () => {
    expect(findings(project([logs('{} |= "error"')]), 'dashboard/log-query').map((f) => [f.message, f.excerpt])).toEqual([
      ['logs panel Logs (dashboard Shop): its stream selector {} has no matcher: Loki needs at least one', '{}'],
    ]);
    for (const expr of ['{service=~".*"} |= "x"', '{service!="api"}', '{service=""}', '{service=~"a|"}']) {
      expect(findings(project([logs(expr)]), 'dashboard/log-query').map((f) => f.hint), expr).toEqual([
        'select the stream by a label value, e.g. {service="api"} (a != or !~ matcher, or =~".*", selects every stream)',
      ]);
    }
  });

  it('fires on a regex Loki cannot read (RE2), in a matcher, a label filter or a line filter, at the regex', () => {
    const result = findings(project([logs('{service=~"api(?=x)"} |~ "err(" | json | level=~"E[" != "ok"')]), 'dashboard/log-query');
    expect(result.map((f) => f.excerpt)).toEqual(['"api(?=x)"', '"err("', '"E["']);
    expect(result[1]!.message).toMatch(/^logs panel Logs \(dashboard Shop\): its regex "err\(" is not one Loki reads \(.*missing.*\)$/);
    expect(result[1]!.hint).toBe('Loki reads Go (RE2) regexes: no lookarounds or backreferences; escape ( ) [ ] { } . * + ? as \\\\( in a "…" string (or use `…`)');
    expect(findings(project([logs('{service="api"} |~ "(?i)timeout|refused" | json | level=~"(?i)err.*"')]), 'dashboard/log-query')).toEqual([]);
  });

  it('fires on a metric query, which shows no lines', () => {
    expect(findings(project([logs('sum(rate({service="api"} |= "error" [5m]))')]), 'dashboard/log-query').map((f) => f.message)).toEqual([
      'logs panel Logs (dashboard Shop): its query is a LogQL metric query (numbers, not lines): the logs panel shows nothing',
    ]);
  });

  it('fires on a logs panel pointed at a Prometheus data source', () => {
    expect(findings(project([logs('{service="api"}', { datasource: { type: 'prometheus', uid: 'prometheus' } })]), 'dashboard/log-query')).toEqual([
      {
        message: 'logs panel Logs (dashboard Shop) queries a prometheus data source ("prometheus"), but its query is LogQL',
        hint: 'point it at Loki: leave out `datasource` (the ${loki} variable) or give { type: "loki", uid: … }',
        path: 'dashboards › Shop › panels › Logs › datasource',
        excerpt: undefined,
      },
    ]);
  });

  it('is quiet on valid log queries, with variables and Grafana macros', () => {
    for (const expr of [
      '{service="api"} | json | level="ERROR"',
      '{service=~"$service"} |= "error" | logfmt',
      '{service="api", env!="dev"} | json | line_format "{{.message}}"',
      '{service=~"api|web"} != "health"',
      '{service="${service}"} | json | duration > 1s',
    ]) {
      expect(findings(project([logs(expr)]), 'dashboard/log-query'), expr).toEqual([]);
    }
  });
});

describe('dashboard/trace-query', () => {
  const traces = (query: Parameters<typeof tracesPanel>[0]['query'], extra: Partial<Parameters<typeof tracesPanel>[0]> = {}) => board([tracesPanel({ title: 'Traces', query, ...extra })]);

  it('fires on TraceQL that does not parse, at the query', () => {
    expect(findings(project([traces({ traceql: '{ name = "checkout" && duration > }' })]), 'dashboard/trace-query')).toEqual([
      {
        message: 'traces panel Traces (dashboard Shop): it is not valid TraceQL (at "}")',
        hint: 'write a spanset filter, e.g. { resource.service.name = "api" && name = "checkout" && duration > 2s }',
        path: 'dashboards › Shop › panels › Traces › query',
        excerpt: '}',
      },
    ]);
  });

  it('fires on a trace id that is not one', () => {
    expect(findings(project([traces({ traceId: 'checkout-42' })]), 'dashboard/trace-query').map((f) => [f.message, f.hint])).toEqual([
      [
        'traces panel Traces (dashboard Shop): "checkout-42" is not a trace id: 1 to 32 hex digits',
        'give the trace id as hex, e.g. 4bf92f3577b34da6a3ce929d0e0e4736, or a variable such as $traceId',
      ],
    ]);
  });

  it('fires on a query the data source does not run: TraceQL on Jaeger, a Jaeger search on Tempo, any on Loki', () => {
    const onJaeger = project([traces({ traceql: '{ name = "checkout" }' }, { datasource: { type: 'jaeger', uid: 'jaeger' } })], { jaeger: {} });
    expect(findings(onJaeger, 'dashboard/trace-query').map((f) => [f.message, f.path])).toEqual([
      ['traces panel Traces (dashboard Shop) sends a TraceQL query to a jaeger data source ("jaeger"), which does not run it', 'dashboards › Shop › panels › Traces › datasource'],
    ]);
    const onTempo = project([traces({ service: 'checkout' }, { datasource: { type: 'tempo', uid: '${tempo}' } })]);
    expect(findings(onTempo, 'dashboard/trace-query').map((f) => f.message)).toEqual([
      'traces panel Traces (dashboard Shop) sends a Jaeger search to a tempo data source ("${tempo}"), which does not run it',
    ]);
    const onLoki = project([traces({ traceId: 'abc' }, { datasource: { type: 'loki', uid: 'loki' } })]);
    expect(findings(onLoki, 'dashboard/trace-query').map((f) => f.hint)).toEqual([
      'point it at tempo or jaeger ({ type: "tempo", uid: "${tempo}" } or { type: "jaeger", uid: "${jaeger}" }), or write the query that data source runs',
    ]);
  });

  it('is quiet on valid queries', () => {
    for (const query of [
      { traceql: '{ .service.name = "totem-api" && name = "process_payment" && duration > 1s }' },
      { traceql: '{ resource.service.name = "$service" } | select(span.http.status_code)' },
      { traceql: '{ status = error } >> { name = "db" }' },
      { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' },
      { traceId: '${traceId}' },
    ]) {
      expect(findings(project([traces(query)]), 'dashboard/trace-query'), JSON.stringify(query)).toEqual([]);
    }
  });
});

describe('logs and traces panels and the data source checks', () => {
  it('dashboard/unknown-datasource: a panel on the ${loki} variable when no Loki is configured', () => {
    const p = project([board([logsPanel({ title: 'Logs', expr: '{service="api"}' })])], { tempo: {} });
    expect(findings(p, 'dashboard/unknown-datasource')).toEqual([
      {
        message: 'panel Logs of dashboard Shop reads the ${loki} variable, but no Loki data source is configured: the variable has no default and the panel no data',
        hint: 'configure it (grafana: { loki: {} } in the project or totem-mon.config.ts), or give the panel the datasource of a provisioned one',
        path: 'dashboards › Shop › panels › Logs › datasource',
        excerpt: undefined,
      },
    ]);
    expect(findings(project([board([logsPanel({ title: 'Logs', expr: '{service="api"}' })])], { loki: {} }), 'dashboard/unknown-datasource')).toEqual([]);
  });

  it('dashboard/datasource-variable: a fixed uid on a logs panel instead of ${loki} (a warning, like Prometheus panels)', () => {
    const p = project([board([logsPanel({ title: 'Logs', expr: '{service="api"}', datasource: { type: 'loki', uid: 'loki' } })])]);
    expect(runOn(p, ['dashboard/datasource-variable']).map((d) => [d.severity, d.message, d.hint])).toEqual([
      ['warning', 'panel Logs of dashboard Shop uses the fixed data source "loki" instead of the ${loki} variable', 'remove `datasource`: the panel then uses { type: "loki", uid: "${loki}" }, which defaults to the configured data source'],
    ]);
    expect(runOn(project([shop]), ['dashboard/datasource-variable', 'dashboard/unknown-datasource', 'dashboard/log-query', 'dashboard/trace-query'])).toEqual([]);
  });

  it('dashboard/datasource-variable: a variable of the dashboard named like the data source variable its panels read', () => {
    const loki = customVariable({ name: 'loki', values: ['a'] });
    const p = project([dashboard({ title: 'Shop', variables: [loki], panels: [logsPanel({ title: 'Logs', expr: '{service="api"}' })] })]);
    expect(runOn(p, ['dashboard/datasource-variable']).map((d) => [d.severity, d.message, d.hint, d.path?.join(' › ')])).toEqual([
      [
        'error',
        'variable $loki of dashboard Shop has the name of the data source variable its logs panels read (${loki})',
        'rename the variable: ${loki} is the loki data source drop-down totem-mon adds',
        'dashboards › Shop › variables › loki › name',
      ],
    ]);
    // Without a logs panel the name is free.
    const free = project([dashboard({ title: 'Shop', variables: [loki], panels: [timeseriesPanel({ title: 'R', targets: [{ expr: 'sum(rate(shop_requests_total[5m]))' }] })] })]);
    expect(runOn(free, ['dashboard/datasource-variable'])).toEqual([]);
  });

  it('dashboard/undefined-variable reads LogQL and TraceQL queries too', () => {
    const p = project([board([logsPanel({ title: 'Logs', expr: '{service="$servce"}' }), tracesPanel({ title: 'Trace', query: { traceId: '$trace' } })])]);
    expect(runOn(p, ['dashboard/undefined-variable']).map((d) => d.path?.join(' › '))).toEqual([
      'dashboards › Shop › panels › Logs › expr',
      'dashboards › Shop › panels › Trace › query',
    ]);
  });

  it('the schema: a logs query only on logs panels, no PromQL targets on them', () => {
    const bad = project([board([{ ...timeseriesPanel({ title: 'T', targets: [{ expr: 'up' }] }), logs: { expr: '{a="b"}' } }, { ...logsPanel({ title: 'L', expr: '{a="b"}' }), targets: [{ expr: 'up' }] }])]);
    expect(() => runOn(bad, [])).toThrow(/logs is the query of logs panels only.*a logs panel has no PromQL targets/s);
  });
});
