// Audit round 23: alert/template-label-dropped and dashboard/legend-label-dropped judge a label
// through a finite `{__name__=~"a|b"}` (the union of its metrics' labels, followed through by,
// without, on, ignoring, group_*, label_replace and nested aggregations) as for a named selector,
// and never when the labels are not bounded (a regex that may match other names).
import { describe, expect, it } from 'vitest';
import { alert, dashboard, timeseriesPanel } from '../../../src/index.js';
import { basics, findings, shop } from './shop.js';

const TEMPLATE = 'alert/template-label-dropped';
const LEGEND = 'dashboard/legend-label-dropped';
const totals = '{__name__=~"shop_orders_total|shop_payments_total"}';
const gauges = '{__name__=~"shop_cart_items|shop_build_info"}';

/** An alert whose description names `label`. */
const uses = (name: string, expr: string, label: string) =>
  alert({ ...basics, name, expr, annotations: { ...basics.annotations, description: `{{ $labels.${label} }}` } });

describe(`${TEMPLATE} over a finite __name__ regex`, () => {
  it('fires where every path drops the label: by, without, on, ignoring, group_left without it, label_replace, nested aggregations, none of the metrics', () => {
    const rules = [
      uses('By', `sum by (store) (rate(${totals}[5m])) > 1`, 'status'),
      uses('Without', `sum without (status) (rate(${totals}[5m])) > 1`, 'status'),
      uses('On', `rate(${totals}[5m]) / on (store) shop_cart_items > 1`, 'instance'),
      uses('Ignoring', `rate(${totals}[5m]) / ignoring (status) rate(shop_orders_total[5m]) > 1`, 'status'),
      uses('GroupLeft', `rate(${totals}[5m]) * on (store) group_left shop_cart_items > 1`, 'version'),
      uses('GroupRight', `${gauges} * on (store) group_right sum by (store) (rate(${totals}[5m])) > 1`, 'version'),
      uses('Replace', `label_replace(sum by (store) (rate(${totals}[5m])), "shop", "$1", "store", "(.*)") > 1`, 'status'),
      uses('Nested', `max by (store) (sum by (store, status) (rate(${totals}[5m]))) > 1`, 'status'),
      uses('Nowhere', `${gauges} > 1`, 'status'),
    ];
    const found = findings(TEMPLATE, shop({ rules }));
    expect(found.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'alert By uses {{ $labels.status }} in description, but its expression does not keep "status": it renders empty'],
      ['error', 'alert Without uses {{ $labels.status }} in description, but its expression does not keep "status": it renders empty'],
      ['error', 'alert On uses {{ $labels.instance }} in description, but its expression does not keep "instance": it renders empty'],
      ['error', 'alert Ignoring uses {{ $labels.status }} in description, but its expression does not keep "status": it renders empty'],
      ['error', 'alert GroupLeft uses {{ $labels.version }} in description, but its expression does not keep "version": it renders empty'],
      ['error', 'alert GroupRight uses {{ $labels.version }} in description, but its expression does not keep "version": it renders empty'],
      ['error', 'alert Replace uses {{ $labels.status }} in description, but its expression does not keep "status": it renders empty'],
      ['error', 'alert Nested uses {{ $labels.status }} in description, but its expression does not keep "status": it renders empty'],
      ['error', 'alert Nowhere uses {{ $labels.status }} in description, but its expression does not keep "status": it renders empty'],
    ]);
    expect(found[0]!.hint).toBe('labels the expression may keep: store; add "status" to by (…) or drop it from the text');
    expect(found.at(-1)!.hint).toBe('labels the expression may keep: instance, job, store, version; add "status" to by (…) or drop it from the text');
  });

  it('stays quiet on a label one metric of the regex carries, copied by group_left/right, written by label_replace, or kept by the paths', () => {
    const rules = [
      uses('OneHas', `rate(${totals}[5m]) > 1`, 'status'),
      uses('By', `sum by (store, status) (rate(${totals}[5m])) > 1`, 'status'),
      uses('Without', `sum without (instance) (rate(${totals}[5m])) > 1`, 'status'),
      uses('GroupLeft', `rate(${totals}[5m]) * on (store) group_left (version) ${gauges} > 1`, 'version'),
      uses('GroupRight', `${gauges} * on (store) group_right (version) rate(${totals}[5m]) > 1`, 'version'),
      uses('Replace', `label_replace(sum by (store) (rate(${totals}[5m])), "shop", "$1", "store", "(.*)") > 1`, 'shop'),
      uses('Join', `label_join(sum by (store) (rate(${totals}[5m])), "key", "/", "store") > 1`, 'key'),
      uses('Or', `sum by (store) (rate(${totals}[5m])) or sum by (status) (rate(shop_orders_total[5m])) > 1`, 'status'),
    ];
    expect(findings(TEMPLATE, shop({ rules }))).toEqual([]);
  });

  it('stays quiet when the labels are not bounded: a regex that may match other names, or names a metric outside the catalogue', () => {
    const rules = [
      uses('Wildcard', 'sum without (status) (rate({__name__=~"shop_.*_total"}[5m])) > 1', 'stauts'),
      uses('Outside', 'rate({__name__=~"shop_orders_total|other_total"}[5m]) > 1', 'version'),
      uses('Mixed', `other_metric / on (store) group_left ${totals} > 1`, 'version'),
    ];
    expect(findings(TEMPLATE, shop({ rules }))).toEqual([]);
  });
});

describe(`${LEGEND} over a finite __name__ regex`, () => {
  it('fires on a legend label no path keeps, and stays quiet on one a metric carries or when not bounded', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({
          title: 'Totals',
          targets: [
            { expr: `sum by (store) (rate(${totals}[$__rate_interval]))`, legendFormat: '{{store}} {{status}}' },
            { expr: `sum without (status) (rate(${totals}[$__rate_interval])) * on (store) group_left (version) ${gauges}`, legendFormat: '{{version}} {{status}}' },
            { expr: `rate(${totals}[$__rate_interval])`, legendFormat: '{{status}} {{store}}' },
            { expr: 'sum without (store) (rate({__name__=~"shop_.*_total"}[$__rate_interval]))', legendFormat: '{{stauts}}' },
            { expr: `${gauges}`, legendFormat: '{{status}}' },
          ],
        }),
      ],
    });
    const found = findings(LEGEND, shop({ dashboards: [board] }));
    expect(found.map((d) => d.message)).toEqual([
      'panel Totals: targets[0].legendFormat uses {{status}}, but its query does not keep "status": the legend shows it empty, and the series look alike',
      'panel Totals: targets[1].legendFormat uses {{status}}, but its query does not keep "status": the legend shows it empty, and the series look alike',
      'panel Totals: targets[4].legendFormat uses {{status}}, but its query does not keep "status": the legend shows it empty, and the series look alike',
    ]);
    expect(found[2]!.hint).toBe('labels the query may keep: instance, job, store, version; add "status" to by (…) or drop it from the legend');
  });
});
