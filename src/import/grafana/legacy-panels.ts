/**
 * Grafana's old Angular panels (`graph`, `singlestat`, …), which today's Grafana no longer draws and
 * the schema refuses (src/model/schema/legacy-panels.ts): rewritten as the panel that replaced
 * them, the way Grafana's own migrations do (graph → timeseries, singlestat → stat or gauge,
 * table-old → table, grafana-piechart-panel → piechart), before the panel is converted like any
 * other. What the rewrite reads is gone from the panel; what it cannot say is reported.
 */
import type { ImportNote } from '../note.js';
import { isJson, type Json } from './field-config.js';

/** What every panel has, whatever its type: converted as usual. */
const COMMON = new Set(['id', 'type', 'title', 'description', 'gridPos', 'datasource', 'targets', 'links', 'repeat', 'repeatDirection', 'maxPerRow', 'transparent', 'timeFrom', 'pluginVersion']);
/** How the old panels were drawn (line width, fill, points, …): the new panel's defaults instead. */
const DRAWING = new Set(['lines', 'linewidth', 'fill', 'fillGradient', 'points', 'pointradius', 'bars', 'dashes', 'dashLength', 'spaceLength', 'steppedLine', 'renderer', 'options', 'fieldConfig', 'hiddenSeries', 'timeRegions', 'yaxis', 'nullPointMode', 'tooltip', 'thresholds']);
/** What the rewrite of each old type reads. */
const HANDLED: Record<string, ReadonlySet<string>> = {
  graph: new Set(['yaxes', 'stack', 'legend', 'aliasColors', 'seriesOverrides', 'xaxis']),
  singlestat: new Set(['format', 'decimals', 'valueName', 'valueMaps', 'mappingType', 'mappingTypes', 'colorBackground', 'colorValue', 'thresholds', 'colors', 'gauge', 'sparkline', 'prefix', 'postfix', 'valueFontSize', 'prefixFontSize', 'postfixFontSize', 'options', 'fieldConfig', 'nullPointMode', 'tableColumn']),
};
HANDLED['grafana-singlestat-panel'] = HANDLED['singlestat']!;

const OLD_REDUCE: Record<string, string> = { current: 'lastNotNull', avg: 'mean', min: 'min', max: 'max', total: 'sum', count: 'count', last: 'last' };
const LEGEND_CALCS: Record<string, string> = { avg: 'mean', min: 'min', max: 'max', current: 'lastNotNull', total: 'sum' };
const NEW_TYPE: Record<string, string> = { graph: 'timeseries', singlestat: 'stat', 'grafana-singlestat-panel': 'stat', 'table-old': 'table', 'grafana-piechart-panel': 'piechart' };

export function isLegacyPanel(panel: Json): boolean {
  return typeof panel['type'] === 'string' && (Object.hasOwn(NEW_TYPE, panel['type']) || panel['type'] === 'grafana-worldmap-panel');
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The field config of a unit, min, max and decimals. */
function axisDefaults(axis: unknown, out: Json): void {
  if (!isJson(axis)) return;
  if (typeof axis['format'] === 'string' && axis['format'] !== '') out['unit'] = axis['format'];
  for (const key of ['min', 'max', 'decimals'] as const) if (num(axis[key]) !== undefined) out[key] = num(axis[key]);
}

function graph(panel: Json, notes: ImportNote[], path: string): Json {
  const defaults: Json = {};
  const yaxes = Array.isArray(panel['yaxes']) ? panel['yaxes'] : [];
  axisDefaults(yaxes[0], defaults);
  if (isJson(yaxes[0]) && num(yaxes[0]['logBase']) !== undefined && num(yaxes[0]['logBase']) !== 1) notes.push({ status: 'not-converted', path: `${path}.yaxes[0].logBase`, message: 'a logarithmic axis: left out (the axis is linear)' });
  if (Array.isArray(panel['seriesOverrides']) && panel['seriesOverrides'].length > 0) notes.push({ status: 'not-converted', path: `${path}.seriesOverrides`, message: 'the old series overrides (right axis, per-series drawing): left out; add overrides: [{ match, … }] to the panel' });
  if (panel['stack'] === true) defaults['custom'] = { stacking: { mode: 'normal' } };
  const overrides = isJson(panel['aliasColors'])
    ? Object.entries(panel['aliasColors']).filter(([, c]) => typeof c === 'string').map(([name, color]) => ({ matcher: { id: 'byName', options: name }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: color } }] }))
    : [];
  const options: Json = {};
  const legend = panel['legend'];
  if (isJson(legend)) {
    const calcs = Object.entries(LEGEND_CALCS).filter(([old]) => legend[old] === true).map(([, calc]) => calc);
    options['legend'] = {
      showLegend: legend['show'] !== false,
      displayMode: legend['alignAsTable'] === true ? 'table' : 'list',
      placement: legend['rightSide'] === true ? 'right' : 'bottom',
      calcs,
    };
  }
  return { type: 'timeseries', options, fieldConfig: { defaults, overrides } };
}

function singlestat(panel: Json, notes: ImportNote[], path: string): Json {
  const gauge = isJson(panel['gauge']) && panel['gauge']['show'] === true ? panel['gauge'] : undefined;
  const defaults: Json = {};
  if (typeof panel['format'] === 'string' && panel['format'] !== '') defaults['unit'] = panel['format'];
  if (num(panel['decimals']) !== undefined) defaults['decimals'] = num(panel['decimals']);
  if (gauge) {
    if (num(gauge['minValue']) !== undefined) defaults['min'] = num(gauge['minValue']);
    if (num(gauge['maxValue']) !== undefined) defaults['max'] = num(gauge['maxValue']);
  }
  // "50,80" and three colours: the base colour, then one per value.
  const values = typeof panel['thresholds'] === 'string' && panel['thresholds'].trim() !== '' ? panel['thresholds'].split(',').map(num) : [];
  const colors = Array.isArray(panel['colors']) ? panel['colors'].filter((c): c is string => typeof c === 'string') : [];
  if (values.length > 0 && values.every((v) => v !== undefined) && colors.length === values.length + 1) {
    defaults['thresholds'] = { mode: 'absolute', steps: colors.map((color, i) => ({ value: i === 0 ? null : values[i - 1], color })) };
  } else if (values.length > 0) notes.push({ status: 'not-converted', path: `${path}.thresholds`, message: 'thresholds without one colour more than values: left out' });
  const mappings = (Array.isArray(panel['valueMaps']) ? panel['valueMaps'] : [])
    .filter((m): m is Json => isJson(m) && (m['op'] ?? '=') === '=' && m['value'] !== undefined && typeof m['text'] === 'string')
    .map((m, index) => ({ type: 'value', options: { [String(m['value'])]: { text: m['text'], index } } }));
  if (mappings.length > 0) defaults['mappings'] = mappings;
  const reduce = OLD_REDUCE[String(panel['valueName'] ?? 'avg')];
  if (reduce === undefined) notes.push({ status: 'not-converted', path: `${path}.valueName`, message: `the value ${String(panel['valueName'])}: the last non-null value instead` });
  const options: Json = { reduceOptions: { calcs: [reduce ?? 'lastNotNull'], values: false, fields: '' } };
  if (!gauge) {
    options['colorMode'] = panel['colorBackground'] === true ? 'background' : panel['colorValue'] === true ? 'value' : 'none';
    options['graphMode'] = isJson(panel['sparkline']) && panel['sparkline']['show'] === true ? 'area' : 'none';
  }
  for (const key of ['prefix', 'postfix'] as const) {
    if (typeof panel[key] === 'string' && panel[key] !== '') notes.push({ status: 'not-converted', path: `${path}.${key}`, message: `the ${key} text: left out (a unit such as 'suffix: …' can say it)` });
  }
  return { type: gauge ? 'gauge' : 'stat', options, fieldConfig: { defaults, overrides: [] } };
}

/**
 * The panel rewritten as the one that replaced it, or undefined when nothing replaces it here
 * (a world map: reported, left out).
 */
export function migrateLegacyPanel(panel: Json, notes: ImportNote[], path: string): Json | undefined {
  const type = String(panel['type']);
  if (!Object.hasOwn(NEW_TYPE, type)) {
    notes.push({ status: 'not-converted', path, message: `the old ${type} panel, which today's Grafana no longer draws: left out (rebuild it with sdkPanel(new geomap.PanelBuilder()…))` });
    return undefined;
  }
  // The keys the rewrite reads, and the drawing style left to the new panel's defaults (said once).
  const read = HANDLED[type] ?? new Set<string>();
  const kept: Json = {};
  const drawing: string[] = [];
  for (const [key, value] of Object.entries(panel)) {
    if (COMMON.has(key)) kept[key] = value;
    else if (read.has(key) || value === undefined || value === null || value === '') continue;
    else if (DRAWING.has(key) && type === 'graph') drawing.push(key);
    else notes.push({ status: 'not-converted', path: `${path}.${key}`, message: `the API's panels have no ${key}: left out` });
  }
  if (type === 'graph' && Array.isArray(panel['thresholds']) && panel['thresholds'].length > 0) notes.push({ status: 'not-converted', path: `${path}.thresholds`, message: "the old graph's threshold lines: left out; give the panel thresholds: [{ color }, { value, color }]" });
  const rewritten = type === 'graph' ? graph(panel, notes, path) : type === 'singlestat' || type === 'grafana-singlestat-panel' ? singlestat(panel, notes, path) : { type: NEW_TYPE[type]! };
  const style = drawing.length > 0 ? `; its drawing (${drawing.join(', ')}) is the new panel's default` : '';
  notes.push({ status: 'guessed', path, message: `the old ${type} panel, which today's Grafana no longer draws, rewritten as a ${String(rewritten['type'])} panel (as Grafana's migration does)${style}: review it` });
  return { ...kept, ...rewritten };
}
