/**
 * Writing TypeScript source by hand, deterministically: string literals, property keys, objects
 * laid out one property a line when they do not fit, and identifiers made from rule names.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await undefined arguments eval'
  ).split(' '),
);

/** Lines longer than this are broken over several. */
export const WIDTH = 120;

/**
 * A string literal: single quotes on one line; a template literal for text over several lines, so
 * a multi-line expression reads as it was written (`\`, backtick and `${` escaped).
 */
export function tsString(value: string): string {
  if (value.includes('\n')) return `\`${value.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
  const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `'${escaped}'`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function tsKey(key: string): string {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** A value as TypeScript: strings, numbers, booleans, arrays and plain objects (already-written code via `code()`). */
export type TsValue = string | number | boolean | TsCode | readonly TsValue[] | { readonly [key: string]: TsValue | undefined };

export interface TsCode {
  readonly code: string;
}

/** Source written as is (an identifier, a call). */
export const code = (text: string): TsCode => ({ code: text });

const isCode = (value: unknown): value is TsCode => typeof value === 'object' && value !== null && 'code' in value && Object.keys(value).length === 1;

/** One value, laid out at `indent` (the column of the line it starts on): inline when it fits, else one entry a line. */
export function tsValue(value: TsValue, indent = 0): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (typeof value === 'boolean') return String(value);
  if (isCode(value)) return value.code;
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    const items = (value as readonly TsValue[]).map((v) => tsValue(v, indent + 2));
    const inline = `[${items.join(', ')}]`;
    if (items.length === 0) return '[]';
    if (!inline.includes('\n') && indent + inline.length <= WIDTH) return inline;
    return `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${' '.repeat(indent)}]`;
  }
  const entries = Object.entries(value as Record<string, TsValue | undefined>).filter((e): e is [string, TsValue] => e[1] !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([k, v]) => `${tsKey(k)}: ${tsValue(v, indent + 2)}`);
  const inline = `{ ${parts.join(', ')} }`;
  if (!inline.includes('\n') && indent + inline.length <= WIDTH) return inline;
  return `{\n${parts.map((p) => `${pad}${p},`).join('\n')}\n${' '.repeat(indent)}}`;
}

/**
 * A lowerCamelCase identifier from a rule or group name (`HighErrorRate` → `highErrorRate`,
 * `job:http_requests:rate5m` → `jobHttpRequestsRate5m`), made unique among `taken` (which it joins).
 */
export function identifier(name: string, taken: Set<string>, fallback = 'rule'): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  let base = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  if (base === '' ) base = fallback;
  if (/^[0-9]/.test(base)) base = `${fallback}${base.charAt(0).toUpperCase()}${base.slice(1)}`;
  if (RESERVED.has(base)) base = `${base}${fallback.charAt(0).toUpperCase()}${fallback.slice(1)}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return id;
}

/** A `//` comment, one line per line of text. */
export function tsComment(text: string, indent = 0): string {
  return text
    .split('\n')
    .map((line) => `${' '.repeat(indent)}// ${line}`.trimEnd())
    .join('\n');
}
