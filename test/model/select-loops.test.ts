// The rule and panel lists the checks ask for are built with loops (speed, #16): the same
// elements, the same objects, in the same order as the flatMap/filter they replace.
import { describe, expect, it } from 'vitest';
import { alerts, records, rules } from '../../src/model/select.js';
import { allPanels, type DashboardModel } from '../../src/model/dashboard.js';
import type { Model, RuleModel } from '../../src/model/types.js';

const rule = (name: string, kind: 'alert' | 'record') => ({ name, kind }) as unknown as RuleModel;

describe('rules, alerts, records', () => {
  it('are the flatMap of the groups, and its filters, object for object (empty groups included)', () => {
    const groups = [
      { rules: [rule('a1', 'alert'), rule('r1', 'record')] },
      { rules: [] },
      { rules: [rule('r2', 'record'), rule('a2', 'alert'), rule('a3', 'alert')] },
      { rules: [rule('r3', 'record')] },
    ];
    const model = { ruleGroups: groups } as unknown as Pick<Model, 'ruleGroups'>;
    const all = groups.flatMap((g) => g.rules);
    expect(rules(model)).toEqual(all);
    rules(model).forEach((r, i) => expect(r).toBe(all[i]));
    expect(alerts(model)).toEqual(all.filter((r) => r.kind === 'alert'));
    alerts(model).forEach((r, i) => expect(r).toBe(all.filter((x) => x.kind === 'alert')[i]));
    expect(records(model)).toEqual(all.filter((r) => r.kind === 'record'));
    records(model).forEach((r, i) => expect(r).toBe(all.filter((x) => x.kind === 'record')[i]));
    expect(rules({ ruleGroups: [] } as unknown as Pick<Model, 'ruleGroups'>)).toEqual([]);
  });
});

describe('allPanels', () => {
  it('is the flatMap of the items: a row gives its panels, a panel itself, in reading order', () => {
    const panel = (title: string) => ({ kind: 'timeseries', title });
    const items = [
      panel('p1'),
      { kind: 'row', title: 'r1', panels: [panel('p2'), panel('p3')] },
      { kind: 'row', title: 'r2', panels: [] },
      panel('p4'),
      { kind: 'row', title: 'r3', panels: [panel('p5')] },
    ];
    const dashboard = { items } as unknown as DashboardModel;
    const expected = items.flatMap((item) => (item.kind === 'row' ? (item as { panels: unknown[] }).panels : [item]));
    const got = allPanels(dashboard);
    expect(got.map((p) => p.title)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    got.forEach((p, i) => expect(p).toBe(expected[i]));
  });
});
