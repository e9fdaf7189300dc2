// Counters read as counters: gauge functions over them (promql/gauge-function-on-counter), raw
// histogram and summary series compared (promql/counter-compared-raw), and a histogram's buckets as
// the catalogue declares them (promql/histogram-bucket).
import { describe, expect, it } from 'vitest';
import { alert, record } from '../../../src/index.js';
import { basics, findings, shop } from './shop.js';

const summary = (id: string, ...rules: Parameters<typeof shop>[0]['rules'] & object) =>
  findings(id, shop({ rules })).map((d) => [d.severity, d.message, d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined]);

describe('promql/gauge-function-on-counter', () => {
  it('fires on delta, deriv, predict_linear, sum_over_time over a counter or a histogram series', () => {
    const rules = [
      alert({ ...basics, name: 'Delta', expr: 'delta(shop_orders_total[1h]) > 10' }),
      record({ name: 'store:orders:deriv', expr: 'sum by (store) (deriv(shop_orders_total[10m]))' }),
      alert({ ...basics, name: 'Predict', expr: 'predict_linear(shop_checkout_seconds_count[1h], 3600) > 1e6' }),
      alert({ ...basics, name: 'Summed', expr: 'sum_over_time(shop_payments_total[1h]) > 10' }),
    ];
    expect(summary('promql/gauge-function-on-counter', ...rules)).toEqual([
      ['warning', 'alert Delta applies delta() to counter "shop_orders_total": delta is for gauges, and reads every restart of the counter as a drop', 'shop_orders_total'],
      ['warning', 'record store:orders:deriv applies deriv() to counter "shop_orders_total": deriv is for gauges, and reads every restart of the counter as a drop', 'shop_orders_total'],
      ['warning', 'alert Predict applies predict_linear() to counter "shop_checkout_seconds_count": predict_linear is for gauges, and reads every restart of the counter as a drop', 'shop_checkout_seconds_count'],
      ['warning', 'alert Summed applies sum_over_time() to counter "shop_payments_total": sum_over_time is for gauges, and reads every restart of the counter as a drop', 'shop_payments_total'],
    ]);
  });

  it('reports a counter read straight through a subquery once, on the selector; a subquery that makes a counter of others once, on the subquery', () => {
    const rules = [
      alert({ ...basics, name: 'Scaled', expr: 'deriv((2 * shop_orders_total offset 1h)[1h:1m]) > 10' }),
      alert({ ...basics, name: 'Bare', expr: 'delta((shop_orders_total)[1h:1m]) > 10' }),
      alert({ ...basics, name: 'Summed', expr: 'deriv(sum by (store) (shop_orders_total)[1h:1m]) > 10' }),
    ];
    expect(summary('promql/gauge-function-on-counter', ...rules).map((f) => [f[1], f[2]])).toEqual([
      ['alert Scaled applies deriv() to counter "shop_orders_total": deriv is for gauges, and reads every restart of the counter as a drop', 'shop_orders_total'],
      ['alert Bare applies delta() to counter "shop_orders_total": delta is for gauges, and reads every restart of the counter as a drop', 'shop_orders_total'],
      ['alert Summed applies deriv() to the subquery sum by (store) (shop_orders_total), which is a counter: deriv is for gauges, and reads every restart of the counter as a drop', 'sum by (store) (shop_orders_total)'],
    ]);
  });

  it('is quiet on gauges and on rates of counters', () => {
    const rules = [
      alert({ ...basics, name: 'CartDelta', expr: 'delta(shop_cart_items[1h]) > 10' }),
      alert({ ...basics, name: 'RatePredict', expr: 'predict_linear(rate(shop_orders_total[5m])[1h:1m], 3600) > 10' }),
    ];
    expect(summary('promql/gauge-function-on-counter', ...rules)).toEqual([]);
  });
});

describe('promql/counter-compared-raw on histogram series and over-time maxima', () => {
  it('fires on _count compared raw and on max_over_time of a counter', () => {
    const rules = [
      alert({ ...basics, name: 'ManyCheckouts', expr: 'shop_checkout_seconds_count > 1000' }),
      alert({ ...basics, name: 'MaxOrders', expr: 'max_over_time(shop_orders_total[1h]) > 1000' }),
      alert({ ...basics, name: 'RateOk', expr: 'rate(shop_checkout_seconds_count[5m]) > 10' }),
    ];
    expect(summary('promql/counter-compared-raw', ...rules).map((f) => f[1])).toEqual([
      'alert ManyCheckouts compares the raw value of histogram series "shop_checkout_seconds_count", which only grows (and drops to 0 on restart)',
      'alert MaxOrders compares the raw value of counter "shop_orders_total", which only grows (and drops to 0 on restart)',
    ]);
  });
});

describe('promql/counter-compared-raw: only values that reach a comparison', () => {
  it('fires through functions that change labels or pick series, not values', () => {
    const rules = [
      alert({ ...basics, name: 'Relabelled', expr: 'label_replace(shop_orders_total, "shop", "$1", "store", "(.*)") > 1000' }),
      alert({ ...basics, name: 'Limited', expr: 'limitk(3, sort_by_label(shop_orders_total, "store")) > 1000' }),
      alert({ ...basics, name: 'Median', expr: 'quantile_over_time(0.5, shop_orders_total[1h]) > 1000' }),
    ];
    expect(summary('promql/counter-compared-raw', ...rules).map((f) => f[1])).toEqual([
      'alert Relabelled compares the raw value of counter "shop_orders_total", which only grows (and drops to 0 on restart)',
      'alert Limited compares the raw value of counter "shop_orders_total", which only grows (and drops to 0 on restart)',
      'alert Median compares the raw value of counter "shop_orders_total", which only grows (and drops to 0 on restart)',
    ]);
  });


  it('fires on a counter compared inside count(…) or as the threshold; is quiet on one and/unless only filters by, or that is the value a comparison elsewhere lets through', () => {
    const rules = [
      alert({ ...basics, name: 'CountedStores', expr: 'count(shop_orders_total > 1000) > 2' }),
      alert({ ...basics, name: 'AsThreshold', expr: 'rate(shop_orders_total[5m]) * 3600 > shop_payments_total' }),
      alert({ ...basics, name: 'FilteredBy', expr: 'rate(shop_orders_total[5m]) > 1 and on (store) shop_payments_total' }),
      alert({ ...basics, name: 'UnlessSeen', expr: 'rate(shop_orders_total[5m]) > 1 unless on (store) shop_payments_total' }),
      alert({ ...basics, name: 'ShownOnly', expr: 'shop_payments_total and on (store) rate(shop_orders_total[5m]) > 1' }),
      alert({ ...basics, name: 'ComparedInFilter', expr: 'rate(shop_orders_total[5m]) > 1 and on (store) shop_payments_total > 1000' }),
    ];
    expect(summary('promql/counter-compared-raw', ...rules).map((f) => [f[1], f[2]])).toEqual([
      ['alert CountedStores compares the raw value of counter "shop_orders_total", which only grows (and drops to 0 on restart)', 'shop_orders_total'],
      ['alert AsThreshold compares the raw value of counter "shop_payments_total", which only grows (and drops to 0 on restart)', 'shop_payments_total'],
      ['alert ComparedInFilter compares the raw value of counter "shop_payments_total", which only grows (and drops to 0 on restart)', 'shop_payments_total'],
    ]);
  });
});

describe('promql/histogram-bucket', () => {
  it('fires on a bucket the histogram lacks, on +Inf left out under histogram_quantile, and on raw buckets', () => {
    const rules = [
      record({ name: 'store:checkout_fast:rate5m', expr: 'sum by (store) (rate(shop_checkout_seconds_bucket{le="0.3"}[5m]))' }),
      record({ name: 'store:checkout:p90', expr: 'histogram_quantile(0.9, sum by (store, le) (rate(shop_checkout_seconds_bucket{le!="+Inf"}[5m])))' }),
      record({ name: 'store:checkout:p99', expr: 'histogram_quantile(0.99, sum by (store, le) (shop_checkout_seconds_bucket))' }),
    ];
    expect(summary('promql/histogram-bucket', ...rules)).toEqual([
      ['error', 'record store:checkout_fast:rate5m selects shop_checkout_seconds_bucket{le="0.3"}, but shop_checkout_seconds has no bucket 0.3 (buckets 0.5, 1, 5, +Inf): the selector matches nothing', 'le="0.3"'],
      ['error', 'record store:checkout:p90 passes shop_checkout_seconds_bucket{le!="+Inf"} to histogram_quantile, which needs the +Inf bucket: without it the result is NaN', 'le!="+Inf"'],
      ['warning', 'record store:checkout:p99 passes the raw buckets of shop_checkout_seconds to histogram_quantile: they count every request since each process started, so the quantile hardly moves', 'shop_checkout_seconds_bucket'],
    ]);
  });

  it('fires on +Inf left out by any le matcher under histogram_quantile: a regex listing the finite bounds only, a negated regex matching +Inf', () => {
    const rules = [
      record({ name: 'store:checkout:p90', expr: 'histogram_quantile(0.9, sum by (store, le) (rate(shop_checkout_seconds_bucket{le=~"0.5|1|5"}[5m])))' }),
      record({ name: 'store:checkout:p95', expr: 'histogram_quantile(0.95, sum by (store, le) (rate(shop_checkout_seconds_bucket{le!~".*Inf"}[5m])))' }),
      record({ name: 'store:checkout:p99', expr: 'histogram_quantile(0.99, sum by (store, le) (rate(shop_checkout_seconds_bucket{le=~"[0-9.]+"}[5m])))' }),
    ];
    expect(summary('promql/histogram-bucket', ...rules)).toEqual([
      ['error', 'record store:checkout:p90 passes shop_checkout_seconds_bucket{le=~"0.5|1|5"} to histogram_quantile, which needs the +Inf bucket: without it the result is NaN', 'le=~"0.5|1|5"'],
      ['error', 'record store:checkout:p95 passes shop_checkout_seconds_bucket{le!~".*Inf"} to histogram_quantile, which needs the +Inf bucket: without it the result is NaN', 'le!~".*Inf"'],
      ['error', 'record store:checkout:p99 passes shop_checkout_seconds_bucket{le=~"[0-9.]+"} to histogram_quantile, which needs the +Inf bucket: without it the result is NaN', 'le=~"[0-9.]+"'],
    ]);
  });

  it('fires on a regex listing bounds the histogram lacks: all of them (matches nothing) or some (that part matches nothing)', () => {
    const rules = [
      record({ name: 'store:checkout_fast:rate5m', expr: 'sum by (store) (rate(shop_checkout_seconds_bucket{le=~"0.3|0.4"}[5m]))' }),
      record({ name: 'store:checkout_some:rate5m', expr: 'sum by (store) (rate(shop_checkout_seconds_bucket{le=~"^(0.3|1)$"}[5m]))' }),
    ];
    expect(summary('promql/histogram-bucket', ...rules)).toEqual([
      ['error', 'record store:checkout_fast:rate5m selects shop_checkout_seconds_bucket{le=~"0.3|0.4"}, but shop_checkout_seconds has no bucket 0.3, 0.4 (buckets 0.5, 1, 5, +Inf): the selector matches nothing', 'le=~"0.3|0.4"'],
      ['error', 'record store:checkout_some:rate5m selects shop_checkout_seconds_bucket{le=~"^(0.3|1)$"}, but shop_checkout_seconds has no bucket 0.3 (buckets 0.5, 1, 5, +Inf): that part of the regex matches nothing', 'le=~"^(0.3|1)$"'],
    ]);
  });

  it('is quiet on regexes that keep +Inf under histogram_quantile and list only declared bounds (written either way)', () => {
    const rules = [
      record({ name: 'store:checkout:p90', expr: 'histogram_quantile(0.9, sum by (store, le) (rate(shop_checkout_seconds_bucket{le=~"0.5|1|5|\\+Inf"}[5m])))' }),
      record({ name: 'store:checkout:p95', expr: 'histogram_quantile(0.95, sum by (store, le) (rate(shop_checkout_seconds_bucket{le=~".+"}[5m])))' }),
      record({ name: 'store:checkout:p99', expr: 'histogram_quantile(0.99, sum by (store, le) (rate(shop_checkout_seconds_bucket{le!~"0[.]5"}[5m])))' }),
      record({ name: 'store:checkout_one:rate5m', expr: 'sum by (store) (rate(shop_checkout_seconds_bucket{le=~"1|1[.]0"}[5m]))' }),
    ];
    expect(summary('promql/histogram-bucket', ...rules)).toEqual([]);
  });

  it('fires on buckets that reach histogram_quantile still cumulative: raw, through *_over_time() without a rate, through a subquery, or recorded as a counter', () => {
    const why = 'the buckets count every request since each process started';
    const rules = [
      alert({ ...basics, name: 'MaxOverTime', expr: 'histogram_quantile(0.9, max_over_time(shop_checkout_seconds_bucket[5m])) > 1' }),
      alert({ ...basics, name: 'SummedLast', expr: 'histogram_quantile(0.9, sum by (le) (last_over_time(shop_checkout_seconds_bucket[5m]))) > 1' }),
      alert({ ...basics, name: 'AvgSubquery', expr: 'histogram_quantile(0.9, avg_over_time(sum by (le) (shop_checkout_seconds_bucket)[10m:1m])) > 1' }),
      alert({ ...basics, name: 'Relabelled', expr: 'histogram_quantile(0.9, label_replace(shop_checkout_seconds_bucket offset 1h, "a", "b", "c", "d")) > 1' }),
      record({ name: 'le:shop_checkout_seconds_bucket:sum', expr: 'sum by (le) (shop_checkout_seconds_bucket)' }),
      alert({ ...basics, name: 'RecordedCounter', expr: 'histogram_quantile(0.9, le:shop_checkout_seconds_bucket:sum) > 1' }),
    ];
    expect(summary('promql/histogram-bucket', ...rules)).toEqual([
      ['warning', `alert MaxOverTime passes max_over_time() of the buckets of shop_checkout_seconds to histogram_quantile: ${why}, max_over_time() keeps them so (only rate(), irate() or increase() make recent requests of them), so the quantile hardly moves`, 'shop_checkout_seconds_bucket'],
      ['warning', `alert SummedLast passes last_over_time() of the buckets of shop_checkout_seconds to histogram_quantile: ${why}, last_over_time() keeps them so (only rate(), irate() or increase() make recent requests of them), so the quantile hardly moves`, 'shop_checkout_seconds_bucket'],
      ['warning', `alert AvgSubquery passes avg_over_time() of the buckets of shop_checkout_seconds to histogram_quantile: ${why}, avg_over_time() keeps them so (only rate(), irate() or increase() make recent requests of them), so the quantile hardly moves`, 'shop_checkout_seconds_bucket'],
      ['warning', 'alert Relabelled passes the raw buckets of shop_checkout_seconds to histogram_quantile: they count every request since each process started, so the quantile hardly moves', 'shop_checkout_seconds_bucket'],
      ['warning', 'alert RecordedCounter passes "le:shop_checkout_seconds_bucket:sum", recorded as a counter (record: sum by (le) (shop_checkout_seconds_bucket)), to histogram_quantile: it counts every request since each process started, so the quantile hardly moves', 'le:shop_checkout_seconds_bucket:sum'],
    ]);
  });

  it('is quiet on rates of buckets however taken (also recorded, or smoothed over a subquery), and leaves gauge functions over buckets to promql/gauge-function-on-counter', () => {
    const rules = [
      record({ name: 'le:shop_checkout_seconds_bucket:rate5m', expr: 'sum by (le) (rate(shop_checkout_seconds_bucket[5m]))' }),
      alert({ ...basics, name: 'RecordedRate', expr: 'histogram_quantile(0.9, le:shop_checkout_seconds_bucket:rate5m) > 1' }),
      alert({ ...basics, name: 'RecordedRateSmoothed', expr: 'histogram_quantile(0.9, max_over_time(le:shop_checkout_seconds_bucket:rate5m[10m])) > 1' }),
      alert({ ...basics, name: 'Irate', expr: 'histogram_quantile(0.9, sum by (le) (irate(shop_checkout_seconds_bucket[1m]))) > 1' }),
      alert({ ...basics, name: 'Increase', expr: 'histogram_quantile(0.9, sum by (le) (increase(shop_checkout_seconds_bucket[1h]))) > 1' }),
      alert({ ...basics, name: 'MaxOfRates', expr: 'histogram_quantile(0.9, max_over_time(sum by (le) (rate(shop_checkout_seconds_bucket[5m]))[1h:1m])) > 1' }),
      alert({ ...basics, name: 'Deriv', expr: 'histogram_quantile(0.9, sum by (le) (deriv(shop_checkout_seconds_bucket[5m]))) > 1' }),
      alert({ ...basics, name: 'SumOverTime', expr: 'histogram_quantile(0.9, sum_over_time(shop_checkout_seconds_bucket[5m])) > 1' }),
    ];
    expect(summary('promql/histogram-bucket', ...rules)).toEqual([]);
    // The gauge functions: one finding each, the other check's.
    expect(summary('promql/gauge-function-on-counter', ...rules).map((f) => f[1])).toEqual([
      'alert Deriv applies deriv() to counter "shop_checkout_seconds_bucket": deriv is for gauges, and reads every restart of the counter as a drop',
      'alert SumOverTime applies sum_over_time() to counter "shop_checkout_seconds_bucket": sum_over_time is for gauges, and reads every restart of the counter as a drop',
    ]);
  });

  it('is quiet on declared buckets (written as Prometheus writes them) and on rates under histogram_quantile', () => {
    const rules = [
      record({ name: 'store:checkout_fast:rate5m', expr: 'sum by (store) (rate(shop_checkout_seconds_bucket{le="0.5"}[5m])) / sum by (store) (rate(shop_checkout_seconds_bucket{le="+Inf"}[5m]))' }),
      record({ name: 'store:checkout_one:rate5m', expr: 'sum by (store) (rate(shop_checkout_seconds_bucket{le="1.0"}[5m]))' }),
      record({ name: 'store:checkout:p90', expr: 'histogram_quantile(0.9, sum by (store, le) (rate(shop_checkout_seconds_bucket[5m])))' }),
    ];
    expect(summary('promql/histogram-bucket', ...rules)).toEqual([]);
  });
});
