import { compareText } from '../text-order.js';

/**
 * Writing TypeScript source by hand, deterministically: string literals, property keys, objects
 * laid out one property a line when they do not fit, calls of the API's builders (`route({ … })`)
 * whose arguments are laid out the same way, and identifiers made from rule names.
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

/**
 * A value as TypeScript: strings, numbers, booleans, null, arrays and plain objects, already-written
 * code via `code()` and builder calls via `call()`.
 */
export type TsValue = string | number | boolean | null | TsCode | TsCall | readonly TsValue[] | { readonly [key: string]: TsValue | undefined };

// Brands no plain value carries (an imported panel's options are JSON objects of any shape).
const CODE: unique symbol = Symbol('code');
const CALL: unique symbol = Symbol('call');

export interface TsCode {
  readonly [CODE]: true;
  readonly code: string;
}

/** A call whose arguments are laid out like any other value: `receiver({ name: 'x', … })`. */
export interface TsCall {
  readonly [CALL]: true;
  readonly callee: string;
  readonly args: readonly TsValue[];
}

/** Source written as is (an identifier, a call). */
export const code = (text: string): TsCode => ({ [CODE]: true, code: text });
export const call = (callee: string, ...args: TsValue[]): TsCall => ({ [CALL]: true, callee, args });

export const isCode = (value: unknown): value is TsCode => typeof value === 'object' && value !== null && CODE in value;
export const isCall = (value: unknown): value is TsCall => typeof value === 'object' && value !== null && CALL in value;

/** One value, laid out at `indent` (the column of the line it starts on): inline when it fits, else one entry a line. */
export function tsValue(value: TsValue, indent = 0): string {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (isCode(value)) return value.code;
  const pad = ' '.repeat(indent + 2);
  if (isCall(value)) {
    // Each argument printed once (a deep tree of calls stays linear).
    const args = value.args.map((a) => tsValue(a, indent));
    const inline = `${value.callee}(${args.join(', ')})`;
    // Inline when it fits; one argument breaks inside itself (`route({` … `})`).
    if ((!inline.includes('\n') && indent + inline.length <= WIDTH) || args.length === 1) return inline;
    const broken = value.args.map((a) => tsValue(a, indent + 2));
    return `${value.callee}(\n${broken.map((a) => `${pad}${a},`).join('\n')}\n${' '.repeat(indent)})`;
  }
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

/** `import { a, b } from 'totem-mon';` with the names sorted and each once. */
export function importLine(names: Iterable<string>, from = 'totem-mon'): string {
  const sorted = [...new Set(names)].sort(compareText);
  return `import { ${sorted.join(', ')} } from '${from}';`;
}

/** The builders a value calls: what its file must import. */
export function calleesOf(value: TsValue | undefined, into = new Set<string>()): Set<string> {
  if (value === undefined || value === null || typeof value !== 'object' || isCode(value)) return into;
  if (isCall(value)) {
    into.add(value.callee);
    for (const a of value.args) calleesOf(a, into);
  } else if (Array.isArray(value)) for (const v of value as readonly TsValue[]) calleesOf(v, into);
  else for (const v of Object.values(value as Record<string, TsValue | undefined>)) calleesOf(v, into);
  return into;
}
