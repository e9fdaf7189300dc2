/**
 * Every string an anchored PromQL regex (`__name__=~"a|b"`) matches, when they are few and the
 * regex says so plainly: literals, escaped punctuation, groups, alternation, `?`, bounded `{n,m}`
 * and small character classes (`[ab]`, `[0-9]`). Anything else (`.`, `*`, `+`, `\d`, negated
 * classes, flags, …) may match names nobody listed: undefined, and the caller stays quiet.
 */
import { RE2JS } from 're2js';

/** The most strings enumerated: beyond, a regex is not a list of names. */
const LIMIT = 256;

class Unsupported extends Error {}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  peek(): string | undefined {
    return this.text[this.pos];
  }
  next(): string {
    const c = this.text[this.pos];
    if (c === undefined) throw new Unsupported();
    this.pos++;
    return c;
  }
}

function product(a: string[], b: string[]): string[] {
  if (a.length * b.length > LIMIT) throw new Unsupported();
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

function union(parts: string[][]): string[] {
  const all = [...new Set(parts.flat())];
  if (all.length > LIMIT) throw new Unsupported();
  return all;
}

/** alternation := concatenation ('|' concatenation)* */
function alternation(r: Reader): string[] {
  const parts = [concatenation(r)];
  while (r.peek() === '|') {
    r.next();
    parts.push(concatenation(r));
  }
  return union(parts);
}

function concatenation(r: Reader): string[] {
  let strings = [''];
  for (let c = r.peek(); c !== undefined && c !== '|' && c !== ')'; c = r.peek()) strings = product(strings, repeated(r));
  return strings;
}

/** An atom with its quantifier: `?` and `{n}`/`{n,m}` keep the language finite; `*`, `+`, `{n,}` do not. */
function repeated(r: Reader): string[] {
  const one = atom(r);
  let min = 1;
  let max = 1;
  const c = r.peek();
  if (c === '?') {
    r.next();
    min = 0;
  } else if (c === '*' || c === '+') {
    throw new Unsupported();
  } else if (c === '{') {
    const bounds = /^\{(\d+)(?:,(\d+))?\}/.exec(r.text.slice(r.pos));
    if (!bounds) throw new Unsupported(); // `{n,}` or not a repetition at all
    r.pos += bounds[0].length;
    min = Number(bounds[1]);
    max = bounds[2] !== undefined ? Number(bounds[2]) : min;
    if (max < min || max > 8) throw new Unsupported();
  } else {
    return one;
  }
  if (r.peek() === '?') r.next(); // non-greedy: the same strings
  const options: string[][] = [];
  let times = [''];
  for (let n = 0; n <= max; n++) {
    if (n >= min) options.push(times);
    if (n < max) times = product(times, one);
  }
  return union(options);
}

function atom(r: Reader): string[] {
  const c = r.next();
  switch (c) {
    case '(': {
      if (r.peek() === '?') {
        r.next();
        if (r.next() !== ':') throw new Unsupported(); // flags, named groups
      }
      const inner = alternation(r);
      if (r.next() !== ')') throw new Unsupported();
      return inner;
    }
    case '[':
      return characterClass(r);
    case '\\':
      return [escaped(r)];
    case '.':
    case '^':
    case '$':
    case '*':
    case '+':
    case '?':
    case '{':
    case ')':
    case ']':
      throw new Unsupported();
    default:
      return [c];
  }
}

/** `\.`, `\-`…: punctuation stands for itself; `\d`, `\w`, `\b`, `\x41`… are not read here. */
function escaped(r: Reader): string {
  const c = r.next();
  if (/[A-Za-z0-9]/.test(c)) throw new Unsupported();
  return c;
}

function characterClass(r: Reader): string[] {
  if (r.peek() === '^' || r.peek() === '[' || r.peek() === ']') throw new Unsupported();
  const chars = new Set<string>();
  for (let c = r.next(); c !== ']'; c = r.next()) {
    const from = c === '\\' ? escaped(r) : c;
    if (r.peek() === '-' && r.text[r.pos + 1] !== ']') {
      r.next();
      const t = r.next();
      const to = t === '\\' ? escaped(r) : t;
      const a = from.codePointAt(0)!;
      const b = to.codePointAt(0)!;
      if (b < a || b - a > 64) throw new Unsupported();
      for (let p = a; p <= b; p++) chars.add(String.fromCodePoint(p));
    } else {
      chars.add(from);
    }
  }
  return [...chars];
}

/**
 * The strings an anchored regex matches, or undefined when they cannot be listed (see above). `^`
 * at the start and `$` at the end are allowed: PromQL anchors anyway. Each string is checked against
 * RE2, as Prometheus runs the regex.
 */
export function finiteMatches(pattern: string): string[] | undefined {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(`^(?:${pattern})$`); // as model/re2.ts, which promql/ does not import
  } catch {
    return undefined;
  }
  const body = pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  const reader = new Reader(body);
  let strings: string[];
  try {
    strings = alternation(reader);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  if (reader.pos !== body.length) return undefined; // an unmatched `)`
  return strings.every((s) => compiled.matches(s)) ? strings : undefined;
}

/** A `__name__` matcher, as a selector's are recorded. */
interface NameMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** Whether a matcher accepts a name, read as Prometheus reads it (RE2, anchored); undefined when its regex does not compile. */
function accepts(m: NameMatcher, name: string): boolean | undefined {
  if (m.op === '=') return name === m.value;
  if (m.op === '!=') return name !== m.value;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(`^(?:${m.value})$`);
  } catch {
    return undefined;
  }
  return compiled.matches(name) === (m.op === '=~');
}

/**
 * The names a selector without a plain name selects when its `__name__=~"…"` regex lists them
 * (`{__name__=~"a|b"}`, `"http_(requests|errors)_total"`), narrowed by its other `__name__`
 * matchers: sorted, with the regex as written. Undefined when no such regex lists them (`.*`), or
 * none is left.
 */
export function finiteNames(matchers: readonly NameMatcher[]): { names: string[]; regex: string } | undefined {
  const nameMatchers = matchers.filter((m) => m.label === '__name__');
  const regex = nameMatchers.find((m) => m.op === '=~');
  const listed = regex ? finiteMatches(regex.value) : undefined;
  if (!regex || !listed) return undefined;
  const names = listed.filter((n) => nameMatchers.every((m) => accepts(m, n) === true)).sort();
  return names.length > 0 ? { names, regex: regex.value } : undefined;
}
