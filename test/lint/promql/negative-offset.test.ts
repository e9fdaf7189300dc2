// A negative offset in a rule reads the future, where a rule evaluated now finds no sample.
// The last test shows promtool agrees: rules evaluated now with negative offsets read nothing, or less.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinary, itWithBinaries } from '../../helpers/tools.js';
import { alert, dashboard, record, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

const ID = 'promql/negative-offset';
const messages = (options: Parameters<typeof shop>[0]) =>
  findings(ID, shop(options)).map((d) => [d.severity, d.message, d.excerpt ? d.excerpt.text.slice(d.excerpt.from, d.excerpt.to) : undefined]);

describe(ID, () => {
  it('is an error when the offset moves the whole range into the future', () => {
    const rule = alert({ ...basics, name: 'FutureOrders', expr: 'rate(shop_orders_total[5m] offset -5m) > 1' });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message:
          'alert FutureOrders reads shop_orders_total[5m] offset -5m: "offset -5m" moves the range [5m] wholly into the future, where a rule evaluated now finds no sample (but one taken at the very instant of the evaluation), so it is always empty: the alert never fires',
        hint: 'remove the minus sign to read the past (shop_orders_total[5m] offset 5m), or drop the offset',
        path: rulePath('FutureOrders', 'expr'),
        at: rule,
        span: 'shop_orders_total[5m] offset -5m',
      },
    ]);
  });

  it('covers instant selectors (the 5-minute lookback), subqueries, spaces, records and parts of an expression', () => {
    const rules = [
      alert({ ...basics, name: 'Instant', expr: 'shop_cart_items offset -1h > 10' }),
      record({ name: 'store:shop_orders:future', expr: 'sum by (store) (increase(shop_orders_total[1h] offset - 2h))' }),
      alert({ ...basics, name: 'Subquery', expr: 'max_over_time(sum(rate(shop_orders_total[5m]))[30m:1m] offset -30m) > 1' }),
      alert({ ...basics, name: 'Either', expr: 'shop_cart_items > 10 or shop_cart_items offset -10m > 10' }),
    ];
    expect(messages({ rules })).toEqual([
      ['error', 'alert Instant reads shop_cart_items offset -1h: "offset -1h" moves the 5-minute lookback of an instant selector wholly into the future, where a rule evaluated now finds no sample, so it is always empty: the alert never fires', 'shop_cart_items offset -1h'],
      ['error', 'record store:shop_orders:future reads shop_orders_total[1h] offset - 2h: "offset -2h" moves the range [1h] wholly into the future, where a rule evaluated now finds no sample, so it is always empty: the rule never records anything', 'shop_orders_total[1h] offset - 2h'],
      ['error', 'alert Subquery reads sum(rate(shop_orders_total[5m]))[30m:1m] offset -30m: "offset -30m" moves the range [30m] wholly into the future, where a rule evaluated now finds no sample (but one taken at the very instant of the evaluation), so it is always empty: the alert never fires', 'sum(rate(shop_orders_total[5m]))[30m:1m] offset -30m'],
      ['error', 'alert Either reads shop_cart_items offset -10m: "offset -10m" moves the 5-minute lookback of an instant selector wholly into the future, where a rule evaluated now finds no sample, so that part of the expression is always empty', 'shop_cart_items offset -10m'],
    ]);
  });

  it('warns when the offset only cuts the window short', () => {
    const rules = [
      alert({ ...basics, name: 'Shorter', expr: 'rate(shop_orders_total[10m] offset -2m) > 1' }),
      alert({ ...basics, name: 'Lookback', expr: 'shop_cart_items offset -1m > 10' }),
    ];
    expect(messages({ rules })).toEqual([
      ['warning', 'alert Shorter reads shop_orders_total[10m] offset -2m: "offset -2m" moves the range [10m] 2m into the future, where a rule evaluated now finds no sample: it reads only the last 8m', 'shop_orders_total[10m] offset -2m'],
      ['warning', 'alert Lookback reads shop_cart_items offset -1m: "offset -1m" moves the 5-minute lookback of an instant selector 1m into the future, where a rule evaluated now finds no sample: it reads only the last 4m', 'shop_cart_items offset -1m'],
    ]);
  });

  it('stays quiet on offsets into the past and in panels (a dashboard of the past has later samples)', () => {
    const rules = [
      alert({ ...basics, name: 'LastWeek', expr: 'rate(shop_orders_total[5m]) > 2 * rate(shop_orders_total[5m] offset 1w)' }),
      alert({ ...basics, name: 'Minus', expr: 'shop_cart_items - shop_cart_items offset 1h > 10' }),
    ];
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Ahead', targets: [{ expr: 'rate(shop_orders_total[5m] offset -1h)' }] })] });
    expect(messages({ rules, dashboards: [board] })).toEqual([]);
  });

  itWithBinaries(['promtool'])('agrees with promtool: the whole window ahead reads nothing, part of it reads less', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'negative-offset-'));
    try {
      const rules = ['ahead: rate(x[5m] offset -5m)', 'instant_ahead: x offset -10m', 'shorter: increase(x[10m] offset -5m)', 'plain: increase(x[5m])'];
      writeFileSync(path.join(dir, 'rules.yml'), `groups:\n- name: g\n  rules:\n${rules.map((r) => { const [name, expr] = r.split(': '); return `  - record: ${name}\n    expr: ${expr}\n`; }).join('')}`);
      // x grows by 60 a minute; at 20m `shorter` reads only the samples of [15m, 20m] (as `plain`: 300,
      // extrapolated a little toward its 10-minute range: 330), not 10 minutes' 600.
      const expect = (expr: string, samples: string) => `  - expr: ${expr}\n    eval_time: 20m\n    exp_samples: ${samples}\n`;
      writeFileSync(
        path.join(dir, 'test.yml'),
        'rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n  - series: x\n    values: 0+60x40\n  promql_expr_test:\n' +
          expect('ahead', '[]') + expect('instant_ahead', '[]') +
          expect('shorter', "\n    - labels: '{__name__=\"shorter\"}'\n      value: 330") + expect('plain', "\n    - labels: '{__name__=\"plain\"}'\n      value: 300"),
      );
      execFileSync(findBinary('promtool')!, ['test', 'rules', 'test.yml'], { cwd: dir, stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
