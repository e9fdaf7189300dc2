/**
 * A Grafana dashboard (classic JSON model) → a definitions file: its variables as constants, then
 * `dashboard({ title, uid, …, variables, panels: [row({ … panels }), …] })`. Pure: the parsed JSON
 * in, a value tree (printed as TypeScript, or evaluated to API objects) and notes out. Panels use
 * the helpers where they fit and sdkPanel where they do not (src/import/grafana/panels.ts).
 */
import { call, calleesOf, code, importLine, tsValue, type TsValue } from './ts-source.js';
import type { ImportNote } from './note.js';
import { isJson, type Json } from './grafana/field-config.js';
import { convertPanel } from './grafana/panels.js';
import { convertVariable } from './grafana/variables.js';

export interface DashboardImport {
  /** The exported constant's name. */
  exportName: string;
  /** Constants declared before the dashboard (its variables), in order. */
  declarations: Array<{ name: string; value: TsValue }>;
  /** `dashboard({ … })`. */
  value: TsValue;
  notes: ImportNote[];
}

/** Dashboard fields that are Grafana's bookkeeping, not settings. */
const BOOKKEEPING = new Set([
  'id', 'version', 'schemaVersion', 'gnetId', '__inputs', '__requires', '__elements', 'iteration', 'style', 'fiscalYearStartMonth', 'liveNow', 'weekStart', 'preload',
]);
const HANDLED = new Set(['title', 'uid', 'tags', 'description', 'time', 'refresh', 'graphTooltip', 'editable', 'timezone', 'timepicker', 'links', 'templating', 'annotations', 'panels']);

const TOOLTIP: Record<number, string> = { 0: 'none', 1: 'crosshair', 2: 'tooltip' };

/** `camelCase` words of a name, made an identifier with a suffix and unique among `taken`. */
export function identifierFor(name: string, suffix: string, taken: Set<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  let base = `${/^[A-Za-z]/.test(camel) ? camel : `x${camel}`}${suffix}`;
  if (base === suffix) base = suffix.charAt(0).toLowerCase() + suffix.slice(1);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}${i}`;
  taken.add(id);
  return id;
}

function dashboardLinks(notes: ImportNote[], list: unknown): TsValue[] {
  const out: TsValue[] = [];
  (Array.isArray(list) ? list : []).forEach((l, i) => {
    if (!isJson(l)) return;
    if (l['type'] === 'dashboards' && Array.isArray(l['tags'])) {
      out.push({ title: String(l['title'] ?? ''), tags: l['tags'].map(String), ...(l['asDropdown'] === true ? { asDropdown: true } : {}) });
    } else if (typeof l['url'] === 'string' && l['url'] !== '') {
      out.push({ title: String(l['title'] ?? ''), url: l['url'], ...(l['targetBlank'] === true ? { targetBlank: true } : {}), ...(typeof l['tooltip'] === 'string' && l['tooltip'] !== '' ? { tooltip: l['tooltip'] } : {}) });
    } else notes.push({ status: 'not-converted', path: `links[${i}]`, message: 'a link the API cannot say (no URL, no tags): left out' });
  });
  return out;
}

function annotations(notes: ImportNote[], list: unknown): TsValue[] {
  const out: TsValue[] = [];
  (Array.isArray(list) ? list : []).forEach((a, i) => {
    if (!isJson(a) || a['builtIn'] === 1) return; // Grafana's own "Annotations & Alerts"
    if (typeof a['expr'] !== 'string' || a['expr'] === '') {
      notes.push({ status: 'not-converted', path: `annotations.list[${i}]`, message: 'an annotation without a Prometheus query: left out' });
      return;
    }
    out.push(
      call('queryAnnotation', {
        name: String(a['name'] ?? ''),
        expr: a['expr'],
        ...(typeof a['iconColor'] === 'string' ? { color: a['iconColor'] } : {}),
        ...(typeof a['titleFormat'] === 'string' && a['titleFormat'] !== '' ? { title: a['titleFormat'] } : {}),
        ...(typeof a['textFormat'] === 'string' && a['textFormat'] !== '' ? { text: a['textFormat'] } : {}),
        ...(typeof a['tagKeys'] === 'string' && a['tagKeys'] !== '' ? { tags: a['tagKeys'].split(',').map((t) => t.trim()) } : {}),
        ...(typeof a['step'] === 'string' && a['step'] !== '' ? { step: a['step'] } : {}),
        ...(a['enable'] === false ? { enabled: false } : {}),
      }),
    );
  });
  return out;
}

/** Top-level panels and rows: an open row takes the panels after it, a collapsed one holds its own. */
function panels(notes: ImportNote[], variables: ReadonlyMap<string, string>, list: unknown): TsValue[] {
  const ctx = { notes, variables };
  const items: TsValue[] = [];
  let open: { options: Record<string, TsValue>; panels: TsValue[] } | undefined;
  const close = () => {
    if (open) items.push(call('row', { ...open.options, panels: open.panels }));
    open = undefined;
  };
  (Array.isArray(list) ? list : []).forEach((p, i) => {
    if (!isJson(p)) return;
    const path = `panels[${i}]`;
    if (p['type'] !== 'row') {
      const panel = convertPanel(ctx, p, `${path} "${String(p['title'] ?? '')}"`);
      if (open) open.panels.push(panel);
      else items.push(panel);
      return;
    }
    close();
    const repeat = typeof p['repeat'] === 'string' && p['repeat'] !== '' ? variables.get(p['repeat']) : undefined;
    if (typeof p['repeat'] === 'string' && p['repeat'] !== '' && !repeat) notes.push({ status: 'not-converted', path: `${path}.repeat`, message: `repeats by "${p['repeat']}", which is no variable of the dashboard: left out` });
    const options: Record<string, TsValue> = {
      title: String(p['title'] ?? ''),
      ...(p['collapsed'] === true ? { collapsed: true } : {}),
      ...(repeat ? { repeat: { variable: code(repeat) } } : {}),
    };
    const inner = (Array.isArray(p['panels']) ? p['panels'] : []).filter(isJson);
    const rowPanels = inner.map((q, j) => convertPanel(ctx, q, `${path}.panels[${j}] "${String(q['title'] ?? '')}"`));
    if (p['collapsed'] === true) items.push(call('row', { ...options, panels: rowPanels }));
    else open = { options, panels: rowPanels };
  });
  close();
  return items;
}

export function importDashboard(input: Json, options: { taken?: Set<string> } = {}): DashboardImport {
  const json = isJson(input['dashboard']) ? input['dashboard'] : input; // the API's `{ dashboard: … }` wrapper
  const notes: ImportNote[] = [];
  const taken = options.taken ?? new Set<string>();
  const title = String(json['title'] ?? '');
  if (Array.isArray(json['rows'])) {
    notes.push({ status: 'not-converted', path: 'rows', message: 'the pre-5.0 rows layout: open and save the dashboard in Grafana (it migrates it to panels), then import it' });
  }
  for (const key of Object.keys(json)) {
    if (!BOOKKEEPING.has(key) && !HANDLED.has(key) && key !== 'rows' && json[key] !== null && json[key] !== undefined) {
      notes.push({ status: 'not-converted', path: key, message: `the API's dashboards have no ${key}: left out` });
    }
  }

  const declarations: Array<{ name: string; value: TsValue }> = [];
  const variableIds = new Map<string, string>();
  const list = isJson(json['templating']) && Array.isArray(json['templating']['list']) ? json['templating']['list'] : [];
  list.forEach((v, i) => {
    if (!isJson(v)) return;
    const converted = convertVariable(notes, v, `templating.list[${i}] "${String(v['name'] ?? '')}"`);
    if (!converted) return;
    const ident = identifierFor(converted.name, 'Variable', taken);
    variableIds.set(converted.name, ident);
    declarations.push({ name: ident, value: converted.value });
  });

  const time = isJson(json['time']) && typeof json['time']['from'] === 'string' && typeof json['time']['to'] === 'string' ? { from: json['time']['from'], to: json['time']['to'] } : undefined;
  const refreshIntervals = isJson(json['timepicker']) && Array.isArray(json['timepicker']['refresh_intervals']) ? json['timepicker']['refresh_intervals'].map(String) : undefined;
  const links = dashboardLinks(notes, json['links']);
  const annotationList = annotations(notes, isJson(json['annotations']) ? json['annotations']['list'] : undefined);
  const value = call('dashboard', {
    title,
    ...(typeof json['uid'] === 'string' && json['uid'] !== '' ? { uid: json['uid'] } : {}),
    ...(Array.isArray(json['tags']) && json['tags'].length > 0 ? { tags: json['tags'].map(String) } : {}),
    ...(typeof json['description'] === 'string' && json['description'] !== '' ? { description: json['description'] } : {}),
    ...(time ? { time } : {}),
    // Grafana's defaults where the JSON leaves a field out; the API's differ (refresh 1m, crosshair).
    refresh: typeof json['refresh'] === 'string' ? json['refresh'] : '',
    graphTooltip: TOOLTIP[typeof json['graphTooltip'] === 'number' ? json['graphTooltip'] : 0] ?? 'none',
    ...(json['editable'] === false ? { editable: false } : {}),
    ...(typeof json['timezone'] === 'string' && json['timezone'] !== '' && json['timezone'] !== 'browser' ? { timezone: json['timezone'] } : {}),
    ...(refreshIntervals ? { refreshIntervals } : {}),
    ...(links.length > 0 ? { links } : {}),
    ...(declarations.length > 0 ? { variables: declarations.map((d) => code(d.name)) } : {}),
    ...(annotationList.length > 0 ? { annotations: annotationList } : {}),
    panels: panels(notes, variableIds, json['panels']),
  });
  return { exportName: identifierFor(title || 'imported', 'Dashboard', taken), declarations, value, notes };
}

/** The definitions file of one dashboard. */
export function dashboardSource(imported: DashboardImport, file: string): string {
  const imports = new Set<string>();
  for (const d of imported.declarations) calleesOf(d.value, imports);
  calleesOf(imported.value, imports);
  const lines = [`// Imported by \`totem-mon import\` from ${file}.`, importLine(imports), ''];
  for (const d of imported.declarations) lines.push(`const ${d.name} = ${tsValue(d.value)};`);
  if (imported.declarations.length > 0) lines.push('');
  lines.push(`export const ${imported.exportName} = ${tsValue(imported.value)};`, '');
  return lines.join('\n');
}
