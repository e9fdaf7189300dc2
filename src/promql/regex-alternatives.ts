/**
 * The top-level alternatives of a PromQL regex matcher's value, and those of them that match none
 * of the values a label can take: `job=~"(shop|wrker)"`, `le=~"^(0.3|1)$"`. PromQL anchors a regex
 * at both ends, so `^`/`$` at the ends and a group around the whole change nothing; each
 * alternative is then a regex of its own, matched against the whole value.
 */

/** The regex of one alternative, anchored as PromQL anchors; undefined when JavaScript does not read it. */
function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 's');
  } catch {
    return undefined;
  }
}

/**
 * The parentheses and bars of a regex that structure it, each with its offset: what an escape
 * (`\(`) or a character class (`[(|]`, `[]|]`, `[^]|]`) holds is skipped.
 */
function* structure(pattern: string): Generator<{ at: number; c: '(' | ')' | '|' }> {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A `]` first in a class (after `^`) is one of its characters.
      if (pattern[i + 1] === ']' || (pattern[i + 1] === '^' && pattern[i + 2] === ']')) i += pattern[i + 1] === '^' ? 2 : 1;
    } else if (c === '(' || c === ')' || c === '|') yield { at: i, c };
  }
}

/** Where the group opened at offset 0 closes; -1 when it does not. */
function closingParen(pattern: string): number {
  let depth = 0;
  for (const { at, c } of structure(pattern)) {
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return at;
  }
  return -1;
}

/**
 * The alternatives at the top of a regex (`a|b(c|d)` → `a`, `b(c|d)`), after `^`/`$` at its ends
 * and groups around the whole are taken off. Undefined for a regex with flags or other `(?…)`
 * groups than `(?:…)` (a flag reaches past an alternative), or one JavaScript does not read.
 */
export function topAlternatives(pattern: string): string[] | undefined {
  if (/\(\?(?!:)/.test(pattern) || anchored(pattern) === undefined) return undefined;
  let body = pattern.startsWith('^') ? pattern.slice(1) : pattern;
  if (body.endsWith('$') && !body.endsWith('\\$')) body = body.slice(0, -1);
  for (;;) {
    const prefix = body.startsWith('(?:') ? 3 : body.startsWith('(') ? 1 : 0;
    if (prefix === 0 || closingParen(body) !== body.length - 1) break;
    body = body.slice(prefix, -1);
  }
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (const { at, c } of structure(body)) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0) {
      parts.push(body.slice(start, at));
      start = at + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.every((p) => anchored(p) !== undefined) ? parts : undefined;
}

/**
 * The alternatives of a regex that match none of `values` (the empty one, which matches a series
 * without the label, is left to the caller's judgement and never listed), with how many there are;
 * undefined when the regex's alternatives cannot be told apart (see topAlternatives).
 */
export function deadAlternatives(pattern: string, values: readonly string[]): { dead: string[]; count: number } | undefined {
  const parts = topAlternatives(pattern);
  if (!parts) return undefined;
  const dead = parts.filter((p) => {
    if (p === '') return false;
    const re = anchored(p)!;
    return !values.some((v) => re.test(v));
  });
  return { dead: [...new Set(dead)], count: parts.length };
}
