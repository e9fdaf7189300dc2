/**
 * Unit tests of the PromQL layer the checks stand on: src/promql/parse.ts (syntax problems with
 * their position) and src/promql/analyze.ts (selectors, ranges, groupings, calls, comparisons and
 * the labels of the result through aggregations and binary operations).
 */
import { describe, expect, it } from 'vitest';
import { analyzePromql, type Analysis, type LabelInfo } from '../../src/promql/analyze.js';
import { expressionChildren, parsePromql, unquote } from '../../src/promql/parse.js';
import { argumentSpans } from '../helpers/call-arguments.js';

/** A small catalogue: series name → labels (target labels included, as the catalogue gives them). */
const SERIES: Record<string, readonly string[]> = {
  http_requests_total: ['route', 'code', 'job', 'instance'],
  queue_length: ['queue', 'job', 'instance'],
  build_info: ['version', 'route', 'job', 'instance'],
  latency_seconds_bucket: ['route', 'le', 'job', 'instance'],
};
const lookup = (name: string) => SERIES[name];
const analyze = (text: string) => analyzePromql(text, lookup);

/** The result as something easy to compare: sorted labels and exactness, or the kind. */
function shape(info: LabelInfo): { labels: string[]; exact: boolean } | string {
  return info.kind === 'vector' ? { labels: [...info.labels].sort(), exact: info.exact } : info.kind;
}
const resultOf = (text: string) => shape(analyze(text).result);
const exact = (...labels: string[]) => ({ labels: [...labels].sort(), exact: true });
const inexact = (...labels: string[]) => ({ labels: [...labels].sort(), exact: false });

function groupings(a: Analysis) {
  return a.groupings.map((g) => ({
    label: g.label,
    clause: g.clause,
    text: a.parsed.text.slice(g.from, g.to),
    available: g.available ? [...g.available].sort() : undefined,
  }));
}

describe('parsePromql', () => {
  it('parses valid expressions without problems and finds the root expression', () => {
    const parsed = parsePromql('sum by (route) (rate(http_requests_total[5m])) > 1');
    expect(parsed.errors).toEqual([]);
    expect(parsed.root?.name).toBe('BinaryExpr');
    expect(expressionChildren(parsed.root!).map((n) => n.name)).toEqual(['AggregateExpr', 'NumberDurationLiteral']);
    expect(parsed.root!.getChild('Gtr')).not.toBeNull();
  });

  it('reports an unclosed parenthesis at the end, with its column', () => {
    const text = 'sum(rate(http_requests_total[5m]) > 1';
    expect(parsePromql(text).errors).toEqual([{ from: text.length, to: text.length, message: `unexpected end of expression (column ${text.length + 1})` }]);
  });

  it("reports '5 m' at the unit, with its column", () => {
    expect(parsePromql('rate(x[5 m])').errors).toEqual([{ from: 9, to: 10, message: 'unexpected "m" at column 10' }]);
  });

  it('reports a missing parenthesis after by (…) where it goes wrong', () => {
    expect(parsePromql('sum by (route (x)').errors.map((e) => e.message)).toEqual(['unexpected "(" at column 15']);
  });

  it('gives line and column in an expression written over several lines', () => {
    expect(parsePromql('sum(\n  rate(x[5 m])\n)').errors.map((e) => e.message)).toEqual(['unexpected "m" at line 2, column 12']);
    expect(parsePromql('sum(\n  rate(x[5m])\n').errors.map((e) => e.message)).toEqual(['unexpected end of expression (line 3, column 1)']);
  });

  it('reports a run of parser errors for one mistake once', () => {
    expect(parsePromql('x{a="b"').errors).toHaveLength(1);
    expect(parsePromql('x >').errors).toHaveLength(1);
  });

  it('reports an empty or blank expression once, as empty', () => {
    expect(parsePromql('').errors).toEqual([{ from: 0, to: 0, message: 'empty expression' }]);
    expect(parsePromql('   ').errors).toEqual([{ from: 0, to: 0, message: 'empty expression' }]);
  });

  it('unquotes the three kinds of string literal', () => {
    expect(unquote('"a\\"b\\n"')).toBe('a"b\n');
    expect(unquote("'it\\'s'")).toBe("it's");
    expect(unquote('`raw\\n`')).toBe('raw\\n');
  });
});

describe('selectors', () => {
  it('records name, matchers with operators and spans, and the enclosing functions', () => {
    const text = 'sum(rate(http_requests_total{route="/x", code=~"5..", job!="a", instance!~"b.*"}[5m]))';
    const [s] = analyze(text).selectors;
    expect(s?.name).toBe('http_requests_total');
    expect(s?.matchers.map((m) => [m.label, m.op, m.value, text.slice(m.from, m.to)])).toEqual([
      ['route', '=', '/x', 'route="/x"'],
      ['code', '=~', '5..', 'code=~"5.."'],
      ['job', '!=', 'a', 'job!="a"'],
      ['instance', '!~', 'b.*', 'instance!~"b.*"'],
    ]);
    expect(s?.enclosing).toEqual(['rate', 'sum']);
    expect(text.slice(s!.from, s!.to)).toBe('http_requests_total{route="/x", code=~"5..", job!="a", instance!~"b.*"}');
  });

  it('takes the name from __name__="…" and reads quoted label names', () => {
    const [s] = analyze('{__name__="queue_length", "queue"="main"}').selectors;
    expect(s?.name).toBe('queue_length');
    expect(s?.matchers.map((m) => m.label)).toEqual(['__name__', 'queue']);
    expect(resultOf('{__name__="queue_length"}')).toEqual(exact('queue', 'job', 'instance'));
  });

  it('has no name (and an inexact result) for a regex on __name__', () => {
    const a = analyze('{__name__=~"queue_.*"}');
    expect(a.selectors[0]?.name).toBeUndefined();
    expect(shape(a.result)).toEqual(inexact());
  });

  it('bounds the labels of a finite __name__ regex by the union of its series\' labels (inexact: some lack some)', () => {
    const a = analyze('sum by (queue, route, bogus) ({__name__=~"queue_length|build_info"}) / on (queue) queue_length');
    const lhs = a.binaries[0]!.lhs; // the sum: by () keeps what the union has
    expect([shape(lhs), lhs.bounded]).toEqual([inexact('queue', 'route'), true]);
    expect(groupings(a)).toEqual([
      { label: 'queue', clause: 'by', text: 'queue', available: ['instance', 'job', 'queue', 'route', 'version'] },
      { label: 'route', clause: 'by', text: 'route', available: ['instance', 'job', 'queue', 'route', 'version'] },
      { label: 'bogus', clause: 'by', text: 'bogus', available: ['instance', 'job', 'queue', 'route', 'version'] },
      { label: 'queue', clause: 'on', text: 'queue', available: ['queue'] },
    ]);
    // Exact stays for series named plainly; a regex that may match other names, or lists an unknown one, stays unknown.
    expect(analyze('queue_length').result.bounded).toBe(true);
    for (const text of ['{__name__=~"queue_.*"}', '{__name__=~"queue_length|other"}', 'sum without (queue) (unknown_series)']) {
      expect(analyze(text).result.bounded, text).toBe(false);
    }
  });

  // Audit round 24: whatever an aggregation reads, only its `by` labels can be left.
  it('bounds an aggregation by (…) by its labels whatever its input (a metric outside the catalogue, a selector without a name, an unknown function result)', () => {
    const inputs = ['unknown_series', '{job="api"}', '{__name__=~"queue_.*"}', 'rate(unknown_total[5m])', 'label_replace(unknown_series, "d", "$1", "s", "(.*)")'];
    for (const op of ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar']) {
      for (const input of inputs) {
        const text = `${op} by (route, code) (${input})`;
        const { result } = analyze(text);
        expect([shape(result), result.bounded], text).toEqual([inexact('route', 'code'), true]);
      }
    }
    for (const text of ['quantile by (route, code) (0.9, unknown_series)', 'sum(unknown_series) by (route, code)']) {
      expect([shape(analyze(text).result), analyze(text).result.bounded], text).toEqual([inexact('route', 'code'), true]);
    }
    // count_values adds its label; nested, the outer `by` bounds by the inner's.
    expect([shape(analyze('count_values by (route) ("value", unknown_series)').result), analyze('count_values by (route) ("value", unknown_series)').result.bounded]).toEqual([inexact('route', 'value'), true]);
    const nested = analyze('max by (route, code) (sum by (route) (unknown_series))');
    expect([shape(nested.result), nested.result.bounded]).toEqual([inexact('route'), true]);
    expect(groupings(nested).map((g) => [g.text, g.available])).toEqual([
      ['route', undefined],
      ['route', ['route']],
      ['code', ['route']],
    ]);
    // A known input still filters (and stays exact); topk/limitk keep their input's labels; without keeps what is not known.
    expect(shape(analyze('sum by (queue, bogus) (queue_length)').result)).toEqual(exact('queue'));
    for (const text of ['topk by (route) (3, unknown_series)', 'limitk by (route) (2, {job="a"})', 'sum without (route) (unknown_series)', 'info(sum by (route) (rate(unknown_total[5m])))']) {
      expect(analyze(text).result.bounded, text).toBe(false);
    }
  });

  it('follows such a bound through binary operations: either side of a one-to-one match, on (…) always, group_left/right by the "many" side', () => {
    const bound = (text: string) => {
      const { result } = analyze(text);
      return result.kind === 'vector' && result.bounded ? [...result.labels].sort() : 'open';
    };
    expect(bound('sum by (route) (unknown_series) > 1')).toEqual(['route']);
    expect(bound('sum by (route) (unknown_series) / sum by (route) (other_series)')).toEqual(['route']);
    expect(bound('unknown_series / sum by (route) (other_series)')).toEqual(['route']);
    expect(bound('unknown_series / on (route, code) other_series')).toEqual(['code', 'route']);
    expect(bound('unknown_series / on (queue, code) queue_length')).toEqual(['queue']);
    expect(bound('sum by (route) (unknown_series) / ignoring (code) other_series')).toEqual(['route']);
    expect(bound('sum by (route, code) (unknown_series) * on (route) group_left (version) other_info')).toEqual(['code', 'route', 'version']);
    expect(bound('other_info * on (route) group_right (version) sum by (route) (unknown_series)')).toEqual(['route', 'version']);
    expect(bound('sum by (route) (unknown_series) and other_series')).toEqual(['route']);
    // Open where the labels may come from an unknown side.
    expect(bound('other_series * on (route) group_left (version) sum by (route) (unknown_series)')).toBe('open');
    expect(bound('sum by (route) (unknown_series) or other_series')).toBe('open');
    expect(bound('other_series unless sum by (route) (unknown_series)')).toBe('open');
    expect(bound('unknown_series / other_series')).toBe('open');
  });

  it('records the range of a matrix selector, as written and in ms', () => {
    const [a, b, c] = analyze('rate(http_requests_total[5m]) + rate(http_requests_total[1h30m] offset 1h) + queue_length').selectors;
    expect([a?.range, a?.rangeMs]).toEqual(['5m', 300_000]);
    expect([b?.range, b?.rangeMs]).toEqual(['1h30m', 5_400_000]);
    expect(c?.range).toBeUndefined();
  });

  it('finds selectors inside subqueries, offsets, @ and unary minus', () => {
    const a = analyze('max_over_time(queue_length[10m:1m]) - queue_length offset 5m + -queue_length @ 100');
    expect(a.selectors.map((s) => [s.name, s.enclosing])).toEqual([
      ['queue_length', ['max_over_time']],
      ['queue_length', []],
      ['queue_length', []],
    ]);
    expect(a.selectors[0]?.range).toBeUndefined(); // a subquery range is not a selector range
  });

  it('an unknown series gives an inexact result', () => {
    expect(resultOf('nope_total')).toEqual(inexact());
    expect(resultOf('rate(nope_total[5m])')).toEqual(inexact());
  });
});

describe('groupings', () => {
  it('by: each label with its span and the labels of the aggregated input', () => {
    const a = analyze('sum by (route, "status") (rate(http_requests_total[5m]))');
    expect(groupings(a)).toEqual([
      { label: 'route', clause: 'by', text: 'route', available: ['code', 'instance', 'job', 'route'] },
      { label: 'status', clause: 'by', text: '"status"', available: ['code', 'instance', 'job', 'route'] },
    ]);
  });

  it('by after the body, and without', () => {
    expect(groupings(analyze('sum(queue_length) by (queue)'))).toEqual([{ label: 'queue', clause: 'by', text: 'queue', available: ['instance', 'job', 'queue'] }]);
    expect(groupings(analyze('avg without (queue) (queue_length)'))[0]).toMatchObject({ label: 'queue', clause: 'without' });
  });

  it('on: labels both sides have; ignoring: labels either side has (a label neither has is a typo)', () => {
    expect(groupings(analyze('http_requests_total / on (job, queue) queue_length'))).toEqual([
      { label: 'job', clause: 'on', text: 'job', available: ['instance', 'job'] },
      { label: 'queue', clause: 'on', text: 'queue', available: ['instance', 'job'] },
    ]);
    expect(groupings(analyze('http_requests_total / ignoring (code) queue_length'))).toEqual([
      { label: 'code', clause: 'ignoring', text: 'code', available: ['code', 'instance', 'job', 'queue', 'route'] },
    ]);
  });

  it('group_left labels come from the right-hand side, group_right labels from the left', () => {
    expect(groupings(analyze('http_requests_total * on (job) group_left (version) build_info')).at(-1)).toEqual({
      label: 'version',
      clause: 'group_left',
      text: 'version',
      available: ['instance', 'job', 'route', 'version'],
    });
    expect(groupings(analyze('queue_length * on (job) group_right (queue) http_requests_total')).at(-1)).toEqual({
      label: 'queue',
      clause: 'group_right',
      text: 'queue',
      available: ['instance', 'job', 'queue'],
    });
  });

  it('availability is unknown when an input is unknown', () => {
    expect(groupings(analyze('sum by (x) (nope_total)'))[0]?.available).toBeUndefined();
    expect(groupings(analyze('nope_total / on (job) queue_length'))[0]?.available).toBeUndefined();
  });

  it('grouping labels of topk and quantile (parameter aggregations) refer to the vector argument', () => {
    expect(groupings(analyze('topk by (queue) (3, queue_length)'))[0]?.available).toEqual(['instance', 'job', 'queue']);
    expect(groupings(analyze('quantile by (queue) (0.9, queue_length)'))[0]?.available).toEqual(['instance', 'job', 'queue']);
  });
});

describe('result labels', () => {
  it('a selector and functions that keep labels', () => {
    expect(resultOf('queue_length')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('rate(http_requests_total[5m])')).toEqual(exact('route', 'code', 'job', 'instance'));
    expect(resultOf('clamp_max(queue_length, 10)')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('(queue_length)')).toEqual(exact('queue', 'job', 'instance'));
  });

  it('aggregations: by keeps the named labels the input has; without drops; none keeps nothing', () => {
    expect(resultOf('sum by (route) (rate(http_requests_total[5m]))')).toEqual(exact('route'));
    expect(resultOf('sum by (route, nope) (rate(http_requests_total[5m]))')).toEqual(exact('route'));
    expect(resultOf('sum without (code, instance) (rate(http_requests_total[5m]))')).toEqual(exact('route', 'job'));
    expect(resultOf('sum(rate(http_requests_total[5m]))')).toEqual(exact());
    expect(resultOf('sum by (x) (nope_total)')).toEqual(inexact('x'));
  });

  it('topk/bottomk keep the labels of their input; count_values adds its label', () => {
    expect(resultOf('topk(3, queue_length)')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('bottomk by (queue) (1, queue_length)')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('count_values("value", queue_length)')).toEqual(exact('value'));
    expect(resultOf('count_values by (queue) ("value", queue_length)')).toEqual(exact('queue', 'value'));
    expect(resultOf('quantile by (queue) (0.9, queue_length)')).toEqual(exact('queue'));
  });

  it('histogram_quantile drops le; label_replace and label_join add the destination', () => {
    expect(resultOf('histogram_quantile(0.9, sum by (le, route) (rate(latency_seconds_bucket[5m])))')).toEqual(exact('route'));
    expect(resultOf('histogram_quantile(0.9, sum by (route) (rate(latency_seconds_bucket[5m])))')).toEqual(exact('route'));
    expect(resultOf('label_replace(queue_length, "q", "$1", "queue", "(.*)")')).toEqual(exact('q', 'queue', 'job', 'instance'));
    expect(resultOf('label_join(queue_length, "both", ",", "queue", "job")')).toEqual(exact('both', 'queue', 'job', 'instance'));
  });

  it('absent keeps the labels of its equality matchers only', () => {
    expect(resultOf('absent(queue_length{job="app", queue=~"m.*"})')).toEqual(exact('job'));
    expect(resultOf('absent(nope_total)')).toEqual(exact());
  });

  it('scalars, strings and label-less vectors', () => {
    expect(resultOf('1 + 2')).toBe('scalar');
    expect(resultOf('scalar(queue_length) * 2')).toBe('scalar');
    expect(resultOf('time()')).toBe('scalar');
    expect(resultOf('"text"')).toBe('string');
    expect(resultOf('vector(1)')).toEqual(exact());
    expect(resultOf('time() - queue_length')).toEqual(exact('queue', 'job', 'instance'));
  });

  it('binary operations without matching keep the left-hand labels; or unites both sides', () => {
    expect(resultOf('rate(http_requests_total[5m]) / 2')).toEqual(exact('route', 'code', 'job', 'instance'));
    expect(resultOf('2 * queue_length')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('queue_length > 10')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('queue_length and http_requests_total')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('queue_length unless on (job) http_requests_total')).toEqual(exact('queue', 'job', 'instance'));
    expect(resultOf('queue_length or http_requests_total')).toEqual(exact('queue', 'route', 'code', 'job', 'instance'));
    expect(resultOf('queue_length / nope_total')).toEqual(inexact('queue', 'job', 'instance'));
  });

  it('one-to-one matching: on keeps only the matching labels, ignoring drops them', () => {
    expect(resultOf('http_requests_total / on (job) queue_length')).toEqual(exact('job'));
    expect(resultOf('http_requests_total / on () sum(queue_length)')).toEqual(exact());
    expect(resultOf('http_requests_total / ignoring (code, route) queue_length')).toEqual(exact('job', 'instance'));
  });

  it('group_left keeps the left-hand labels plus the named ones; group_right the right-hand ones', () => {
    expect(resultOf('http_requests_total * on (job, route) group_left (version) build_info')).toEqual(exact('route', 'code', 'job', 'instance', 'version'));
    expect(resultOf('http_requests_total / on (job) group_left queue_length')).toEqual(exact('route', 'code', 'job', 'instance'));
    expect(resultOf('http_requests_total / ignoring (code) group_left (queue) queue_length')).toEqual(exact('route', 'code', 'job', 'instance', 'queue'));
    expect(resultOf('queue_length * on (job) group_right (queue) http_requests_total')).toEqual(exact('route', 'code', 'job', 'instance', 'queue'));
  });

  it('an error ratio keeps the by labels of both sides', () => {
    expect(resultOf('sum by (route) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (route) (rate(http_requests_total[5m])) > 0.1')).toEqual(exact('route'));
  });
});

describe('calls and comparisons', () => {
  it('records every call with its arguments, inner calls first', () => {
    const a = analyze('histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[5m])))');
    expect(a.calls.map((c) => [c.name, c.args.map((x) => x.kind), argumentSpans(c).map(([name]) => name)])).toEqual([
      ['rate', ['vector'], ['MatrixSelector']],
      ['histogram_quantile', ['scalar', 'vector'], ['NumberDurationLiteral', 'AggregateExpr']],
    ]);
    expect(argumentSpans(analyze('rate(http_requests_total)').calls[0]!)[0]?.[0]).toBe('VectorSelector');
    const time = analyze('time()').calls;
    expect(time).toEqual([expect.objectContaining({ name: 'time', args: [] })]);
    expect(argumentSpans(time[0]!)).toEqual([]);
  });

  it('records comparisons with their operator and bool modifier', () => {
    const a = analyze('queue_length > 1 and queue_length <= bool 5 or queue_length == 3 or queue_length != 2 or queue_length >= 1 or queue_length < 0');
    expect(a.comparisons.map((c) => [c.op, c.bool])).toEqual([
      ['>', false],
      ['<=', true],
      ['==', false],
      ['!=', false],
      ['>=', false],
      ['<', false],
    ]);
    expect(analyze('queue_length + 1').comparisons).toEqual([]);
  });

  it('knows whether the expression filters (returns nothing when the condition is false)', () => {
    const filters = (text: string) => analyze(text).filters;
    expect(filters('queue_length > 10')).toBe(true);
    expect(filters('sum(queue_length) > 10')).toBe(true);
    expect(filters('sum(queue_length > 10)')).toBe(true);
    expect(filters('(queue_length > 10) * 2')).toBe(true);
    expect(filters('absent(queue_length)')).toBe(true);
    expect(filters('queue_length and http_requests_total')).toBe(true);
    expect(filters('queue_length unless http_requests_total')).toBe(true);
    expect(filters('queue_length > 1 or queue_length < 0')).toBe(true);
    expect(filters('queue_length')).toBe(false);
    expect(filters('queue_length > bool 10')).toBe(false);
    expect(filters('queue_length > 1 or queue_length')).toBe(false);
    expect(filters('rate(http_requests_total[5m])')).toBe(false);
  });

  it('still analyses what parsed when there is a syntax error', () => {
    const a = analyze('sum(rate(http_requests_total[5m]) > 1');
    expect(a.parsed.errors).toHaveLength(1);
    expect(a.selectors.map((s) => s.name)).toEqual(['http_requests_total']);
  });
});
