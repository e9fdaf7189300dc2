// matchesOf replaces String.prototype.matchAll in the checks' hot paths (speed, #16): the same
// matches (text, groups, index) in the same order, empty matches included, lastIndex left at 0.
import { describe, expect, it } from 'vitest';
import { matchesOf } from '../../src/lint/regex-matches.js';
import { referencedLabels } from '../../src/lint/alert-template-label-dropped.js';

const plain = (m: RegExpMatchArray) => ({ all: [...m], index: m.index, groups: m.groups });

describe('matchesOf', () => {
  it('gives what matchAll gives', () => {
    const cases: Array<[RegExp, string]> = [
      [/\$labels\.([A-Za-z_][A-Za-z0-9_]*)/g, '{{ $labels.a }} and {{ $labels.b_2 }} {{ $labels. }}'],
      [/\$([A-Za-z_]\w*)|\[\[([A-Za-z_]\w*?)(?::\w+)?\]\]/g, 'x{a="$job", b="[[v:csv]]"} $1'],
      [/(?<word>\w+)/g, 'one two  three'],
      [/x*/g, 'axxbx'],
      [/\p{L}*/gu, 'a😀bc😀'],
      [/z/g, 'no match here'],
      [/a/g, ''],
    ];
    for (const [pattern, text] of cases) {
      expect(matchesOf(pattern, text).map(plain), `${pattern} on ${text}`).toEqual([...text.matchAll(pattern)].map(plain));
      expect(pattern.lastIndex).toBe(0);
    }
  });

  it('leaves referencedLabels as it was', () => {
    expect(referencedLabels('{{ $labels.service }} on {{ .Labels.instance }}, {{ index $labels "pod" }} {{ $labels.service }}')).toEqual(['service', 'instance', 'pod']);
    expect(referencedLabels('no template')).toEqual([]);
  });
});
