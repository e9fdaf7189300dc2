// The secrets scan's candidate test is guarded by a lookahead on the alternatives' first
// characters (speed, #16). It must find exactly what the plain alternation finds: every
// alternative starts with a character of the guard (one sample per alternative, per first
// character), and both find the same matches at the same places in texts holding them all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANDIDATE_FIRST, CANDIDATES, GUARDED_CANDIDATES } from '../../src/secrets/detect.js';

/** The top-level alternatives of a regex source. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      current += c + source[++i];
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  out.push(current);
  return out;
}

// For each alternative in order: a match for each character it can start with.
const SAMPLES: string[][] = [
  ['://'], ['?a=', '&a=', ';a=', '#a='], ['%3D', '%253d', '%40', '%3A%2F', '%253a%252f'], ['xox'], ['xapp-'], ['hooks'], ['discord'], ['webhook'], ['pagerduty'], ['victorops'], ['webexapis'], ['outlook.office'], ['ghp_'], ['github_pat_'],
  ['glpat-'], ['glsa_'], ['glc_'], ['eyJ'], ['AKIA'], ['AIza'], ['_live_'], ['npm_'], ['SG.'], [':A'], ['Bearer', 'bearer'], ['Basic'],
  ['-----BEGIN'], ['Pass', 'pass'], ['PASS'], ['Secret', 'secret'], ['SECRET'], ['Token', 'token'], ['TOKEN'], ['Key', 'key'], ['KEY'],
  ['Credential', 'credential'], ['CREDENTIAL'], ['@'],
];

function matches(source: string, text: string): Array<[number, string]> {
  return [...text.matchAll(new RegExp(source, 'g'))].map((m) => [m.index, m[0]]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('the guarded candidate test', () => {
  it('guards every alternative: each starts with a character of CANDIDATE_FIRST', () => {
    const alts = alternatives(CANDIDATES);
    expect(alts).toHaveLength(SAMPLES.length);
    const first = new RegExp(`^[${CANDIDATE_FIRST}]`);
    alts.forEach((alt, i) => {
      for (const sample of SAMPLES[i]!) {
        expect(new RegExp(`^(?:${alt})`).test(sample), `${sample} for ${alt}`).toBe(true);
        expect(first.test(sample), `${sample} starts with a guarded character`).toBe(true);
      }
    });
  });

  it('finds the same matches as the plain alternation, in samples and in generated files', () => {
    const all = SAMPLES.flat();
    const texts = [
      all.join(' '),
      all.join(''),
      all.map((s) => `x ${s} y`).join('\n'),
      'plain text with nothing to see',
      'https://user:pw@example.com/hook?token=abc&key=1',
      ...filesUnder(path.resolve('out')).map((f) => readFileSync(f, 'utf8')),
    ];
    for (const text of texts) expect(matches(GUARDED_CANDIDATES, text)).toEqual(matches(CANDIDATES, text));
  });
});
