// variableRefs skips the regex for a text with neither `$` nor `[[` (speed, #16): the same
// references as the regex on every text, those included.
import { describe, expect, it } from 'vitest';
import { variableRefs } from '../../src/lint/dashboard-variables.js';

const REFERENCE = /\$([A-Za-z_]\w*)|\[\[([A-Za-z_]\w*?)(?::\w+)?\]\]|\$\{([A-Za-z_]\w*)(?:\.[^:}]+)?(?::[^}]+)?\}/g;
const byRegex = (text: string) => [...text.matchAll(REFERENCE)].map((m) => ({ name: (m[1] ?? m[2] ?? m[3])!, from: m.index, to: m.index + m[0].length }));

describe('variableRefs', () => {
  it('finds what the regex finds, with or without a `$` or `[[` in the text', () => {
    const texts = [
      '',
      'Requests per second',
      '{{service}} p99',
      'sum(rate(http_requests_total{job="api"}[5m]))',
      'rate(x[$__rate_interval])',
      'up{job="$job", instance=~"${instance:regex}"}',
      'x{a="[[var]]", b="[[var:csv]]"}',
      '${svc.name} and $1 and $$ and ${} and [[1x]] and [ [x]]',
      'label_replace(up, "a", "$1", "b", "(.*)")',
      'a [[ b',
      'price: 5$',
    ];
    for (const text of texts) expect(variableRefs(text), text).toEqual(byRegex(text));
    expect(variableRefs('Requests per second')).toEqual([]);
    expect(variableRefs('up{job="$job"}').map((r) => r.name)).toEqual(['job']);
    expect(variableRefs('x{a="[[var]]"}').map((r) => r.name)).toEqual(['var']);
  });
});
