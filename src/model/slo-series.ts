import { syntaxAlone, type SyntaxOf } from './promql-table.js';
import type { MatchOp } from '../api/selector.js';
import { compareCodeUnits } from '../text-order.js';

/**
 * The SLI's selectors as data, and concrete series for the generated tests: a series that a
 * selector selects (`code=~"5..|429"` → `code="500"`), and whether another selector selects it too
 * (errors and total on one metric: the error series counts in the total).
 */
export interface ParsedSelector {
  name: string;
  matchers: Array<{ label: string; op: MatchOp; value: string }>;
}

/** One plain selector (`name{…}`, no function, no range), or why not. `syntax`: the run's (src/model/promql-table.ts). */
export function parseSelector(text: string, syntax: SyntaxOf = syntaxAlone): ParsedSelector | { problem: string } {
  let analysis;
  try {
    analysis = syntax(text);
  } catch {
    return { problem: 'it does not parse' };
  }
  const [only, ...more] = analysis.selectors;
  if (!only || more.length > 0 || only.name === undefined) return { problem: 'it is not a selector of one metric' };
  if (text.slice(0, only.from).trim() !== '' || text.slice(only.to).trim() !== '' || only.range !== undefined) {
    return { problem: 'it is more than a selector (the rate and the window are added for you)' };
  }
  return { name: only.name, matchers: only.matchers.filter((m) => m.label !== '__name__').map(({ label, op, value }) => ({ label, op, value })) };
}

const anchored = (pattern: string): RegExp | undefined => {
  try {
    return new RegExp(`^(?:${pattern})$`, 's');
  } catch {
    return undefined;
  }
};

/**
 * A short string a regular expression matches, for the simple patterns selectors use (literals,
 * `.`, classes, groups with alternatives, `?`/`*`/`+`/`{n}`); undefined otherwise. The result is
 * checked against the pattern itself.
 */
export function regexExample(pattern: string): string | undefined {
  let i = 0;
  const alternatives = (): string | undefined => {
    const first = sequence();
    while (pattern[i] === '|') {
      i++;
      sequence();
    }
    return first;
  };
  const sequence = (): string | undefined => {
    let out = '';
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const atom = atomAt();
      if (atom === undefined) return undefined;
      const q = pattern[i];
      if (q === '?' || q === '*') {
        i++;
      } else if (q === '+') {
        i++;
        out += atom;
      } else if (q === '{') {
        const close = pattern.indexOf('}', i);
        const n = Number(pattern.slice(i + 1, close).split(',')[0]);
        if (close < 0 || !Number.isInteger(n)) return undefined;
        i = close + 1;
        out += atom.repeat(n);
      } else {
        out += atom;
      }
    }
    return out;
  };
  const atomAt = (): string | undefined => {
    const c = pattern[i]!;
    if (c === '(') {
      i++;
      if (pattern.startsWith('?:', i)) i += 2;
      const inner = alternatives();
      if (pattern[i] !== ')') return undefined;
      i++;
      return inner;
    }
    if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0 || pattern[i + 1] === '^') return undefined;
      const first = pattern[i + 1] === '\\' ? pattern[i + 2] : pattern[i + 1];
      i = close + 1;
      return first;
    }
    if (c === '\\') {
      const next = pattern[i + 1];
      i += 2;
      return next !== undefined && /[^a-zA-Z0-9]/.test(next) ? next : next === 'd' ? '0' : undefined;
    }
    if (c === '.') {
      i++;
      return '0';
    }
    if ('^$*+?{}'.includes(c)) return undefined;
    i++;
    return c;
  };
  const example = alternatives();
  if (example === undefined || i !== pattern.length) return undefined;
  return anchored(pattern)?.test(example) ? example : undefined;
}

function satisfies(value: string, op: MatchOp, target: string): boolean {
  switch (op) {
    case '=':
      return value === target;
    case '!=':
      return value !== target;
    case '=~':
      return anchored(target)?.test(value) ?? false;
    case '!~':
      return !(anchored(target)?.test(value) ?? true);
  }
  return false;
}

/** Values common in labels, tried after the selectors' own when a label needs one a matcher refuses or accepts. */
const COMMON_VALUES = ['500', '200', '404', '0', '1', 'a', 'x', 'other'];

/** Values worth trying for a label: the selectors' own values and examples of their patterns, common ones, then '' (the label absent). */
function candidates(label: string, selectors: readonly ParsedSelector[]): string[] {
  const own = selectors.flatMap((s) => s.matchers.filter((m) => m.label === label)).map((m) => (m.op === '=' || m.op === '!=' ? m.value : regexExample(m.value)));
  return [...new Set([...own.filter((v): v is string => v !== undefined), ...COMMON_VALUES, ''])];
}

const accepts = (selector: ParsedSelector, label: string, value: string) =>
  selector.matchers.every((m) => m.label !== label || satisfies(value, m.op, m.value));

/**
 * Labels of one series the selector selects and `excluded` (another selector, of the same metric
 * or not) does not, or undefined when none can be written. Any matcher works on either side: a
 * label only negated (`code!~"2..|3.."`) gets a value it accepts (`500`) rather than none, as the
 * series it stands for has; the series kept from `excluded` gets a value that selector refuses
 * (`code="200"`).
 */
export function concreteSeries(selector: ParsedSelector, excluded?: ParsedSelector): Record<string, string> | undefined {
  const against = excluded && excluded.name === selector.name ? excluded : undefined;
  const all = [selector, ...(against ? [against] : [])];
  const labels: Record<string, string> = {};
  const options = new Map<string, string[]>();
  for (const label of new Set(all.flatMap((s) => s.matchers.map((m) => m.label)))) {
    const fits = candidates(label, all).filter((v) => accepts(selector, label, v));
    if (fits.length === 0) return undefined;
    options.set(label, fits);
    const own = selector.matchers.filter((m) => m.label === label);
    // Labels the selector does not name stay absent; a label it only negates gets a value.
    const value = own.length === 0 ? '' : own.some((m) => m.op === '=' || m.op === '=~') ? fits[0]! : (fits.find((v) => v !== '') ?? '');
    if (value !== '') labels[label] = value;
  }
  if (!selects(selector, selector.name, labels)) return undefined;
  if (!against || !selects(against, selector.name, labels)) return labels;
  // One label changed to a value this selector accepts and the excluded one refuses.
  for (const [label, fits] of options) {
    const value = fits.find((v) => !accepts(against, label, v));
    if (value === undefined) continue;
    const changed = { ...labels };
    if (value === '') delete changed[label];
    else changed[label] = value;
    if (selects(selector, selector.name, changed) && !selects(against, selector.name, changed)) return changed;
  }
  return undefined;
}

export function selects(selector: ParsedSelector, name: string, labels: Record<string, string>): boolean {
  return selector.name === name && selector.matchers.every((m) => satisfies(labels[m.label] ?? '', m.op, m.value));
}

/** `name{a="x", b="y"}` with the labels sorted, as promtool input. */
export function seriesText(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => compareCodeUnits(a, b));
  return entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}
