// Dashboards in Grafana's V2 schema (#21): `grafana: { schema: 'v2' }` writes dashboard.grafana.app/v2
// resources and their folders instead of the classic JSON and its file provider; one golden per
// feature group (test/fixtures/grafana/v2/features.ts).
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../fixtures/grafana/v2/features.js';
import { grafanaFiles } from '../helpers/grafana.js';
import { fromProject } from '../../src/app/stages.js';
import { parseProject } from '../../src/model/parse.js';

type Json = Record<string, unknown>;
type Resource = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Json & { elements: Record<string, { spec: Json & { vizConfig: { group: string; spec: Json }; data: { spec: Json } } }>; layout: Json; variables: Array<{ kind: string; spec: Json }>; annotations: Array<{ spec: Json }>; links: Json[]; timeSettings: Json } };

function v2(group: keyof typeof FEATURES): { files: Record<string, string>; text: string; json: Resource } {
  const { project, uid } = FEATURES[group]!;
  const files = grafanaFiles(project);
  const text = files[`grafana/resources/dashboards/${uid}.json`];
  if (text === undefined) throw new Error(`no V2 dashboard ${uid} in ${Object.keys(files).join(', ')}`);
  return { files, text, json: JSON.parse(text) as Resource };
}

const panelByTitle = (json: Resource, title: string) => Object.values(json.spec.elements).find((e) => e.spec.title === title)!.spec;

describe('V2 dashboards', () => {
  for (const group of Object.keys(FEATURES)) {
    it(`match the golden file: ${group}`, async () => {
      await expect(v2(group).text).toMatchFileSnapshot(`./__golden__/v2/${group}.json`);
    });
  }

  it('are dashboard.grafana.app/v2 resources named by uid, in a folder resource; no classic JSON and no file provider', () => {
    const { files, json } = v2('options');
    expect(json).toMatchObject({ apiVersion: 'dashboard.grafana.app/v2', kind: 'Dashboard', metadata: { name: 'shop-options', annotations: { 'grafana.app/folder': 'shop-ops' } } });
    expect(JSON.parse(files['grafana/resources/folders/shop-ops.json']!)).toMatchObject({ apiVersion: 'folder.grafana.app/v1', kind: 'Folder', metadata: { name: 'shop-ops' }, spec: { title: 'Shop & Ops' } });
    // The linked dashboard has no folder of its own: the project's.
    expect(JSON.parse(files['grafana/resources/dashboards/shop-details.json']!).metadata.annotations).toEqual({ 'grafana.app/folder': 'shop' });
    expect(Object.keys(files).filter((f) => !f.startsWith('grafana/resources/')).sort()).toEqual(['grafana/provisioning/datasources/prometheus.yml']);
  });

  it('carry the dashboard options: time, refresh choices, tooltip, tags, read-only, links and annotations', () => {
    const { spec } = v2('options').json;
    expect(spec).toMatchObject({ title: 'Shop options', tags: ['shop', 'ops'], editable: false, cursorSync: 'Tooltip' });
    expect(spec.timeSettings).toMatchObject({ from: 'now-24h', to: 'now', timezone: 'utc', autoRefresh: '30s', autoRefreshIntervals: ['30s', '1m', '5m'] });
    expect(spec.links.map((l) => [l.type, l.title, l.url ?? l.tags, l.keepTime, l.tooltip])).toEqual([
      ['link', 'Detalhes', '/d/shop-details', false, ''],
      ['dashboards', 'Shop dashboards', ['shop'], true, ''],
      ['link', 'Wiki', 'https://wiki.example.com', true, 'The wiki'],
    ]);
    expect(spec.annotations.map((a) => a.spec)).toEqual([
      expect.objectContaining({ name: 'Alerts', enable: true, iconColor: 'orange', query: expect.objectContaining({ group: 'prometheus', datasource: { name: '${datasource}' }, spec: { expr: 'ALERTS{alertstate="firing",alertname=~"ShopDown"}', refId: 'Anno' } }) }),
      expect.objectContaining({ name: 'Deploys', enable: false, legacyOptions: { useValueForTime: false, titleFormat: 'Deploy', textFormat: 'queue {{queue}}', tagKeys: 'queue', step: '1m' } }),
    ]);
  });

  it('lay rows out as V2 rows: panels before the first row in a headerless row, positions relative to their row, a repeated collapsed row', () => {
    const { layout, elements } = v2('rows').json.spec;
    const names = (title: string) => Object.entries(elements).find(([, e]) => e.spec.title === title)![0];
    expect(layout).toMatchObject({
      kind: 'RowsLayout',
      spec: {
        rows: [
          { spec: { hideHeader: true, collapse: false, layout: { kind: 'GridLayout', spec: { items: [{ spec: { element: { name: names('Backlog now') }, y: 0 } }] } } } },
          { spec: { title: 'Jobs', collapse: false, layout: { spec: { items: [{ spec: { element: { name: names('Jobs/s') }, y: 0 } }, { spec: { element: { name: names('Wait p50/p99') }, y: 0 } }] } } } },
          { spec: { title: 'Instância $instance', collapse: true, repeat: { mode: 'variable', value: 'instance' }, layout: { spec: { items: [{ spec: { element: { name: names('Up $instance') }, y: 0 } }] } } } },
        ],
      },
    });
  });

  it('repeat panels by a variable, keep the plugin options, field config, transformations, time override and links', () => {
    const { json } = v2('panels');
    const items = (json.spec.layout as { kind: string; spec: { items: Array<{ spec: Json & { element: { name: string } } }> } });
    expect(items.kind).toBe('GridLayout');
    const jobs = Object.entries(json.spec.elements).find(([, e]) => e.spec.title === 'Jobs')![0];
    expect(items.spec.items.find((i) => i.spec.element.name === jobs)!.spec.repeat).toEqual({ mode: 'variable', value: 'queue', direction: 'v', maxPerRow: 3 });
    expect(panelByTitle(json, 'Shop').vizConfig).toMatchObject({ group: 'stat', spec: { options: { colorMode: 'background' }, fieldConfig: { defaults: { mappings: [{ type: 'value' }, { type: 'value' }] } } } });
    expect(panelByTitle(json, 'Queues').data.spec).toMatchObject({ transformations: [{ kind: 'Transformation', group: 'merge' }, { group: 'organize' }] });
    expect(panelByTitle(json, 'Backlog max').data.spec).toMatchObject({ queryOptions: { timeFrom: '24h' } });
    // Panel links are URLs in V2: a dashboard link carries the variables (and here not the time) in its URL.
    expect(panelByTitle(json, 'Shop').links).toEqual([
      { title: 'Runbook: ShopDown', url: 'https://runbooks.example.com/ShopDown', targetBlank: true },
      { title: 'Shop details', url: '/d/shop-details?${__all_variables}', targetBlank: false },
    ]);
    expect(panelByTitle(json, 'Leia-me')).toMatchObject({ transparent: true, vizConfig: { group: 'text', spec: { options: { content: '# Shop' } } } });
  });

  it('write every variable kind, the data source variable first', () => {
    const { variables } = v2('variables').json.spec;
    expect(variables.map((v) => [v.kind, v.spec.name])).toEqual([
      ['DatasourceVariable', 'datasource'],
      ['QueryVariable', 'queue'],
      ['QueryVariable', 'result'],
      ['QueryVariable', 'code'],
      ['CustomVariable', 'quantile'],
      ['IntervalVariable', 'window'],
      ['ConstantVariable', 'cluster'],
      ['TextVariable', 'prefix'],
      ['AdhocVariable', 'filters'],
    ]);
    expect(variables[2]!.spec).toMatchObject({
      query: { kind: 'DataQuery', group: 'prometheus', datasource: { name: '${datasource}' }, spec: { query: 'label_values(shop_jobs_total{queue=~"$queue"}, result)' } },
      multi: false,
      includeAll: false,
    });
    expect(variables[4]!.spec).toMatchObject({ query: 'p50 : 0.5,p99 : 0.99', current: { text: 'p99', value: '0.99' } });
    expect(variables[7]!.spec).toMatchObject({ hide: 'hideLabel', query: 'api' });
  });

  it('are deterministic', () => {
    for (const group of Object.keys(FEATURES)) expect(v2(group).text).toBe(v2(group).text);
  });

  it('is chosen by grafana.schema: totem-mon.config.ts wins over the project, classic by default, anything else refused', () => {
    const { project } = FEATURES.rows!;
    const paths = (p: unknown, settings = {}) =>
      (fromProject(p, { entry: 'definitions/index.ts', templates: () => ({ templates: [], diagnostics: [] }), settings }).files ?? []).map((f) => f.path).filter((f) => f.startsWith('grafana/'));
    expect(paths({ ...project, grafana: {} })).toContain('grafana/dashboards/shop-rows.json');
    expect(paths({ ...project, grafana: {} })).toContain('grafana/provisioning/dashboards/totem-mon.yml');
    expect(paths(project, { grafana: { schema: 'classic' } })).toContain('grafana/dashboards/shop-rows.json');
    expect(paths({ ...project, grafana: {} }, { grafana: { schema: 'v2' } })).toContain('grafana/resources/dashboards/shop-rows.json');
    const parsed = parseProject({ ...project, grafana: { schema: 'v3' } });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.diagnostics.map((d) => d.path?.join('.'))).toEqual(['grafana.schema']);
  });
});
