import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, summary, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

const ID = 'promql/impossible-threshold';

/** [severity, message] of each finding, in order. */
const brief = (project: ReturnType<typeof shop>) => findings(ID, project).map((d) => [d.severity, d.message]);

describe(ID, () => {
  it('fires on histogram_quantile() compared above the largest finite bucket of the histogram', () => {
    const rule = alert({ ...basics, name: 'SlowCheckout', expr: 'histogram_quantile(0.99, sum by (le) (rate(shop_checkout_seconds_bucket[5m]))) > 250' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message:
          'alert SlowCheckout: "> 250" never holds: histogram_quantile(0.99, sum by (le) (rate(shop_checkout_seconds_bucket[5m]))) lies between 0 and 5 (histogram_quantile() never exceeds the largest finite bucket of shop_checkout_seconds (5)), so the alert never fires',
        hint: 'compare with a value within the buckets, or add larger buckets to the histogram (and the application)',
        path: rulePath('SlowCheckout', 'expr'),
        at: rule,
        span: '> 250',
      },
    ]);
  });

  it('judges each comparison of a side met again (one walk per distinct side) by its own threshold, owner and place', () => {
    const ratio = 'sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m]))';
    const rules = [
      alert({ ...basics, name: 'Fine', expr: `${ratio} > 0.05` }),
      alert({ ...basics, name: 'Never', expr: `${ratio} > 5` }),
      alert({ ...basics, name: 'Always', expr: `${ratio} >= 0` }),
      alert({ ...basics, name: 'Nested', expr: `(${ratio} > 5) and on() vector(1) > 0` }),
      // Spaced otherwise: another text, the same range.
      alert({ ...basics, name: 'Spaced', expr: `${ratio.replace(' / ', '/')} > 1.5` }),
    ];
    const why = 'a part of a counter over the whole of it lies between 0 and 1';
    expect(brief(shop({ rules }))).toEqual([
      ['error', `alert Never: "> 5" never holds: its left-hand side lies between 0 and 1 (${why}), so the alert never fires`],
      // Not "always": the ratio is NaN (0/0) where the whole is 0, and NaN fails `>= 0`.
      ['warning', `alert Always: ">= 0" holds for every value but NaN: its left-hand side lies between 0 and 1 (${why}) or is NaN (the part over a whole of 0 is 0/0), so it only drops the NaN values: the alert fires whenever the series exist and are not NaN`],
      ['error', `alert Nested: "> 5" never holds: its left-hand side lies between 0 and 1 (${why}), so that part of the expression is always empty`],
      ['error', `alert Spaced: "> 1.5" never holds: its left-hand side lies between 0 and 1 (${why}), so the alert never fires`],
    ]);
  });

  it('fires on a part of a counter over the whole of it compared above 1, in both orders, scaled, and on bucket over count', () => {
    const ratio = 'sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m]))';
    const rules = [
      alert({ ...basics, name: 'Failed', expr: `${ratio} > 5` }),
      alert({ ...basics, name: 'FailedSwapped', expr: `5 < ${ratio}` }),
      alert({ ...basics, name: 'Percent', expr: `100 * ${ratio} >= 101` }),
      alert({ ...basics, name: 'ByStore', expr: 'sum by (store) (rate(shop_orders_total{status="failed", store!="test"}[1h])) / sum by (store) (rate(shop_orders_total{store!="test"}[1h])) > 2' }),
      alert({ ...basics, name: 'Apdex', expr: '1 - sum(rate(shop_checkout_seconds_bucket{le="1"}[5m])) / sum(rate(shop_checkout_seconds_count[5m])) > 1' }),
    ];
    const why = 'a part of a counter over the whole of it lies between 0 and 1';
    expect(brief(shop({ rules }))).toEqual([
      ['error', `alert Failed: "> 5" never holds: its left-hand side lies between 0 and 1 (${why}), so the alert never fires`],
      ['error', `alert FailedSwapped: "5 <" never holds: its right-hand side lies between 0 and 1 (${why}), so the alert never fires`],
      ['error', `alert Percent: ">= 101" never holds: its left-hand side lies between 0 and 100 (${why}), so the alert never fires`],
      ['error', `alert ByStore: "> 2" never holds: its left-hand side lies between 0 and 1 (${why}), so the alert never fires`],
      ['error', `alert Apdex: "> 1" never holds: its left-hand side lies between 0 and 1 (${why}), so the alert never fires`],
    ]);
    expect(findings(ID, shop({ rules: [rules[0]!] }))[0]!.hint).toBe('a ratio is compared with a fraction: 0.05 for 5%, not 5');
  });

  it('fires on a part over its whole matched on (…), ignoring (…) or group_left: a series is matched with its own group, whose whole holds it', () => {
    const part = 'sum by (store) (rate(shop_orders_total{status="failed"}[5m]))';
    const whole = 'sum by (store) (rate(shop_orders_total[5m]))';
    const rules = [
      alert({ ...basics, name: 'On', expr: `${part} / on (store) ${whole} > 1` }),
      alert({ ...basics, name: 'Ignoring', expr: `${part} / ignoring (status) ${whole} > 5` }),
      alert({ ...basics, name: 'GroupLeft', expr: `100 * ${part} / on (store) group_left ${whole} > 100` }),
      // group_right: a series of the whole may meet the part of another group: not judged.
      alert({ ...basics, name: 'GroupRight', expr: `${part} / on (store) group_right ${whole} > 1` }),
    ];
    const why = 'a part of a counter over the whole of it lies between 0 and 1';
    expect(brief(shop({ rules }))).toEqual([
      ['error', `alert On: "> 1" never holds: its left-hand side lies between 0 and 1 (${why}), so the alert never fires`],
      ['error', `alert Ignoring: "> 5" never holds: its left-hand side lies between 0 and 1 (${why}), so the alert never fires`],
      ['error', `alert GroupLeft: "> 100" never holds: its left-hand side lies between 0 and 100 (${why}), so the alert never fires`],
    ]);
  });

  it('fires on rate()-like functions below 0 (never) and at or above 0 (always), and on counts below 1', () => {
    const rules = [
      alert({ ...basics, name: 'Negative', expr: 'rate(shop_orders_total[5m]) < 0' }),
      alert({ ...basics, name: 'AnyRate', expr: 'rate(shop_orders_total[5m]) >= 0' }),
      alert({ ...basics, name: 'Restarts', expr: 'sum by (store) (increase(shop_orders_total[1h])) <= -1' }),
      alert({ ...basics, name: 'Changes', expr: 'changes(shop_cart_items[10m]) < 0' }),
      alert({ ...basics, name: 'NoTargets', expr: 'count(up{job="shop"}) < 1' }),
      alert({ ...basics, name: 'NoStores', expr: 'count by (store) (shop_cart_items) == 0' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert Negative: "< 0" never holds: rate(shop_orders_total[5m]) is never negative (rate() is never negative), so the alert never fires'],
      ['warning', 'alert AnyRate: ">= 0" always holds: rate(shop_orders_total[5m]) is never negative (rate() is never negative), so the alert fires whenever the series exist'],
      ['error', 'alert Restarts: "<= -1" never holds: sum by (store) (increase(shop_orders_total[1h])) is never negative (increase() is never negative), so the alert never fires'],
      ['error', 'alert Changes: "< 0" never holds: changes(shop_cart_items[10m]) is never negative (changes() is never negative), so the alert never fires'],
      ['error', 'alert NoTargets: "< 1" never holds: count(up{job="shop"}) is at least 1 (a count is at least 1), so the alert never fires'],
      ['error', 'alert NoStores: "== 0" never holds: count by (store) (shop_cart_items) is at least 1 (a count is at least 1), so the alert never fires'],
    ]);
  });

  it('fires on 0/1 values (up, bool comparisons, absent) and clamp bounds', () => {
    const rules = [
      alert({ ...basics, name: 'UpHigh', expr: 'up{job="shop"} > 1' }),
      alert({ ...basics, name: 'UpAvg', expr: 'avg_over_time(up{job="shop"}[10m]) > 1' }),
      alert({ ...basics, name: 'BoolHigh', expr: 'max by (store) (shop_cart_items > bool 100) > 1' }),
      alert({ ...basics, name: 'AbsentZero', expr: 'absent(shop_cart_items{job="shop"}) == 0' }),
      alert({ ...basics, name: 'Clamped', expr: 'clamp_max(shop_cart_items, 100) > 100' }),
      alert({ ...basics, name: 'ClampedBoth', expr: 'clamp(shop_cart_items, 0, 10) <= 10' }),
      record({ name: 'store:shop_cart:positive', expr: 'clamp_min(shop_cart_items, 0) < 0' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert UpHigh: "> 1" never holds: up{job="shop"} lies between 0 and 1 (up is 0 or 1), so the alert never fires'],
      ['error', 'alert UpAvg: "> 1" never holds: avg_over_time(up{job="shop"}[10m]) lies between 0 and 1 (up is 0 or 1), so the alert never fires'],
      ['error', 'alert BoolHigh: "> 1" never holds: max by (store) (shop_cart_items > bool 100) lies between 0 and 1 (a comparison with bool is 0 or 1), so the alert never fires'],
      ['error', 'alert AbsentZero: "== 0" never holds: absent(shop_cart_items{job="shop"}) is always 1 (absent() is 1 when it returns anything), so the alert never fires'],
      ['error', 'alert Clamped: "> 100" never holds: clamp_max(shop_cart_items, 100) is at most 100 (clamp_max(…, 100) keeps them at or below 100), so the alert never fires'],
      ['warning', 'alert ClampedBoth: "<= 10" always holds: clamp(shop_cart_items, 0, 10) lies between 0 and 10 (clamp(…, 0, 10) keeps them between 0 and 10), so the alert fires whenever the series exist'],
      ['error', 'record store:shop_cart:positive: "< 0" never holds: clamp_min(shop_cart_items, 0) is never negative (clamp_min(…, 0) keeps them at or above 0), so the rule never records anything'],
    ]);
  });

  it('carries bounds through round, ceil, floor, sgn and exp, and stays quiet where they move a bound past the threshold', () => {
    const rules = [
      alert({ ...basics, name: 'Rounded', expr: 'round(rate(shop_orders_total[5m])) < 0' }),
      alert({ ...basics, name: 'Ceiled', expr: 'ceil(up{job="shop"}) > 1' }),
      alert({ ...basics, name: 'Sign', expr: 'sgn(shop_cart_items) > 1' }),
      alert({ ...basics, name: 'Exponent', expr: 'exp(shop_cart_items) < 0' }),
      alert({ ...basics, name: 'RoundedRatio', expr: 'round(sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m])), 0.1) > 1.05' }),
      // To the nearest 10, a ratio is always 0.
      alert({ ...basics, name: 'RoundedTo', expr: 'round(sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m])), 10) > 1' }),
      alert({ ...basics, name: 'FloorNegative', expr: 'floor(-rate(shop_orders_total[5m])) < -0.5' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert Rounded: "< 0" never holds: round(rate(shop_orders_total[5m])) is never negative (rate() is never negative), so the alert never fires'],
      ['error', 'alert Ceiled: "> 1" never holds: ceil(up{job="shop"}) lies between 0 and 1 (up is 0 or 1), so the alert never fires'],
      ['error', 'alert Sign: "> 1" never holds: sgn(shop_cart_items) lies between -1 and 1 (sgn() is -1, 0 or 1), so the alert never fires'],
      ['error', 'alert Exponent: "< 0" never holds: exp(shop_cart_items) is never negative (exp() is never negative), so the alert never fires'],
      ['error', 'alert RoundedRatio: "> 1.05" never holds: its left-hand side lies between 0 and 1 (a part of a counter over the whole of it lies between 0 and 1), so the alert never fires'],
      ['error', 'alert RoundedTo: "> 1" never holds: its left-hand side is always 0 (a part of a counter over the whole of it lies between 0 and 1), so the alert never fires'],
    ]);
  });

  it('follows recorded series to the expression that records them, and judges a recording rule that filters', () => {
    const ratio = record({ name: 'store:shop_orders_failed:ratio_rate5m', expr: 'sum by (store) (rate(shop_orders_total{status="failed"}[5m])) / sum by (store) (rate(shop_orders_total[5m]))' });
    const filtered = record({ name: 'store:shop_orders_failed:high', expr: 'store:shop_orders_failed:ratio_rate5m > 1' });
    const rule = alert({ ...basics, name: 'FailedOrders', expr: 'store:shop_orders_failed:ratio_rate5m > 5' });
    expect(brief(shop({ rules: [ratio, filtered, rule] }))).toEqual([
      [
        'error',
        'record store:shop_orders_failed:high: "> 1" never holds: store:shop_orders_failed:ratio_rate5m lies between 0 and 1 (store:shop_orders_failed:ratio_rate5m is recorded from an expression that lies between 0 and 1: a part of a counter over the whole of it lies between 0 and 1), so the rule never records anything',
      ],
      [
        'error',
        'alert FailedOrders: "> 5" never holds: store:shop_orders_failed:ratio_rate5m lies between 0 and 1 (store:shop_orders_failed:ratio_rate5m is recorded from an expression that lies between 0 and 1: a part of a counter over the whole of it lies between 0 and 1), so the alert never fires',
      ],
    ]);
  });

  it('fires in a dashboard panel, and on a comparison inside a larger expression', () => {
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Shrinking', targets: [{ expr: 'sum(rate(shop_orders_total{store=~"$store"}[$__rate_interval])) < 0' }] })] });
    const nested = alert({ ...basics, name: 'Nested', expr: 'shop_cart_items > 100 and on (store) count by (store) (shop_cart_items) < 1' });
    expect(brief(shop({ dashboards: [board], rules: [nested] }))).toEqual([
      ['error', 'alert Nested: "< 1" never holds: count by (store) (shop_cart_items) is at least 1 (a count is at least 1), so that part of the expression is always empty'],
      ['error', 'panel Shrinking: "< 0" never holds: sum(rate(shop_orders_total{store=~"$store"}[$__rate_interval])) is never negative (rate() is never negative), so the query is always empty'],
    ]);
  });

  it('stays quiet on thresholds within the range, presence tests, and ranges it cannot be sure of', () => {
    const rules = [
      alert({ ...basics, name: 'Ratio', expr: 'sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m])) > 0.05' }),
      alert({ ...basics, name: 'Quantile', expr: 'histogram_quantile(0.99, sum by (le) (rate(shop_checkout_seconds_bucket[5m]))) > 1' }),
      alert({ ...basics, name: 'Present', expr: 'count(up{job="shop"} == 0) > 0' }),
      alert({ ...basics, name: 'AbsentIdiom', expr: 'absent(shop_cart_items{job="shop"}) == 1' }),
      alert({ ...basics, name: 'Down', expr: 'up{job="shop"} == 0' }),
      alert({ ...basics, name: 'AnyOrders', expr: 'rate(shop_orders_total[5m]) > 0' }),
      alert({ ...basics, name: 'OtherMetric', expr: 'sum(rate(shop_orders_total[5m])) / sum(rate(shop_payments_total[5m])) > 5' }),
      alert({ ...basics, name: 'OtherRange', expr: 'sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[1h])) > 5' }),
      alert({ ...basics, name: 'NotSubset', expr: 'sum(rate(shop_orders_total[5m])) / sum(rate(shop_orders_total{status="ok"}[5m])) > 5' }),
      alert({ ...basics, name: 'Averages', expr: 'avg(rate(shop_orders_total{status="failed"}[5m])) / avg(rate(shop_orders_total[5m])) > 5' }),
      alert({ ...basics, name: 'UnknownHistogram', expr: 'histogram_quantile(0.99, sum by (le) (rate(other_seconds_bucket[5m]))) > 250' }),
      alert({ ...basics, name: 'SumOfBools', expr: 'sum by (store) (shop_cart_items > bool 100) > 1' }),
      alert({ ...basics, name: 'Gauge', expr: 'shop_cart_items < 0' }),
      alert({ ...basics, name: 'Delta', expr: 'delta(shop_cart_items[10m]) < 0' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });
});

describe(`${ID}: bounds that come from a function's documented range, NaN and the infinities`, () => {
  it('fires on the time functions beyond the values the docs give them, with or without an argument', () => {
    const rules = [
      alert({ ...basics, name: 'Weekday', expr: 'day_of_week() > 6' }),
      alert({ ...basics, name: 'Hour', expr: 'hour(timestamp(shop_cart_items)) > 23' }),
      alert({ ...basics, name: 'HourAtLeast', expr: 'hour() >= 24' }),
      alert({ ...basics, name: 'Minute', expr: 'minute() == 60' }),
      alert({ ...basics, name: 'Month', expr: 'month() < 1' }),
      alert({ ...basics, name: 'Day', expr: 'day_of_month() > 31' }),
      alert({ ...basics, name: 'YearDay', expr: 'day_of_year() > 366' }),
      alert({ ...basics, name: 'MonthDays', expr: 'days_in_month() < 28' }),
      alert({ ...basics, name: 'Stamp', expr: 'timestamp(shop_cart_items) < 0' }),
      alert({ ...basics, name: 'Now', expr: 'vector(time()) < 0' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert Weekday: "> 6" never holds: day_of_week() lies between 0 and 6 (day_of_week() returns 0 (Sunday) to 6), so the alert never fires'],
      ['error', 'alert Hour: "> 23" never holds: hour(timestamp(shop_cart_items)) lies between 0 and 23 (hour() returns 0 to 23), so the alert never fires'],
      ['error', 'alert HourAtLeast: ">= 24" never holds: hour() lies between 0 and 23 (hour() returns 0 to 23), so the alert never fires'],
      ['error', 'alert Minute: "== 60" never holds: minute() lies between 0 and 59 (minute() returns 0 to 59), so the alert never fires'],
      ['error', 'alert Month: "< 1" never holds: month() lies between 1 and 12 (month() returns 1 (January) to 12), so the alert never fires'],
      ['error', 'alert Day: "> 31" never holds: day_of_month() lies between 1 and 31 (day_of_month() returns 1 to 31), so the alert never fires'],
      ['error', 'alert YearDay: "> 366" never holds: day_of_year() lies between 1 and 366 (day_of_year() returns 1 to 366), so the alert never fires'],
      ['error', 'alert MonthDays: "< 28" never holds: days_in_month() lies between 28 and 31 (days_in_month() returns 28 to 31), so the alert never fires'],
      ['error', 'alert Stamp: "< 0" never holds: timestamp(shop_cart_items) is never negative (timestamp() counts seconds since 1970, never negative), so the alert never fires'],
      ['error', 'alert Now: "< 0" never holds: vector(time()) is never negative (time() counts seconds since 1970, never negative), so the alert never fires'],
    ]);
  });

  it('fires on other functions bounded whatever their argument (abs, sqrt, cos, stddev_over_time, resets) and on `bool` results', () => {
    const rules = [
      alert({ ...basics, name: 'Abs', expr: 'abs(delta(shop_cart_items[10m])) < 0' }),
      alert({ ...basics, name: 'Sqrt', expr: 'sqrt(shop_cart_items) <= -1' }),
      alert({ ...basics, name: 'Cos', expr: 'cos(shop_cart_items) > 1' }),
      alert({ ...basics, name: 'Spread', expr: 'stddev_over_time(shop_cart_items[10m]) < 0' }),
      alert({ ...basics, name: 'Resets', expr: 'resets(shop_orders_total[1h]) < 0' }),
      alert({ ...basics, name: 'BoolHour', expr: 'vector(hour() > bool 23) == 1' }),
      record({ name: 'store:shop_cart:weekend', expr: 'day_of_week() > bool 6' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert Abs: "< 0" never holds: abs(delta(shop_cart_items[10m])) is never negative (abs() is never negative), so the alert never fires'],
      ['error', 'alert Sqrt: "<= -1" never holds: sqrt(shop_cart_items) is never negative (sqrt() is never negative), so the alert never fires'],
      ['error', 'alert Cos: "> 1" never holds: cos(shop_cart_items) lies between -1 and 1 (cos() lies between -1 and 1), so the alert never fires'],
      ['error', 'alert Spread: "< 0" never holds: stddev_over_time(shop_cart_items[10m]) is never negative (stddev_over_time() is never negative), so the alert never fires'],
      ['error', 'alert Resets: "< 0" never holds: resets(shop_orders_total[1h]) is never negative (resets() is never negative), so the alert never fires'],
      ['error', 'alert BoolHour: "> bool 23" never holds: hour() lies between 0 and 23 (hour() returns 0 to 23), so it is always 0'],
      ['error', 'record store:shop_cart:weekend: "> bool 6" never holds: day_of_week() lies between 0 and 6 (day_of_week() returns 0 (Sunday) to 6), so it is always 0'],
    ]);
  });

  it('follows scalar() and vector() (a count is at least 1), where scalar() of no series is NaN', () => {
    const rules = [
      alert({ ...basics, name: 'ScalarCount', expr: 'vector(scalar(count(up{job="shop"}))) < 1' }),
      alert({ ...basics, name: 'ScalarBool', expr: 'vector(scalar(count(up{job="shop"})) < bool 1) > 0' }),
      alert({ ...basics, name: 'ScalarAbsent', expr: 'shop_cart_items > 5 and on () vector(scalar(absent(up{job="shop"}))) > 1' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert ScalarCount: "< 1" never holds: vector(scalar(count(up{job="shop"}))) is at least 1 (a count is at least 1), so the alert never fires'],
      ['error', 'alert ScalarBool: "< bool 1" never holds: scalar(count(up{job="shop"})) is at least 1 (a count is at least 1), so it is always 0'],
      ['error', 'alert ScalarAbsent: "> 1" never holds: vector(scalar(absent(up{job="shop"}))) is always 1 (absent() is 1 when it returns anything), so that part of the expression is always empty'],
    ]);
  });

  it('fires on comparisons with NaN (equal to nothing, unequal to everything) and beyond the infinities, whatever the expression', () => {
    const rules = [
      alert({ ...basics, name: 'AboveInf', expr: 'shop_cart_items > +Inf' }),
      alert({ ...basics, name: 'BelowInf', expr: 'shop_cart_items < -Inf' }),
      alert({ ...basics, name: 'InfBelow', expr: 'Inf < sum(shop_cart_items)' }),
      alert({ ...basics, name: 'RateAboveInf', expr: 'rate(shop_orders_total[5m]) > Inf' }),
      alert({ ...basics, name: 'IsNaN', expr: 'shop_cart_items == NaN' }),
      alert({ ...basics, name: 'AboveNaN', expr: 'shop_cart_items >= NaN' }),
      alert({ ...basics, name: 'NotNaN', expr: 'shop_cart_items != NaN' }),
      alert({ ...basics, name: 'UpInf', expr: 'up{job="shop"} >= +Inf' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert AboveInf: "> +Inf" never holds: no value is greater than +Inf, so the alert never fires'],
      ['error', 'alert BelowInf: "< -Inf" never holds: no value is less than -Inf, so the alert never fires'],
      ['error', 'alert InfBelow: "Inf <" never holds: no value is greater than +Inf, so the alert never fires'],
      ['error', 'alert RateAboveInf: "> Inf" never holds: no value is greater than +Inf, so the alert never fires'],
      ['error', 'alert IsNaN: "== NaN" never holds: no value, NaN itself included, is equal to NaN, so the alert never fires'],
      ['error', 'alert AboveNaN: ">= NaN" never holds: no value, NaN itself included, is greater than or equal to NaN, so the alert never fires'],
      ['warning', 'alert NotNaN: "!= NaN" always holds: every value, NaN itself included, is unequal to NaN, so the alert fires whenever the series exist'],
      ['error', 'alert UpInf: ">= +Inf" never holds: up{job="shop"} lies between 0 and 1 (up is 0 or 1), so the alert never fires'],
    ]);
    expect(findings(ID, shop({ rules: [rules[4]!] }))[0]!.hint).toBe('to find NaN values compare the series with itself: x != x keeps only NaN');
  });

  it('stays quiet where a value, NaN or an infinity can still make the comparison differ', () => {
    const rules = [
      // scalar() of no series (or of several) is NaN: `< bool 1` is then 0, `> bool 0` too: a real test.
      alert({ ...basics, name: 'ScalarPresent', expr: 'vector(scalar(count(up{job="shop"})) > bool 0) == 0' }),
      alert({ ...basics, name: 'ScalarAtLeast', expr: 'vector(scalar(count(up{job="shop"}))) >= 1' }),
      // Filters that keep every finite value drop NaN (and an infinity): not judged.
      alert({ ...basics, name: 'Finite', expr: 'shop_cart_items < +Inf' }),
      alert({ ...basics, name: 'NotMinusInf', expr: 'shop_cart_items > -Inf' }),
      alert({ ...basics, name: 'RateFinite', expr: 'rate(shop_orders_total[5m]) < Inf' }),
      alert({ ...basics, name: 'UpNotInf', expr: 'up{job="shop"} != +Inf' }),
      alert({ ...basics, name: 'IsInf', expr: 'shop_cart_items == +Inf' }),
      alert({ ...basics, name: 'AtLeastInf', expr: 'shop_cart_items >= +Inf' }),
      // Thresholds within the documented ranges, and functions without one.
      alert({ ...basics, name: 'Weekend', expr: 'day_of_week() == 0 or day_of_week() == 6' }),
      alert({ ...basics, name: 'Night', expr: 'hour() >= 22' }),
      alert({ ...basics, name: 'Age', expr: 'time() - timestamp(shop_cart_items) < 0' }),
      alert({ ...basics, name: 'Year', expr: 'year() < 2000' }),
      alert({ ...basics, name: 'Log', expr: 'ln(shop_cart_items) < 0' }),
      alert({ ...basics, name: 'Deriv', expr: 'deriv(shop_cart_items[10m]) < 0' }),
      // A quantile beyond [0, 1] is -Inf or +Inf, none of its input's values.
      alert({ ...basics, name: 'QuantileOver', expr: 'quantile_over_time(2, up{job="shop"}[10m]) > 1' }),
      alert({ ...basics, name: 'QuantileAgg', expr: 'quantile(-1, up{job="shop"}) < 0' }),
      alert({ ...basics, name: 'Offset', expr: 'hour(timestamp(shop_cart_items offset 1h)) >= 23' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });
});

describe(`${ID}: values that may be NaN (NaN fails every comparison but \`!=\`)`, () => {
  const ratio = 'sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m]))';
  const partWhy = 'a part of a counter over the whole of it lies between 0 and 1';
  const dropsNaN = 'so it only drops the NaN values: the alert fires whenever the series exist and are not NaN';

  it('says a comparison every value but NaN passes holds for every value but NaN, naming where the NaN comes from', () => {
    const quantile = 'histogram_quantile(0.99, sum by (le) (rate(shop_checkout_seconds_bucket[5m])))';
    const rules = [
      alert({ ...basics, name: 'Ratio', expr: `${ratio} >= 0` }),
      alert({ ...basics, name: 'RatioAtMost', expr: `${ratio} <= 1` }),
      alert({ ...basics, name: 'Percent', expr: `100 * ${ratio} <= 100` }),
      alert({ ...basics, name: 'Quantile', expr: `${quantile} <= 5` }),
      alert({ ...basics, name: 'Sqrt', expr: 'sqrt(shop_cart_items) >= 0' }),
      alert({ ...basics, name: 'Asin', expr: 'asin(shop_cart_items) >= -2' }),
      alert({ ...basics, name: 'Acosh', expr: 'acosh(shop_cart_items) > -1' }),
      alert({ ...basics, name: 'Cos', expr: 'cos(shop_cart_items / shop_cart_items) >= -1' }),
      alert({ ...basics, name: 'Clamped', expr: `clamp_min(${ratio}, 0) >= 0` }),
      alert({ ...basics, name: 'Summed', expr: `sum(${ratio}) >= 0` }),
      alert({ ...basics, name: 'Spread', expr: 'stddev(shop_cart_items / sum(shop_cart_items)) >= 0' }),
      alert({ ...basics, name: 'Scalar', expr: 'vector(scalar(sum(rate(shop_orders_total[5m])))) >= 0' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['warning', `alert Ratio: ">= 0" holds for every value but NaN: its left-hand side lies between 0 and 1 (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), ${dropsNaN}`],
      ['warning', `alert RatioAtMost: "<= 1" holds for every value but NaN: its left-hand side lies between 0 and 1 (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), ${dropsNaN}`],
      ['warning', `alert Percent: "<= 100" holds for every value but NaN: its left-hand side lies between 0 and 100 (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), ${dropsNaN}`],
      ['warning', `alert Quantile: "<= 5" holds for every value but NaN: ${quantile} lies between 0 and 5 (histogram_quantile() never exceeds the largest finite bucket of shop_checkout_seconds (5)) or is NaN (histogram_quantile() is NaN where the buckets have no observations), ${dropsNaN}`],
      ['warning', `alert Sqrt: ">= 0" holds for every value but NaN: sqrt(shop_cart_items) is never negative (sqrt() is never negative) or is NaN (sqrt() of a negative value is NaN), ${dropsNaN}`],
      ['warning', `alert Asin: ">= -2" holds for every value but NaN: asin(shop_cart_items) lies between -π/2 and π/2 (asin() lies between -π/2 and π/2) or is NaN (asin() of a value beyond ±1 is NaN), ${dropsNaN}`],
      ['warning', `alert Acosh: "> -1" holds for every value but NaN: acosh(shop_cart_items) is never negative (acosh() is never negative) or is NaN (acosh() of a value below 1 is NaN), ${dropsNaN}`],
      ['warning', `alert Cos: ">= -1" holds for every value but NaN: cos(shop_cart_items / shop_cart_items) lies between -1 and 1 (cos() lies between -1 and 1) or is NaN (cos() of an infinite value is NaN), ${dropsNaN}`],
      ['warning', `alert Clamped: ">= 0" holds for every value but NaN: its left-hand side lies between 0 and 1 (${partWhy}; clamp_min(…, 0) keeps them at or above 0) or is NaN (the part over a whole of 0 is 0/0), ${dropsNaN}`],
      ['warning', `alert Summed: ">= 0" holds for every value but NaN: its left-hand side is never negative (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), ${dropsNaN}`],
      ['warning', `alert Spread: ">= 0" holds for every value but NaN: stddev(shop_cart_items / sum(shop_cart_items)) is never negative (stddev() is never negative) or is NaN (a division is 0/0 where both sides are 0), ${dropsNaN}`],
      ['warning', `alert Scalar: ">= 0" holds for every value but NaN: vector(scalar(sum(rate(shop_orders_total[5m])))) is never negative (rate() is never negative) or is NaN (scalar() is NaN unless its input has exactly one element), ${dropsNaN}`],
    ]);
    expect(findings(ID, shop({ rules: [rules[0]!] }))[0]!.hint).toBe('to drop NaN values on purpose compare the series with itself (x == x keeps every value but NaN); otherwise use a threshold within that range, or drop the comparison');
  });

  it('says what a bool comparison, a recorded series, a part of an expression and a query make of NaN', () => {
    const recorded = record({ name: 'store:shop_orders_failed:ratio_rate5m', expr: ratio.replace(/sum\(/g, 'sum by (store) (') });
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Failed', targets: [{ expr: `${ratio} >= 0` }] })] });
    const rules = [
      recorded,
      alert({ ...basics, name: 'Recorded', expr: 'store:shop_orders_failed:ratio_rate5m >= 0' }),
      alert({ ...basics, name: 'Bool', expr: `max(${ratio} >= bool 0) > 0` }),
      alert({ ...basics, name: 'Part', expr: `shop_cart_items > 100 and on () (${ratio} >= 0)` }),
    ];
    expect(brief(shop({ rules, dashboards: [board] }))).toEqual([
      [
        'warning',
        'alert Recorded: ">= 0" holds for every value but NaN: store:shop_orders_failed:ratio_rate5m lies between 0 and 1 (store:shop_orders_failed:ratio_rate5m is recorded from an expression that lies between 0 and 1: a part of a counter over the whole of it lies between 0 and 1) or is NaN (store:shop_orders_failed:ratio_rate5m is recorded from an expression that may be NaN: the part over a whole of 0 is 0/0), so it only drops the NaN values: the alert fires whenever the series exist and are not NaN',
      ],
      ['warning', `alert Bool: ">= bool 0" holds for every value but NaN: its left-hand side lies between 0 and 1 (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), so it is 1, or 0 where the value is NaN`],
      ['warning', `alert Part: ">= 0" holds for every value but NaN: its left-hand side lies between 0 and 1 (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), so it only drops the NaN values`],
      ['warning', `panel Failed: ">= 0" holds for every value but NaN: its left-hand side lies between 0 and 1 (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), so it only drops the NaN values`],
    ]);
  });

  it('keeps `!=` true of NaN: always where no value equals the constant, and only NaN where every value does', () => {
    const rules = [
      alert({ ...basics, name: 'Unequal', expr: `${ratio} != -1` }),
      alert({ ...basics, name: 'OnlyNaN', expr: `round(${ratio}, 10) != 0` }),
      // Without a NaN, `!=` every value equals never holds.
      alert({ ...basics, name: 'Never', expr: 'absent(shop_cart_items) != 1' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['warning', `alert Unequal: "!= -1" always holds: its left-hand side lies between 0 and 1 (${partWhy}), so the alert fires whenever the series exist`],
      ['warning', `alert OnlyNaN: "!= 0" holds only for NaN: its left-hand side is always 0 (${partWhy}) or is NaN (the part over a whole of 0 is 0/0), so the alert fires only where the value is NaN`],
      ['error', 'alert Never: "!= 1" never holds: absent(shop_cart_items) is always 1 (absent() is 1 when it returns anything), so the alert never fires'],
    ]);
  });

  it('still says "always" and "never" where no NaN can come: NaN-free arguments, bool results, counts, filters that drop NaN', () => {
    const rules = [
      alert({ ...basics, name: 'SqrtRate', expr: 'sqrt(rate(shop_orders_total[5m])) >= 0' }),
      alert({ ...basics, name: 'AsinClamped', expr: 'asin(clamp(shop_cart_items, -1, 1)) >= -2' }),
      alert({ ...basics, name: 'CosRaw', expr: 'cos(shop_cart_items) >= -1' }),
      alert({ ...basics, name: 'BoolOfNaN', expr: `max(${ratio} > bool 0.5) >= 0` }),
      alert({ ...basics, name: 'Filtered', expr: `abs(${ratio} > 0.5) >= 0` }),
      alert({ ...basics, name: 'NeverNaN', expr: `${ratio} > 5` }),
      // The date functions read int64(v): a number even of NaN.
      alert({ ...basics, name: 'HourOfRatio', expr: `hour(${ratio}) >= 0` }),
      alert({ ...basics, name: 'Counted', expr: `count(${ratio}) < 1` }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['warning', 'alert SqrtRate: ">= 0" always holds: sqrt(rate(shop_orders_total[5m])) is never negative (sqrt() is never negative), so the alert fires whenever the series exist'],
      ['warning', 'alert AsinClamped: ">= -2" always holds: asin(clamp(shop_cart_items, -1, 1)) lies between -π/2 and π/2 (asin() lies between -π/2 and π/2), so the alert fires whenever the series exist'],
      ['warning', 'alert CosRaw: ">= -1" always holds: cos(shop_cart_items) lies between -1 and 1 (cos() lies between -1 and 1), so the alert fires whenever the series exist'],
      ['warning', 'alert BoolOfNaN: ">= 0" always holds: its left-hand side lies between 0 and 1 (a comparison with bool is 0 or 1), so the alert fires whenever the series exist'],
      ['warning', `alert Filtered: ">= 0" always holds: its left-hand side lies between 0 and 1 (${partWhy}), so the alert fires whenever the series exist`],
      ['error', `alert NeverNaN: "> 5" never holds: its left-hand side lies between 0 and 1 (${partWhy}), so the alert never fires`],
      ['warning', 'alert HourOfRatio: ">= 0" always holds: its left-hand side lies between 0 and 23 (hour() returns 0 to 23), so the alert fires whenever the series exist'],
      ['error', 'alert Counted: "< 1" never holds: its left-hand side is at least 1 (a count is at least 1), so the alert never fires'],
    ]);
  });
});

describe(`${ID}: numbers as a user reads them`, () => {
  it('prints multiples of π as such and other long numbers to a few digits, enough to tell them from the threshold', () => {
    const rules = [
      alert({ ...basics, name: 'Asin', expr: 'asin(clamp(shop_cart_items, -1, 1)) > 2' }),
      alert({ ...basics, name: 'Acos', expr: 'acos(clamp(shop_cart_items, -1, 1)) < -0.5' }),
      alert({ ...basics, name: 'Doubled', expr: '2 * atan(shop_cart_items) > 4' }),
      alert({ ...basics, name: 'Shifted', expr: 'atan(shop_cart_items) + 1 > 2.5708' }),
      alert({ ...basics, name: 'Exp', expr: 'exp(up{job="shop"}) > 3' }),
      alert({ ...basics, name: 'Pi', expr: 'vector(pi()) < 3' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert Asin: "> 2" never holds: asin(clamp(shop_cart_items, -1, 1)) lies between -π/2 and π/2 (asin() lies between -π/2 and π/2), so the alert never fires'],
      ['error', 'alert Acos: "< -0.5" never holds: acos(clamp(shop_cart_items, -1, 1)) lies between 0 and π (acos() lies between 0 and π), so the alert never fires'],
      ['error', 'alert Doubled: "> 4" never holds: 2 * atan(shop_cart_items) lies between -π and π (atan() lies between -π/2 and π/2), so the alert never fires'],
      ['error', 'alert Shifted: "> 2.5708" never holds: atan(shop_cart_items) + 1 lies between -0.5708 and 2.570796 (atan() lies between -π/2 and π/2), so the alert never fires'],
      ['error', 'alert Exp: "> 3" never holds: exp(up{job="shop"}) lies between 1 and 2.718 (up is 0 or 1), so the alert never fires'],
      ['error', 'alert Pi: "< 3" never holds: vector(pi()) is always π (pi() is π), so the alert never fires'],
    ]);
  });
});

describe(`${ID}: NaN made of infinities (IEEE 754: Inf − Inf, 0 × Inf, Inf / Inf, Inf % y)`, () => {
  const dropsNaN = 'so it only drops the NaN values: the alert fires whenever the series exist and are not NaN';
  const growth = 'exp(rate(shop_orders_total[5m]))';

  it('says an expression that may be an infinity met by another (or by 0) may be NaN, naming the operation', () => {
    const rules = [
      alert({ ...basics, name: 'TimesZero', expr: 'clamp(+Inf * shop_cart_items, 0, 1) >= 0' }),
      alert({ ...basics, name: 'ZeroTimesInf', expr: 'clamp(shop_cart_items * Inf, 0, 1) >= 0' }),
      alert({ ...basics, name: 'Difference', expr: `clamp(${growth} - ${growth}, -1, 1) >= -1` }),
      alert({ ...basics, name: 'Reciprocals', expr: 'clamp(1 / shop_cart_items - 1 / shop_cart_items, -1, 1) <= 1' }),
      alert({ ...basics, name: 'Opposite', expr: `clamp(${growth} + ln(rate(shop_orders_total[5m])), -1, 1) <= 1` }),
      alert({ ...basics, name: 'Quotient', expr: `clamp(${growth} / ${growth}, 0, 1) >= 0` }),
      alert({ ...basics, name: 'Remainder', expr: `${growth} % 2 >= 0` }),
      alert({ ...basics, name: 'Summed', expr: 'clamp(sum(1 / shop_cart_items), -1, 1) >= -1' }),
      alert({ ...basics, name: 'Spread', expr: `stddev(${growth}) >= 0` }),
      alert({ ...basics, name: 'Quantile', expr: 'clamp(quantile(2, shop_cart_items) - quantile(2, shop_cart_items), -1, 1) >= -1' }),
    ];
    const inf = (op: string) => `or is NaN (${op})`;
    expect(brief(shop({ rules }))).toEqual([
      ['warning', `alert TimesZero: ">= 0" holds for every value but NaN: clamp(+Inf * shop_cart_items, 0, 1) lies between 0 and 1 (clamp(…, 0, 1) keeps them between 0 and 1) ${inf('0 × Inf is NaN: one side may be infinite (the number +Inf), the other 0')}, ${dropsNaN}`],
      ['warning', `alert ZeroTimesInf: ">= 0" holds for every value but NaN: clamp(shop_cart_items * Inf, 0, 1) lies between 0 and 1 (clamp(…, 0, 1) keeps them between 0 and 1) ${inf('0 × Inf is NaN: one side may be infinite (the number +Inf), the other 0')}, ${dropsNaN}`],
      ['warning', `alert Difference: ">= -1" holds for every value but NaN: its left-hand side lies between -1 and 1 (rate() is never negative; clamp(…, -1, 1) keeps them between -1 and 1) ${inf('Inf − Inf is NaN: both sides may be +Inf (exp() overflows to +Inf)')}, ${dropsNaN}`],
      ['warning', `alert Reciprocals: "<= 1" holds for every value but NaN: clamp(1 / shop_cart_items - 1 / shop_cart_items, -1, 1) lies between -1 and 1 (clamp(…, -1, 1) keeps them between -1 and 1) ${inf('Inf − Inf is NaN: both sides may be +Inf (a division by 0 is infinite)')}, ${dropsNaN}`],
      ['warning', `alert Opposite: "<= 1" holds for every value but NaN: clamp(${growth} + ln(rate(shop_orders_total[5m])), -1, 1) lies between -1 and 1 (clamp(…, -1, 1) keeps them between -1 and 1) ${inf('+Inf + -Inf is NaN: one side may be +Inf (exp() overflows to +Inf), the other -Inf (ln(0) is -Inf)')}, ${dropsNaN}`],
      ['warning', `alert Quotient: ">= 0" holds for every value but NaN: clamp(${growth} / ${growth}, 0, 1) lies between 0 and 1 (clamp(…, 0, 1) keeps them between 0 and 1) ${inf('Inf / Inf is NaN: both sides may be infinite (exp() overflows to +Inf)')}, ${dropsNaN}`],
      ['warning', `alert Remainder: ">= 0" holds for every value but NaN: ${growth} % 2 lies between 0 and 2 (x % 2 is smaller than 2 in magnitude, of the sign of x; rate() is never negative) ${inf('Inf % y is NaN: its left-hand side may be infinite (exp() overflows to +Inf)')}, ${dropsNaN}`],
      ['warning', `alert Summed: ">= -1" holds for every value but NaN: clamp(sum(1 / shop_cart_items), -1, 1) lies between -1 and 1 (clamp(…, -1, 1) keeps them between -1 and 1) ${inf('sum() of +Inf and -Inf is NaN: its input may be either (a division by 0 is infinite)')}, ${dropsNaN}`],
      ['warning', `alert Spread: ">= 0" holds for every value but NaN: stddev(${growth}) is never negative (stddev() is never negative) ${inf('stddev() of an infinite value is NaN: its input may be infinite (exp() overflows to +Inf)')}, ${dropsNaN}`],
      ['warning', `alert Quantile: ">= -1" holds for every value but NaN: clamp(quantile(2, shop_cart_items) - quantile(2, shop_cart_items), -1, 1) lies between -1 and 1 (clamp(…, -1, 1) keeps them between -1 and 1) ${inf('Inf − Inf is NaN: both sides may be +Inf (quantile() of φ > 1 is +Inf)')}, ${dropsNaN}`],
    ]);
  });

  it('still says "always" where infinities cannot meet: one sign added, a finite side, divisors that are never 0, bounded arguments', () => {
    const rules = [
      alert({ ...basics, name: 'PlusOne', expr: `${growth} + 1 >= 1` }),
      alert({ ...basics, name: 'MinusOne', expr: `${growth} - 1 >= 0` }),
      alert({ ...basics, name: 'ByCount', expr: 'clamp(1 / count(shop_cart_items) - 1 / count(shop_cart_items), -1, 1) >= -1' }),
      alert({ ...basics, name: 'Bounded', expr: 'clamp(exp(up{job="shop"}) - exp(up{job="shop"}), -2, 2) >= -2' }),
      alert({ ...basics, name: 'Clamped', expr: 'clamp(clamp_max(exp(shop_cart_items), 5) * 0, -1, 1) >= -1' }),
      alert({ ...basics, name: 'FiniteQuantile', expr: 'clamp(quantile(0.5, shop_cart_items) - quantile(0.5, shop_cart_items), -1, 1) >= -1' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['warning', `alert PlusOne: ">= 1" always holds: ${growth} + 1 is at least 2 (rate() is never negative), so the alert fires whenever the series exist`],
      ['warning', `alert MinusOne: ">= 0" always holds: ${growth} - 1 is never negative (rate() is never negative), so the alert fires whenever the series exist`],
      ['warning', 'alert ByCount: ">= -1" always holds: clamp(1 / count(shop_cart_items) - 1 / count(shop_cart_items), -1, 1) lies between -1 and 1 (clamp(…, -1, 1) keeps them between -1 and 1), so the alert fires whenever the series exist'],
      ['warning', 'alert Bounded: ">= -2" always holds: clamp(exp(up{job="shop"}) - exp(up{job="shop"}), -2, 2) lies between -1.718 and 1.718 (up is 0 or 1; clamp(…, -2, 2) keeps them between -2 and 2), so the alert fires whenever the series exist'],
      ['warning', 'alert Clamped: ">= -1" always holds: clamp(clamp_max(exp(shop_cart_items), 5) * 0, -1, 1) is always 0 (exp() is never negative; clamp_max(…, 5) keeps them at or below 5; clamp(…, -1, 1) keeps them between -1 and 1), so the alert fires whenever the series exist'],
      ['warning', 'alert FiniteQuantile: ">= -1" always holds: clamp(quantile(0.5, shop_cart_items) - quantile(0.5, shop_cart_items), -1, 1) lies between -1 and 1 (clamp(…, -1, 1) keeps them between -1 and 1), so the alert fires whenever the series exist'],
    ]);
  });
});

describe(`${ID}: series the catalogue says may be NaN (a summary's quantiles)`, () => {
  const latency = summary({ name: 'shop_payment_seconds', help: 'Payment time.', labels: ['store'], quantiles: [0.5, 0.99] });

  it('says a summary quantile may be NaN (no observations in its window), with or without a quantile matcher, and its _count and _sum may not', () => {
    const rules = [
      alert({ ...basics, name: 'Quantile', expr: 'clamp_min(shop_payment_seconds{quantile="0.99"}, 0) >= 0' }),
      alert({ ...basics, name: 'Any', expr: 'abs(max by (store) (shop_payment_seconds)) >= 0' }),
      alert({ ...basics, name: 'Count', expr: 'rate(shop_payment_seconds_count[5m]) >= 0' }),
      alert({ ...basics, name: 'Sum', expr: 'abs(shop_payment_seconds_sum) >= 0' }),
    ];
    const nan = "a summary's quantile is NaN where it had no observations in its window";
    expect(brief(shop({ rules, metrics: [latency] }))).toEqual([
      ['warning', `alert Quantile: ">= 0" holds for every value but NaN: clamp_min(shop_payment_seconds{quantile="0.99"}, 0) is never negative (clamp_min(…, 0) keeps them at or above 0) or is NaN (${nan}), so it only drops the NaN values: the alert fires whenever the series exist and are not NaN`],
      ['warning', `alert Any: ">= 0" holds for every value but NaN: abs(max by (store) (shop_payment_seconds)) is never negative (abs() is never negative) or is NaN (${nan}), so it only drops the NaN values: the alert fires whenever the series exist and are not NaN`],
      ['warning', 'alert Count: ">= 0" always holds: rate(shop_payment_seconds_count[5m]) is never negative (rate() is never negative), so the alert fires whenever the series exist'],
      ['warning', 'alert Sum: ">= 0" always holds: abs(shop_payment_seconds_sum) is never negative (abs() is never negative), so the alert fires whenever the series exist'],
    ]);
  });
});

describe(`${ID}: bounds of remainders, powers, atan2 and sums over time`, () => {
  it('fires on a remainder beyond its divisor, an even or zeroth power below 0 or beside 1, atan2 beyond ±π, a sum over time of a rate below 0', () => {
    const rules = [
      alert({ ...basics, name: 'Mod', expr: 'shop_cart_items % 1 > 1' }),
      alert({ ...basics, name: 'ModRate', expr: 'rate(shop_orders_total[5m]) % 2 < 0' }),
      alert({ ...basics, name: 'ModNegative', expr: 'shop_cart_items % -3 > 3' }),
      alert({ ...basics, name: 'Square', expr: 'shop_cart_items ^ 2 < 0' }),
      alert({ ...basics, name: 'Zeroth', expr: 'shop_cart_items ^ 0 != 1' }),
      alert({ ...basics, name: 'Atan2', expr: 'shop_cart_items atan2 shop_cart_items > 4' }),
      alert({ ...basics, name: 'SumOverTime', expr: 'sum_over_time(rate(shop_orders_total[5m])[10m:1m]) < 0' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert Mod: "> 1" never holds: shop_cart_items % 1 lies between -1 and 1 (x % 1 is smaller than 1 in magnitude, of the sign of x), so the alert never fires'],
      ['error', 'alert ModRate: "< 0" never holds: rate(shop_orders_total[5m]) % 2 lies between 0 and 2 (x % 2 is smaller than 2 in magnitude, of the sign of x; rate() is never negative), so the alert never fires'],
      ['error', 'alert ModNegative: "> 3" never holds: shop_cart_items % -3 lies between -3 and 3 (x % -3 is smaller than 3 in magnitude, of the sign of x), so the alert never fires'],
      ['error', 'alert Square: "< 0" never holds: shop_cart_items ^ 2 is never negative (an even power is never negative), so the alert never fires'],
      ['error', 'alert Zeroth: "!= 1" never holds: shop_cart_items ^ 0 is always 1 (x ^ 0 is 1, even of NaN), so the alert never fires'],
      ['error', 'alert Atan2: "> 4" never holds: shop_cart_items atan2 shop_cart_items lies between -π and π (atan2 lies between -π and π), so the alert never fires'],
      ['error', 'alert SumOverTime: "< 0" never holds: sum_over_time(rate(shop_orders_total[5m])[10m:1m]) is never negative (rate() is never negative), so the alert never fires'],
    ]);
  });
});

describe(`${ID}: values that are whole numbers (counts, up, bool, the parts of a date, and sums of them)`, () => {
  it('fires on `==` a number between two whole values (never) and `!=` one (always), saying the values are whole', () => {
    const rules = [
      alert({ ...basics, name: 'Bool', expr: '(shop_cart_items > bool 1) == 0.5' }),
      alert({ ...basics, name: 'Up', expr: 'up{job="shop"} != 0.5' }),
      alert({ ...basics, name: 'Count', expr: 'count(shop_cart_items) == 1.5' }),
      alert({ ...basics, name: 'Hour', expr: 'hour() == 12.5' }),
      alert({ ...basics, name: 'Sum', expr: 'sum(up{job="shop"}) + count(shop_cart_items) == 2.5' }),
      alert({ ...basics, name: 'Sgn', expr: 'sgn(shop_cart_items) == 0.5' }),
      alert({ ...basics, name: 'Floor', expr: 'floor(rate(shop_orders_total[5m])) == 2.5' }),
    ];
    expect(brief(shop({ rules }))).toEqual([
      ['error', 'alert Bool: "== 0.5" never holds: (shop_cart_items > bool 1) is 0 or 1 (a comparison with bool is 0 or 1), so the alert never fires'],
      ['warning', 'alert Up: "!= 0.5" always holds: up{job="shop"} is 0 or 1 (up is 0 or 1), so the alert fires whenever the series exist'],
      ['error', 'alert Count: "== 1.5" never holds: count(shop_cart_items) is a whole number and is at least 1 (a count is at least 1), so the alert never fires'],
      ['error', 'alert Hour: "== 12.5" never holds: hour() is a whole number and lies between 0 and 23 (hour() returns 0 to 23), so the alert never fires'],
      ['error', 'alert Sum: "== 2.5" never holds: sum(up{job="shop"}) + count(shop_cart_items) is a whole number and is at least 1 (up is 0 or 1; a count is at least 1), so the alert never fires'],
      ['error', 'alert Sgn: "== 0.5" never holds: sgn(shop_cart_items) is a whole number and lies between -1 and 1 (sgn() is -1, 0 or 1), so the alert never fires'],
      ['error', 'alert Floor: "== 2.5" never holds: floor(rate(shop_orders_total[5m])) is a whole number and is never negative (rate() is never negative), so the alert never fires'],
    ]);
    expect(findings(ID, shop({ rules: [rules[0]!] }))[0]!.hint).toBe('its values are whole numbers: compare with a whole number, or use a filter such as > or <');
  });

  it('stays quiet where values need not be whole: averages, quantiles, rates, ratios, timestamps, round to a fraction', () => {
    const rules = [
      alert({ ...basics, name: 'Avg', expr: 'avg(up{job="shop"}) == 0.5' }),
      alert({ ...basics, name: 'AvgOverTime', expr: 'avg_over_time(up{job="shop"}[10m]) == 0.5' }),
      alert({ ...basics, name: 'Quantile', expr: 'quantile(0.5, up{job="shop"}) == 0.5' }),
      alert({ ...basics, name: 'Half', expr: 'count(shop_cart_items) / 2 == 1.5' }),
      alert({ ...basics, name: 'Scaled', expr: '0.5 * count(shop_cart_items) == 1.5' }),
      alert({ ...basics, name: 'Rate', expr: 'changes(shop_cart_items[10m]) / 600 == 0.5' }),
      alert({ ...basics, name: 'Round', expr: 'round(count(shop_cart_items), 0.5) == 1.5' }),
      alert({ ...basics, name: 'Stamp', expr: 'timestamp(shop_cart_items) == 1.5' }),
    ];
    expect(findings(ID, shop({ rules }))).toEqual([]);
  });
});
