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
});
