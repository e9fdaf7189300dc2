/**
 * Grafana panels → the panel helpers (`timeseriesPanel({ … })`, …) where everything the panel says
 * fits their options, and the typed escape hatch (`sdkPanel(json, { gridPos })`: plugin type,
 * options, field config and transformations kept as they are) where it does not. Queries are kept
 * as written. What neither can carry (a fixed data source, a query's own interval, …) is reported.
 */
import { call, code, type TsValue } from '../ts-source.js';
import type { ImportNote } from '../note.js';
import { isDeepStrictEqual } from 'node:util';
import { fitLogsTraces, isLogsTracesPanel } from './logs-traces.js';
import { WRITTEN_CUSTOM, WRITTEN_OPTIONS } from './written-defaults.js';
import { isLegacyPanel, migrateLegacyPanel } from './legacy-panels.js';
import { isJson, overrides, thresholds, transformations, valueMappings, type Json } from './field-config.js';

export const HELPERS: Record<string, string> = {
  timeseries: 'timeseriesPanel',
  gauge: 'gaugePanel',
  stat: 'statPanel',
  table: 'tablePanel',
  bargauge: 'barGaugePanel',
  heatmap: 'heatmapPanel',
  histogram: 'histogramPanel',
  piechart: 'pieChartPanel',
  'state-timeline': 'stateTimelinePanel',
  'status-history': 'statusHistoryPanel',
  text: 'textPanel',
};

/** Panel fields that only Grafana's bookkeeping or the layout use: nothing to carry. */
const BOOKKEEPING = new Set(['id', 'type', 'pluginVersion', 'datasource', 'gridPos', 'title', 'collapsed', 'panels']);
/** Panel fields the helpers carry (the escape hatch carries some of them too). */
const CARRIED = new Set(['description', 'targets', 'fieldConfig', 'options', 'transparent', 'timeFrom', 'repeat', 'repeatDirection', 'maxPerRow', 'links', 'transformations']);

const REDUCE = new Set(['lastNotNull', 'last', 'mean', 'max', 'min', 'sum', 'count']);
const LEGEND_TYPES = new Set(['timeseries', 'bargauge', 'histogram', 'state-timeline', 'status-history']);
const REDUCE_TYPES = new Set(['stat', 'gauge', 'bargauge', 'piechart']);

export interface PanelContext {
  notes: ImportNote[];
  /** The identifiers of the dashboard's variables, by name (for `repeat`). */
  variables: ReadonlyMap<string, string>;
}

/** The panel's datasource or a query's: the data source variable, mixed, or none are the dashboard's own. */
function isDashboardDatasource(ds: unknown): boolean {
  if (ds === undefined || ds === null) return true;
  const uid = isJson(ds) ? ds['uid'] : ds;
  return typeof uid !== 'string' || uid.startsWith('$') || uid === '-- Mixed --' || uid === '-- Grafana --' || uid === 'default';
}

/** The Prometheus queries: expr as written; what a target says beyond the API is reported. */
function targets(ctx: PanelContext, path: string, panel: Json, viaSdk: boolean): TsValue[] {
  const out: TsValue[] = [];
  const list = Array.isArray(panel['targets']) ? panel['targets'] : [];
  list.forEach((t, i) => {
    const at = `${path}.targets[${i}]`;
    const source = isJson(t) && isJson(t['datasource']) ? t['datasource']['type'] : undefined;
    if (!isJson(t) || typeof t['expr'] !== 'string' || (typeof source === 'string' && source !== 'prometheus')) {
      const why = typeof source === 'string' && source !== 'prometheus' ? `a ${source} query` : 'no expr';
      ctx.notes.push({ status: 'not-converted', path: at, message: `not a Prometheus query (${why}): left out` });
      return;
    }
    const target: Record<string, TsValue> = { expr: t['expr'] };
    if (typeof t['legendFormat'] === 'string' && t['legendFormat'] !== '') target['legendFormat'] = t['legendFormat'];
    // Grafana runs a range query unless told; totem-mon's default for tables is instant: say it.
    const instant = t['instant'] === true && t['range'] !== true;
    if (instant) target['instant'] = true;
    else if (panel['type'] === 'table' && !viaSdk) target['instant'] = false;
    const format = typeof t['format'] === 'string' ? t['format'] : 'time_series';
    // The helpers' defaults follow the panel type; sdkPanel's are Grafana's.
    const ourDefault = viaSdk ? 'time_series' : panel['type'] === 'table' ? 'table' : panel['type'] === 'heatmap' ? 'heatmap' : 'time_series';
    if (['time_series', 'table', 'heatmap'].includes(format) && format !== ourDefault) target['format'] = format;
    if (typeof t['refId'] === 'string') target['refId'] = t['refId'];
    if (t['exemplar'] === true) target['exemplar'] = true;
    if (!isDashboardDatasource(t['datasource'])) {
      ctx.notes.push({ status: 'guessed', path: `${at}.datasource`, message: 'a fixed data source: the query uses the dashboard\'s data source variable instead' });
    }
    for (const key of ['interval', 'intervalFactor', 'step', 'hide'] as const) {
      if (t[key] !== undefined && t[key] !== false && t[key] !== '' && !(key === 'intervalFactor' && t[key] === 1)) {
        ctx.notes.push({ status: 'not-converted', path: `${at}.${key}`, message: `the API's queries have no ${key}: left out` });
      }
    }
    out.push(target);
  });
  return out;
}

function legend(options: Json, misfits: string[]): Record<string, TsValue> | undefined {
  const l = options['legend'];
  if (!isJson(l)) return undefined;
  const out: Record<string, TsValue> = {};
  for (const [key, value] of Object.entries(l)) {
    if (key === 'showLegend' && typeof value === 'boolean') out['show'] = value;
    else if (key === 'displayMode' && (value === 'list' || value === 'table')) out['mode'] = value;
    else if (key === 'displayMode' && value === 'hidden') out['show'] = false;
    else if (key === 'asTable' && typeof value === 'boolean') out['mode'] = value ? 'table' : 'list';
    else if (key === 'placement' && (value === 'bottom' || value === 'right')) out['placement'] = value;
    else if (key === 'calcs' && Array.isArray(value)) {
      if (value.length > 0) out['calcs'] = value.map(String);
    } else misfits.push(`legend.${key}`);
  }
  return out;
}

/** The helper's options for the panel's `options` and `fieldConfig`, and what does not fit. */
function fit(panel: Json): { options: Record<string, TsValue>; misfits: string[] } {
  const type = String(panel['type']);
  const misfits: string[] = [];
  const out: Record<string, TsValue> = {};
  const options = isJson(panel['options']) ? panel['options'] : {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'legend' && LEGEND_TYPES.has(type)) {
      const l = legend(options, misfits);
      if (l !== undefined && Object.keys(l).length > 0) out['legend'] = l;
    } else if (key === 'reduceOptions' && REDUCE_TYPES.has(type) && isJson(value)) {
      const calcs = Array.isArray(value['calcs']) ? value['calcs'] : [];
      if (calcs.length > 1 || (calcs.length === 1 && !REDUCE.has(String(calcs[0]))) || value['values'] === true || (value['fields'] ?? '') !== '') {
        misfits.push('reduceOptions');
      } else if (calcs.length === 1 && calcs[0] !== 'lastNotNull') out['reduce'] = String(calcs[0]);
    } else if (key === 'tooltip' && WRITTEN_OPTIONS[type]?.['tooltip'] === undefined && isJson(value) && (value['mode'] ?? 'single') === 'single' && (value['sort'] ?? 'none') === 'none') {
      // Grafana's default tooltip, on a panel whose helper writes none (a helper that writes its own
      // tooltip, e.g. timeseries' sort: 'asc', fits only that one: below).
    } else if (type === 'stat' && key === 'colorMode' && ['value', 'background', 'none'].includes(String(value))) out['colorMode'] = String(value);
    else if (type === 'stat' && key === 'graphMode' && ['area', 'none'].includes(String(value))) out['graphMode'] = String(value);
    else if (type === 'stat' && ['textMode', 'justifyMode', 'orientation'].includes(key) && value === 'auto') {
      // Grafana's defaults.
    } else if (type === 'piechart' && key === 'pieType' && (value === 'pie' || value === 'donut')) out['pieType'] = value;
    else if (type === 'text' && key === 'content' && typeof value === 'string') out['content'] = value;
    else if (type === 'text' && key === 'mode' && (value === 'markdown' || value === 'html')) out['mode'] = value;
    else if (WRITTEN_OPTIONS[type]?.[key] !== undefined && isDeepStrictEqual(WRITTEN_OPTIONS[type]![key], value)) {
      // What the helper writes anyway.
    } else misfits.push(`options.${key}`);
  }
  if (type === 'text' && out['content'] === undefined) out['content'] = '';
  const fieldConfig = isJson(panel['fieldConfig']) ? panel['fieldConfig'] : {};
  const defaults = isJson(fieldConfig['defaults']) ? fieldConfig['defaults'] : {};
  for (const [key, value] of Object.entries(defaults)) {
    if (key === 'unit' && typeof value === 'string') out['unit'] = value;
    else if (['min', 'max', 'decimals'].includes(key) && typeof value === 'number') out[key] = value;
    else if (key === 'thresholds') {
      const t = thresholds(value, misfits);
      if (t.steps) out['thresholds'] = t.steps;
      if (t.mode) out['thresholdsMode'] = t.mode;
    } else if (key === 'mappings') {
      const m = valueMappings(value, misfits);
      if (m && m.length > 0) out['mappings'] = m;
    } else if (key === 'color' && isJson(value) && value['mode'] === 'palette-classic' && Object.keys(value).length === 1) {
      // Grafana's default colour scheme.
    } else if (key === 'custom' && isJson(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (type === 'timeseries' && k === 'stacking' && isJson(v) && (v['mode'] === 'normal' || v['mode'] === 'none')) {
          if (v['mode'] === 'normal') out['stack'] = true;
        } else if (type === 'timeseries' && ((k === 'lineWidth' && v === 1) || (k === 'fillOpacity' && v === 10) || (k === 'showPoints' && v === 'never'))) {
          // What the timeseries helper writes.
        } else if (WRITTEN_CUSTOM[type]?.[k] !== undefined && isDeepStrictEqual(WRITTEN_CUSTOM[type]![k], v)) {
          // Likewise.
        } else misfits.push(`fieldConfig.defaults.custom.${k}`);
      }
    } else misfits.push(`fieldConfig.defaults.${key}`);
  }
  const o = overrides(fieldConfig['overrides'], misfits);
  if (o && o.length > 0) out['overrides'] = o;
  const t = transformations(panel['transformations'], misfits);
  if (t && t.length > 0) out['transformations'] = t;
  return { options: out, misfits };
}

/** URL links (header links); a link to another dashboard by uid is left out (reported). */
function links(ctx: PanelContext, path: string, list: unknown): TsValue[] {
  const out: TsValue[] = [];
  (Array.isArray(list) ? list : []).forEach((l, i) => {
    if (isJson(l) && typeof l['url'] === 'string' && l['url'] !== '') {
      out.push({ title: String(l['title'] ?? ''), url: l['url'], ...(l['targetBlank'] === true ? { targetBlank: true } : {}), ...(typeof l['tooltip'] === 'string' && l['tooltip'] !== '' ? { tooltip: l['tooltip'] } : {}) });
    } else ctx.notes.push({ status: 'not-converted', path: `${path}.links[${i}]`, message: 'a link without a URL (to a dashboard of another project?): left out' });
  });
  return out;
}

function repeat(ctx: PanelContext, path: string, panel: Json): TsValue | undefined {
  const name = panel['repeat'];
  if (typeof name !== 'string' || name === '') return undefined;
  const ident = ctx.variables.get(name);
  if (!ident) {
    ctx.notes.push({ status: 'not-converted', path: `${path}.repeat`, message: `repeats by "${name}", which is no variable of the dashboard: left out` });
    return undefined;
  }
  return {
    variable: code(ident),
    ...(panel['repeatDirection'] === 'v' ? { direction: 'vertical' } : {}),
    ...(typeof panel['maxPerRow'] === 'number' ? { maxPerRow: panel['maxPerRow'] } : {}),
  };
}

/** The panel's position; Grafana reads a missing x or y as 0. */
function gridPos(panel: Json): TsValue | undefined {
  const g = panel['gridPos'];
  if (!isJson(g) || typeof g['w'] !== 'number' || typeof g['h'] !== 'number') return undefined;
  const at = (k: string) => (typeof g[k] === 'number' ? (g[k] as number) : 0);
  return { x: at('x'), y: at('y'), w: g['w'], h: g['h'] };
}

/** One panel (not a row): the helper's call, or sdkPanel's; an old panel nothing replaces is left out (reported). */
export function convertPanel(ctx: PanelContext, old: Json, path: string): TsValue | undefined {
  const panel = isLegacyPanel(old) ? migrateLegacyPanel(old, ctx.notes, path) : old;
  if (panel === undefined) return undefined;
  const type = String(panel['type'] ?? '');
  const title = String(panel['title'] ?? '');
  for (const key of Object.keys(panel)) {
    if (!BOOKKEEPING.has(key) && !CARRIED.has(key) && panel[key] !== undefined && panel[key] !== null && panel[key] !== '') {
      ctx.notes.push({ status: 'not-converted', path: `${path}.${key}`, message: `the API's panels have no ${key}: left out` });
    }
  }
  const logsTraces = isLogsTracesPanel(panel) ? fitLogsTraces(panel) : undefined;
  // logsPanel and tracesPanel keep a fixed data source.
  if (!isDashboardDatasource(panel['datasource']) && !(logsTraces && logsTraces.misfits.length === 0)) {
    ctx.notes.push({ status: 'guessed', path: `${path}.datasource`, message: "a fixed data source: the panel uses the dashboard's data source variable instead" });
  }
  const position = gridPos(panel);
  const helper = logsTraces?.helper ?? HELPERS[type];
  const fitted = logsTraces ?? (helper ? fit(panel) : { options: {}, misfits: [`the panel type ${type}`] });
  const viaSdk = !helper || fitted.misfits.length > 0;
  // A logs or traces helper carries its query in its options.
  const queries = logsTraces && !viaSdk ? [] : targets(ctx, path, panel, viaSdk);
  const linkList = links(ctx, path, panel['links']);
  const r = repeat(ctx, path, panel);
  // What a panel says outside its plugin: the helpers and sdkPanel both take it.
  const outside: Record<string, TsValue> = {
    ...(panel['transparent'] === true ? { transparent: true } : {}),
    ...(typeof panel['timeFrom'] === 'string' && panel['timeFrom'] !== '' ? { timeFrom: panel['timeFrom'] } : {}),
    ...(linkList.length > 0 ? { links: linkList } : {}),
    ...(r !== undefined ? { repeat: r } : {}),
  };
  if (!viaSdk) {
    return call(helper!, {
      title,
      ...(typeof panel['description'] === 'string' && panel['description'] !== '' ? { description: panel['description'] } : {}),
      ...fitted.options,
      ...outside,
      ...(type === 'text' || logsTraces ? {} : { targets: queries }),
      ...(position !== undefined ? { gridPos: position } : {}),
    });
  }
  ctx.notes.push({ status: 'raw', path, message: `kept through sdkPanel (plugin ${type}: options and field config as they are): the panel helpers cannot say ${fitted.misfits.join(', ')}` });
  const json: Record<string, TsValue> = {
    type,
    title,
    ...(typeof panel['description'] === 'string' && panel['description'] !== '' ? { description: panel['description'] } : {}),
    ...(panel['options'] !== undefined ? { options: panel['options'] as TsValue } : {}),
    ...(panel['fieldConfig'] !== undefined ? { fieldConfig: panel['fieldConfig'] as TsValue } : {}),
    ...(Array.isArray(panel['transformations']) && panel['transformations'].length > 0 ? { transformations: panel['transformations'] as TsValue } : {}),
    targets: queries,
  };
  const layout = { ...(position !== undefined ? { gridPos: position } : {}), ...outside };
  return Object.keys(layout).length > 0 ? call('sdkPanel', json, layout) : call('sdkPanel', json);
}
