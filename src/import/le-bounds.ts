/**
 * The bucket bounds a histogram's `le` matcher names, for the import: a histogram inferred from
 * the rules gets them on top of the client libraries' default buckets, so that the rules select
 * buckets the imported histogram has (promql/histogram-bucket). `le="0.3"` names 0.3; `le=~"…"`
 * names every number each alternative of the regex can match, where what it matches is a short
 * finite list (`30(\.0)?` → 30, `0.3|1` → 0.3 and 1, `1[05]` → 10 and 15); an open-ended
 * alternative (`0\.[0-9]+`, `.*`) names none. `+Inf` is every histogram's, and `!=`/`!~` name what
 * the rule excludes, not what the histogram has: none. An unescaped `.` is read as the decimal
 * point it is written for (`0.3` is meant as `0\.3`), so that each number is the one the
 * author wrote.
 */
import { topAlternatives } from '../promql/regex-alternatives.js';

/** A number as a label value can write it in decimal (`30`, `30.0`, `.5`, `1e3`): Go's and the clients' forms. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The most texts one alternative may stand for before it counts as open-ended. */
const MAX_TEXTS = 256;

/** The number a label value writes, or undefined (`+Inf`, `abc`, the empty text). */
export function boundOf(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

class Open extends Error {}

/** The texts a regex (a small subset: literals, escapes, groups, `|`, `?`, `{n}`, classes) matches whole; throws Open otherwise. */
function texts(pattern: string): string[] {
  let i = 0;
  const limit = (list: string[]) => {
    if (list.length > MAX_TEXTS) throw new Open();
    return list;
  };
  const product = (a: string[], b: string[]) => limit(a.flatMap((x) => b.map((y) => x + y)));
  const escaped = (c: string | undefined): string[] => {
    if (c === undefined) throw new Open();
    if (c === 'd') return [...'0123456789'];
    if (/[A-Za-z0-9]/.test(c)) throw new Open(); // \w, \s, \b, \x…: not a short list of texts
    return [c];
  };
  const charClass = (): string[] => {
    // At the `[`.
    i++;
    if (pattern[i] === '^') throw new Open();
    const chars = new Set<string>();
    let first = true;
    while (i < pattern.length && (pattern[i] !== ']' || first)) {
      first = false;
      let c = pattern[i++]!;
      if (c === '\\') {
        const e = escaped(pattern[i++]);
        if (e.length > 1) {
          for (const x of e) chars.add(x);
          continue;
        }
        c = e[0]!;
      }
      if (pattern[i] === '-' && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
        const to = pattern[i + 1] === '\\' ? escaped(pattern[i + 2])[0]! : pattern[i + 1]!;
        i += pattern[i + 1] === '\\' ? 3 : 2;
        for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) chars.add(String.fromCharCode(code));
      } else chars.add(c);
      if (chars.size > 32) throw new Open();
    }
    if (pattern[i] !== ']') throw new Open();
    i++;
    return [...chars];
  };
  const atom = (): string[] => {
    const c = pattern[i]!;
    if (c === '(') {
      i += pattern.startsWith('(?:', i) ? 3 : 1;
      if (pattern[i] === '?') throw new Open(); // flags, named groups, lookarounds
      const inner = alternation();
      if (pattern[i] !== ')') throw new Open();
      i++;
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '\\') {
      i += 2;
      return escaped(pattern[i - 1]);
    }
    i++;
    if (c === '^' || c === '$') return ['']; // PromQL anchors the whole regex: at its ends they change nothing
    if (c === '.') return ['.']; // the decimal point it is written for
    if (c === '*' || c === '+' || c === '{' || c === '?') throw new Open();
    return [c];
  };
  const sequence = (): string[] => {
    let out = [''];
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      let part = atom();
      const q = pattern[i];
      if (q === '?') {
        i++;
        if (pattern[i] === '?') i++;
        part = ['', ...part];
      } else if (q === '{') {
        const m = /^\{(\d+)\}/.exec(pattern.slice(i));
        if (!m || Number(m[1]) > 4) throw new Open();
        i += m[0].length;
        let repeated = [''];
        for (let n = 0; n < Number(m[1]); n++) repeated = product(repeated, part);
        part = repeated;
      } else if (q === '*' || q === '+') throw new Open();
      out = product(out, part);
    }
    return out;
  };
  const alternation = (): string[] => {
    const out = sequence();
    while (pattern[i] === '|') {
      i++;
      out.push(...sequence());
      limit(out);
    }
    return out;
  };
  const all = alternation();
  if (i !== pattern.length) throw new Open();
  return all;
}

/** The finite bounds an `le` matcher names, sorted, without repeats (see the file comment). */
export function leBounds(matcher: { op: string; value: string }): number[] {
  const bounds = new Set<number>();
  if (matcher.op === '=') {
    const b = boundOf(matcher.value);
    if (b !== undefined) bounds.add(b);
  } else if (matcher.op === '=~') {
    // Each top-level alternative alone: an open-ended one names nothing, the others still do.
    for (const alternative of topAlternatives(matcher.value) ?? [matcher.value]) {
      let matched: string[];
      try {
        matched = texts(alternative);
      } catch (error) {
        if (error instanceof Open) continue;
        throw error;
      }
      for (const text of matched) {
        const b = boundOf(text);
        if (b !== undefined) bounds.add(b);
      }
    }
  }
  return [...bounds].map((b) => (Object.is(b, -0) ? 0 : b)).sort((a, b) => a - b);
}
