// Two alerts of one name in a group (Prometheus allows it: a warning and a critical one) and two
// panels of one title in a dashboard (Grafana allows it) had one path. An `ignore` on one silenced
// the other's findings (silencing goes by path), and findings on either read the same. Now the
// second of a name is `X (2)`, in the model, in schema findings and in import's ignores alike.
import { describe, expect, it } from 'vitest';
import { alert, dashboard, gaugePanel, lint, row, timeseriesPanel } from '../../src/index.js';
import { pathSteps } from '../../src/model/definition-path.js';
import { basics, shop } from './promql/shop.js';

const ids = (r: Awaited<ReturnType<typeof lint>>, id: string) => r.diagnostics.filter((d) => d.id === id).map((d) => d.path?.join(' › '));

describe('pathSteps', () => {
  it('counts the second and later items of a name, skips steps an item already has, leaves unnamed ones', () => {
    expect(pathSteps(['A', 'B', 'A', 'A (2)', 'A', undefined, 'B'])).toEqual(['A', 'B', 'A (3)', 'A (2)', 'A (4)', undefined, 'B (2)']);
    expect(pathSteps(['A', 'C'])).toEqual(['A', 'C']);
  });
});

describe('an ignore silences its own definition only', () => {
  it('on one of two alerts of one name: the other\'s finding is reported, at its own path', async () => {
    const quiet = alert({ ...basics, name: 'Orders', expr: 'shop_orders_total > 100', labels: { severity: 'warning' }, ignore: { 'promql/counter-compared-raw': 'a test of the ignore' } });
    const loud = alert({ ...basics, name: 'Orders', expr: 'shop_orders_total > 1000', labels: { severity: 'critical' } });
    const result = await lint(shop({ rules: [quiet, loud] }));
    expect(ids(result, 'promql/counter-compared-raw')).toEqual(['ruleGroups › shop › rules › Orders (2) › expr']);
    expect(result.silenced.map((s) => s.path.join(' › '))).toEqual(['ruleGroups › shop › rules › Orders › expr']);
  });

  it('on one of two panels of one title, at the top and inside a row', async () => {
    const raw = 'sum(shop_orders_total)';
    const board = dashboard({
      title: 'Shop',
      panels: [
        timeseriesPanel({ title: 'Orders', targets: [{ expr: raw }], ignore: { 'dashboard/counter-without-rate': 'a test of the ignore' } }),
        gaugePanel({ title: 'Orders', targets: [{ expr: raw }] }),
        row({ title: 'More', panels: [
          timeseriesPanel({ title: 'Orders', targets: [{ expr: raw }], ignore: { 'dashboard/counter-without-rate': 'a test of the ignore' } }),
          gaugePanel({ title: 'Orders', targets: [{ expr: raw }] }),
        ] }),
      ],
    });
    const result = await lint(shop({ dashboards: [board] }));
    expect(ids(result, 'dashboard/counter-without-rate')).toEqual([
      'dashboards › Shop › panels › Orders (2) › targets[0] › expr',
      'dashboards › Shop › panels › More › panels › Orders (2) › targets[0] › expr',
    ]);
  });
});

describe('schema findings name the same path', () => {
  it('the second alert of a name is `X (2)` there too', async () => {
    const bad = { ...alert({ ...basics, name: 'Orders', expr: 'rate(shop_orders_total[5m]) > 1' }), for: 'soon' };
    const result = await lint(shop({ rules: [alert({ ...basics, name: 'Orders', expr: 'rate(shop_orders_total[5m]) > 2' }), bad as never] }));
    expect(result.diagnostics.filter((d) => d.id === 'schema').map((d) => d.path?.join(' › '))).toEqual(['ruleGroups › shop › rules › Orders (2) › for']);
  });
});
