// Audit round 24: an aggregation's result can only carry its by (…) labels, whatever it reads (a
// metric outside the catalogue, a selector without a name, a function result the analysis does not
// follow); on (…) keeps only its labels, group_left/right the "many" side's and the listed ones.
// The checks of a label use judge it there; where the labels stay open they stay quiet.
import { describe, expect, it } from 'vitest';
import { alert, dashboard, timeseriesPanel } from '../../../src/index.js';
import { basics, findings, shop } from './shop.js';

const TEMPLATE = 'alert/template-label-dropped';
const LEGEND = 'dashboard/legend-label-dropped';
const UNKNOWN = 'promql/unknown-label';

/** An alert whose description names `label`. */
const uses = (name: string, expr: string, label: string) =>
  alert({ ...basics, name, expr, annotations: { ...basics.annotations, description: `{{ $labels.${label} }}` } });

describe(`${TEMPLATE} over an aggregation of series whose labels are not known`, () => {
  it('fires on a label the by (…) does not keep: every aggregation, nameless selectors, unknown functions, through binary operations', () => {
    const rules = [
      uses('Sum', 'sum by (x) (other_total) > 1', 'y'),
      uses('Count', 'count by (x) ({job="shop"}) > 1', 'instance'),
      uses('Avg', 'avg by (x) (rate(other_total[5m])) > 1', 'y'),
      uses('Max', 'max(other_gauge) by (x) > 1', 'y'),
      uses('Quantile', 'quantile by (x) (0.9, other_gauge) > 1', 'y'),
      uses('Group', 'group by (x) (label_replace(other_gauge, "d", "$1", "s", "(.*)")) > 0', 'y'),
      uses('Stddev', 'stddev by (x) ({__name__=~"other_.*"}) > 1', 'y'),
      uses('CountValues', 'count_values by (x) ("v", other_gauge) > 1', 'y'),
      uses('Ratio', 'sum by (x) (rate(other_total[5m])) / sum by (x) (rate(another_total[5m])) > 1', 'y'),
      uses('On', 'other_total / on (x) another_total > 1', 'y'),
      uses('GroupLeft', 'sum by (x) (other_total) * on (x) group_left (owner) other_info > 1', 'y'),
    ];
    expect(findings(TEMPLATE, shop({ rules })).map((d) => d.message)).toEqual([
      'alert Sum uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert Count uses {{ $labels.instance }} in description, but its expression does not keep "instance": it renders empty',
      'alert Avg uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert Max uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert Quantile uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert Group uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert Stddev uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert CountValues uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert Ratio uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert On uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
      'alert GroupLeft uses {{ $labels.y }} in description, but its expression does not keep "y": it renders empty',
    ]);
    const [sum] = findings(TEMPLATE, shop({ rules: [rules[0]!] }));
    expect(sum!.hint).toBe('labels the expression may keep: x; add "y" to by (…) or drop it from the text');
  });

  it('stays quiet on a by (…) label, a counted or copied one, and where the labels stay open (topk, without, or, the "one" side of group_left)', () => {
    const rules = [
      uses('Sum', 'sum by (x) (other_total) > 1', 'x'),
      uses('CountValues', 'count_values by (x) ("v", other_gauge) > 1', 'v'),
      uses('GroupLeft', 'sum by (x) (other_total) * on (x) group_left (owner) other_info > 1', 'owner'),
      uses('Topk', 'topk by (x) (3, other_gauge) > 1', 'y'),
      uses('Without', 'sum without (x) (other_total) > 1', 'y'),
      uses('Or', 'sum by (x) (other_total) or other_gauge > 1', 'y'),
      uses('OneSide', 'other_info * on (x) group_left sum by (x) (other_total) > 1', 'y'),
      uses('Info', 'info(sum by (x) (rate(other_total[5m]))) > 1', 'k8s_cluster_name'),
    ];
    expect(findings(TEMPLATE, shop({ rules }))).toEqual([]);
  });
});

describe(`${LEGEND} over an aggregation of series whose labels are not known`, () => {
  it('fires on a legend label the by (…) does not keep, and stays quiet on one it keeps, on open labels, or a variable deciding the labels', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({
          title: 'Other',
          targets: [
            { expr: 'sum by (x) (rate(other_total{job=~"$job"}[$__rate_interval]))', legendFormat: '{{x}} {{pod}}' },
            { expr: 'sum by (x) (rate(other_total[$__rate_interval]))', legendFormat: '{{x}}' },
            { expr: 'rate(other_total[$__rate_interval])', legendFormat: '{{pod}}' },
            { expr: 'sum by ($group) (rate(other_total[$__rate_interval]))', legendFormat: '{{pod}}' },
            { expr: 'label_replace(sum by (x) (rate(other_total[$__rate_interval])), "$dst", "$1", "x", "(.*)")', legendFormat: '{{pod}}' },
          ],
        }),
      ],
    });
    expect(findings(LEGEND, shop({ dashboards: [board] })).map((d) => d.message)).toEqual([
      'panel Other: targets[0].legendFormat uses {{pod}}, but its query does not keep "pod": the legend shows it empty, and the series look alike',
    ]);
  });
});

describe(`${UNKNOWN} over an aggregation of series whose labels are not known`, () => {
  it('stays quiet in a panel where a Grafana variable outside the selectors may name the labels left', () => {
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({
          title: 'Grouped',
          targets: [
            { expr: 'max by (pod) (sum by ($group) (rate(other_total[$__rate_interval])))' },
            { expr: 'max by (pod) (sum by ($group) (rate(shop_orders_total[$__rate_interval])))' },
            { expr: 'label_replace(sum by ($group) (rate(other_total[5m])), "d", "$1", "pod", "(.*)")' },
            { expr: 'max by (pod) (sum by (x) (rate(other_total{job=~"$job"}[$__rate_interval])))' },
          ],
        }),
      ],
    });
    expect(findings(UNKNOWN, shop({ dashboards: [board] })).map((d) => [d.path?.at(-2), d.message])).toEqual([
      ['targets[3]', 'panel Grouped uses by (pod), but the aggregated series have no label "pod".'],
    ]);
  });

  it('fires on a clause or a source label the inner aggregation does not keep, and stays quiet on one it keeps', () => {
    const rules = [
      alert({ ...basics, name: 'Nested', expr: 'max by (y) (sum by (x) (other_total)) > 1' }),
      alert({ ...basics, name: 'On', expr: 'sum by (x) (other_total) / on (y) sum by (x) (another_total) > 1' }),
      alert({ ...basics, name: 'Source', expr: 'label_replace(sum by (x) (other_total), "d", "$1", "y", "(.*)") > 1' }),
      alert({ ...basics, name: 'Kept', expr: 'max by (x) (sum by (x, z) (other_total)) / on (x) sum by (x) (another_total) > 1' }),
      alert({ ...basics, name: 'Open', expr: 'max by (y) (sum without (x) (other_total)) > 1' }),
    ];
    expect(findings(UNKNOWN, shop({ rules })).map((d) => [d.severity, d.message])).toEqual([
      ['error', 'alert Nested uses by (y), but the aggregated series have no label "y". Did you mean "x"?'],
      ['error', 'alert On uses on (y), but both sides of the operation have no label "y". Did you mean "x"?'],
      ['error', 'alert Source reads label "y" in label_replace(), but its series have no label "y": the source value is always empty. Did you mean "x"?'],
    ]);
  });
});
