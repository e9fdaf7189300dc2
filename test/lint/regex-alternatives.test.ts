import { describe, expect, it } from 'vitest';
import { deadAlternatives, topAlternatives } from '../../src/promql/regex-alternatives.js';

describe('topAlternatives', () => {
  it('splits at the top level only, after anchors and groups around the whole', () => {
    expect(topAlternatives('a|b')).toEqual(['a', 'b']);
    expect(topAlternatives('^(a|b)$')).toEqual(['a', 'b']);
    expect(topAlternatives('(?:(a|b))')).toEqual(['a', 'b']);
    expect(topAlternatives('(a|b)-c|d')).toEqual(['(a|b)-c', 'd']);
    expect(topAlternatives('(a)|(b)')).toEqual(['(a)', '(b)']);
    expect(topAlternatives('[|]|x\\|y')).toEqual(['[|]', 'x\\|y']);
    expect(topAlternatives('a\\$')).toEqual(['a\\$']);
  });

  it('gives up on flags and on what JavaScript does not read', () => {
    expect(topAlternatives('(?i)a|b')).toBeUndefined();
    expect(topAlternatives('(a|b')).toBeUndefined();
  });
});

describe('deadAlternatives', () => {
  it('lists the alternatives that match no value, never the empty one', () => {
    expect(deadAlternatives('shop|wroker|', ['shop', 'worker'])).toEqual({ dead: ['wroker'], count: 3 });
    expect(deadAlternatives('sh.*|api-.*', ['shop'])).toEqual({ dead: ['api-.*'], count: 2 });
    expect(deadAlternatives('.*', [])).toEqual({ dead: ['.*'], count: 1 });
  });
});
