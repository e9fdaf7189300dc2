import { describe, expect, it } from 'vitest';
import { alert, dashboard, record, timeseriesPanel } from '../../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './shop.js';

const ID = 'promql/contradictory-filters';

/** The alerts of each expression, named by their position: [name, message] of each finding, in order. */
function judged(exprs: readonly string[]): Array<[string, string]> {
  const rules = exprs.map((expr, i) => alert({ ...basics, name: `A${i}`, expr }));
  return findings(ID, shop({ rules })).map((d) => [d.path![3]!, d.message]);
}

const errors = 'sum by (store) (rate(shop_orders_total{status="failed"}[5m]))';

describe(ID, () => {
  it('fires on filters of one expression joined by `and` that no value passes together, at the `and`', () => {
    const rule = alert({ ...basics, name: 'Band', expr: `${errors} > 5 and ${errors} < 1` });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: `alert Band: the filters "> 5", "< 1" on ${errors} never hold together (joined by \`and\`), so the alert never fires`,
        hint: 'fix the thresholds (a range is written `x > low and x < high`), or join the filters with `or` if either should do',
        path: rulePath('Band', 'expr'),
        at: rule,
        span: `${errors} > 5 and ${errors} < 1`,
      },
    ]);
  });

  it('reads every comparison operator, both orders, parentheses, spacing and chains of three', () => {
    expect(
      judged([
        'shop_cart_items > 5 and shop_cart_items <= 5',
        'shop_cart_items >= 5 and shop_cart_items < 5',
        'shop_cart_items == 1 and shop_cart_items == 2',
        'shop_cart_items != 3 and shop_cart_items == 3',
        '5 < shop_cart_items and shop_cart_items < 2',
        '(shop_cart_items > 10) and (shop_cart_items<3)',
        'shop_cart_items > 1 and shop_cart_items < 10 and shop_cart_items > 20',
        'shop_cart_items>5 and shop_cart_items  <  2',
      ]),
    ).toEqual([
      ['A0', 'alert A0: the filters "> 5", "<= 5" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A1', 'alert A1: the filters ">= 5", "< 5" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A2', 'alert A2: the filters "== 1", "== 2" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A3', 'alert A3: the filters "!= 3", "== 3" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A4', 'alert A4: the filters "5 <", "< 2" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A5', 'alert A5: the filters "> 10", "<3" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A6', 'alert A6: the filters "> 1", "< 10", "> 20" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A7', 'alert A7: the filters ">5", "< 2" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
    ]);
  });

  it('stays quiet on filters some value passes together, on other expressions, with bool, or, on/ignoring, and NaN', () => {
    expect(
      judged([
        'shop_cart_items > 1 and shop_cart_items < 10',
        'shop_cart_items >= 5 and shop_cart_items <= 5',
        'shop_cart_items != 3 and shop_cart_items > 2',
        // Other expressions: each series meets another series's value.
        'shop_cart_items > 5 and shop_cart_items offset 1h < 1',
        'shop_cart_items{store="a"} > 5 and shop_cart_items{store="b"} < 1',
        // bool: 0 or 1 for every series, no filter.
        'shop_cart_items > bool 5 and shop_cart_items < bool 1',
        'shop_cart_items > 5 or shop_cart_items < 1',
        // Matched on some labels only: a series meets the other series of its store.
        'shop_cart_items > 5 and on (store) shop_cart_items < 1',
        'shop_cart_items > 5 and ignoring (instance) shop_cart_items < 1',
        // Series that differ by their name alone would each meet the others.
        '{__name__=~"shop_cart_items|shop_build_info"} > 5 and {__name__=~"shop_cart_items|shop_build_info"} < 1',
        '{store="a"} > 5 and {store="a"} < 1',
        // NaN: promql/impossible-threshold's.
        'shop_cart_items > 5 and shop_cart_items == NaN',
      ]),
    ).toEqual([]);
  });

  it('stays quiet on Grafana variables as thresholds (their stand-ins are no values the panel shows)', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({
          title: 'Carts',
          targets: [
            { expr: 'shop_cart_items > $low and shop_cart_items < $high' },
            { expr: 'shop_cart_items > ${low} and shop_cart_items < [[high]]' },
            { expr: 'shop_cart_items > $low unless shop_cart_items > $high' },
          ],
        }),
      ],
    });
    expect(findings(ID, shop({ rules: [], dashboards: [board] }))).toEqual([]);
  });

  it('sees through another part of the chain: the filters on one expression still meet on each series', () => {
    expect(judged(['(shop_cart_items > 5 and up == 1) and shop_cart_items < 1', 'up == 1 and shop_cart_items > 5 and shop_cart_items < 1'])).toEqual([
      ['A0', 'alert A0: the filters "> 5", "< 1" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
      ['A1', 'alert A1: the filters "> 5", "< 1" on shop_cart_items never hold together (joined by `and`), so the alert never fires'],
    ]);
  });

  it('fires on an `unless` that removes every series its left-hand side keeps, and not on one that leaves some', () => {
    expect(
      judged([
        `${errors} > 5 unless ${errors} > 3`,
        `${errors} > 5 and ${errors} < 8 unless ${errors} >= 5`,
        `${errors} == 2 unless ${errors} != 3`,
        // Some are left: a value of 6 passes the first and not the second.
        `${errors} > 5 unless ${errors} > 7`,
        `${errors} > 5 unless ${errors} != 6`,
        `${errors} unless ${errors} > 3`,
        `${errors} > 5 unless on (store) ${errors} > 3`,
        `${errors} > 5 unless shop_cart_items > 3`,
      ]),
    ).toEqual([
      ['A0', `alert A0: \`unless\` removes every series its left-hand side keeps: each value of ${errors} that passes "> 5" passes "> 3" too, so the alert never fires`],
      ['A1', `alert A1: \`unless\` removes every series its left-hand side keeps: each value of ${errors} that passes "> 5", "< 8" passes ">= 5" too, so the alert never fires`],
      ['A2', `alert A2: \`unless\` removes every series its left-hand side keeps: each value of ${errors} that passes "== 2" passes "!= 3" too, so the alert never fires`],
    ]);
  });

  it('says what an empty part does in a recording rule, a panel and inside a larger expression', () => {
    const rules = [
      record({ name: 'store:shop_cart:odd', expr: 'shop_cart_items > 5 and shop_cart_items < 1' }),
      alert({ ...basics, name: 'Part', expr: '(shop_cart_items > 5 and shop_cart_items < 1) or up == 0' }),
      alert({ ...basics, name: 'Wrapped', expr: '((shop_cart_items > 5 and shop_cart_items < 1))' }),
    ];
    const board = dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Carts', targets: [{ expr: 'shop_cart_items{store=~"$store"} > 5 and shop_cart_items{store=~"$store"} < 1' }] })] });
    expect(findings(ID, shop({ rules, dashboards: [board] })).map((d) => d.message)).toEqual([
      'record store:shop_cart:odd: the filters "> 5", "< 1" on shop_cart_items never hold together (joined by `and`), so the rule never records anything',
      'alert Part: the filters "> 5", "< 1" on shop_cart_items never hold together (joined by `and`), so that part of the expression is always empty',
      'alert Wrapped: the filters "> 5", "< 1" on shop_cart_items never hold together (joined by `and`), so the alert never fires',
      'panel Carts: the filters "> 5", "< 1" on shop_cart_items{store=~"$store"} never hold together (joined by `and`), so the query is always empty',
    ]);
  });
});

describe(`${ID}: filters joined by \`or\` that every value but NaN passes`, () => {
  /** [name, severity, message] of each finding. */
  function judgedWithSeverity(exprs: readonly string[]): Array<[string, string, string]> {
    const rules = exprs.map((expr, i) => alert({ ...basics, name: `A${i}`, expr }));
    return findings(ID, shop({ rules })).map((d) => [d.path![3]!, d.severity, d.message]);
  }
  const everySeries = 'so the alert fires whenever the series exist and are not NaN';

  it('fires on filters of one expression joined by `or` that every number passes: the alert fires for every series but NaN', () => {
    const rule = alert({ ...basics, name: 'Either', expr: `${errors} > 5 or ${errors} <= 5` });
    expectFindings(findings(ID, shop({ rules: [rule] })), [
      {
        severity: 'error',
        message: `alert Either: the filters "> 5", "<= 5" on ${errors} joined by \`or\` keep every value but NaN, ${everySeries}`,
        hint: 'a band is written `x > low and x < high`; to keep every value but NaN on purpose write x == x; otherwise fix the thresholds',
        path: rulePath('Either', 'expr'),
        at: rule,
        span: `${errors} > 5 or ${errors} <= 5`,
      },
    ]);
  });

  it('reads every comparison operator, both orders, parentheses, chains and bands joined by `and` within them', () => {
    expect(
      judgedWithSeverity([
        'shop_cart_items >= 5 or shop_cart_items < 5',
        '5 < shop_cart_items or 5 >= shop_cart_items',
        '(shop_cart_items > 10) or (shop_cart_items<=10)',
        'shop_cart_items < 1 or shop_cart_items > 3 or shop_cart_items >= 1 and shop_cart_items <= 3',
        'shop_cart_items < 0 or (shop_cart_items >= 0 and shop_cart_items < 10) or shop_cart_items >= 10',
        'shop_cart_items == 5 or shop_cart_items != 5',
        'shop_cart_items != 5 or shop_cart_items != 6',
        'shop_cart_items > 5 or shop_cart_items < 5 or shop_cart_items == 5',
      ]),
    ).toEqual([
      ['A0', 'error', `alert A0: the filters ">= 5", "< 5" on shop_cart_items joined by \`or\` keep every value but NaN, ${everySeries}`],
      ['A1', 'error', `alert A1: the filters "5 <", "5 >=" on shop_cart_items joined by \`or\` keep every value but NaN, ${everySeries}`],
      ['A2', 'error', `alert A2: the filters "> 10", "<=10" on shop_cart_items joined by \`or\` keep every value but NaN, ${everySeries}`],
      ['A3', 'error', `alert A3: the filters "< 1", "> 3", ">= 1", "<= 3" on shop_cart_items joined by \`or\` keep every value but NaN, ${everySeries}`],
      ['A4', 'error', `alert A4: the filters "< 0", ">= 0", "< 10", ">= 10" on shop_cart_items joined by \`or\` keep every value but NaN, ${everySeries}`],
      // NaN passes `!=`: nothing at all is dropped.
      ['A5', 'error', 'alert A5: the filters "== 5", "!= 5" on shop_cart_items joined by `or` keep every value, NaN included, so the alert fires whenever the series exist'],
      ['A6', 'error', 'alert A6: the filters "!= 5", "!= 6" on shop_cart_items joined by `or` keep every value, NaN included, so the alert fires whenever the series exist'],
      ['A7', 'error', `alert A7: the filters "> 5", "< 5", "== 5" on shop_cart_items joined by \`or\` keep every value but NaN, ${everySeries}`],
    ]);
  });

  it('stays quiet where a value is left out, or the filters may judge other series: on/ignoring, bool, other expressions, other parts, names', () => {
    expect(
      judgedWithSeverity([
        'shop_cart_items > 5 or shop_cart_items < 5',
        'shop_cart_items >= 5 or shop_cart_items < 4',
        'shop_cart_items > 5 or shop_cart_items <= 5 and shop_cart_items > 1',
        'shop_cart_items != 5 and shop_cart_items != 6 or shop_cart_items == 7',
        'shop_cart_items > 5 or on (store) shop_cart_items <= 5',
        'shop_cart_items > 5 or ignoring (instance) shop_cart_items <= 5',
        'shop_cart_items > bool 5 or shop_cart_items <= bool 5',
        'shop_cart_items > 5 or shop_cart_items offset 1h <= 5',
        'shop_cart_items{store="a"} > 5 or shop_cart_items{store="b"} <= 5',
        'shop_cart_items > 5 or up == 0 or shop_cart_items <= 5',
        'shop_cart_items > 5 or (shop_cart_items <= 5 and up == 1)',
        'shop_cart_items > 5 or shop_cart_items <= 5 unless up == 0',
        '{store="a"} > 5 or {store="a"} <= 5',
        'shop_cart_items > 5 or shop_cart_items == NaN',
      ]),
    ).toEqual([]);
  });

  it('says what the `or` does where it stands: a part of an alert, a recording rule, a panel; quiet on Grafana variables as thresholds', () => {
    const rules = [
      alert({ ...basics, name: 'Part', expr: '(shop_cart_items > 5 or shop_cart_items <= 5) and on () up{job="shop"} == 0' }),
      record({ name: 'store:shop_cart:any', expr: 'shop_cart_items > 5 or shop_cart_items <= 5' }),
    ];
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({
          title: 'Carts',
          targets: [{ expr: 'shop_cart_items{store=~"$store"} > 5 or shop_cart_items{store=~"$store"} <= 5' }, { expr: 'shop_cart_items > $low or shop_cart_items <= $low' }],
        }),
      ],
    });
    expect(findings(ID, shop({ rules, dashboards: [board] })).map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'alert Part: the filters "> 5", "<= 5" on shop_cart_items joined by `or` keep every value but NaN, so that part of the expression only drops the NaN values'],
      ['warning', 'record store:shop_cart:any: the filters "> 5", "<= 5" on shop_cart_items joined by `or` keep every value but NaN, so they only drop the NaN values'],
      ['warning', 'panel Carts: the filters "> 5", "<= 5" on shop_cart_items{store=~"$store"} joined by `or` keep every value but NaN, so they only drop the NaN values'],
    ]);
  });
});
