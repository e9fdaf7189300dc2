/**
 * Grafana data source provisioning files (`apiVersion: 1`, `datasources: [...]`) → the project's
 * `grafana` settings: the Prometheus data source (`datasource`), `loki`, `tempo` and `jaeger`, each
 * with its connection (name, uid, url: written where not totem-mon's default) and its correlations
 * (exemplars → traces, log line → trace, trace → logs, Tempo's service map) read back from the
 * jsonData totem-mon's compiler writes (src/compile/grafana/logs-traces-datasources.ts). A
 * correlation the file lacks where totem-mon would add one becomes `false`. Everything else is
 * reported, never guessed: other data source types, a second one of a kind, other jsonData fields.
 */
import { isDeepStrictEqual } from 'node:util';
import type { InputDocument } from './detect.js';
import type { ImportItem } from './report.js';
import type { TsValue } from './ts-source.js';
import { isObject } from './yaml-values.js';

type Kind = 'prometheus' | 'loki' | 'tempo' | 'jaeger';
type Obj = Record<string, unknown>;

/** The settings key of each kind, and totem-mon's default connection. */
const KINDS: Record<Kind, { key: string; name: string; uid: string; url: string }> = {
  prometheus: { key: 'datasource', name: 'Prometheus', uid: 'prometheus', url: 'http://prometheus:9090' },
  loki: { key: 'loki', name: 'Loki', uid: 'loki', url: 'http://loki:3100' },
  tempo: { key: 'tempo', name: 'Tempo', uid: 'tempo', url: 'http://tempo:3200' },
  jaeger: { key: 'jaeger', name: 'Jaeger', uid: 'jaeger', url: 'http://jaeger:16686' },
};
/** What every generated data source says: nothing to carry. */
const FIXED: Obj = { access: 'proxy', editable: false };
const TRACE_ID_URL = ['${__value.raw}', '$${__value.raw}'];

export interface ImportedDatasources {
  /** `grafana: { datasource, loki, tempo, jaeger }`, the kinds the files provision. */
  settings: Record<string, Record<string, TsValue>>;
  items: ImportItem[];
}

/** The JSON field a derived field's regex reads the trace id from (the regex totem-mon writes), if it is one. */
function traceIdField(regex: unknown): string | undefined {
  const m = typeof regex === 'string' ? /^"((?:[^"\\]|\\.)*)":\\s\*"\(\\w\+\)"$/.exec(regex) : null;
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

interface Source {
  kind: Kind;
  file: string;
  value: Obj;
}

export function importDatasources(documents: readonly InputDocument[]): ImportedDatasources {
  const items: ImportItem[] = [];
  const found = new Map<Kind, Source>();
  for (const doc of documents.filter((d) => d.kind === 'grafana-datasources')) {
    const list = Array.isArray(doc.value['datasources']) ? doc.value['datasources'] : [];
    list.forEach((ds, i) => {
      const name = isObject(ds) && typeof ds['name'] === 'string' ? ds['name'] : `#${i + 1}`;
      const what = `data source ${name}`;
      const path = ['datasources', String(i)];
      const type = isObject(ds) ? String(ds['type'] ?? '') : '';
      if (!isObject(ds) || !(type in KINDS)) {
        items.push({ status: 'unsupported', file: doc.file, path, what, reason: `a ${type || 'typeless'} data source: totem-mon provisions Prometheus, Loki, Tempo and Jaeger` });
        return;
      }
      const kind = type as Kind;
      const first = found.get(kind);
      if (first) {
        items.push({ status: 'unsupported', file: doc.file, path, what, reason: `a project has one ${kind} data source: ${String(first.value['name'])} (${first.file}) was imported` });
        return;
      }
      found.set(kind, { kind, file: doc.file, value: ds });
    });
    for (const key of Object.keys(doc.value)) {
      if (key !== 'apiVersion' && key !== 'datasources') items.push({ status: 'unsupported', file: doc.file, path: [key], what: key, reason: 'data source provisioning beyond `datasources`: left out' });
    }
  }
  const uid = (k: Kind) => (found.has(k) ? String(found.get(k)!.value['uid'] ?? KINDS[k].uid) : undefined);
  const tracesUid = uid('tempo') ?? uid('jaeger');
  const settings: Record<string, Record<string, TsValue>> = {};
  for (const [kind, source] of found) {
    const d = KINDS[kind];
    const ds = source.value;
    const left: string[] = [];
    const out: Record<string, TsValue> = {};
    for (const key of ['name', 'uid', 'url'] as const) {
      if (typeof ds[key] === 'string' && ds[key] !== d[key]) out[key] = ds[key];
    }
    for (const [key, value] of Object.entries(ds)) {
      if (['name', 'uid', 'url', 'type', 'jsonData'].includes(key)) continue;
      const fixed = key === 'isDefault' ? kind === 'prometheus' : FIXED[key];
      if (!isDeepStrictEqual(value, fixed)) left.push(key);
    }
    const json: Obj = isObject(ds['jsonData']) ? { ...ds['jsonData'] } : {};
    const take = (key: string) => {
      const v = json[key];
      delete json[key];
      return v;
    };
    if (kind === 'prometheus') {
      if (take('httpMethod') !== 'POST' && ds['jsonData'] !== undefined && isObject(ds['jsonData']) && 'httpMethod' in ds['jsonData']) left.push('jsonData.httpMethod');
      if (json['timeInterval'] !== undefined) {
        take('timeInterval');
        items.push({ status: 'guessed', file: source.file, what: `data source ${String(ds['name'])}: jsonData.timeInterval`, reason: "totem-mon writes the project's scrape interval there (prometheus.global.scrape_interval)" });
      }
      const dest = take('exemplarTraceIdDestinations');
      const one = Array.isArray(dest) && dest.length === 1 && isObject(dest[0]) ? dest[0] : undefined;
      if (one && typeof one['name'] === 'string' && typeof one['datasourceUid'] === 'string') {
        const ex: Record<string, TsValue> = {};
        if (one['name'] !== 'trace_id') ex['label'] = one['name'];
        if (one['datasourceUid'] !== tracesUid) ex['datasource'] = one['datasourceUid'];
        out['exemplars'] = ex;
        if (Object.keys(one).some((k) => !['name', 'datasourceUid', 'urlDisplayLabel'].includes(k))) left.push('jsonData.exemplarTraceIdDestinations');
      } else if (dest !== undefined) left.push('jsonData.exemplarTraceIdDestinations');
      else if (tracesUid !== undefined) out['exemplars'] = false;
    } else if (kind === 'loki') {
      const maxLines = take('maxLines');
      if (typeof maxLines === 'number') out['maxLines'] = maxLines;
      else if (maxLines !== undefined) left.push('jsonData.maxLines');
      const fields = take('derivedFields');
      const one = Array.isArray(fields) && fields.length === 1 && isObject(fields[0]) ? fields[0] : undefined;
      const field = one && (one['matcherType'] ?? 'regex') === 'regex' && TRACE_ID_URL.includes(String(one['url'])) ? traceIdField(one['matcherRegex']) : undefined;
      if (one && field !== undefined && typeof one['datasourceUid'] === 'string') {
        out['traceLinks'] = { ...(field !== 'trace_id' ? { field } : {}), ...(one['datasourceUid'] !== tracesUid ? { datasource: one['datasourceUid'] } : {}) };
      } else if (fields !== undefined) left.push('jsonData.derivedFields');
      else if (tracesUid !== undefined) out['traceLinks'] = false;
    } else {
      const t = take('tracesToLogsV2');
      if (isObject(t) && typeof t['datasourceUid'] === 'string') {
        const tl: Record<string, TsValue> = {};
        if (t['datasourceUid'] !== uid('loki')) tl['datasource'] = t['datasourceUid'];
        const tags = Array.isArray(t['tags']) ? t['tags'].filter(isObject).map((x) => [String(x['key']), String(x['value'] ?? x['key'])] as const) : [];
        if (!isDeepStrictEqual(tags, [['service.name', 'service']])) tl['tags'] = Object.fromEntries(tags);
        if (t['filterByTraceID'] === false) tl['filterByTraceId'] = false;
        if (t['filterBySpanID'] === true) tl['filterBySpanId'] = true;
        if (typeof t['spanStartTimeShift'] === 'string' && t['spanStartTimeShift'] !== '-1m') tl['spanStartTimeShift'] = t['spanStartTimeShift'];
        if (typeof t['spanEndTimeShift'] === 'string' && t['spanEndTimeShift'] !== '1m') tl['spanEndTimeShift'] = t['spanEndTimeShift'];
        out['traceToLogs'] = tl;
        const known = ['datasourceUid', 'tags', 'filterByTraceID', 'filterBySpanID', 'spanStartTimeShift', 'spanEndTimeShift'];
        if (Object.entries(t).some(([k, v]) => !known.includes(k) && !(k === 'customQuery' && v === false))) left.push('jsonData.tracesToLogsV2');
      } else if (t !== undefined) left.push('jsonData.tracesToLogsV2');
      else if (uid('loki') !== undefined) out['traceToLogs'] = false;
      if (kind === 'tempo') {
        const map = take('serviceMap');
        const graph = take('nodeGraph');
        if (isObject(map) && typeof map['datasourceUid'] === 'string') {
          out['serviceMap'] = true;
          if (map['datasourceUid'] !== (uid('prometheus') ?? 'prometheus')) left.push('jsonData.serviceMap.datasourceUid');
        } else if (map !== undefined) left.push('jsonData.serviceMap');
        if (graph !== undefined && !(isObject(graph) && graph['enabled'] === true && out['serviceMap'] === true)) left.push('jsonData.nodeGraph');
      }
    }
    left.push(...Object.keys(json).map((k) => `jsonData.${k}`));
    const what = `data source ${String(ds['name'])}`;
    if (left.length > 0) items.push({ status: 'unsupported', file: source.file, what, reason: `the grafana settings cannot say ${left.join(', ')}: left out` });
    items.push({ status: 'converted', file: source.file, what, reason: `grafana.${d.key}` });
    settings[d.key] = out;
  }
  return { settings, items };
}
