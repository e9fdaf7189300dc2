import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  counter, dashboard, defineProject, gauge, histogram, labelVariable, quantilesPanel, ratePanel, re, row, scrapeJob, statPanel,
  timeseriesPanel, type Dashboard, type Panel,
} from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { fileOf, runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { GRAFANA_UNITS } from '../../src/lint/grafana-units.js';

const orders = counter({ name: 'shop_orders_total', help: 'Orders.', labels: ['region', 'status'] });
const checkout = histogram({ name: 'shop_checkout_duration_seconds', help: 'Checkout time.', labels: ['region'], buckets: [0.1, 1, 5], unit: 'seconds' });
const cart = gauge({ name: 'shop_cart_items', help: 'Items in carts.', labels: ['region'] });
const disk = gauge({ name: 'shop_disk_used_ratio', help: 'Disk used.', labels: ['mount'], unit: 'ratio' });
const render = gauge({ name: 'shop_render_milliseconds', help: 'Render time.', labels: [] });

function run(id: string, dashboards: Dashboard[]) {
  const check = CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const project = defineProject({
    name: 'shop',
    metrics: [orders, checkout, cart, disk, render],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
    dashboards,
  });
  return runOn(project, [check]).map(pinned);
}

const region = labelVariable({ name: 'region', metric: orders });
const single = labelVariable({ name: 'status', metric: orders, multi: false, includeAll: false });

/** Where a finding about a panel field points: the panel's builder line. */
const at = (p: Panel, path: string[]) => ({ path, file: fileOf(p), line: p.source!.line });

describe('dashboard/undefined-variable', () => {
  const id = 'dashboard/undefined-variable';
  const hint = (d: string, names: string) => `define it in variables: [labelVariable({ name: '…', metric })] of dashboard ${d}, or fix the name (defined: ${names})`;

  it('fires on a misspelt variable in a query', () => {
    const p = timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum(rate(shop_orders_total{region=~"$regoin"}[5m]))' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [region], panels: [p] })])).toEqual([
      {
        message: 'panel Orders: targets[0].expr uses variable $regoin, which dashboard Shop does not define: Grafana sends it as written and the query matches nothing. Did you mean "region"?',
        hint: hint('Shop', '$datasource, $region'),
        ...at(p, ['dashboards', 'Shop', 'panels', 'Orders', 'targets[0]', 'expr']),
        highlighted: '$regoin',
      },
    ]);
  });

  it('fires on a variable no dashboard variable defines, in ${…} and [[…]] forms, in legends and titles', () => {
    const p = timeseriesPanel({
      title: 'Orders in ${store}',
      targets: [{ expr: 'sum by (region) (rate(shop_orders_total{region=~"[[zone]]"}[5m]))', legendFormat: '{{region}} $store' }],
    });
    expect(run(id, [dashboard({ title: 'Shop', panels: [p] })]).map((d) => [d.message, d.path?.at(-1), d.highlighted])).toEqual([
      ['panel Orders in ${store}: title uses variable $store, which dashboard Shop does not define: Grafana sends it as written and the query matches nothing.', 'title', '${store}'],
      ['panel Orders in ${store}: targets[0].expr uses variable $zone, which dashboard Shop does not define: Grafana sends it as written and the query matches nothing.', 'expr', '[[zone]]'],
      ['panel Orders in ${store}: targets[0].legendFormat uses variable $store, which dashboard Shop does not define: Grafana sends it as written and the query matches nothing.', 'legendFormat', '$store'],
    ]);
  });

  it('fires on a variable whose query uses a variable defined after it', () => {
    const zone = labelVariable({ name: 'zone', metric: orders, label: 'region', matchers: { status: re('$state') } });
    const state = labelVariable({ name: 'state', metric: orders, label: 'status' });
    const p = statPanel({ title: 'Orders', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [zone, state], panels: [p] })])).toEqual([
      {
        message: 'variable $zone uses $state, which is defined after it: Grafana has no value for it yet when it loads $zone',
        hint: 'list $state before $zone in variables',
        path: ['dashboards', 'Shop', 'variables', 'zone', 'matchers'],
        file: fileOf(zone),
        line: zone.source!.line,
        highlighted: '$state',
      },
    ]);
  });

  it("is quiet on defined variables, $datasource, Grafana's globals and label_replace's $1", () => {
    const p = timeseriesPanel({
      title: 'Orders by $region',
      targets: [
        { expr: 'sum by (region) (rate(shop_orders_total{region=~"${region:regex}", status="$status"}[$__rate_interval]))', legendFormat: '{{region}}' },
        { expr: 'label_replace(sum(increase(shop_orders_total[$__range])), "x", "$1", "job", "(.*)")' },
      ],
    });
    expect(run(id, [dashboard({ title: 'Shop', variables: [region, single], panels: [p] })])).toEqual([]);
  });

  it('is quiet on a dashboard without variables that uses none', () => {
    expect(run(id, [dashboard({ title: 'Shop', panels: [ratePanel(orders, { title: 'Orders' })] })])).toEqual([]);
  });
});

describe('dashboard/multi-value-equals', () => {
  const id = 'dashboard/multi-value-equals';

  it('fires on = against a multi-value variable', () => {
    const p = timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum(rate(shop_orders_total{region="$region"}[5m]))' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [region], panels: [p] })])).toEqual([
      {
        message: 'panel Orders: targets[0].expr matches $region (multi-value, with an All option) with region=: when several values or All are selected Grafana writes a regex (a|b, .*) and the selector matches nothing',
        hint: `write region=~"$region" (in matchers: { region: re('$region') }), or make the variable single-valued: multi: false, includeAll: false`,
        ...at(p, ['dashboards', 'Shop', 'panels', 'Orders', 'targets[0]', 'expr']),
        highlighted: 'region="$region"',
      },
    ]);
  });

  it('fires on != and on an include-All single-value variable, in the ${…} form', () => {
    const allOnly = labelVariable({ name: 'state', metric: orders, label: 'status', multi: false });
    const p = timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum(rate(shop_orders_total{region != "${region}", status="$state"}[5m]))' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [region, allOnly], panels: [p] })]).map((d) => [d.message, d.hint, d.highlighted])).toEqual([
      [
        'panel Orders: targets[0].expr matches $region (multi-value, with an All option) with region!=: when several values or All are selected Grafana writes a regex (a|b, .*) and the selector matches nothing',
        `write region!~"\${region}" (in matchers: { region: nre('$region') }), or make the variable single-valued: multi: false, includeAll: false`,
        'region != "${region}"',
      ],
      [
        'panel Orders: targets[0].expr matches $state (with an All option) with status=: when several values or All are selected Grafana writes a regex (a|b, .*) and the selector matches nothing',
        `write status=~"$state" (in matchers: { status: re('$state') }), or make the variable single-valued: multi: false, includeAll: false`,
        'status="$state"',
      ],
    ]);
  });

  it('fires in a helper panel built with a plain string matcher', () => {
    const p = ratePanel(orders, { title: 'Orders', matchers: { region: '$region' } });
    expect(run(id, [dashboard({ title: 'Shop', variables: [region], panels: [p] })]).map((d) => d.highlighted)).toEqual(['region="$region"']);
  });

  it('is quiet on =~ and !~, and on = against a single-value variable', () => {
    const p = timeseriesPanel({ title: 'Orders', targets: [{ expr: 'sum(rate(shop_orders_total{region=~"$region", status="$status"}[5m])) == 0 or sum(shop_cart_items{region!~"$region"})' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [region, single], panels: [p] })])).toEqual([]);
  });

  it('is quiet on matchers with the re() helper and on comparisons', () => {
    const p = ratePanel(orders, { title: 'Orders', matchers: { region: re('$region') } });
    const q = timeseriesPanel({ title: 'Carts', targets: [{ expr: 'shop_cart_items >= 1' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [region], panels: [p, q] })])).toEqual([]);
  });
});

describe('dashboard/variable-label', () => {
  const id = 'dashboard/variable-label';

  it('fires on a label the metric lacks, with the closest label', () => {
    // @ts-expect-error the label is typed by the metric's labels: the typo does not compile (the check is for untyped code)
    const v = labelVariable({ name: 'regions', label: 'regoin', metric: orders });
    const p = statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [v], panels: [p] })])).toEqual([
      {
        message: 'variable $regions of dashboard Shop lists label_values(shop_orders_total, regoin), but shop_orders_total has no label "regoin": the drop-down stays empty and every query filtered on $regions shows nothing. Did you mean "region"?',
        hint: 'shop_orders_total has region, status, job, instance; choose one of them (label: \'…\') or a metric that carries regoin',
        path: ['dashboards', 'Shop', 'variables', 'regions', 'label'],
        file: fileOf(v),
        line: v.source!.line,
        highlighted: undefined,
      },
    ]);
  });

  it('fires on a variable named after a label its metric lacks (a histogram: its _count series)', () => {
    const v = labelVariable({ name: 'status', metric: checkout });
    const p = statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [v], panels: [p] })]).map((d) => [d.message, d.path?.at(-1)])).toEqual([
      [
        'variable $status of dashboard Shop lists label_values(shop_checkout_duration_seconds_count, status), but shop_checkout_duration_seconds_count has no label "status": the drop-down stays empty and every query filtered on $status shows nothing.',
        'name',
      ],
    ]);
  });

  it('fires on a variable without metric on a label no series has', () => {
    const v = labelVariable({ name: 'store' });
    const p = statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [v], panels: [p] })]).map((d) => [d.message, d.hint])).toEqual([
      [
        'variable $store of dashboard Shop lists label_values(store), but no series of the catalogue has a label "store": the drop-down stays empty.',
        'fix the label name, or give the variable the metric that carries it (metric: …)',
      ],
    ]);
  });

  it('is quiet on labels the metric has, target labels included', () => {
    const vs = [region, labelVariable({ name: 'job', metric: cart }), labelVariable({ name: 'mount', metric: disk })];
    const p = statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: vs, panels: [p] })])).toEqual([]);
  });

  it('is quiet on a variable without metric on a label some series has', () => {
    const p = statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', variables: [labelVariable({ name: 'mount' }), labelVariable({ name: 'instance' })], panels: [p] })])).toEqual([]);
  });
});

describe('dashboard/unknown-unit', () => {
  const id = 'dashboard/unknown-unit';
  const hint = "use a Grafana unit id (s, ms, bytes, percent, percentunit, reqps, ops, short, …) or a custom unit written 'suffix: tickets'";

  it('fires on a unit word Grafana does not know, with its id', () => {
    const p = timeseriesPanel({ title: 'Checkout', unit: 'seconds', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', panels: [p] })])).toEqual([
      {
        message: 'panel Checkout: unit "seconds" is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling. Did you mean "s"?',
        hint,
        ...at(p, ['dashboards', 'Shop', 'panels', 'Checkout', 'unit']),
        highlighted: undefined,
      },
    ]);
  });

  it('fires on a misspelt id and on a wrong case', () => {
    const p = statPanel({ title: 'Orders', unit: 'reqpps', targets: [{ expr: 'sum(shop_cart_items)' }] });
    const q = statPanel({ title: 'Disk', unit: 'Bytes', targets: [{ expr: 'sum(shop_cart_items)' }] });
    expect(run(id, [dashboard({ title: 'Shop', panels: [p, q] })]).map((d) => d.message)).toEqual([
      'panel Orders: unit "reqpps" is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling. Did you mean "reqps"?',
      'panel Disk: unit "Bytes" is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling. Did you mean "bytes"?',
    ]);
  });

  it('fires on a catalogue unit Grafana does not know, passed through by a helper panel', () => {
    const tickets = gauge({ name: 'shop_tickets_open', help: 'Open tickets.', unit: 'tickets' });
    const project = defineProject({
      name: 'shop',
      metrics: [tickets],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
      dashboards: [dashboard({ title: 'Shop', panels: [timeseriesPanel({ title: 'Tickets', unit: 'tickets', targets: [{ expr: 'sum(shop_tickets_open)' }] })] })],
    });
    expect(runOn(project, [CHECKS.find((c) => c.id === id)!]).map((d) => d.message)).toEqual([
      'panel Tickets: unit "tickets" is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling.',
    ]);
  });

  it("fires on an override's unit, pointing at it", () => {
    const p = timeseriesPanel({
      title: 'Checkout',
      unit: 's',
      overrides: [{ match: { name: 'p99' }, unit: 'ms' }, { match: { query: 'B' }, unit: 'seconds' }],
      targets: [{ expr: 'sum(shop_cart_items)' }, { expr: 'sum(shop_cart_items)' }],
    });
    expect(run(id, [dashboard({ title: 'Shop', panels: [p] })])).toEqual([
      {
        message: 'panel Checkout override 2 (query B): unit "seconds" is not a Grafana unit: Grafana prints it as text after the raw number, with no scaling. Did you mean "s"?',
        hint,
        path: ['dashboards', 'Shop', 'panels', 'Checkout', 'overrides[1]', 'unit'],
        file: fileOf(p),
        line: p.source!.line,
        highlighted: undefined,
      },
    ]);
  });

  it("is quiet on Grafana's ids and on custom units", () => {
    const units = ['s', 'ms', 'percentunit', 'reqps', 'currencyBRL', 'short', 'suffix: tickets', 'currency:BRL', 'si:g', 'bool_yes_no', '\u00b5s'];
    const panels = units.map((unit, i) => statPanel({ title: `P${i}`, unit, targets: [{ expr: 'sum(shop_cart_items)' }] }));
    expect(run(id, [dashboard({ title: 'Shop', panels })])).toEqual([]);
  });

  it('is quiet on panels without a unit', () => {
    expect(run(id, [dashboard({ title: 'Shop', panels: [statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] })] })])).toEqual([]);
  });

  it("keeps the list equal to the Grafana foundation SDK's unit ids", () => {
    const sdk = readFileSync(new URL('../../node_modules/@grafana/grafana-foundation-sdk/dist/units/types.gen.d.ts', import.meta.url), 'utf8');
    const ids = new Set([...sdk.matchAll(/= ("[^"]*")/g)].map((m) => JSON.parse(m[1]!) as string));
    expect(GRAFANA_UNITS.filter((u) => u !== 'farenheit')).toEqual([...ids]);
  });
});

describe('dashboard/unit-mismatch', () => {
  const id = 'dashboard/unit-mismatch';

  it('fires on a seconds histogram shown in ms', () => {
    const p = quantilesPanel(checkout, { title: 'Checkout', unit: 'ms', quantiles: [0.95] });
    expect(run(id, [dashboard({ title: 'Shop', panels: [p] })])).toEqual([
      {
        message: 'panel Checkout: unit "ms" does not fit targets[0]: its values are seconds, and unit "ms" reads them as another time unit (0.25 s would show as 0.25 ms)',
        hint: "use unit: 's', or scale the query",
        ...at(p, ['dashboards', 'Shop', 'panels', 'Checkout', 'unit']),
        highlighted: 'histogram_quantile(0.95, sum by (le) (rate(shop_checkout_duration_seconds_bucket[$__rate_interval])))',
      },
    ]);
  });

  it('fires on a mean of _sum / _count in ms, and on milliseconds shown as s', () => {
    const p = timeseriesPanel({
      title: 'Mean checkout',
      unit: 'ms',
      targets: [{ expr: 'sum(rate(shop_checkout_duration_seconds_sum[5m])) / sum(rate(shop_checkout_duration_seconds_count[5m]))' }],
    });
    const q = timeseriesPanel({ title: 'Render', unit: 's', targets: [{ expr: 'max(shop_render_milliseconds)' }] });
    expect(run(id, [dashboard({ title: 'Shop', panels: [p, q] })]).map((d) => [d.message, d.hint])).toEqual([
      ['panel Mean checkout: unit "ms" does not fit targets[0]: its values are seconds, and unit "ms" reads them as another time unit (0.25 s would show as 0.25 ms)', "use unit: 's', or scale the query"],
      ['panel Render: unit "s" does not fit targets[0]: its values are milliseconds, and unit "s" reads them as another time unit (250 ms would show as 250 s)', "use unit: 'ms', or scale the query"],
    ]);
  });

  it('fires on a ratio shown as percent and on a percentage shown as percentunit', () => {
    const p = timeseriesPanel({
      title: 'Failed orders',
      unit: 'percent',
      targets: [{ expr: 'sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m]))' }],
    });
    const q = statPanel({ title: 'Disk', unit: 'percentunit', targets: [{ expr: 'max(shop_disk_used_ratio) * 100' }] });
    expect(run(id, [dashboard({ title: 'Shop', panels: [p, q] })]).map((d) => [d.message, d.hint, d.path?.at(-2)])).toEqual([
      ['panel Failed orders: unit "percent" does not fit targets[0]: its values are a ratio between 0 and 1, and unit "percent" expects 0 to 100 (5% would show as 0.05%)', "use unit: 'percentunit'", 'Failed orders'],
      ['panel Disk: unit "percentunit" does not fit targets[0]: its values are percentages (0 to 100), and unit "percentunit" expects 0 to 1 (5% would show as 500%)', "use unit: 'percent'", 'Disk'],
    ]);
  });

  it('is quiet when the unit fits, scaled queries included', () => {
    const panels = [
      quantilesPanel(checkout, { title: 'Checkout' }),
      timeseriesPanel({ title: 'Checkout ms', unit: 'ms', targets: [{ expr: 'histogram_quantile(0.9, sum by (le) (rate(shop_checkout_duration_seconds_bucket[5m]))) * 1000' }] }),
      timeseriesPanel({ title: 'Failed', unit: 'percent', targets: [{ expr: '100 * sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m]))' }] }),
      timeseriesPanel({ title: 'Failed after', unit: 'percent', targets: [{ expr: 'sum(rate(shop_orders_total{status="failed"}[5m])) / sum(rate(shop_orders_total[5m])) * 100' }] }),
      statPanel({ title: 'Disk', unit: 'percentunit', targets: [{ expr: '1 - max(shop_disk_used_ratio)' }] }),
      statPanel({ title: 'Render', unit: 'ms', targets: [{ expr: 'max(shop_render_milliseconds)' }] }),
    ];
    expect(run(id, [dashboard({ title: 'Shop', panels })])).toEqual([]);
  });

  it('is quiet when the catalogue does not tell (no unit, unknown series), and on seconds per second as a share', () => {
    const panels = [
      timeseriesPanel({ title: 'CPU', unit: 'percentunit', targets: [{ expr: 'rate(shop_checkout_duration_seconds_sum[5m])' }] }),
      timeseriesPanel({ title: 'Carts', unit: 'ms', targets: [{ expr: 'sum(shop_cart_items)' }] }),
      timeseriesPanel({ title: 'Other', unit: 'ms', targets: [{ expr: 'sum(other_seconds)' }] }),
    ];
    expect(run(id, [dashboard({ title: 'Shop', panels })])).toEqual([]);
  });
});

describe('dashboard/time-range', () => {
  const id = 'dashboard/time-range';
  const panels = [statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] })];
  const timeHint = "write Grafana date math: 'now', 'now-6h', 'now-7d', 'now-1d/d' (start of yesterday), 'now/d' (start of today)";

  it('fires on a unit word in a relative time', () => {
    const d = dashboard({ title: 'Shop', time: { from: 'now-6hours', to: 'now' }, panels });
    expect(run(id, [d])).toEqual([
      {
        message: 'dashboard Shop: time.from "now-6hours" is not a time Grafana can parse: Grafana units are single letters: y M w d h m s',
        hint: timeHint,
        path: ['dashboards', 'Shop', 'time', 'from'],
        file: fileOf(d),
        line: d.source!.line,
        highlighted: undefined,
      },
    ]);
  });

  it('fires on a relative time without now, and on from after to', () => {
    const a = dashboard({ title: 'A', time: { from: '6h', to: 'now' }, panels });
    const b = dashboard({ title: 'B', time: { from: 'now', to: 'now-1h' }, panels });
    expect(run(id, [a, b]).map((x) => [x.message, x.path?.slice(2)])).toEqual([
      ['dashboard A: time.from "6h" is not a time Grafana can parse: a relative time starts with now, e.g. now-6h', ['time', 'from']],
      ['dashboard B: time.from "now" is not before time.to "now-1h": the time range is empty and every panel shows no data', ['time']],
    ]);
  });

  it('fires on a refresh of two units and warns on one under 5s', () => {
    const a = dashboard({ title: 'A', refresh: '1m30s', panels });
    const b = dashboard({ title: 'B', refresh: '1s', panels });
    const found = runOn(
      defineProject({ name: 'shop', metrics: [cart], prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] }, dashboards: [a, b] }),
      [CHECKS.find((c) => c.id === id)!],
    );
    expect(found.map((x) => [x.severity, x.message, x.hint, x.path?.at(-1)])).toEqual([
      ['error', 'dashboard A: refresh "1m30s" is not an interval Grafana can use: it takes one number and one unit and would read only "1m"', "write one unit: '30s', '1m', '5m', '1h' (or '' for no auto-refresh)", 'refresh'],
      ['warning', 'dashboard B: refresh "1s" is below Grafana\'s minimum refresh interval (5s by default): Grafana refreshes every 5s instead', "use '5s' or more (each refresh runs every panel's queries)", 'refresh'],
    ]);
  });

  it('is quiet on date math, rounding and absolute times', () => {
    const ds = [
      dashboard({ title: 'A', time: { from: 'now-6h', to: 'now' }, refresh: '30s', panels }),
      dashboard({ title: 'B', time: { from: 'now-1d/d', to: 'now-1d/d' }, refresh: '', panels }),
      dashboard({ title: 'C', time: { from: 'now/w', to: 'now' }, refresh: '1h', panels }),
      dashboard({ title: 'D', time: { from: '2024-01-01T00:00:00Z', to: '2024-01-31 23:59:59' }, panels }),
      dashboard({ title: 'E', time: { from: '1700000000000', to: 'now+1d' }, panels }),
    ];
    expect(run(id, ds)).toEqual([]);
  });

  it('is quiet on the defaults (now-6h to now, refresh 1m)', () => {
    expect(run(id, [dashboard({ title: 'Shop', panels })])).toEqual([]);
  });
});

describe('dashboard/empty', () => {
  const id = 'dashboard/empty';

  it('fires on a dashboard without panels', () => {
    const d = dashboard({ title: 'Shop', panels: [] });
    expect(run(id, [d])).toEqual([
      {
        message: 'dashboard Shop has no panels: it opens blank',
        hint: 'add panels (timeseriesPanel, statPanel, ratePanel, …), or remove the dashboard',
        path: ['dashboards', 'Shop', 'panels'],
        file: fileOf(d),
        line: d.source!.line,
        highlighted: undefined,
      },
    ]);
  });

  it('fires on a dashboard with only empty rows', () => {
    const d = dashboard({ title: 'Shop', panels: [row({ title: 'A', panels: [] }), row({ title: 'B', panels: [] })] });
    expect(run(id, [d]).map((x) => x.message)).toEqual(['dashboard Shop has no panels (only 2 empty rows): it opens blank']);
  });

  it('fires on an empty row next to panels', () => {
    const r = row({ title: 'Later', panels: [] });
    const d = dashboard({ title: 'Shop', panels: [statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] }), r] });
    expect(run(id, [d])).toEqual([
      {
        message: 'row Later of dashboard Shop has no panels: an empty header',
        hint: 'give the row its panels (row({ title, panels: [...] })), or remove it',
        path: ['dashboards', 'Shop', 'panels', 'Later', 'panels'],
        file: fileOf(r),
        line: r.source!.line,
        highlighted: undefined,
      },
    ]);
  });

  it('is quiet on dashboards with panels, in rows or not', () => {
    const d = dashboard({ title: 'Shop', panels: [row({ title: 'A', panels: [statPanel({ title: 'Carts', targets: [{ expr: 'sum(shop_cart_items)' }] })] })] });
    expect(run(id, [d, dashboard({ title: 'Other', panels: [ratePanel(orders, { title: 'Orders' })] })])).toEqual([]);
  });

  it('is quiet on a collapsed row with panels', () => {
    const d = dashboard({ title: 'Shop', panels: [row({ title: 'A', collapsed: true, panels: [ratePanel(orders, { title: 'Orders' })] })] });
    expect(run(id, [d])).toEqual([]);
  });
});
