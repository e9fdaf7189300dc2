// Panels (#21): every panel type, thresholds, value mappings, overrides, links, transformations,
// repeats, rows, units from the catalogue.
import { describe, expect, it } from 'vitest';
import {
  alert, barGaugePanel, counter, currentValuePanel, customVariable, dashboard, defineProject, gauge, gaugePanel, histogram,
  histogramPanel, labelVariable, linkTo, pieChartPanel, quantilesPanel, ratePanel, re, row, ruleGroup, runbookLink, scrapeJob,
  stateTimelinePanel, statPanel, statusHistoryPanel, tablePanel, textPanel, timeseriesPanel, upDownMappings, type Dashboard,
} from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { uidFromTitle } from '../../src/model/build-dashboards.js';
import { CHECKS } from '../../src/lint/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { dashboardJson } from '../helpers/grafana.js';

const up = gauge({ name: 'up', help: 'Target up.', exporter: 'prometheus' });
const jobs = counter({ name: 'worker_jobs_total', help: 'Jobs.', labels: ['queue', 'result'] });
const wait = histogram({ name: 'worker_wait_seconds', help: 'Wait.', labels: ['queue'], buckets: [1, 10], unit: 'seconds' });
const backlog = gauge({ name: 'worker_backlog', help: 'Backlog.', labels: ['queue'] });
const workerDown = alert({
  name: 'WorkerDown',
  expr: `${up.select({ job: 'worker' })} == 0`,
  for: '5m',
  labels: { severity: 'critical' },
  annotations: { summary: 'down', description: 'down', runbook_url: 'https://runbooks.example.com/WorkerDown' },
});

const instance = labelVariable({ name: 'instance', metric: up, matchers: { job: 'worker' } });
const queue = labelVariable({ name: 'queue', metric: jobs });
const other = dashboard({ title: 'Worker details', uid: 'worker-details', panels: [] });

type JsonPanel = Record<string, unknown> & { id: number; type: string; title: string; panels?: JsonPanel[]; fieldConfig?: { defaults: Record<string, unknown>; overrides: unknown[] } };

function project(dashboards: Dashboard[]) {
  return defineProject({
    name: 'worker',
    metrics: [up, jobs, wait, backlog],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'worker', targets: ['worker:9100'] })] },
    ruleGroups: [ruleGroup({ name: 'worker', rules: [workerDown] })],
    dashboards,
  });
}

function compile(d: Dashboard) {
  const content = dashboardJson(project([d, other]), d.uid ?? uidFromTitle(d.title));
  const json = JSON.parse(content) as { panels: JsonPanel[] };
  const panel = (title: string) => json.panels.flatMap((p) => [p, ...(p.panels ?? [])]).find((p) => p.title === title)!;
  return { content, json, panel };
}

const everyPanel = dashboard({
  title: 'Worker panels',
  variables: [instance, queue],
  panels: [
    textPanel({ title: 'Leia-me', content: '# Worker\nSee the **runbook**.', transparent: true }),
    statPanel({
      title: 'Worker',
      description: 'Is the worker scraped?',
      mappings: upDownMappings(),
      colorMode: 'background',
      graphMode: 'none',
      thresholds: [{ color: 'red' }, { value: 1, color: 'green' }],
      links: [runbookLink(workerDown), linkTo(other)],
      targets: [{ expr: `min(${up.select({ job: 'worker' })})` }],
    }),
    gaugePanel({ title: 'Backlog', reduce: 'max', targets: [{ expr: `sum(${backlog})` }] }),
    barGaugePanel({ title: 'Backlog by queue', targets: [{ expr: `sum by (queue) (${backlog})`, legendFormat: '{{queue}}' }] }),
    pieChartPanel({ title: 'Results', pieType: 'donut', targets: [{ expr: `sum by (result) (increase(${jobs}[$__range]))`, legendFormat: '{{result}}' }] }),
    tablePanel({
      title: 'Queues',
      targets: [
        { expr: `sum by (queue) (${backlog})`, legendFormat: '{{queue}}' },
        { expr: `sum by (queue) (rate(${jobs}[$__rate_interval]))`, legendFormat: '{{queue}}' },
      ],
      transformations: [
        { type: 'merge' },
        { type: 'filterByName', names: ['queue', 'Value #A', 'Value #B'] },
        { type: 'organize', rename: { 'Value #A': 'Backlog', 'Value #B': 'Jobs/s' }, order: ['queue', 'Value #B', 'Value #A'] },
      ],
      overrides: [
        { match: { query: 'B' }, unit: 'ops', decimals: 1 },
        { match: { name: 'Backlog' }, custom: { width: 120 } },
      ],
    }),
    stateTimelinePanel({ title: 'Up over time', mappings: upDownMappings({ up: 'NO AR', down: 'FORA' }), targets: [{ expr: `${up.select({ instance: re('$instance') })}`, legendFormat: '{{instance}}' }] }),
    statusHistoryPanel({ title: 'Up history', mappings: upDownMappings(), targets: [{ expr: `${up}`, legendFormat: '{{instance}}' }] }),
    histogramPanel({ title: 'Backlog spread', targets: [{ expr: `${backlog}`, legendFormat: '{{queue}}' }] }),
    timeseriesPanel({
      title: 'Jobs',
      targets: [{ expr: `sum by (result) (rate(${jobs.select({ queue: re('$queue') })}[$__rate_interval]))`, legendFormat: '{{result}}' }],
      overrides: [{ match: { regex: 'fail.*' }, color: 'red', displayName: 'Falhas' }],
      dataLinks: [{ title: 'Logs', url: 'https://logs.example.com/?q=${__field.labels.result}', targetBlank: true }],
      repeat: { variable: queue, maxPerRow: 3 },
    }),
    row({
      title: 'Por instância',
      collapsed: true,
      repeat: { variable: instance },
      panels: [ratePanel(jobs, { title: 'Jobs on $instance', matchers: { instance: re('$instance') } })],
    }),
  ],
});

describe('panels', () => {
  it('compile each type to its Grafana plugin', () => {
    const { json } = compile(everyPanel);
    expect(json.panels.flatMap((p) => [p, ...(p.panels ?? [])]).map((p) => p.type)).toEqual([
      'text', 'stat', 'gauge', 'bargauge', 'piechart', 'table', 'state-timeline', 'status-history', 'histogram', 'timeseries', 'row', 'timeseries',
    ]);
  });

  it('write value mappings, thresholds and the stat options', () => {
    const { panel } = compile(everyPanel);
    expect(panel('Worker').fieldConfig!.defaults.mappings).toEqual([
      { type: 'value', options: { '1': { text: 'UP', color: 'green', index: 0 } } },
      { type: 'value', options: { '0': { text: 'DOWN', color: 'red', index: 1 } } },
    ]);
    expect(panel('Worker').options).toMatchObject({ colorMode: 'background', graphMode: 'none' });
    expect(panel('Up over time').fieldConfig!.defaults.mappings).toEqual([
      { type: 'value', options: { '1': { text: 'NO AR', color: 'green', index: 0 } } },
      { type: 'value', options: { '0': { text: 'FORA', color: 'red', index: 1 } } },
    ]);
    expect(panel('Backlog').options).toMatchObject({ reduceOptions: { calcs: ['max'] } });
    expect(panel('Results').options).toMatchObject({ pieType: 'donut' });
    expect(panel('Leia-me')).toMatchObject({ transparent: true, options: { mode: 'markdown', content: '# Worker\nSee the **runbook**.' } });
  });

  it('write overrides by query, name and regex, and the table transformations', () => {
    const { panel } = compile(everyPanel);
    expect(panel('Queues').fieldConfig!.overrides).toEqual([
      { matcher: { id: 'byFrameRefID', options: 'B' }, properties: [{ id: 'unit', value: 'ops' }, { id: 'decimals', value: 1 }] },
      { matcher: { id: 'byName', options: 'Backlog' }, properties: [{ id: 'custom.width', value: 120 }] },
    ]);
    expect(panel('Jobs').fieldConfig!.overrides).toEqual([
      { matcher: { id: 'byRegexp', options: 'fail.*' }, properties: [{ id: 'displayName', value: 'Falhas' }, { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }] },
    ]);
    expect(panel('Queues').transformations).toEqual([
      { id: 'merge', options: {} },
      { id: 'filterFieldsByName', options: { include: { names: ['queue', 'Value #A', 'Value #B'] } } },
      {
        id: 'organize',
        options: { excludeByName: {}, indexByName: { queue: 0, 'Value #B': 1, 'Value #A': 2 }, renameByName: { 'Value #A': 'Backlog', 'Value #B': 'Jobs/s' } },
      },
    ]);
  });

  it("write panel links (the alert's runbook, a dashboard object by its uid) and data links", () => {
    const { panel } = compile(everyPanel);
    expect((panel('Worker').links as Array<Record<string, unknown>>).map((l) => [l.title, l.url, l.targetBlank])).toEqual([
      ['Runbook: WorkerDown', 'https://runbooks.example.com/WorkerDown', true],
      ['Worker details', '/d/worker-details?${__url_time_range}&${__all_variables}', false],
    ]);
    // Grafana reads no keepTime/includeVars on panel and data links (only on dashboard links): the URL carries them.
    expect((panel('Worker').links as Array<Record<string, unknown>>)[1]).toMatchObject({ keepTime: false, includeVars: false });
    expect((panel('Jobs').fieldConfig!.defaults.links as Array<Record<string, unknown>>).map((l) => [l.title, l.url])).toEqual([
      ['Logs', 'https://logs.example.com/?q=${__field.labels.result}'],
    ]);
  });

  it('repeat panels and rows by a variable object', () => {
    const { panel } = compile(everyPanel);
    expect(panel('Jobs')).toMatchObject({ repeat: 'queue', repeatDirection: 'h', maxPerRow: 3 });
    expect(panel('Por instância')).toMatchObject({ type: 'row', repeat: 'instance', collapsed: true });
  });

  it('take the unit from the catalogue, unless the panel gives one', () => {
    const d = dashboard({
      title: 'Units',
      panels: [
        quantilesPanel(wait, { title: 'Wait' }),
        quantilesPanel(wait, { title: 'Wait (ms)', unit: 'ms' }),
        currentValuePanel(backlog, { title: 'Backlog' }),
      ],
    });
    const { panel } = compile(d);
    expect(panel('Wait').fieldConfig!.defaults.unit).toBe('s');
    expect(panel('Wait (ms)').fieldConfig!.defaults.unit).toBe('ms');
    expect(panel('Backlog').fieldConfig?.defaults.unit).toBeUndefined(); // the gauge has no unit in the catalogue
  });

  it('match the golden file', async () => {
    await expect(compile(everyPanel).content).toMatchFileSnapshot('./__golden__/features/panels.json');
  });
});

describe('panel schema', () => {
  const refused = (d: Dashboard) => {
    const parsed = parseProject(project([d]));
    if (parsed.ok) throw new Error('expected schema findings');
    return parsed.diagnostics.map((x) => [x.path?.slice(3).join(' › '), x.message, x.hint]);
  };

  it('refuses an override for a query the panel lacks, a text panel without content, a runbook link without a url', () => {
    const noRunbook = alert({ ...workerDown, name: 'NoRunbook', annotations: { summary: 's', description: 'd' } });
    expect(
      refused(
        dashboard({
          title: 'Bad',
          panels: [
            timeseriesPanel({ title: 'T', targets: [{ expr: 'up' }], overrides: [{ match: { query: 'C' }, unit: 's' }] }),
            { ...textPanel({ title: 'Note', content: 'x' }), content: undefined },
            statPanel({ title: 'S', links: [runbookLink(noRunbook)], targets: [{ expr: 'up' }] }),
            timeseriesPanel({ title: 'Empty', targets: [] }),
          ],
        }),
      ),
    ).toEqual([
      ['T › overrides[0] › match › query', 'override for query C, which the panel does not have', "the panel's queries are A"],
      ['Note › content', 'text panel without content', 'give content: a Markdown text'],
      ['S › links[0] › url', 'link without a url', 'give it a url; a runbookLink needs the alert to have a runbook_url annotation'],
      ['Empty › targets', 'panel has no targets', 'give at least one { expr } in targets'],
    ]);
  });
});

describe('dashboard/undefined-variable on repeats', () => {
  const check = CHECKS.find((c) => c.id === 'dashboard/undefined-variable')!;
  const lint = (d: Dashboard) => runOn(project([d]), [check]).map(pinned);
  const env = customVariable({ name: 'env', values: ['a', 'b'], multi: true });

  it('fires on a panel or row repeated by a variable the dashboard does not list', () => {
    const p = timeseriesPanel({ title: 'Jobs', targets: [{ expr: 'sum(worker_backlog)' }], repeat: { variable: env } });
    const r = row({ title: 'Per env', repeat: { variable: env }, panels: [] });
    expect(lint(dashboard({ title: 'W', panels: [p, r] }))).toEqual([
      {
        message: 'row Per env repeats by $env, which dashboard W does not define: Grafana shows it once, unrepeated',
        hint: 'add the variable to variables: [...] of dashboard W',
        path: ['dashboards', 'W', 'panels', 'Per env', 'repeat'],
        file: fileOf(r),
        line: r.source!.line,
      },
      {
        message: 'panel Jobs repeats by $env, which dashboard W does not define: Grafana shows it once, unrepeated',
        hint: 'add the variable to variables: [...] of dashboard W',
        path: ['dashboards', 'W', 'panels', 'Jobs', 'repeat'],
        file: fileOf(p),
        line: p.source!.line,
      },
    ]);
  });

  it('is quiet when the variable is listed', () => {
    const p = timeseriesPanel({ title: 'Jobs', targets: [{ expr: 'sum(worker_backlog)' }], repeat: { variable: env } });
    expect(lint(dashboard({ title: 'W', variables: [env], panels: [p] }))).toEqual([]);
  });
});
