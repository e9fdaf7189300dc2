/**
 * buildCheckContext analyses every expression of a run with one `Shared` (src/promql/shared.ts),
 * which hands out equal label sets, names and lists as one object. These tests prove that the
 * analyses say exactly what an analysis of its own says (labels in the same order included), and
 * that sharing does happen.
 */
import { describe, expect, it } from 'vitest';
import { analyzePromql, Shared, UNSHARED, type Analysis, type LabelInfo } from '../../src/promql/analyze.js';
import { seriesLookup } from '../helpers/promql-series.js';
import { argumentSpans } from '../helpers/call-arguments.js';

const lookup = seriesLookup;

/** Every branch of the walk: aggregations, calls, matching, set operators, ranges, quoted labels, errors. */
const CORPUS = [
  'sum by (route) (rate(http_requests_total{code=~"5..", job="api"}[5m])) / sum by (route) (rate(http_requests_total{job="api"}[5m])) > 0.05',
  'sum by (job, route) (rate(http_requests_total[5m])) / ignoring (code) group_left (version) build_info',
  'histogram_quantile(0.99, sum by (le, route) (rate(latency_seconds_bucket{route="/x"}[5m]))) > 1',
  'histogram_quantile(0.5, sum without (instance) (rate(latency_seconds_bucket[5m])))',
  'topk(3, sum by (queue) (queue_length)) or bottomk(1, queue_length{queue="main"})',
  'count_values("value", build_info) and on (job) queue_length unless queue_length offset 1h',
  'label_replace(queue_length, "dst", "$1", "queue", "(.*)") * on (job, instance) group_right (queue) build_info',
  'label_join(http_requests_total{route="/a"}, "both", ",", "route", "code") != bool 0',
  'absent(queue_length{job="worker", queue="main"}) == 1',
  'absent_over_time(http_requests_total{job="api"}[10m])',
  'max_over_time(queue_length[10m:1m]) - queue_length @ 100 + -queue_length',
  'quantile(0.9, rate(http_requests_total[5m])) >= scalar(sum(queue_length))',
  'vector(1) + time() - pi()',
  'sum by ("ab", "c") ({__name__="odd:series"}) + sum by ("a", "bc") ({__name__="odd:series"})',
  'sum by (job) ({__name__=~"queue_.*"})',
  'unknown_series{job="x"} / on (job) queue_length',
  'sum(rate(http_requests_total[5m])) by (route) < 10',
  'sum by (route (x)',
  'rate(x[5 m])',
  '',
];

/** An analysis as plain data: every fact a check may read, label sets as lists in their order. */
function plain(a: Analysis): unknown {
  const info = (i: LabelInfo) => (i.kind === 'vector' ? { ...i, labels: [...i.labels], pinned: i.pinned ? [...i.pinned] : undefined } : i);
  return {
    errors: a.parsed.errors,
    root: a.parsed.root?.name,
    selectors: a.selectors,
    groupings: a.groupings.map((g) => ({ ...g, available: g.available ? [...g.available] : undefined })),
    calls: a.calls.map((c) => ({ name: c.name, from: c.from, to: c.to, args: c.args.map(info), argNodes: argumentSpans(c) })),
    binaries: a.binaries.map((b) => ({ ...b, lhs: info(b.lhs), rhs: info(b.rhs) })),
    comparisons: a.comparisons,
    filters: a.filters,
    result: info(a.result),
  };
}

describe('analyses sharing equal values (Shared)', () => {
  it('say what analyses with every value their own (UNSHARED, the default) say, for every expression', () => {
    const shared = new Shared();
    const together = CORPUS.map((text) => analyzePromql(text, lookup, undefined, shared));
    const alone = CORPUS.map((text) => analyzePromql(text, lookup, undefined, UNSHARED));
    expect(together.map(plain)).toEqual(alone.map(plain));
  });

  it('hold equal label sets, names and enclosing lists once, and different ones apart', () => {
    const shared = new Shared();
    const [a, b] = ['sum by (route) (rate(http_requests_total[5m]))', 'sum by (route) (rate(http_requests_total{code="500"}[1m]))'].map((text) =>
      analyzePromql(text, lookup, undefined, shared),
    );
    expect(a!.result).toBe(b!.result);
    expect(a!.calls[0]!.args[0]).not.toBe(b!.calls[0]!.args[0]); // b pins code
    expect(a!.selectors[0]!.enclosing).toBe(b!.selectors[0]!.enclosing);
    expect(a!.selectors[0]!.name).toBe(b!.selectors[0]!.name);
    const odd = analyzePromql(CORPUS[13]!, lookup, undefined, shared);
    const [left, right] = odd.binaries[0]!.lhs.kind === 'vector' && odd.binaries[0]!.rhs.kind === 'vector' ? [odd.binaries[0]!.lhs, odd.binaries[0]!.rhs] : [];
    expect([...left!.labels]).toEqual(['ab', 'c']);
    expect([...right!.labels]).toEqual(['a', 'bc']);
  });
});
