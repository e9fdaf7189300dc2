/**
 * What Prometheus's own parser accepts and refuses, where lezer-promql's grammar (Prometheus 3's,
 * and without type checks) differs: holt_winters (Prometheus 2), `by (__name__)`, and the type errors
 * promtool 2.42 reports (`comparisons between scalars must use BOOL modifier`, …).
 */
import { describe, expect, it } from 'vitest';
import { alert, record } from '../../../src/index.js';
import { CHECKS } from '../../../src/lint/index.js';
import { runOn } from '../../helpers/model.js';
import { basics, rulePath, shop } from './shop.js';

/** Every finding of every check on the rules, as id, severity, message and underlined text. */
function allFindings(...rules: Parameters<typeof shop>[0]['rules'] & object) {
  return runOn(shop({ rules }), CHECKS).map((d) => ({
    id: d.id,
    severity: d.severity,
    message: d.message,
    span: d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined,
  }));
}

const promqlFindings = (...rules: Parameters<typeof allFindings>) => allFindings(...rules).filter((f) => f.id.startsWith('promql/') || f.id === 'alert/comparison');

describe('holt_winters (Prometheus 2 has it; lezer-promql knows only double_exponential_smoothing)', () => {
  it('parses, selects its argument, keeps its labels and needs a range vector', () => {
    const rule = alert({ ...basics, name: 'CartsForecast', expr: 'holt_winters(shop_cart_items[1h], 0.5, 0.5) > 100' });
    expect(promqlFindings(rule)).toEqual([]);
    const labelled = alert({ ...basics, name: 'CartsByTypo', expr: 'sum by (stoer) (holt_winters(shop_cart_items[1h], 0.5, 0.5)) > 100' });
    expect(promqlFindings(labelled).map((f) => [f.id, f.span])).toEqual([['promql/unknown-label', 'stoer']]);
    const instant = alert({ ...basics, name: 'CartsInstant', expr: 'holt_winters(shop_cart_items, 0.5, 0.5) > 100' });
    expect(promqlFindings(instant)).toEqual([
      { id: 'promql/syntax', severity: 'error', message: 'holt_winters() in alert CartsInstant needs a range vector, got shop_cart_items', span: 'shop_cart_items' },
    ]);
  });

  it('keeps the positions of a syntax error after it', () => {
    const rule = alert({ ...basics, name: 'Broken', expr: 'holt_winters(shop_cart_items[1h], 0.5, 0.5) > )' });
    const found = promqlFindings(rule);
    expect(found.map((f) => [f.id, f.message])).toEqual([['promql/syntax', 'PromQL syntax error in alert Broken: unexpected ")" at column 47']]);
  });
});

describe('by (__name__) and on (__name__)', () => {
  it('are quiet on catalogue selectors: the metric name is kept', () => {
    const by = alert({ ...basics, name: 'ManySeries', expr: 'count by (__name__) (shop_orders_total) > 10000' });
    const on = alert({ ...basics, name: 'OnName', expr: 'shop_cart_items > on (__name__, store) group_left max by (__name__, store) (shop_cart_items)' });
    const matched = alert({ ...basics, name: 'Matched', expr: 'count by (__name__, store) (shop_cart_items) > on (store) count by (store) (shop_payments_total)' });
    expect(promqlFindings(by, on, matched)).toEqual([]);
  });
});

describe('type errors Prometheus refuses (promql/syntax)', () => {
  it('a comparison between two scalars without bool', () => {
    const numbers = alert({ ...basics, name: 'Numbers', expr: '1 > 2' });
    const scalar = alert({ ...basics, name: 'Scalar', expr: 'scalar(sum(shop_cart_items)) > 10' });
    const withBool = record({ name: 'store:shop_cart:many', expr: 'scalar(sum(shop_cart_items)) > bool 10' });
    const found = allFindings(numbers, scalar, withBool).filter((f) => f.id === 'promql/syntax');
    expect(found).toEqual([
      { id: 'promql/syntax', severity: 'error', message: 'PromQL type error in alert Numbers: comparisons between scalars must use bool (">" between two numbers)', span: '>' },
      { id: 'promql/syntax', severity: 'error', message: 'PromQL type error in alert Scalar: comparisons between scalars must use bool (">" between two numbers)', span: '>' },
    ]);
  });

  it('a range vector as an operand, which lezer reads as a range over the whole operation', () => {
    const rule = alert({ ...basics, name: 'RangeOperand', expr: 'shop_cart_items > 10 and shop_cart_items[5m]' });
    expect(promqlFindings(rule)).toEqual([
      {
        id: 'promql/syntax',
        severity: 'error',
        message: 'PromQL type error in alert RangeOperand: binary expression must contain only scalar and instant vector types: shop_cart_items[5m] is a range vector',
        span: 'shop_cart_items[5m]',
      },
    ]);
    const left = alert({ ...basics, name: 'RangeLeft', expr: 'shop_cart_items[5m] > 1' });
    const subquery = alert({ ...basics, name: 'Subquery', expr: 'max(shop_cart_items)[5m:] > 1' });
    const paren = alert({ ...basics, name: 'Paren', expr: '(shop_cart_items > 1)[5m]' });
    expect(promqlFindings(left, subquery, paren).map((f) => [f.id, f.message, f.span])).toEqual([
      ['promql/syntax', 'PromQL type error in alert RangeLeft: binary expression must contain only scalar and instant vector types: shop_cart_items[5m] is a range vector', 'shop_cart_items[5m]'],
      ['promql/syntax', 'PromQL type error in alert Subquery: binary expression must contain only scalar and instant vector types: max(shop_cart_items)[5m:] is a range vector', 'max(shop_cart_items)[5m:]'],
      ['promql/syntax', 'PromQL type error in alert Paren: ranges only allowed for vector selectors: (shop_cart_items > 1)[5m]', '(shop_cart_items > 1)[5m]'],
    ]);
  });

  it('a set operator with a number', () => {
    const rule = record({ name: 'store:shop_cart:one', expr: '1 and shop_cart_items' });
    expect(promqlFindings(rule).map((f) => f.message)).toEqual([
      'PromQL type error in record store:shop_cart:one: set operator "and" not allowed in binary scalar expression (one side is a number)',
    ]);
  });
});

describe('on (x) names the side that lacks x', () => {
  it('the right-hand side', () => {
    const rule = alert({ ...basics, name: 'OnStatus', expr: 'rate(shop_orders_total[5m]) > on (status) group_left rate(shop_payments_total[5m])' });
    const found = runOn(shop({ rules: [rule] }), CHECKS.filter((c) => c.id === 'promql/unknown-label'));
    expect(found.map((d) => [d.message, d.path])).toEqual([
      ['alert OnStatus uses on (status), but the right-hand side has no label "status".', rulePath('OnStatus', 'expr')],
    ]);
  });
});
