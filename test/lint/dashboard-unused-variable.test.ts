import { describe, expect, it } from 'vitest';
import {
  adHocFilters, constantVariable, customVariable, dashboard, intervalVariable, labelVariable, linkTo, queryAnnotation, queryVariable, row,
  textPanel, textVariable, timeseriesPanel, type Dashboard, type Variable,
} from '../../src/index.js';
import { orders, shop } from './promql/shop.js';
import { fileOf } from '../helpers/model.js';
import { findings } from './promql/shop.js';

const ID = 'dashboard/unused-variable';
const job = () => labelVariable({ name: 'job', metric: orders });

function unused(...dashboards: Dashboard[]): string[] {
  return findings(ID, shop({ dashboards })).map((d) => d.path!.slice(1).join(' › '));
}

const board = (variables: Variable[], panels: Parameters<typeof dashboard>[0]['panels'], extra: Partial<Parameters<typeof dashboard>[0]> = {}) =>
  dashboard({ title: 'Shop', variables, panels, ...extra });
const query = (expr: string, more: object = {}) => timeseriesPanel({ title: 'Orders', targets: [{ expr, ...more }] });

describe(ID, () => {
  it('warns on a variable nothing uses, at its definition', () => {
    const store = labelVariable({ name: 'store', metric: orders });
    const found = findings(ID, shop({ dashboards: [board([job(), store], [query('sum(rate(shop_orders_total{job=~"$job"}[5m]))')])] }));
    expect(found.map((d) => [d.severity, d.message, d.hint, d.path?.join(' › ')])).toEqual([
      [
        'warning',
        'variable $store of dashboard Shop is used by no panel, query, title, legend, link, repeat, annotation or other variable: it only adds a drop-down that changes nothing',
        'use $store in the queries it is meant to filter (e.g. {job=~"$store"}), or remove it from variables',
        'dashboards › Shop › variables › store',
      ],
    ]);
    expect(fileOf(found[0]!.source ? { source: found[0]!.source } : store)).toMatch(/dashboard-unused-variable\.test\.ts$/);
    expect(found[0]!.source?.line).toBe(store.source?.line);
  });

  it('names the misspelt reference that leaves it unused', () => {
    const found = findings(ID, shop({ dashboards: [board([job()], [query('sum(rate(shop_orders_total{job=~"$jbo"}[5m]))')])] }));
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      [
        'variable $job of dashboard Shop is used by no panel, query, title, legend, link, repeat, annotation or other variable: it only adds a drop-down that changes nothing. The dashboard uses $jbo: is it a misspelling of $job?',
        'write $job where $jbo is used, or remove the variable',
      ],
    ]);
  });

  it("counts every form and place Grafana interpolates (only the spare one is reported)", () => {
    const repeated = customVariable({ name: 'repeated', values: ['a', 'b'], multi: true });
    const rows = customVariable({ name: 'rows', values: ['a', 'b'], multi: true });
    const variables: Variable[] = [
      job(),
      labelVariable({ name: 'instance', metric: orders, label: 'store', matchers: { job: { op: '=~', value: '$job' } } }), // chained: uses $job
      customVariable({ name: 'braced', values: ['a'] }),
      customVariable({ name: 'formatted', values: ['a'] }),
      customVariable({ name: 'old', values: ['a'] }),
      customVariable({ name: 'legend', values: ['a'] }),
      customVariable({ name: 'title', values: ['a'] }),
      customVariable({ name: 'described', values: ['a'] }),
      customVariable({ name: 'linked', values: ['a'] }),
      customVariable({ name: 'ds', values: ['prometheus'] }),
      intervalVariable({ name: 'window', values: ['5m'] }),
      constantVariable({ name: 'env', value: 'prod' }),
      textVariable({ name: 'text' }),
      repeated,
      rows,
      customVariable({ name: 'annotated', values: ['a'] }),
      queryVariable({ name: 'pattern', query: 'label_values(shop_orders_total, store)', regex: '/${regexed}/' }),
      customVariable({ name: 'regexed', values: ['a'] }),
      queryVariable({ name: 'chained', query: 'label_values(shop_orders_total{store=~"${instance:regex}"}, status)' }),
      adHocFilters(),
      customVariable({ name: 'spare', values: ['a'] }),
    ];
    const panels = [
      timeseriesPanel({
        title: 'Orders in [[title]] $pattern $chained',
        description: 'For ${described}.',
        links: [{ title: 'Wiki', url: 'https://wiki.example.com/${linked}' }],
        targets: [
          { expr: 'sum(rate(shop_orders_total{job=~"$job", store=~"${instance}", status="${braced}", x="${formatted:csv}", y="[[old]]"}[$window]))', legendFormat: '{{store}} $legend' },
          { expr: 'sum(shop_orders_total{env="$env", t="$text"})', datasource: { type: 'prometheus', uid: '${ds}' } },
        ],
        repeat: { variable: repeated },
      }),
      row({ title: 'Per value', repeat: { variable: rows }, panels: [textPanel({ title: 'Note', content: 'Notes' })] }),
    ];
    const annotations = [queryAnnotation({ name: 'Deploys', expr: 'changes(shop_orders_total{store="$annotated"}[5m]) > 0' })];
    expect(unused(board(variables, panels, { annotations }))).toEqual(['Shop › variables › spare']);
  });

  it('counts a variable a link carries into a project dashboard that has it, not into one that lacks it', () => {
    const target = dashboard({ title: 'Store', variables: [labelVariable({ name: 'store', metric: orders })], panels: [query('sum(shop_orders_total{store=~"$store"})')] });
    const plain = dashboard({ title: 'Plain', panels: [query('sum(shop_orders_total)')] });
    const carries = board([labelVariable({ name: 'store', metric: orders })], [query('sum(shop_orders_total)')], { links: [linkTo(target)] });
    expect(unused(target, carries)).toEqual([]);
    const notCarried = board([labelVariable({ name: 'store', metric: orders })], [query('sum(shop_orders_total)')], { links: [linkTo(target, { includeVars: false })] });
    expect(unused(target, notCarried)).toEqual(['Shop › variables › store']);
    const lacking = board([labelVariable({ name: 'store', metric: orders })], [query('sum(shop_orders_total)')], { links: [linkTo(plain)] });
    expect(unused(plain, lacking)).toEqual(['Shop › variables › store']);
  });

  it('does not count a variable used only in its own definition', () => {
    const self = queryVariable({ name: 'self', query: 'label_values(shop_orders_total{store=~"$self"}, store)' });
    expect(unused(board([self], [query('sum(shop_orders_total)')]))).toEqual(['Shop › variables › self']);
  });
});
