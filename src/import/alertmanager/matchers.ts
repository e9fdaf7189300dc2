/**
 * Alertmanager's label matchers as a config writes them, read into `{ label, op, value }`:
 * the `matchers:` lists (`severity="critical"`, `team=~"a|b"`, unquoted values, several matchers
 * in one string, `{…}` braces: Alertmanager 0.25's `labels.ParseMatchers`), and the deprecated
 * `match:` / `match_re:` maps (equality, anchored regex) turned into the same.
 */
import type { AlertMatcherModel } from '../../model/alertmanager.js';
import { MATCH_OPS, type MatchOp } from '../../api/selector.js';
import { unquoteMatcherValue } from '../../model/routing.js';

const MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|!=|!~|=)\s*([\s\S]*?)\s*$/;

/** Splits `a="x", b=~"y,z"` on the commas outside quotes. */
function splitMatchers(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quoted) {
      current += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.filter((p) => p.trim() !== '');
}

export type ParsedMatchers = { ok: true; matchers: AlertMatcherModel[] } | { ok: false; error: string };

/** One entry of a `matchers:` list (which may hold several matchers). */
export function parseMatcherString(text: string): ParsedMatchers {
  let body = text.trim();
  if (body.startsWith('{') && body.endsWith('}')) body = body.slice(1, -1);
  const matchers: AlertMatcherModel[] = [];
  for (const part of splitMatchers(body)) {
    const m = MATCHER.exec(part);
    if (!m) return { ok: false, error: `"${text}" is not a label matcher (label, one of ${MATCH_OPS.join(' ')}, value)` };
    // Alertmanager's own unescaping (`\d` stays `\d`), quoted or not.
    const value = unquoteMatcherValue(m[3]!);
    if (value === undefined) return { ok: false, error: `the value of "${part.trim()}" is not a well-quoted string` };
    matchers.push({ label: m[1]!, op: m[2] as MatchOp, value });
  }
  return { ok: true, matchers };
}

/** A config's `matchers` list, plus the deprecated `match` (=) and `match_re` (=~) maps, in that order. */
export function readMatchers(
  list: unknown,
  match: unknown,
  matchRe: unknown,
): ParsedMatchers {
  const matchers: AlertMatcherModel[] = [];
  for (const entry of Array.isArray(list) ? list : []) {
    const parsed = parseMatcherString(String(entry));
    if (!parsed.ok) return parsed;
    matchers.push(...parsed.matchers);
  }
  for (const [label, value] of Object.entries(isMap(match) ? match : {})) matchers.push({ label, op: '=', value: String(value) });
  for (const [label, value] of Object.entries(isMap(matchRe) ? matchRe : {})) matchers.push({ label, op: '=~', value: String(value) });
  return { ok: true, matchers };
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
