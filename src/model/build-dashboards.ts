import type { Dashboard } from '../api/dashboard.js';
import type { Variable } from '../api/variables.js';
import type { Panel } from '../api/panels.js';
import type { Link } from '../api/panel-options.js';
import type { DashboardModel, LinkModel, PanelModel, RowModel, TargetModel, VariableModel } from './dashboard.js';
import { DEFAULT_SIZE, GridFlow } from './dashboard-layout.js';
import { located, locatedAt } from './located.js';
import { slug } from './names.js';
import { defaultRefId } from './ref-id.js';
import { pathSteps } from './definition-path.js';

/** Grafana's limit on dashboard uids. */
export const UID_MAX_LENGTH = 40;

/** A uid from a title: `Métricas de Negócio` → `metricas-de-negocio` (at most 40 characters). */
export function uidFromTitle(title: string): string {
  return slug(title, { keep: 'a-z0-9', maxLength: UID_MAX_LENGTH, fallback: 'dashboard' });
}

function buildPanel(p: Panel, path: string[], id: number, flow: GridFlow): PanelModel {
  const size = DEFAULT_SIZE[p.type];
  const gridPos = p.gridPos ? flow.keep({ ...p.gridPos }) : flow.next(p.width ?? size.w, p.height ?? size.h);
  const targets = p.targets.map(
    (t, i): TargetModel => ({
      refId: t.refId ?? defaultRefId(i),
      expr: t.expr,
      ...(t.legendFormat !== undefined ? { legendFormat: t.legendFormat } : {}),
      instant: t.instant ?? p.type === 'table',
      format: t.format ?? (p.type === 'table' ? 'table' : p.type === 'heatmap' ? 'heatmap' : 'time_series'),
      ...(t.datasource ? { datasource: t.datasource } : {}),
      ...(t.exemplar ? { exemplar: true } : {}),
      ...locatedAt(located(p, path), `targets[${i}]`),
    }),
  );
  const { kind: _k, source: _s, targets: _t, gridPos: _g, width: _w, height: _h, links, dataLinks, repeat, ...rest } = p;
  return {
    kind: 'panel',
    id,
    ...rest,
    targets,
    links: (links ?? []).map(resolveLink),
    dataLinks: (dataLinks ?? []).map(resolveLink),
    ...(repeat ? { repeat: { ...repeat, variable: repeat.variable.name } } : {}),
    gridPos,
    explicitGridPos: p.gridPos !== undefined,
    ...located(p, path),
  };
}

/** A link to a dashboard object becomes a URL to its uid (given, or derived from its title as the dashboard's own). */
function resolveLink(l: Link): LinkModel {
  if (!('dashboard' in l)) return { ...l };
  const { dashboard, ...rest } = l;
  const uid = dashboard.uid ?? uidFromTitle(dashboard.title);
  return { ...rest, url: `/d/${uid}`, dashboardUid: uid };
}

function buildVariable(v: Variable, path: string[]): VariableModel {
  const { kind: _k, source: _s, ignore: _i, ...common } = v;
  const at = located(v, path.concat(v.name));
  const title = v.title ?? v.name;
  switch (v.type) {
    case 'query': {
      const { selector, query, ...rest } = common as typeof v;
      const resolved =
        query ?? (selector !== undefined ? `label_values(${selector}, ${v.label})` : `label_values(${v.label})`);
      return { ...rest, title, multi: v.multi ?? false, includeAll: v.includeAll ?? false, sort: v.sort ?? 'alphabetical', query: resolved, ...at };
    }
    case 'custom': {
      const values = v.values.map((x) => (typeof x === 'string' ? { text: x, value: x } : { text: x.text, value: x.value }));
      return { ...(common as typeof v), title, multi: v.multi ?? false, includeAll: v.includeAll ?? false, values, ...at };
    }
    case 'textbox':
      return { ...(common as typeof v), title, value: v.value ?? '', ...at };
    default:
      return { ...(common as typeof v), title, ...at };
  }
}

function buildDashboard(d: Dashboard): DashboardModel {
  const path = ['dashboards', d.title];
  let nextId = 1;
  const reserved = d.panels.flatMap((item) => (item.kind === 'panel' && item.gridPos ? [item.gridPos] : []));
  const flow = new GridFlow(0, reserved);
  const steps = pathSteps(d.panels.map((item) => item.title));
  const items = d.panels.map((item, i): PanelModel | RowModel => {
    if (item.kind === 'panel') return buildPanel(item, path.concat('panels', steps[i] ?? item.title), nextId++, flow);
    const rowPath = path.concat('panels', steps[i] ?? item.title);
    const collapsed = item.collapsed ?? false;
    const id = nextId++;
    const gridPos = flow.fullLine(1);
    // A collapsed row holds its panels; they are laid out as if it were open, below its header.
    const inner = collapsed ? new GridFlow(gridPos.y + 1) : flow;
    const rowSteps = pathSteps(item.panels.map((p) => p.title));
    const panels = item.panels.map((p, j) => buildPanel(p, rowPath.concat('panels', rowSteps[j] ?? p.title), nextId++, inner));
    const repeat = item.repeat ? { repeat: item.repeat.variable.name } : {};
    return { kind: 'row', id, title: item.title, collapsed, ...repeat, gridPos, panels, ...located(item, rowPath) };
  });
  return {
    title: d.title,
    uid: d.uid ?? uidFromTitle(d.title),
    tags: [...(d.tags ?? [])],
    ...(d.description !== undefined ? { description: d.description } : {}),
    time: d.time ?? { from: 'now-6h', to: 'now' },
    refresh: d.refresh ?? '1m',
    graphTooltip: d.graphTooltip ?? 'crosshair',
    editable: d.editable ?? true,
    timezone: d.timezone ?? 'browser',
    ...(d.folder !== undefined ? { folder: d.folder } : {}),
    ...(d.refreshIntervals !== undefined ? { refreshIntervals: d.refreshIntervals } : {}),
    annotations: (d.annotations ?? []).map((a, i) => ({ ...a, ...locatedAt(located(d, path), `annotations[${i}]`) })),
    links: (d.links ?? []).map((l) => ('tags' in l ? { ...l, tags: [...l.tags] } : resolveLink(l))),
    variables: (d.variables ?? []).map((v) => buildVariable(v, path.concat('variables'))),
    items,
    ...located(d, path),
  };
}

export function buildDashboards(input: readonly Dashboard[]): DashboardModel[] {
  return input.map(buildDashboard);
}
