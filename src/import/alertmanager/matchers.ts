/**
 * Alertmanager's label matchers as a config writes them, read into `{ label, op, value }` the way
 * Alertmanager reads them, and the deprecated `match:` / `match_re:` maps (equality, anchored
 * regex) turned into the same.
 *
 * Alertmanager has two matcher parsers (github.com/prometheus/alertmanager at 68fb2d5759b3):
 *
 * - the classic one, pkg/labels/parse.go (`labels.ParseMatchers`), the only one of 0.25 and 0.26:
 *   the text split on the commas outside double quotes (a `\"` does not open or close them), one
 *   leading `{` and one trailing `}` dropped, a trailing comma allowed; each part
 *   `<name> <op> <value>` with the name in [a-zA-Z_:][a-zA-Z0-9_:]*, the value quoted or not
 *   (spaces around it trimmed), `\\`, `\"` and `\n` its only escapes (src/model/routing.ts's
 *   unquoteMatcherValue);
 * - the UTF-8 one, matcher/parse (lexer.go, parse.go, token.go; `matchers/parse` in 0.27): tokens
 *   `{ } , = != =~ !~`, double-quoted text (read as a Go string literal: `\t`, `\x41`, `\u00e9`,
 *   … are escapes, an unknown escape is an error) and unquoted text (a run of anything but
 *   white space and `{}!=~,\"'` and a backtick), white space between tokens ignored; names may be
 *   any non-empty UTF-8 text (`"service.name"="api"`, and unquoted `service.name=api` too).
 *
 * From 0.27 on (0.27.0 / 2024-02-28: "[FEATURE] UTF-8 Support: Introduction of support for any UTF-8
 * character as part of label names and matchers. #3453, #3483, #3567, #3570"), a config's matchers
 * are read by matcher/compat's fallback parser unless a feature flag says otherwise: when the
 * classic parser accepts the text its reading is kept (also where the UTF-8 one reads it otherwise,
 * a "disagreement"), else the UTF-8 parser's. So the classic reading is what every release reads
 * wherever it accepts the text, and a text only the UTF-8 parser accepts needs 0.27.
 * `--enable-feature=utf8-strict-mode` reads with the UTF-8 parser alone; where that reading differs,
 * the caller says so.
 */
import type { AlertMatcherModel } from '../../model/alertmanager.js';
import { MATCH_OPS, type MatchOp } from '../../api/selector.js';
import { matcherRegex, unquoteMatcherValue } from '../../model/routing.js';

export type ParsedMatchers =
  | {
      ok: true;
      matchers: AlertMatcherModel[];
      /** Set when only the UTF-8 parser (Alertmanager 0.27 and later) accepts the text. */
      utf8?: true;
      /** Set when the classic reading was kept and the UTF-8 parser alone (utf8-strict-mode) reads the text otherwise. */
      strictReading?: AlertMatcherModel[];
    }
  | { ok: false; error: string };

type Reading = { ok: true; matchers: AlertMatcherModel[] } | { ok: false; error: string };

/** A regex operator's value must compile (Go's RE2, anchored), as Alertmanager's labels.NewMatcher requires. */
function checked(matchers: AlertMatcherModel[]): Reading {
  for (const m of matchers) {
    if (m.op !== '=~' && m.op !== '!~') continue;
    const re = matcherRegex(m.value);
    if (!re.ok) return { ok: false, error: `invalid regular expression ${JSON.stringify(m.value)} in ${m.label}${m.op}: ${re.error}` };
  }
  return { ok: true, matchers };
}

// ---------------------------------------------------------------------------------------------
// The classic parser (pkg/labels/parse.go).

/** Go's regexp `\s` (RE2's Perl class): ASCII white space without the vertical tab. */
const CLASSIC_MATCHER = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

/**
 * The parts between the commas outside double quotes. A `"` opens or closes a quoted part unless a
 * backslash escapes it; a backslash escapes the next character (two escape each other); a comma
 * outside quotes leaves the escape state as it is, as the classic splitter does.
 */
function classicParts(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let escaped = false;
  for (const c of text) {
    if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }
    if (c === '"') {
      if (escaped) escaped = false;
      else quoted = !quoted;
    } else if (c === '\\') escaped = !escaped;
    else if (c !== ',') escaped = false;
    current += c;
  }
  // The last part only when it holds more than white space (a trailing comma is allowed).
  if (current.trim() !== '') parts.push(current);
  return parts;
}

/** One `matchers:` entry as Alertmanager 0.25's labels.ParseMatchers reads it. */
export function parseClassicMatchers(text: string): Reading {
  let body = text.startsWith('{') ? text.slice(1) : text;
  if (body.endsWith('}')) body = body.slice(0, -1);
  const matchers: AlertMatcherModel[] = [];
  for (const part of classicParts(body)) {
    const m = CLASSIC_MATCHER.exec(part);
    if (!m) return { ok: false, error: `"${part.trim()}" is not a label matcher (label, one of ${MATCH_OPS.join(' ')}, value)` };
    const value = unquoteMatcherValue(m[3]!);
    if (value === undefined) return { ok: false, error: `the value of "${part.trim()}" is not a well-quoted string` };
    matchers.push({ label: m[1]!, op: m[2] as MatchOp, value });
  }
  return checked(matchers);
}

// ---------------------------------------------------------------------------------------------
// The UTF-8 parser (matcher/parse).

/** Go's unicode.IsSpace. */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;
const isReserved = (c: string) => GO_SPACE.test(c) || '{}!=~,\\"\'`'.includes(c);

type Token = { kind: '{' | '}' | ',' | MatchOp | 'quoted' | 'unquoted'; text: string };

function lex(text: string): { ok: true; tokens: Token[] } | { ok: false; error: string } {
  const chars = [...text];
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === '{' || c === '}' || c === ',') {
      tokens.push({ kind: c, text: c });
      i++;
    } else if (c === '=' || c === '!') {
      const next = chars[i + 1];
      if (c === '!' && next !== '=' && next !== '~') return { ok: false, error: `"!" must be followed by "=" or "~"` };
      const op = (next === '~' || (c === '!' && next === '=') ? c + next : c) as MatchOp;
      tokens.push({ kind: op, text: op });
      i += op.length;
    } else if (c === '"') {
      let j = i + 1;
      let escaped = false;
      for (; j < chars.length; j++) {
        if (escaped) escaped = false;
        else if (chars[j] === '\\') escaped = true;
        else if (chars[j] === '"') break;
      }
      if (j >= chars.length) return { ok: false, error: `${chars.slice(i).join('')}: missing the closing "` };
      tokens.push({ kind: 'quoted', text: chars.slice(i, j + 1).join('') });
      i = j + 1;
    } else if (GO_SPACE.test(c)) i++;
    else if (isReserved(c)) return { ok: false, error: `"${c}" is not allowed outside double quotes` };
    else {
      let j = i;
      while (j < chars.length && !isReserved(chars[j]!)) j++;
      tokens.push({ kind: 'unquoted', text: chars.slice(i, j).join('') });
      i = j;
    }
  }
  return { ok: true, tokens };
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/**
 * A double-quoted token as Go's strconv.Unquote reads it, then checked to be UTF-8 text: undefined
 * when either refuses it (a raw newline, an unknown escape such as `\d` or `\'`, `\x`/octal bytes
 * that are no UTF-8, a `\u` surrogate).
 */
export function unquoteGoString(token: string): string | undefined {
  const body = [...token.slice(1, -1)];
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const pushText = (s: string) => bytes.push(...encoder.encode(s));
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\n') return undefined;
    if (c !== '\\') {
      pushText(c);
      continue;
    }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (e in SIMPLE_ESCAPES) bytes.push(SIMPLE_ESCAPES[e]!);
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n).join('');
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      i += n;
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
      else pushText(String.fromCodePoint(v));
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3).join('');
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      i += 2;
      bytes.push(parseInt(oct, 8));
    } else return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

function tokenText(t: Token): string | undefined {
  return t.kind === 'quoted' ? unquoteGoString(t.text) : t.text;
}

/** One `matchers:` entry as Alertmanager's UTF-8 matcher parser (0.27 and later) reads it. */
export function parseUtf8Matchers(text: string): Reading {
  const lexed = lex(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.tokens;
  let at = 0;
  const braced = tokens[0]?.kind === '{';
  if (braced) at++;
  const matchers: AlertMatcherModel[] = [];
  const isText = (t: Token | undefined) => t?.kind === 'quoted' || t?.kind === 'unquoted';
  while (at < tokens.length && tokens[at]!.kind !== '}') {
    const [name, op, value] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    if (!isText(name)) return { ok: false, error: `expected a label name, found "${name!.text}"` };
    if (!op || !(MATCH_OPS as readonly string[]).includes(op.kind)) return { ok: false, error: `expected one of ${MATCH_OPS.join(' ')} after ${name!.text}` };
    if (!isText(value)) return { ok: false, error: `expected a value after ${name!.text}${op.text}` };
    const label = tokenText(name!);
    const read = tokenText(value!);
    if (label === undefined || read === undefined) return { ok: false, error: `${label === undefined ? name!.text : value!.text} is not a valid double-quoted string (Go syntax)` };
    matchers.push({ label, op: op.kind as MatchOp, value: read });
    at += 3;
    const next = tokens[at];
    if (next === undefined || next.kind === '}') break;
    if (next.kind !== ',') return { ok: false, error: `expected a comma or "}", found "${next.text}"` };
    at++;
  }
  const close = tokens[at]?.kind === '}';
  if (braced !== close) return { ok: false, error: braced ? 'expected a closing "}"' : 'a "}" without an opening "{"' };
  if (close) at++;
  if (at < tokens.length) return { ok: false, error: `expected the end, found "${tokens[at]!.text}"` };
  return checked(matchers);
}

// ---------------------------------------------------------------------------------------------

const sameReading = (a: readonly AlertMatcherModel[], b: readonly AlertMatcherModel[]) =>
  a.length === b.length && a.every((m, i) => m.label === b[i]!.label && m.op === b[i]!.op && m.value === b[i]!.value);

/**
 * One entry of a `matchers:` list (which may hold several matchers), as Alertmanager reads it: the
 * classic reading where the classic parser accepts the text (0.25 and later, and 0.27's fallback),
 * else the UTF-8 reading (`utf8`: 0.27 and later only).
 */
export function parseMatcherString(text: string): ParsedMatchers {
  const classic = parseClassicMatchers(text);
  const utf8 = parseUtf8Matchers(text);
  if (classic.ok) {
    return utf8.ok && !sameReading(classic.matchers, utf8.matchers) ? { ok: true, matchers: classic.matchers, strictReading: utf8.matchers } : { ok: true, matchers: classic.matchers };
  }
  if (utf8.ok) return { ok: true, matchers: utf8.matchers, utf8: true };
  return { ok: false, error: `${JSON.stringify(text)} is no matcher Alertmanager reads: ${classic.error} (classic parser); ${utf8.error} (UTF-8 parser, 0.27 and later)` };
}

/** What a config's matcher fields hold: the matchers read, and each `matchers` entry that was not read or reads otherwise in strict mode. */
export interface ReadMatchers {
  matchers: AlertMatcherModel[];
  /** Entries no parser accepts, by their index in the list. */
  refused: Array<{ index: number; text: string; error: string }>;
  /** Entries only Alertmanager 0.27's UTF-8 parser reads. */
  utf8: Array<{ index: number; text: string }>;
  /** Entries utf8-strict-mode reads otherwise than every other mode. */
  strict: Array<{ index: number; text: string; classic: AlertMatcherModel[]; reading: AlertMatcherModel[] }>;
}

/** A config's `matchers` list, plus the deprecated `match` (=) and `match_re` (=~) maps, in that order. */
export function readMatchers(list: unknown, match: unknown, matchRe: unknown): ReadMatchers {
  const read: ReadMatchers = { matchers: [], refused: [], utf8: [], strict: [] };
  for (const [index, entry] of (Array.isArray(list) ? list : []).entries()) {
    const text = String(entry);
    const parsed = parseMatcherString(text);
    if (!parsed.ok) {
      read.refused.push({ index, text, error: parsed.error });
      continue;
    }
    read.matchers.push(...parsed.matchers);
    if (parsed.utf8) read.utf8.push({ index, text });
    if (parsed.strictReading) read.strict.push({ index, text, classic: parsed.matchers, reading: parsed.strictReading });
  }
  for (const [label, value] of Object.entries(isMap(match) ? match : {})) read.matchers.push({ label, op: '=', value: String(value) });
  for (const [label, value] of Object.entries(isMap(matchRe) ? matchRe : {})) read.matchers.push({ label, op: '=~', value: String(value) });
  return read;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
