/**
 * Strings a regex (RE2 syntax, as Alertmanager's matchers use) is likely to match: one per
 * top-level alternative, inner groups taking their first alternative, each quantified atom
 * repeated its minimum number of times (at least once for `*` and `?` as a second guess). These are
 * only candidates: the caller keeps the ones the anchored regex really matches.
 */

/** The sample of one escape: `\d` → `0`, `\.` → `.`. */
function escapeSample(c: string): string {
  return ({ d: '0', D: 'x', w: 'a', W: '-', s: ' ', S: 'x', b: '', B: '' } as Record<string, string>)[c] ?? c;
}

/** A character class's sample: its first character (or a letter outside a negated class). */
function classSample(body: string): string {
  if (body.startsWith('^')) {
    const excluded = body.slice(1);
    return ['x', 'a', '0', '-', 'Z'].find((c) => !excluded.includes(c)) ?? 'x';
  }
  if (body.startsWith('[:')) return /alpha|lower|word|alnum/.test(body) ? 'a' : /digit/.test(body) ? '0' : 'x';
  if (body.startsWith('\\')) return escapeSample(body[1] ?? 'x');
  return body[0] ?? 'x';
}

interface Parser {
  text: string;
  at: number;
}

/** Until `)` or the end: the alternatives, each sampled. */
function alternatives(p: Parser, minimal: boolean): string[] {
  const alts: string[] = [];
  let current = '';
  let last = '';
  const push = (s: string) => {
    current += s;
    last = s;
  };
  while (p.at < p.text.length) {
    const c = p.text[p.at]!;
    if (c === ')') break;
    p.at++;
    if (c === '|') {
      alts.push(current);
      current = '';
      last = '';
    } else if (c === '\\') {
      push(escapeSample(p.text[p.at] ?? ''));
      p.at++;
    } else if (c === '[') {
      let end = p.at;
      if (p.text[end] === '^') end++;
      if (p.text[end] === ']') end++;
      while (end < p.text.length && p.text[end] !== ']') end += p.text[end] === '\\' ? 2 : 1;
      push(classSample(p.text.slice(p.at, end)));
      p.at = end + 1;
    } else if (c === '(') {
      if (p.text[p.at] === '?') {
        // (?:…), (?i:…), (?P<name>…): skip to the group's body.
        const colon = p.text.indexOf(':', p.at);
        const close = p.text.indexOf(')', p.at);
        const named = p.text.startsWith('?P<', p.at) ? p.text.indexOf('>', p.at) + 1 : -1;
        if (named > 0) p.at = named;
        else if (colon >= 0 && (close < 0 || colon < close)) p.at = colon + 1;
        else {
          p.at = close + 1; // a flag group `(?i)`: nothing to match
          continue;
        }
      }
      const inner = alternatives(p, minimal);
      p.at++; // ')'
      push(inner[0] ?? '');
    } else if (c === '*' || c === '?') {
      if (p.text[p.at] === '?') p.at++;
      if (minimal) current = current.slice(0, current.length - last.length);
      last = '';
    } else if (c === '+') {
      if (p.text[p.at] === '?') p.at++;
    } else if (c === '{') {
      const end = p.text.indexOf('}', p.at);
      const min = Number(p.text.slice(p.at, end).split(',')[0]);
      p.at = end + 1;
      if (Number.isInteger(min)) current = current.slice(0, current.length - last.length) + last.repeat(min);
    } else if (c === '.') push('x');
    else if (c === '^' || c === '$') continue;
    else push(c);
  }
  alts.push(current);
  return alts;
}

/** Candidate strings for the regex, most likely first, without repeats. */
export function regexSamples(pattern: string): string[] {
  const out: string[] = [];
  for (const minimal of [true, false]) out.push(...alternatives({ text: pattern, at: 0 }, minimal));
  return [...new Set(out)];
}
