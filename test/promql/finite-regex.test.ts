import { describe, expect, it } from 'vitest';
import { finiteMatches } from '../../src/promql/finite-regex.js';

describe('finiteMatches: the strings an anchored regex matches, when it lists them plainly', () => {
  it.each([
    ['http_requests_total', ['http_requests_total']],
    ['http_requests_total|http_errors_total', ['http_requests_total', 'http_errors_total']],
    ['^(?:a|b)$', ['a', 'b']],
    ['http_(requests|errors)_total', ['http_requests_total', 'http_errors_total']],
    ['node_memory_(Mem|Swap)(Free|Total)_bytes', ['node_memory_MemFree_bytes', 'node_memory_MemTotal_bytes', 'node_memory_SwapFree_bytes', 'node_memory_SwapTotal_bytes']],
    ['x_total(_sum)?', ['x_total', 'x_total_sum']],
    ['a[12]', ['a1', 'a2']],
    ['v[0-2]', ['v0', 'v1', 'v2']],
    ['a\\.b|c{2}', ['a.b', 'cc']],
    ['job:x:rate5m|job:x:rate1h', ['job:x:rate5m', 'job:x:rate1h']],
  ])('%s', (pattern, expected) => {
    expect(finiteMatches(pattern)).toEqual(expected);
  });

  it.each(['http_.*', 'http_requests_total|.+', 'a+', 'a*', '[^a]', '\\w+', '(?i)http_requests_total', 'a{2,}', 'a(', 'a)', '(?P<n>a)', 'http_requests_\\d', '[a-z]{1,8}_total'])(
    'undefined for %s (it may match names nobody listed, or is no regex RE2 reads)',
    (pattern) => {
      expect(finiteMatches(pattern)).toBeUndefined();
    },
  );
});
