// Classic and V2 show the same dashboards (#21): for every Totem dashboard and every V2 feature
// fixture, the same panels (title, plugin) in the same reading order, the same queries (refId,
// expression, legend, data source) and the same variables (name, kind, query), whichever schema.
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../fixtures/grafana/v2/features.js';
import { bothSchemas, totemV2, type BothSchemas } from '../helpers/grafana-v2.js';

type Query = { refId: string; expr: unknown; legendFormat: unknown; datasource: string };
type Summary = { uid: string; title: string; panels: Array<{ title: string; plugin: string; queries: Query[] }>; variables: Array<{ name: string; kind: string; query: unknown }> };

type ClassicPanel = { type: string; title: string; panels?: ClassicPanel[]; targets?: Array<Record<string, unknown> & { refId: string; datasource?: { uid: string } }> };
type Classic = { uid: string; title: string; panels: ClassicPanel[]; templating: { list: Array<{ name: string; type: string; query?: unknown }> } };

function fromClassic(d: Classic): Summary {
  // Grafana's reading order: rows in place, a collapsed row's panels inside it.
  const panels = d.panels.flatMap((p) => (p.type === 'row' ? (p.panels ?? []) : [p]));
  return {
    uid: d.uid,
    title: d.title,
    panels: panels.map((p) => ({
      title: p.title,
      plugin: p.type,
      queries: (p.targets ?? []).map((t) => ({ refId: t.refId, expr: t.expr, legendFormat: t.legendFormat, datasource: t.datasource!.uid })),
    })),
    variables: d.templating.list.map((v) => ({ name: v.name, kind: v.type, query: v.query })),
  };
}

type V2Item = { spec: { element: { name: string } } };
type V2Layout = { kind: string; spec: { items?: V2Item[]; rows?: Array<{ spec: { layout: V2Layout } }> } };
type V2Query = { spec: { refId: string; query: { datasource: { name: string }; spec: Record<string, unknown> } } };
type V2 = {
  metadata: { name: string };
  spec: {
    title: string;
    layout: V2Layout;
    elements: Record<string, { spec: { title: string; vizConfig: { group: string }; data: { spec: { queries: V2Query[] } } } }>;
    variables: Array<{ kind: string; spec: { name: string; pluginId?: string; query?: unknown } }>;
  };
};

const V2_KINDS: Record<string, string> = {
  DatasourceVariable: 'datasource', QueryVariable: 'query', CustomVariable: 'custom', IntervalVariable: 'interval',
  ConstantVariable: 'constant', TextVariable: 'textbox', AdhocVariable: 'adhoc',
};

function itemsOf(layout: V2Layout): V2Item[] {
  return layout.kind === 'RowsLayout' ? layout.spec.rows!.flatMap((r) => itemsOf(r.spec.layout)) : layout.spec.items!;
}

function fromV2(d: V2): Summary {
  return {
    uid: d.metadata.name,
    title: d.spec.title,
    panels: itemsOf(d.spec.layout).map((i) => {
      const p = d.spec.elements[i.spec.element.name]!.spec;
      return {
        title: p.title,
        plugin: p.vizConfig.group,
        queries: p.data.spec.queries.map((q) => ({ refId: q.spec.refId, expr: q.spec.query.spec.expr, legendFormat: q.spec.query.spec.legendFormat, datasource: q.spec.query.datasource.name })),
      };
    }),
    variables: d.spec.variables.map((v) => {
      const query = v.spec.query;
      const text = typeof query === 'object' && query !== null ? (query as { spec: { query: unknown } }).spec.query : query;
      return { name: v.spec.name, kind: V2_KINDS[v.kind]!, query: v.kind === 'DatasourceVariable' ? v.spec.pluginId : text };
    }),
  };
}

function summaries(both: BothSchemas): { classic: Summary[]; v2: Summary[] } {
  const dashboards = (files: Record<string, string>, filter: (p: string) => boolean) =>
    Object.entries(files).filter(([p]) => filter(p)).map(([, text]) => JSON.parse(text) as unknown);
  const byUid = (a: Summary, b: Summary) => (a.uid < b.uid ? -1 : 1);
  return {
    classic: dashboards(both.classic, () => true).map((d) => fromClassic(d as Classic)).sort(byUid),
    v2: dashboards(both.v2, (p) => p.includes('/dashboards/')).map((d) => fromV2(d as V2)).sort(byUid),
  };
}

describe('classic and V2 carry the same panels, queries and variables', () => {
  it('for every Totem dashboard', async () => {
    const { classic, v2 } = summaries(await totemV2());
    expect(classic.length).toBeGreaterThanOrEqual(4);
    expect(classic.flatMap((d) => d.panels).length).toBeGreaterThan(20);
    expect(v2).toEqual(classic);
  }, 60_000);

  for (const [group, { project }] of Object.entries(FEATURES)) {
    it(`for the ${group} fixture`, () => {
      const { classic, v2 } = summaries(bothSchemas(project));
      expect(classic.flatMap((d) => d.panels).length).toBeGreaterThan(0);
      expect(v2).toEqual(classic);
    });
  }

  it('lay out every element exactly once, and reference no element that is not there', async () => {
    const all = [...Object.values((await totemV2()).v2), ...Object.values(FEATURES).flatMap(({ project }) => Object.values(bothSchemas(project).v2))];
    const dashboards = all.map((t) => JSON.parse(t) as V2 | { kind: string }).filter((d): d is V2 => 'spec' in d && 'elements' in (d as V2).spec);
    expect(dashboards.length).toBeGreaterThanOrEqual(9);
    for (const d of dashboards) {
      const placed = itemsOf(d.spec.layout).map((i) => i.spec.element.name);
      expect([...placed].sort(), d.metadata.name).toEqual(Object.keys(d.spec.elements).sort());
    }
  }, 60_000);

  it('tells them apart when they differ (the comparison can fail)', async () => {
    const both = await totemV2();
    const [file, text] = Object.entries(both.v2).find(([p]) => p.includes('/dashboards/'))!;
    const changed = text.replace(/"expr": "([^"]*)"/, '"expr": "$1 * 2"');
    const { classic, v2 } = summaries({ classic: both.classic, v2: { ...both.v2, [file]: changed } });
    expect(v2).not.toEqual(classic);
  }, 60_000);
});
