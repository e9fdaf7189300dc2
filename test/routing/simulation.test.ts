// totem-mon's simulation of Alertmanager 0.25 after routing: inhibition and time intervals.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertmanagerModel, InhibitRuleModel, RouteModel } from '../../src/model/alertmanager.js';
import { inhibitionOf, notify } from '../../src/model/notify.js';
import { FIXTURES, runCli } from '../helpers/cli.js';

const rule = (source: Record<string, string>, target: Record<string, string>, equal: string[] = []): InhibitRuleModel => ({
  sourceMatchers: Object.entries(source).map(([label, value]) => ({ label, op: '=' as const, value })),
  targetMatchers: Object.entries(target).map(([label, value]) => ({ label, op: '=' as const, value })),
  equal,
  path: [],
});
const firing = (labels: Record<string, string>) => ({ labels });

describe('inhibition (Alertmanager 0.25 semantics)', () => {
  const byCluster = rule({ alertname: 'PostgresDown' }, { team: 'orders' }, ['cluster']);

  it('mutes a target while a source with equal `equal` labels fires, not one of another cluster', () => {
    const target = { alertname: 'OrdersApiErrors', team: 'orders', cluster: 'sp1' };
    expect(inhibitionOf([byCluster], target, [firing({ alertname: 'PostgresDown', cluster: 'sp1' })])?.index).toBe(0);
    expect(inhibitionOf([byCluster], target, [firing({ alertname: 'PostgresDown', cluster: 'rj1' })])).toBeUndefined();
    expect(inhibitionOf([byCluster], target, [])).toBeUndefined();
  });

  it('a label missing on both sides is equal (both empty); missing on one side is not', () => {
    const target = { alertname: 'OrdersApiErrors', team: 'orders' };
    expect(inhibitionOf([byCluster], target, [firing({ alertname: 'PostgresDown' })])).toBeDefined();
    expect(inhibitionOf([byCluster], target, [firing({ alertname: 'PostgresDown', cluster: 'sp1' })])).toBeUndefined();
    expect(inhibitionOf([byCluster], { ...target, cluster: 'sp1' }, [firing({ alertname: 'PostgresDown' })])).toBeUndefined();
  });

  it('an alert matching both source and target is never muted by one that also matches both (nor by itself)', () => {
    const critical = rule({ severity: 'critical' }, { team: 'orders' });
    const a = { alertname: 'A', severity: 'critical', team: 'orders' };
    expect(inhibitionOf([critical], a, [firing(a)])).toBeUndefined();
    expect(inhibitionOf([critical], a, [firing({ alertname: 'B', severity: 'critical', team: 'orders' })])).toBeUndefined();
    // …but a source that does not match the target side mutes it.
    expect(inhibitionOf([critical], a, [firing({ alertname: 'C', severity: 'critical', team: 'platform' })])).toBeDefined();
  });
});

const route = (r: Partial<RouteModel>): RouteModel => ({ matchers: [], continue: false, muteTimeIntervals: [], activeTimeIntervals: [], routes: [], path: [], ...r });

describe('time intervals on routes', () => {
  const am: Pick<AlertmanagerModel, 'route' | 'inhibitRules' | 'timeIntervals'> = {
    inhibitRules: [],
    timeIntervals: [
      { name: 'weekend', periods: [{ times: [], weekdays: ['saturday', 'sunday'], daysOfMonth: [], months: [], years: [] }], path: [] },
      { name: 'office', periods: [{ times: [{ start: '09:00', end: '18:00' }], weekdays: ['monday:friday'], daysOfMonth: [], months: [], years: [] }], path: [] },
    ],
    route: route({
      receiver: 'root',
      routes: [
        route({ matchers: [{ label: 'severity', op: '=', value: 'warning' }], receiver: 'chat', muteTimeIntervals: ['weekend'], continue: true }),
        route({ matchers: [{ label: 'severity', op: '=', value: 'warning' }], receiver: 'desk', activeTimeIntervals: ['office'] }),
      ],
    }),
  };
  const warning = { alertname: 'X', severity: 'warning' };

  it('a muted route sends nothing, an inactive one neither; without `at` neither applies', () => {
    expect(notify(am, warning, [], new Date('2026-11-25T10:00:00Z')).receivers).toEqual(['chat', 'desk']); // Wednesday, office hours
    expect(notify(am, warning, [], new Date('2026-11-25T20:00:00Z')).receivers).toEqual(['chat']); // after office hours
    const saturday = notify(am, warning, [], new Date('2026-11-28T10:00:00Z'));
    expect(saturday.receivers).toEqual([]);
    expect(saturday.muted).toEqual([
      { receiver: 'chat', why: 'mute time interval weekend' },
      { receiver: 'desk', why: 'outside its active time intervals (office)' },
    ]);
    expect(notify(am, warning).receivers).toEqual(['chat', 'desk']);
  });

  it('a muted route still takes the alert: it does not fall through to the next sibling', () => {
    const stop: typeof am = { ...am, route: route({ receiver: 'root', routes: [{ ...am.route.routes[0]!, continue: false }, am.route.routes[1]!] }) };
    expect(notify(stop, warning, [], new Date('2026-11-28T10:00:00Z')).receivers).toEqual([]);
  });
});

describe('the orders scenario, offline', () => {
  it('routing tests with at and alsoFiring pass with the simulation', async () => {
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'routing/orders'), '--offline']);
    expect(r.stdout).not.toMatch(/\[tests\/routing\]/);
    expect(r.code, r.stdout).toBe(0);
  });
});
