// version/unsupported on PromQL functions: holt_winters (until 3.0) and its new name
// double_exponential_smoothing (3.0, experimental), and the experimental functions and aggregations.
import { describe, expect, it } from 'vitest';
import { alert, defineProject, record, ruleGroup } from '../../../src/index.js';
import type { PrometheusVersion } from '../../../src/api/versions.js';
import { CHECKS } from '../../../src/lint/index.js';
import { runOn } from '../../helpers/model.js';
import { basics, cart, jobs, orders } from './shop.js';

function findings(prometheus: PrometheusVersion | undefined, ...exprs: string[]) {
  const rules = exprs.map((expr, i) => record({ name: `store:shop:r${i}`, expr }));
  const project = defineProject({
    name: 'shop',
    metrics: [orders, cart],
    prometheus: { scrapeJobs: [jobs.shop] },
    ruleGroups: [ruleGroup({ name: 'shop', rules })],
    ...(prometheus ? { versions: { prometheus } } : {}),
  });
  return runOn(project, CHECKS.filter((c) => c.id === 'version/unsupported')).map((d) => ({
    message: d.message,
    hint: d.hint,
    span: d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined,
  }));
}

const holt = 'holt_winters(shop_cart_items[1h], 0.5, 0.5)';
const smoothing = 'double_exponential_smoothing(shop_cart_items[1h], 0.5, 0.5)';

describe('version/unsupported on functions', () => {
  it('holt_winters: fine on Prometheus 2, renamed in 3.0', () => {
    expect(findings(undefined, holt)).toEqual([]);
    expect(findings('2.53', holt)).toEqual([]);
    expect(findings('3.x', holt)).toEqual([
      {
        message: 'record store:shop:r0 uses holt_winters(), which Prometheus 3.x (the target version, from the project) does not have: Prometheus 3.0 renamed it double_exponential_smoothing',
        hint: "write double_exponential_smoothing(…) (run Prometheus with --enable-feature=promql-experimental-functions), or set versions: { prometheus: '2.53' } if production runs Prometheus 2",
        span: 'holt_winters',
      },
    ]);
  });

  it('double_exponential_smoothing: missing before 3.0, behind the feature flag in 3', () => {
    expect(findings(undefined, smoothing)).toEqual([
      {
        message: 'record store:shop:r0 uses double_exponential_smoothing(), which Prometheus 2.42 (the target version, the default) does not have: it came in Prometheus 3.0 (behind the feature flag promql-experimental-functions)',
        hint: 'write holt_winters(…), its name before Prometheus 3.0',
        span: 'double_exponential_smoothing',
      },
    ]);
    expect(findings('3.x', smoothing).map((f) => f.message)).toEqual([
      'record store:shop:r0 uses double_exponential_smoothing(), which Prometheus 3.x (the target version, from the project) has only behind the feature flag promql-experimental-functions: without it Prometheus and promtool refuse the expression (function "double_exponential_smoothing" is not enabled)',
    ]);
  });

  it('limitk, mad_over_time, sort_by_label on 2.42; mad_over_time behind the flag on 2.53', () => {
    const exprs = ['limitk(2, shop_cart_items)', 'mad_over_time(shop_cart_items[1h])', 'sort_by_label(shop_cart_items, "store")', 'sum(shop_cart_items) by (store)'];
    expect(findings(undefined, ...exprs).map((f) => [f.span, f.message.replace(/^.*which /, '')])).toEqual([
      ['limitk', 'Prometheus 2.42 (the target version, the default) does not have: it came in Prometheus 2.54 (behind the feature flag promql-experimental-functions)'],
      ['mad_over_time', 'Prometheus 2.42 (the target version, the default) does not have: it came in Prometheus 2.49 (behind the feature flag promql-experimental-functions)'],
      ['sort_by_label', 'Prometheus 2.42 (the target version, the default) does not have: it came in Prometheus 2.49 (behind the feature flag promql-experimental-functions)'],
    ]);
    expect(findings('2.53', 'mad_over_time(shop_cart_items[1h])').map((f) => f.message)).toEqual([
      'record store:shop:r0 uses mad_over_time(), which Prometheus 2.53 (the target version, from the project) has only behind the feature flag promql-experimental-functions: without it Prometheus and promtool refuse the expression (function "mad_over_time" is not enabled)',
    ]);
  });

  it('is quiet on a name in a string or a label', () => {
    const rule = alert({ ...basics, name: 'Named', expr: 'shop_cart_items{store="limitk(holt_winters("} > 1' });
    const project = defineProject({ name: 'shop', metrics: [cart], prometheus: { scrapeJobs: [jobs.shop] }, ruleGroups: [ruleGroup({ name: 'shop', rules: [rule] })], versions: { prometheus: '3.x' } });
    expect(runOn(project, CHECKS.filter((c) => c.id === 'version/unsupported' || c.id === 'promql/syntax'))).toEqual([]);
  });

  it('every function newer than the target: histogram_avg and histogram_stddev on 2.42 (promtool 2.42: unknown function)', () => {
    const exprs = ['histogram_avg(shop_cart_items) > 0.5', 'histogram_stddev(shop_cart_items) > 0.5', 'histogram_stdvar(shop_cart_items)', 'histogram_count(shop_cart_items)'];
    expect(findings('2.42', ...exprs).map((f) => [f.span, f.message.replace(/^.*which /, '')])).toEqual([
      ['histogram_avg', 'Prometheus 2.42 (the target version, from the project) does not have: it came in Prometheus 2.51'],
      ['histogram_stddev', 'Prometheus 2.42 (the target version, from the project) does not have: it came in Prometheus 2.47'],
      ['histogram_stdvar', 'Prometheus 2.42 (the target version, from the project) does not have: it came in Prometheus 2.47'],
    ]);
        expect(findings('2.53', ...exprs)).toEqual([]);
  });

  it('functions newer than 3.0 on 3.x (3.0 is a 3): reported, with the flag they need', () => {
    const found = findings('3.x', 'ts_of_max_over_time(shop_cart_items[1h])', 'first_over_time(shop_cart_items[1h])');
    expect(found.map((f) => [f.span, f.message.replace(/^.*which /, '')])).toEqual([
      ['ts_of_max_over_time', 'Prometheus 3.x (the target version, from the project) does not have: it came in Prometheus 3.5 (behind the feature flag promql-experimental-functions)'],
      ['first_over_time', 'Prometheus 3.x (the target version, from the project) does not have: it came in Prometheus 3.7 (behind the feature flag promql-experimental-functions)'],
    ]);
  });

  it('aggregations and syntax the target parser lacks', () => {
    const exprs = [
      'sum by ("store") (shop_cart_items)',
      '{"__name__"="shop_cart_items"}',
      'rate(shop_orders_total[5m + 1m])',
      'shop_cart_items offset (1h * 2)',
      'rate(shop_orders_total[step()])',
      'rate(shop_orders_total[5m] anchored)',
      'shop_cart_items smoothed',
      'shop_cart_items + on(store) fill(0) shop_cart_items',
      'rate(shop_orders_total[300])',
      'time() - shop_cart_items > 10m',
    ];
    expect(findings('2.53', ...exprs).map((f) => [f.span, f.message.replace(/^.*uses (.*), which .* does not have: (.*)$/, '$1: $2')])).toEqual([
      ['"store"', 'a quoted label name in by/without/on/ignoring (by ("name")): it came in Prometheus 2.55'],
      ['5m + 1m', 'arithmetic in a duration (x[5m + 1m], offset (1h * 2)): it came in Prometheus 3.4 (behind the feature flag promql-duration-expr)'],
      ['(1h * 2)', 'arithmetic in a duration (x[5m + 1m], offset (1h * 2)): it came in Prometheus 3.4 (behind the feature flag promql-duration-expr)'],
      ['step', 'step() in a duration: it came in Prometheus 3.6 (behind the feature flag promql-duration-expr)'],
      ['anchored', 'the anchored/smoothed modifiers: it came in Prometheus 3.7 (behind the feature flag promql-extended-range-selectors)'],
      ['smoothed', 'the anchored/smoothed modifiers: it came in Prometheus 3.7 (behind the feature flag promql-extended-range-selectors)'],
      ['fill(0)', 'the fill()/fill_left()/fill_right() modifiers of a binary operator: it came in Prometheus 3.10 (behind the feature flag promql-binop-fill-modifiers)'],
      ['300', 'a number as a duration or a duration as a number (x[300], offset 60, > 10m): it came in Prometheus 2.54'],
      ['10m', 'a number as a duration or a duration as a number (x[300], offset 60, > 10m): it came in Prometheus 2.54'],
    ]);
    expect(findings('2.42', exprs[1]!).map((f) => [f.span, f.message.replace(/^.*uses (.*), which .* does not have: (.*)$/, '$1: $2')])).toEqual([
      ['"__name__"', 'a quoted name in a selector ({"name"="value"}, {"metric"}): it came in Prometheus 2.51'],
    ]);
    // 3.0 has quoted names and numbers as durations.
    expect(findings('3.x', exprs[0]!, exprs[1]!, exprs[8]!, exprs[9]!)).toEqual([]);
  });

  it('is quiet on what every supported version parses', () => {
    const exprs = [
      'sum by (store) (rate(shop_orders_total[5m] offset -5m))',
      'max_over_time(shop_cart_items[1h:30s] offset 1h30m)',
      'topk(3, shop_cart_items) > 1e3',
      'group(shop_cart_items) * on(store) group_left() count_values("v", shop_cart_items)',
      'histogram_quantile(0.99, sum by (le) (rate(shop_checkout_seconds_bucket[5m])))',
      'quantile_over_time(0.5, shop_cart_items[1d]) - 0x10 + Inf',
      'shop_cart_items @ 1700000000 or absent(shop_cart_items)',
    ];
    for (const version of ['2.42', '2.53', '3.x'] as const) expect(findings(version, ...exprs)).toEqual([]);
  });
});


describe('version/unsupported on a target that admits several versions (every one must have it)', () => {
  const span = (version: PrometheusVersion, ...exprs: string[]) => findings(version, ...exprs).map((f) => [f.span, f.message.replace(/^.*which /, '')]);

  it('a release of 3 is that release: what came by 3.5 is there on 3.5, what came later is not', () => {
    expect(findings('3.7', 'rate(shop_orders_total[5m] anchored)').map((f) => f.message)).toEqual([
      expect.stringContaining('which Prometheus 3.7 (the target version, from the project) has only behind the feature flag promql-extended-range-selectors'),
    ]);
    expect(span('3.5', 'ts_of_max_over_time(shop_cart_items[1h])', 'first_over_time(shop_cart_items[1h])')).toEqual([
      ['ts_of_max_over_time', expect.stringMatching(/^Prometheus 3\.5 \(the target version, from the project\) has only behind the feature flag promql-experimental-functions/)],
      ['first_over_time', 'Prometheus 3.5 (the target version, from the project) does not have: it came in Prometheus 3.7 (behind the feature flag promql-experimental-functions)'],
    ]);
    // Duration arithmetic needs no flag from 3.14 on.
    expect(findings('3.14', 'rate(shop_orders_total[5m + 1m])', 'first_over_time(shop_cart_items[1h])')).toEqual([]);
    expect(findings('>=3.14', 'rate(shop_orders_total[5m + 1m])')).toEqual([]);
  });

  it('3.x and >=: the oldest admitted lacks what came later, the newest what was removed', () => {
    expect(span('>=3.4', 'rate(shop_orders_total[5m + 1m])')).toEqual([
      ['5m + 1m', expect.stringMatching(/^Prometheus >=3\.4 \(the target version, from the project\) has only behind the feature flag promql-duration-expr/)],
    ]);
    expect(span('3', 'rate(shop_orders_total[5m + 1m])')).toEqual([
      ['5m + 1m', 'Prometheus 3 (the target version, from the project) does not have: it came in Prometheus 3.4 (behind the feature flag promql-duration-expr)'],
    ]);
    // A bound that reaches Prometheus 3 admits a version without holt_winters, and one without double_exponential_smoothing.
    const both = findings('>=2.53', holt, smoothing);
    expect(both.map((f) => f.message.replace(/^.*which /, ''))).toEqual([
      'Prometheus >=2.53 (the target version, from the project) does not have: Prometheus 3.0 renamed it double_exponential_smoothing',
      'Prometheus >=2.53 (the target version, from the project) does not have: it came in Prometheus 3.0 (behind the feature flag promql-experimental-functions)',
    ]);
    expect(both.map((f) => f.hint)).toEqual([
      "no one name works on every version the target admits: set versions: { prometheus: '…' } to the Prometheus production runs (before 3.0 for holt_winters, 3.0 or newer for double_exponential_smoothing)",
      "no one name works on every version the target admits: set versions: { prometheus: '…' } to the Prometheus production runs (before 3.0 for holt_winters, 3.0 or newer for double_exponential_smoothing)",
    ]);
    expect(findings('2.55', holt)).toEqual([]);
  });

  it('the hint names the release that brings it, now that any release is a target', () => {
    expect(findings('3.x', 'ts_of_max_over_time(shop_cart_items[1h])')[0]!.hint).toBe(
      "if your Prometheus is 3.5 or newer and runs with --enable-feature=promql-experimental-functions, set versions: { prometheus: '3.5' } (or the release it runs, or '>=3.5'); otherwise do without it",
    );
    expect(findings('2.42', 'histogram_avg(shop_cart_items)')[0]!.hint).toBe(
      "if your Prometheus is 2.51 or newer, set versions: { prometheus: '2.51' } (or the release it runs, or '>=2.51'); otherwise do without it",
    );
  });
});
