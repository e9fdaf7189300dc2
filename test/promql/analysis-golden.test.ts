/**
 * The analysis walk (src/promql/analyze.ts, shared.ts) is tuned for speed: these tests pin down what
 * it says, fact for fact, on Totem's expressions, a synthetic benchmark set and a hand-picked corpus
 * reaching every branch of the walk, against what the walk said before it was tuned
 * (test/fixtures/promql-analyses/golden.json; `UPDATE_ANALYSIS_GOLDEN=1` rewrites it, only when the
 * analysis is meant to change).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePromql, Shared, type Analysis, type LabelInfo, type SeriesLookup } from '../../src/promql/analyze.js';
import { loadDefinitions } from '../../src/io/load.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { buildCheckContext } from '../../src/lint/context.js';
import { FIXTURES, REPO, tempDir } from '../helpers/cli.js';
import { seriesLookup } from '../helpers/promql-series.js';
import { argumentSpans } from '../helpers/call-arguments.js';
// @ts-expect-error: the benchmark's definitions generator is plain JavaScript, without types
import { synthesize } from '../../bench/synth.mjs';

const GOLDEN = path.join(FIXTURES, 'promql-analyses/golden.json');


/** Every branch of the walk: aggregations, calls, matching, set operators, ranges, quoted labels, errors, parts. */
const CORPUS = [
  'sum by (route) (rate(http_requests_total{code=~"5..", job="api"}[5m])) / sum by (route) (rate(http_requests_total{job="api"}[5m])) > 0.05',
  'sum by (job, route) (rate(http_requests_total[5m])) / ignoring (code) group_left (version) build_info',
  'sum by (job, route) (rate(http_requests_total[5m])) / on (job) group_right (version, route) build_info{version="1"}',
  'histogram_quantile(0.99, sum by (le, route) (rate(latency_seconds_bucket{route="/x"}[5m]))) > 1',
  'histogram_quantile(0.5, sum without (instance) (rate(latency_seconds_bucket[5m])))',
  'histogram_fraction(0, 0.2, rate(latency_seconds_bucket{job="a"}[5m]))',
  'topk(3, sum by (queue) (queue_length)) or bottomk(1, queue_length{queue="main"})',
  'topk by (job) (3, queue_length{queue="q"}) or limitk without (instance) (2, queue_length)',
  'count_values("value", build_info) and on (job) queue_length unless queue_length offset 1h',
  'count_values without (instance) ("v", build_info{job="x"})',
  'label_replace(queue_length, "dst", "$1", "queue", "(.*)") * on (job, instance) group_right (queue) build_info',
  'label_replace(queue_length{dst="pinned", job="j"}, "dst", "$1", "queue", "(.*)")',
  'label_join(http_requests_total{route="/a"}, "both", ",", "route", "code") != bool 0',
  'absent(queue_length{job="worker", queue="main"}) == 1',
  'absent_over_time(http_requests_total{job="api"}[10m])',
  'absent(nonexistent{job="x", a=~"b"})',
  'max_over_time(queue_length[10m:1m]) - queue_length @ 100 + -queue_length',
  'quantile(0.9, rate(http_requests_total[5m])) >= scalar(sum(queue_length))',
  'vector(1) + time() - pi()',
  'sum by ("ab", "c") ({__name__="odd:series"}) + sum by ("a", "bc") ({__name__="odd:series"})',
  '{"odd:series", "ab"="x", c!="y"} * on ("ab") {__name__="odd:series", "bc"=~"z"}',
  'sum by (job) ({__name__=~"queue_.*"})',
  'unknown_series{job="x"} / on (job) queue_length',
  'sum(rate(http_requests_total[5m])) by (route) < 10',
  'sum(rate(http_requests_total[5m])) without (route, code) > bool 10 and queue_length < 3 or queue_length > 100',
  'queue_length{job="a"} or on (queue) build_info{job="b"}',
  'queue_length unless ignoring (queue) queue_length{queue="x"}',
  '(queue_length{queue="a"} + on (job, instance) queue_length{queue="b"}) / ignoring (queue) group_left queue_length',
  'rate(http_requests_total{job="a", code="500"}[5m] offset 5m) * 60',
  'sum by (route) (increase(http_requests_total[1h])) / sum(increase(http_requests_total[1h]))',
  'clamp_min(sum by (job) (rate(http_requests_total[5m])), 1) / count by (job) (up)',
  'round(avg_over_time(queue_length[5m]), 0.1) > 0 unless on (job) absent(queue_length)',
  'sort_desc(sum by (code) (rate(http_requests_total{code=~"5.."}[5m])))',
  'predict_linear(queue_length[1h], 3600) > 0 and changes(build_info[1h]) > 0',
  'time() - max(build_info) by (version) > 86400',
  'stddev_over_time(rate(http_requests_total[5m])[30m:1m])',
  '-sum(queue_length) + 1',
  'group by (job) (queue_length) * on (job) group_left (version) group by (job, version) (build_info)',
  'sum by (route (x)',
  'rate(x[5 m])',
  'sum(',
  '',
  '   ',
  'queue_length # a comment',
  '# a comment\nqueue_length',
  Array.from({ length: 400 }, (_, i) => `queue_length{queue="q${i}"}`).join(' + '),
  `${'('.repeat(300)}queue_length${')'.repeat(300)}`,
];

/** An analysis as plain data: every fact a check may read, label sets as lists in their order. */
function plain(a: Analysis): unknown {
  // `bounded` written only where it says more than `exact` (a `__name__` regex's union of labels): the facts from before it stay as they were.
  const info = ({ bounded, ...i }: LabelInfo) =>
    i.kind === 'vector' ? { ...i, labels: [...i.labels], pinned: i.pinned ? [...i.pinned] : undefined, ...(bounded !== i.exact ? { bounded } : {}) } : i;
  return {
    text: a.parsed.text,
    errors: a.parsed.errors,
    limits: a.parsed.limits,
    parts: a.parsed.parts?.length,
    root: a.parsed.root && [a.parsed.root.name, a.parsed.root.from, a.parsed.root.to],
    selectors: a.selectors,
    groupings: a.groupings.map((g) => ({ ...g, available: g.available ? [...g.available] : undefined })),
    calls: a.calls.map((c) => {
      // The kinds a call records of its arguments are its argument nodes' names.
      const argNodes = argumentSpans(c);
      expect(c.argKinds).toEqual(argNodes.map(([name]) => name));
      return { name: c.name, from: c.from, to: c.to, args: c.args.map(info), argNodes };
    }),
    binaries: a.binaries.map((b) => ({ ...b, lhs: info(b.lhs), rhs: info(b.rhs) })),
    comparisons: a.comparisons,
    filters: a.filters,
    result: info(a.result),
  };
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** The distinct texts a definitions folder's checks analyse, with its catalogue's lookup. */
async function textsOf(definitions: string): Promise<{ texts: string[]; lookup: SeriesLookup }> {
  const loaded = await loadDefinitions(definitions);
  loaded.early?.release();
  const parsed = parseProject(loaded.project);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  const context = buildCheckContext(buildModel(parsed.project, loaded.entry));
  return { texts: [...new Set(context.expressions.map((e) => e.text))], lookup: context.catalogue.lookup };
}

interface Golden {
  corpus: unknown[];
  sets: Record<string, Array<[string, string]>>;
}

/** Each text's analysis digest, every analysis made with one Shared (as a run makes them) and again alone. */
function digests(texts: readonly string[], lookup: SeriesLookup): Array<[string, string]> {
  const shared = new Shared();
  return texts.map((text) => {
    const together = plain(analyzePromql(text, lookup, undefined, shared));
    expect(together).toEqual(plain(analyzePromql(text, lookup)));
    return [text, digest(together)];
  });
}

describe('the analysis walk says what it said before it was tuned', () => {
  it('on a corpus reaching every branch, Totem and a synthetic benchmark set', async () => {
    const lookup: SeriesLookup = seriesLookup;
    const shared = new Shared();
    // Written out fact for fact, but for the few long ones (a digest of their facts).
    const corpus = CORPUS.map((text) => {
      const facts = plain(analyzePromql(text, lookup, undefined, shared));
      return JSON.stringify(facts).length < 4000 ? facts : digest(facts);
    });
    const synthetic = synthesize(path.join(tempDir(), 'synth'), { alerts: 300, groups: 3, dashboards: 4, panels: 20, metrics: 30, receivers: 3 }) as string;
    const sets: Golden['sets'] = {};
    for (const [name, dir] of [
      ['totem', path.join(REPO, 'definitions')],
      ['synthetic', synthetic],
    ] as const) {
      const { texts, lookup: catalogue } = await textsOf(dir);
      sets[name] = digests(texts, catalogue);
    }
    const now: Golden = JSON.parse(JSON.stringify({ corpus, sets })) as Golden;
    if (process.env.UPDATE_ANALYSIS_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden;
    expect(now.corpus).toEqual(golden.corpus);
    for (const name of Object.keys(golden.sets)) {
      expect(now.sets[name]!.length).toBeGreaterThan(20);
      expect(Object.fromEntries(now.sets[name]!)).toEqual(Object.fromEntries(golden.sets[name]!));
    }
  }, 120_000);
});
