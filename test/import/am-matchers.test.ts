import { describe, expect, it } from 'vitest';
import { parseMatcherString, readMatchers } from '../../src/import/alertmanager/matchers.js';
import { regexSamples } from '../../src/import/alertmanager/regex-sample.js';
import { valueFor } from '../../src/import/alertmanager/routing-tests.js';

describe("Alertmanager's matcher strings", () => {
  it('reads quoted and unquoted values, every operator, several matchers in one string and braces', () => {
    expect(parseMatcherString('severity="critical"')).toEqual({ ok: true, matchers: [{ label: 'severity', op: '=', value: 'critical' }] });
    expect(parseMatcherString(' team =~ ops|dev ')).toEqual({ ok: true, matchers: [{ label: 'team', op: '=~', value: 'ops|dev' }] });
    expect(parseMatcherString('{a!="x, y", b!~"z\\"q"}')).toEqual({
      ok: true,
      matchers: [
        { label: 'a', op: '!=', value: 'x, y' },
        { label: 'b', op: '!~', value: 'z"q' },
      ],
    });
  });

  it('refuses what is no matcher, saying which', () => {
    expect(parseMatcherString('severity critical')).toEqual({ ok: false, error: expect.stringContaining('"severity critical" is not a label matcher') });
    expect(parseMatcherString('a="unterminated')).toEqual({ ok: false, error: expect.stringContaining('not a well-quoted string') });
  });

  it('turns the deprecated match (=) and match_re (=~) maps into matchers, after the list', () => {
    expect(readMatchers(['a="1"'], { b: '2' }, { c: '3|4' })).toEqual({
      refused: [],
      utf8: [],
      strict: [],
      matchers: [
        { label: 'a', op: '=', value: '1' },
        { label: 'b', op: '=', value: '2' },
        { label: 'c', op: '=~', value: '3|4' },
      ],
    });
  });
});

describe('label values for routing tests', () => {
  it('samples a regex: alternatives, groups, classes, escapes and quantifiers', () => {
    expect(regexSamples('^(database|cache)$')[0]).toBe('database');
    expect(regexSamples('web-[0-9]+\\.prod')).toContain('web-0.prod');
    expect(regexSamples('(?:eu|us)-.*')).toContain('eu-');
  });

  it('finds a value every matcher on the label accepts, or the label absent, or none', () => {
    expect(valueFor('service', [{ label: 'service', op: '=~', value: 'web.*' }, { label: 'service', op: '!=', value: 'web' }])).toBe('webx');
    expect(valueFor('env', [{ label: 'env', op: '!=', value: 'staging' }])).toBe('');
    expect(valueFor('env', [{ label: 'env', op: '!~', value: '.*' }])).toBeUndefined();
    expect(valueFor('env', [{ label: 'env', op: '=', value: 'a' }, { label: 'env', op: '=', value: 'b' }])).toBeUndefined();
  });
});
