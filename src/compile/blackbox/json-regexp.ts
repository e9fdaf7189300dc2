/**
 * JSON body checks as Go RE2 regexps: blackbox_exporter 0.23 (Debian's) has only
 * `fail_if_body_not_matches_regexp`, no JSON paths. A regexp cannot count arbitrary nesting, so a
 * top-level field is found by reading the object from its `{` and skipping nested values up to
 * MAX_NESTING deep (deeper ones before the field make the probe fail: loud, never a false "up").
 */

/** How deep the values before a top-level field may nest and still be skipped. */
export const MAX_NESTING = 10;

export type JsonScalar = string | number | boolean | null;

/** A regular expression (Go RE2) that matches `text` literally. */
export function literal(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** Characters no JSON encoder escapes (every other one may come raw or escaped). */
const NEVER_ESCAPED = /^[A-Za-z0-9 _.,:;=+\-#%!?@$*()[\]{}|^`~]$/;

const SHORT_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };

/** `\uXXXX` for one UTF-16 code unit, whatever the case of the hex digits. */
function unicodeEscape(unit: number): string {
  const hex = unit.toString(16).padStart(4, '0');
  return `\\\\u${[...hex].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('')}`;
}

/**
 * One character as any JSON encoder may write it inside a string: raw (when JSON allows it raw),
 * with its short escape (`\"`, `\/` as PHP writes slashes, `\n`) or as `\uXXXX` (Python's
 * ensure_ascii for non-ASCII, Go's for `<`, `>` and `&`; a surrogate pair beyond U+FFFF).
 */
function jsonChar(ch: string): string {
  if (NEVER_ESCAPED.test(ch)) return literal(ch);
  const ways: string[] = [];
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && ch !== '"' && ch !== '\\') ways.push(literal(ch));
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) ways.push(`\\\\${literal(short)}`);
  const units = code > 0xffff ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [code];
  ways.push(units.map(unicodeEscape).join(''));
  return `(?:${ways.join('|')})`;
}

/** A JSON string with this content, however the encoder escaped it. */
export function jsonStringRegexp(text: string): string {
  return `"${[...text].map(jsonChar).join('')}"`;
}

/**
 * A JSON number equal to `n` as encoders write it: `1` also as `1.0` (Python floats) or `1.00`,
 * `0.5` also as `0.50`. Exponent forms other than JavaScript's own are not recognised.
 */
function jsonNumberRegexp(n: number): string {
  const written = JSON.stringify(n);
  if (/e/i.test(written)) return literal(written);
  return Number.isInteger(n) ? `${literal(written)}(?:\\.0+)?` : `${literal(written)}0*`;
}

/** A JSON value equal to `value`; it ends where a member ends (`,` or `}` after optional spaces). */
export function jsonValueRegexp(value: JsonScalar): string {
  const body = typeof value === 'string' ? jsonStringRegexp(value) : typeof value === 'number' ? jsonNumberRegexp(value) : literal(JSON.stringify(value));
  return `${body}\\s*[,}]`;
}

/** A whole JSON string (escapes included): quotes inside it are not structure. */
const STRING = '"(?:[^"\\\\]|\\\\.)*"';

/** The content of a JSON container nested at most `depth` more levels, strings skipped whole. */
function nested(depth: number): string {
  const inner = depth === 0 ? '' : `|[\\[{]${nested(depth - 1)}[\\]}]`;
  return `(?:[^\\[\\]{}"]|${STRING}${inner})*`;
}

/**
 * `"key": value` as a member of the top-level object, whatever the spacing and escaping: from the
 * body's opening `{`, everything before it is skipped at depth 1 (nested objects and arrays whole,
 * strings whole), so a same-named field deeper down (`{"details": {"status": "UP"}}`) or text in a
 * string does not count.
 */
export function topLevelFieldRegexp(key: string, value: JsonScalar): string {
  return `^\\s*\\{${nested(MAX_NESTING)}${jsonStringRegexp(key)}\\s*:\\s*${jsonValueRegexp(value)}`;
}

/**
 * `"key": value` as a member of any object in the body, at any depth (a component is often under
 * `checks` or `details`), but a real member: text inside a string value does not count.
 */
export function anyDepthFieldRegexp(key: string, value: JsonScalar): string {
  return `^(?:[^"]|${STRING})*${jsonStringRegexp(key)}\\s*:\\s*${jsonValueRegexp(value)}`;
}
