/**
 * Grafana logs panels (one Loki query) → `logsPanel({ expr, … })`, and traces panels (a Tempo trace
 * id or a Jaeger one) and trace tables (a TraceQL search, a Jaeger search) → `tracesPanel({ query })`,
 * when everything the panel says fits their options. What does not fit is returned as misfits (the
 * panel then goes through sdkPanel, reported). A data source other than the panel's default variable
 * (`${loki}`, `${tempo}`, `${jaeger}`) is kept as the panel's `datasource`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { TsValue } from '../ts-source.js';
import { isJson, type Json } from './field-config.js';

const KINDS = ['loki', 'tempo', 'jaeger'];
const LOGS_ORDER = ['expr', 'maxLines', 'dedup', 'wrap', 'order', 'showTime', 'showLabels', 'prettify'];
const DEDUP = new Set(['none', 'exact', 'numbers', 'signature']);

/** What the table panel builder writes for a trace search (Grafana's defaults): nothing to say. */
const TABLE_OPTIONS: Json = { frameIndex: 0, showHeader: true, showTypeIcons: false, footer: { show: false, reducer: [], countRows: false }, cellHeight: 'sm' };
const TABLE_FIELD_DEFAULTS: Json = { custom: { align: 'auto', inspect: false } };

export interface LogsTracesFit {
  helper: 'logsPanel' | 'tracesPanel';
  options: Record<string, TsValue>;
  misfits: string[];
}

const sourceType = (ds: unknown): string | undefined => (isJson(ds) && typeof ds['type'] === 'string' ? ds['type'] : undefined);

/** The one query of a logs or traces panel, if its data source is Loki, Tempo or Jaeger. */
function onlyTarget(panel: Json): Json | undefined {
  const list = Array.isArray(panel['targets']) ? panel['targets'] : [];
  const t = list[0];
  return list.length === 1 && isJson(t) ? t : undefined;
}

/** Whether the panel is a logs panel, a trace view or a table of trace search results. */
export function isLogsTracesPanel(panel: Json): boolean {
  if (panel['type'] === 'logs' || panel['type'] === 'traces') return true;
  const t = onlyTarget(panel);
  return panel['type'] === 'table' && t !== undefined && ['tempo', 'jaeger'].includes(sourceType(t['datasource']) ?? sourceType(panel['datasource']) ?? '');
}

/** The panel's data source when it is not its type's default variable; misfits when panel and query disagree. */
function datasource(panel: Json, target: Json, fallback: string, misfits: string[]): Record<string, TsValue> {
  const ds = panel['datasource'] ?? target['datasource'];
  if (target['datasource'] !== undefined && panel['datasource'] !== undefined && !isDeepStrictEqual(target['datasource'], panel['datasource'])) misfits.push('targets[0].datasource');
  if (ds === undefined || ds === null) return {};
  if (!isJson(ds) || typeof ds['type'] !== 'string' || typeof ds['uid'] !== 'string' || !KINDS.includes(ds['type']) || Object.keys(ds).length !== 2) {
    misfits.push('datasource');
    return {};
  }
  return ds['type'] === fallback && ds['uid'] === `\${${fallback}}` ? {} : { datasource: { type: ds['type'], uid: ds['uid'] } };
}

/** Keys of the query that the helper's query does not carry (refId A is the only one it writes). */
function extraKeys(target: Json, known: readonly string[], misfits: string[]): void {
  for (const [k, v] of Object.entries(target)) {
    if (known.includes(k) || k === 'datasource' || (k === 'refId' && v === 'A') || (k === 'hide' && v === false)) continue;
    misfits.push(`targets[0].${k}`);
  }
}

function fieldConfigMisfits(panel: Json, defaults: Json, misfits: string[]): void {
  const fc = panel['fieldConfig'];
  if (fc === undefined) return;
  if (!isJson(fc)) return void misfits.push('fieldConfig');
  for (const [k, v] of Object.entries(fc)) {
    if (k === 'overrides' && Array.isArray(v) && v.length === 0) continue;
    if (k === 'defaults' && isJson(v) && Object.entries(v).every(([dk, dv]) => isDeepStrictEqual(defaults[dk], dv))) continue;
    misfits.push(`fieldConfig.${k}`);
  }
}

function transformationMisfits(panel: Json, misfits: string[]): void {
  if (Array.isArray(panel['transformations']) && panel['transformations'].length > 0) misfits.push('transformations');
}

function fitLogs(panel: Json): LogsTracesFit {
  const misfits: string[] = [];
  const out: Record<string, TsValue> = {};
  const t = onlyTarget(panel);
  if (!t || typeof t['expr'] !== 'string' || !['loki', undefined].includes(sourceType(t['datasource']))) {
    return { helper: 'logsPanel', options: {}, misfits: ['targets (one Loki query)'] };
  }
  out['expr'] = t['expr'];
  if (typeof t['maxLines'] === 'number') out['maxLines'] = t['maxLines'];
  extraKeys(t, ['expr', 'maxLines', ...(t['queryType'] === 'range' || t['queryType'] === undefined ? ['queryType'] : [])], misfits);
  const options = isJson(panel['options']) ? panel['options'] : {};
  for (const [k, v] of Object.entries(options)) {
    if (k === 'dedupStrategy' && typeof v === 'string' && DEDUP.has(v)) {
      if (v !== 'none') out['dedup'] = v;
    } else if (k === 'wrapLogMessage' && typeof v === 'boolean') {
      if (v) out['wrap'] = true;
    } else if (k === 'sortOrder' && (v === 'Descending' || v === 'Ascending')) {
      if (v === 'Ascending') out['order'] = 'oldest';
    } else if (k === 'showTime' && typeof v === 'boolean') {
      if (!v) out['showTime'] = false;
    } else if (k === 'showLabels' && typeof v === 'boolean') {
      if (v) out['showLabels'] = true;
    } else if (k === 'prettifyLogMessage' && typeof v === 'boolean') {
      if (v) out['prettify'] = true;
    } else if ((k === 'showCommonLabels' || k === 'showLogContextToggle') && v === false) {
      // What logsPanel writes (Grafana's defaults).
    } else if (k === 'enableLogDetails' && v === true) {
      // Likewise.
    } else misfits.push(`options.${k}`);
  }
  fieldConfigMisfits(panel, {}, misfits);
  transformationMisfits(panel, misfits);
  // In the order of logsPanel's options.
  const ordered = Object.fromEntries(LOGS_ORDER.filter((k) => out[k] !== undefined).map((k) => [k, out[k]!]));
  return { helper: 'logsPanel', options: { ...ordered, ...datasource(panel, t, 'loki', misfits) }, misfits };
}

/** The traces query: a trace id (trace view), a TraceQL search or a Jaeger search (tables). */
function tracesQuery(panel: Json, t: Json, misfits: string[]): Record<string, TsValue> | undefined {
  const kind = sourceType(t['datasource']) ?? sourceType(panel['datasource']) ?? 'tempo';
  const view = panel['type'] === 'traces';
  if (kind === 'jaeger' && view && typeof t['query'] === 'string' && (t['queryType'] === undefined || t['queryType'] === '')) {
    extraKeys(t, ['query', 'queryType'], misfits);
    return { traceId: t['query'] };
  }
  if (kind === 'jaeger' && !view && t['queryType'] === 'search' && typeof t['service'] === 'string') {
    extraKeys(t, ['queryType', 'service', 'operation', 'minDuration', 'maxDuration', 'limit'], misfits);
    const q: Record<string, TsValue> = { service: t['service'] };
    for (const k of ['operation', 'minDuration', 'maxDuration'] as const) if (typeof t[k] === 'string') q[k] = t[k];
    if (typeof t['limit'] === 'number') q['limit'] = t['limit'];
    return q;
  }
  const filters = Array.isArray(t['filters']) && t['filters'].length === 0 ? ['filters'] : [];
  if (kind === 'tempo' && (t['queryType'] ?? 'traceql') === 'traceql' && typeof t['query'] === 'string') {
    if (view) {
      extraKeys(t, ['query', 'queryType', ...filters], misfits);
      return { traceId: t['query'] };
    }
    extraKeys(t, ['query', 'queryType', 'limit', ...filters, ...(t['tableType'] === 'traces' ? ['tableType'] : [])], misfits);
    return { traceql: t['query'], ...(typeof t['limit'] === 'number' ? { limit: t['limit'] } : {}) };
  }
  return undefined;
}

function fitTraces(panel: Json): LogsTracesFit {
  const misfits: string[] = [];
  const t = onlyTarget(panel);
  const query = t ? tracesQuery(panel, t, misfits) : undefined;
  if (!t || !query) return { helper: 'tracesPanel', options: {}, misfits: ['targets (one trace id or trace search)'] };
  const table = panel['type'] === 'table';
  const options = isJson(panel['options']) ? panel['options'] : {};
  for (const [k, v] of Object.entries(options)) if (!table || !isDeepStrictEqual(TABLE_OPTIONS[k], v)) misfits.push(`options.${k}`);
  fieldConfigMisfits(panel, table ? TABLE_FIELD_DEFAULTS : {}, misfits);
  transformationMisfits(panel, misfits);
  const fallback = 'service' in query ? 'jaeger' : 'tempo';
  return { helper: 'tracesPanel', options: { query, ...datasource(panel, t, fallback, misfits) }, misfits };
}

/** The helper and its options for a logs or traces panel (see isLogsTracesPanel), and what does not fit. */
export function fitLogsTraces(panel: Json): LogsTracesFit {
  return panel['type'] === 'logs' ? fitLogs(panel) : fitTraces(panel);
}
