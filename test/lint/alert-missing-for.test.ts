import { describe, expect, it } from 'vitest';
import { alert } from '../../src/index.js';
import { basics, expectFindings, findings, rulePath, shop } from './promql/shop.js';

const ID = 'alert/missing-for';
const expr = 'sum(rate(shop_orders_total[5m])) > 1';

describe(`${ID}: waits the evaluation interval cannot honour`, () => {
  it('warns on a for shorter than the group interval, at the for', () => {
    const rule = alert({ ...basics, name: 'Orders', expr, for: '30s' });
    expectFindings(findings(ID, shop({ rules: [rule], interval: '2m' })), [
      {
        severity: 'warning',
        message: 'alert Orders has for 30s, shorter than its evaluation interval (rule group shop is evaluated every 2m): it fires only 2m after it starts matching, not 30s',
        hint: "set for: '2m' (what it does), or give group shop an interval that divides it",
        path: rulePath('Orders', 'for'),
        at: rule,
      },
    ]);
  });

  it('uses the global evaluation interval when the group sets none', () => {
    const rule = alert({ ...basics, name: 'Orders', expr, for: '10s' });
    const found = findings(ID, shop({ rules: [rule], global: { evaluationInterval: '1m' } }));
    expect(found.map((d) => d.message)).toEqual([
      'alert Orders has for 10s, shorter than its evaluation interval (rule group shop is evaluated every 1m): it fires only 1m after it starts matching, not 10s',
    ]);
  });

  it("uses Prometheus's default (1m) when nothing sets the evaluation interval", () => {
    const rule = alert({ ...basics, name: 'Orders', expr, for: '45s' });
    const project = shop({ rules: [rule] });
    delete (project.prometheus.global as { evaluationInterval?: string }).evaluationInterval;
    expect(findings(ID, project).map((d) => d.message)).toEqual([
      'alert Orders has for 45s, shorter than its evaluation interval (rule group shop is evaluated every 1m): it fires only 1m after it starts matching, not 45s',
    ]);
  });

  it('warns on a for that is not a multiple of the interval, with what it really waits', () => {
    const rule = alert({ ...basics, name: 'Orders', expr, for: '3m' });
    const found = findings(ID, shop({ rules: [rule], interval: '2m' }));
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      [
        'alert Orders has for 3m, not a multiple of its evaluation interval (rule group shop is evaluated every 2m): it fires 4m after it starts matching, not 3m',
        "set for: '4m' (what it does), or give group shop an interval that divides it",
      ],
    ]);
  });

  it('covers keepFiringFor the same way, at keepFiringFor', () => {
    const rule = alert({ ...basics, name: 'Orders', expr, keepFiringFor: '20s' });
    expectFindings(findings(ID, shop({ rules: [rule], interval: '1m' })), [
      {
        severity: 'warning',
        message: 'alert Orders has keepFiringFor 20s, shorter than its evaluation interval (rule group shop is evaluated every 1m): it keeps firing 1m after it stops matching, not 20s',
        hint: "set keepFiringFor: '1m' (what it does), or give group shop an interval that divides it",
        path: rulePath('Orders', 'keepFiringFor'),
        at: rule,
      },
    ]);
  });

  it('stays quiet on multiples of the interval, on for 0s, and on waits equal to the interval', () => {
    const rules = [
      alert({ ...basics, name: 'A', expr, for: '10m', keepFiringFor: '4m' }),
      alert({ ...basics, name: 'B', expr, for: '0s' }),
      alert({ ...basics, name: 'C', expr, for: '2m', keepFiringFor: '2m' }),
      alert({ ...basics, name: 'D', expr, for: '120s' }),
    ];
    expect(findings(ID, shop({ rules, interval: '2m' }))).toEqual([]);
    expect(findings(ID, shop({ rules: [alert({ ...basics, name: 'E', expr, for: '30s' })] }))).toEqual([]); // global 15s
  });
});
