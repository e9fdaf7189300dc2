/**
 * A Grafana panel's field config and options read back into the panel helpers' options (unit,
 * min/max, decimals, thresholds, value mappings, overrides, legend, reduce, …), the inverse of
 * src/compile/grafana/field-config.ts and panels.ts. What a helper cannot say is returned as a
 * misfit (a reason): the panel then goes through the typed escape hatch (sdkPanel) whole.
 */
import type { TsValue } from '../ts-source.js';

export type Json = Record<string, unknown>;
export const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Options for a helper, and what kept it from fitting (empty: it fits). */
export interface Fitted {
  options: Record<string, TsValue>;
  misfits: string[];
}

const SPECIAL: Record<string, string> = { null: 'null', nan: 'nan', 'null+nan': 'null+nan', true: 'true', false: 'false', empty: 'empty' };

/** Grafana's value mappings → the API's (`{ value, text, color }`, `{ from, to, … }`, `{ regex, … }`, `{ special, … }`), in Grafana's order. */
export function valueMappings(mappings: unknown, misfits: string[]): TsValue[] | undefined {
  if (!Array.isArray(mappings)) return undefined;
  const out: Array<{ index: number; value: Record<string, TsValue> }> = [];
  for (const m of mappings) {
    const options = isJson(m) && isJson(m['options']) ? m['options'] : undefined;
    if (!isJson(m) || !options) {
      misfits.push('a value mapping of an unknown form');
      continue;
    }
    const result = (r: unknown) => (isJson(r) ? { text: String(r['text'] ?? ''), ...(typeof r['color'] === 'string' ? { color: r['color'] } : {}) } : undefined);
    const push = (r: unknown, head: Record<string, TsValue>) => {
      const res = result(r);
      if (!res) return misfits.push('a value mapping without a result');
      out.push({ index: isJson(r) && typeof r['index'] === 'number' ? r['index'] : out.length, value: { ...head, ...res } });
    };
    if (m['type'] === 'value') {
      for (const [value, r] of Object.entries(options)) push(r, { value: /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value });
    } else if (m['type'] === 'range') {
      const from = options['from'];
      const to = options['to'];
      push(options['result'], { ...(typeof from === 'number' ? { from } : {}), ...(typeof to === 'number' ? { to } : {}) });
    } else if (m['type'] === 'regex' && typeof options['pattern'] === 'string') {
      push(options['result'], { regex: options['pattern'] });
    } else if (m['type'] === 'special' && typeof options['match'] === 'string' && SPECIAL[options['match']]) {
      push(options['result'], { special: SPECIAL[options['match']]! });
    } else misfits.push(`a value mapping of type ${String(m['type'])}`);
  }
  return out.sort((a, b) => a.index - b.index).map((m) => m.value);
}

/** Threshold steps; the base step (value null) is the first one, written without a value. */
export function thresholds(config: unknown, misfits: string[]): { steps?: TsValue[]; mode?: string } {
  if (!isJson(config)) return {};
  const steps = Array.isArray(config['steps']) ? config['steps'] : [];
  const out: TsValue[] = [];
  for (const s of steps) {
    if (!isJson(s) || typeof s['color'] !== 'string') {
      misfits.push('a threshold step without a colour');
      continue;
    }
    out.push(typeof s['value'] === 'number' ? { value: s['value'], color: s['color'] } : { color: s['color'] });
  }
  const mode = config['mode'] === 'percentage' ? 'percentage' : undefined;
  return { ...(out.length > 0 ? { steps: out } : {}), ...(mode ? { mode } : {}) };
}

const MATCHERS: Record<string, string> = { byName: 'name', byRegexp: 'regex', byFrameRefID: 'query' };

/** Overrides by name, regex or query whose properties the API has; anything else is a misfit. */
export function overrides(list: unknown, misfits: string[]): TsValue[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: TsValue[] = [];
  for (const o of list) {
    const matcher = isJson(o) && isJson(o['matcher']) ? o['matcher'] : undefined;
    const key = matcher ? MATCHERS[String(matcher['id'])] : undefined;
    if (!isJson(o) || !matcher || !key || typeof matcher['options'] !== 'string') {
      misfits.push(`an override matching ${matcher ? String(matcher['id']) : 'nothing known'}`);
      continue;
    }
    const override: Record<string, TsValue> = { match: { [key]: matcher['options'] } };
    const custom: Record<string, TsValue> = {};
    for (const p of Array.isArray(o['properties']) ? o['properties'] : []) {
      const id = isJson(p) ? String(p['id']) : '';
      const value = isJson(p) ? p['value'] : undefined;
      if (['displayName', 'unit'].includes(id) && typeof value === 'string') override[id] = value;
      else if (['decimals', 'min', 'max'].includes(id) && typeof value === 'number') override[id] = value;
      else if (id === 'color' && isJson(value) && value['mode'] === 'fixed' && typeof value['fixedColor'] === 'string') override['color'] = value['fixedColor'];
      else if (id === 'mappings') override['mappings'] = valueMappings(value, misfits) ?? [];
      else if (id.startsWith('custom.') && ['string', 'number', 'boolean'].includes(typeof value)) custom[id.slice('custom.'.length)] = value as TsValue;
      else misfits.push(`an override property ${id}`);
    }
    if (Object.keys(custom).length > 0) override['custom'] = custom;
    out.push(override);
  }
  return out;
}

/** merge, filterFieldsByName and organize: the transformations the API has. */
export function transformations(list: unknown, misfits: string[]): TsValue[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: TsValue[] = [];
  for (const t of list) {
    const options = isJson(t) && isJson(t['options']) ? t['options'] : {};
    const id = isJson(t) ? t['id'] : undefined;
    if (isJson(t) && t['disabled'] === true) misfits.push('a disabled transformation');
    else if (id === 'merge') out.push({ type: 'merge' });
    else if (id === 'filterFieldsByName' && isJson(options['include'])) {
      const include = options['include'];
      out.push({
        type: 'filterByName',
        ...(Array.isArray(include['names']) ? { names: include['names'].map(String) } : {}),
        ...(typeof include['pattern'] === 'string' ? { pattern: include['pattern'] } : {}),
      });
    } else if (id === 'organize') {
      const exclude = Object.entries(isJson(options['excludeByName']) ? options['excludeByName'] : {}).filter(([, v]) => v === true).map(([k]) => k);
      const order = Object.entries(isJson(options['indexByName']) ? options['indexByName'] : {})
        .filter((e): e is [string, number] => typeof e[1] === 'number')
        .sort((a, b) => a[1] - b[1])
        .map(([k]) => k);
      const rename = Object.fromEntries(Object.entries(isJson(options['renameByName']) ? options['renameByName'] : {}).map(([k, v]) => [k, String(v)]));
      out.push({
        type: 'organize',
        ...(exclude.length > 0 ? { exclude } : {}),
        ...(Object.keys(rename).length > 0 ? { rename } : {}),
        ...(order.length > 0 ? { order } : {}),
      });
    } else misfits.push(`a transformation ${String(id)}`);
  }
  return out;
}
