/**
 * Grafana template variables → the variable helpers: query (`queryVariable`, the query as
 * written), custom, interval, constant, text box and ad hoc filters. The data source variable is
 * the one every generated dashboard has: not imported (a different name is reported).
 */
import { call, type TsValue } from '../ts-source.js';
import type { ImportNote } from '../note.js';
import { isJson, type Json } from './field-config.js';

/** Grafana's sort codes → the API's (the case-insensitive ones as the plain ones, reported). */
const SORT: Record<number, string> = { 0: 'none', 1: 'alphabetical', 2: 'alphabetical-desc', 3: 'numerical', 4: 'numerical-desc', 5: 'alphabetical', 6: 'alphabetical-desc', 7: 'natural', 8: 'natural' };
const HIDE: Record<number, string> = { 1: 'label', 2: 'variable' };

export interface ConvertedVariable {
  name: string;
  value: TsValue;
}

function base(v: Json): Record<string, TsValue> {
  return {
    name: String(v['name']),
    ...(typeof v['label'] === 'string' && v['label'] !== '' && v['label'] !== v['name'] ? { title: v['label'] } : {}),
    ...(typeof v['description'] === 'string' && v['description'] !== '' ? { description: v['description'] } : {}),
    ...(typeof v['hide'] === 'number' && HIDE[v['hide']] ? { hide: HIDE[v['hide']]! } : {}),
  };
}

const choices = (v: Json) => ({ ...(v['multi'] === true ? { multi: true } : {}), ...(v['includeAll'] === true ? { includeAll: true } : {}) });

/** A custom variable's values: Grafana's `a,b` or `text : value` pairs. */
function customValues(query: string): TsValue[] {
  return query
    .split(/(?<!\\),/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const pair = /^(.*?)\s+:\s+(.*)$/.exec(s);
      return pair ? { text: pair[1]!, value: pair[2]! } : s;
    });
}

function currentValue(v: Json): string | undefined {
  const current = isJson(v['current']) ? v['current']['value'] : undefined;
  return typeof current === 'string' && current !== '$__all' ? current : undefined;
}

/** One variable, or undefined (the data source variable, or a kind the API has not). */
export function convertVariable(notes: ImportNote[], v: Json, path: string): ConvertedVariable | undefined {
  const name = String(v['name'] ?? '');
  const type = v['type'];
  const query = isJson(v['query']) ? v['query']['query'] : v['query'];
  // totem-mon adds `${loki}`, `${tempo}`, `${jaeger}` to a dashboard whose logs or traces panels use them.
  if (type === 'datasource' && typeof query === 'string' && ['loki', 'tempo', 'jaeger'].includes(query)) {
    if (name !== query) notes.push({ status: 'guessed', path, message: `the ${query} data source variable is named "${query}" in generated dashboards (here "${name}")` });
    return undefined;
  }
  if (type === 'datasource' && typeof query === 'string' && query !== 'prometheus') {
    notes.push({ status: 'not-converted', path, message: `a ${query} data source variable: the import reads Prometheus queries only (totem-mon adds one for the ${query} data sources a project configures)` });
    return undefined;
  }
  if (type === 'datasource') {
    if (name !== 'datasource') notes.push({ status: 'guessed', path, message: `the data source variable is named "datasource" in generated dashboards (here "${name}")` });
    return undefined;
  }
  if (typeof v['allValue'] === 'string' && v['allValue'] !== '' && v['allValue'] !== '.*') {
    notes.push({ status: 'not-converted', path: `${path}.allValue`, message: `a custom "All" value (${v['allValue']}): the API's is .*` });
  }
  switch (type) {
    case 'query': {
      if (typeof query !== 'string') break;
      const sort = typeof v['sort'] === 'number' ? SORT[v['sort']] : undefined;
      if (typeof v['sort'] === 'number' && [5, 6, 8].includes(v['sort'])) notes.push({ status: 'guessed', path: `${path}.sort`, message: `sort ${v['sort']} written as ${sort}` });
      return {
        name,
        value: call('queryVariable', {
          ...base(v),
          query,
          ...choices(v),
          ...(sort !== undefined && sort !== 'none' ? { sort } : {}),
          ...(typeof v['regex'] === 'string' && v['regex'] !== '' ? { regex: v['regex'] } : {}),
        }),
      };
    }
    case 'custom': {
      if (typeof query !== 'string') break;
      const current = currentValue(v);
      return { name, value: call('customVariable', { ...base(v), values: customValues(query), ...choices(v), ...(current !== undefined ? { current } : {}) }) };
    }
    case 'interval': {
      if (typeof query !== 'string') break;
      const current = currentValue(v);
      return { name, value: call('intervalVariable', { ...base(v), values: customValues(query).map(String), ...(current !== undefined ? { current } : {}) }) };
    }
    case 'constant':
      return { name, value: call('constantVariable', { ...base(v), value: String(query ?? '') }) };
    case 'textbox':
      return { name, value: call('textVariable', { ...base(v), ...(typeof query === 'string' && query !== '' ? { value: query } : {}) }) };
    case 'adhoc':
      return { name, value: call('adHocFilters', base(v)) };
  }
  notes.push({ status: 'not-converted', path, message: `a ${String(type)} variable the API has not (or without a query): left out` });
  return undefined;
}
