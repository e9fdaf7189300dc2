// Route settings that Alertmanager accepts but that do not do what they say: grouping by a label no
// alert carries, a repeat shorter than the group interval, a time interval no route uses.
import { describe, expect, it } from 'vitest';
import { timeInterval } from '../../src/index.js';
import { apiErrors, backlog, lintOrders, postgresDown, route, totalBacklog } from './orders-project.js';

const summary = (ds: ReturnType<typeof lintOrders>) => ds.map((d) => ({ severity: d.severity, message: d.message, hint: d.hint, path: d.path?.join(' › ') }));

describe('alertmanager/group-by-label', () => {
  const id = 'alertmanager/group-by-label';
  it('fires: a typo in the root groupBy, with did-you-mean', () => {
    expect(summary(lintOrders([id], { root: { groupBy: ['alertname', 'clutser'] } }))).toEqual([
      {
        severity: 'warning',
        message:
          'route: groupBy label "clutser" is carried by no alert that reaches it (OrdersApiErrors, JobQueueBacklog, PostgresDown): every one has it empty, so it splits nothing ' +
          '(the notification groups only by alertname). Did you mean "cluster"?',
        hint: 'group by labels the alerts carry (rule labels, labels the expressions keep, scrape or external labels), or drop it',
        path: 'alertmanager › route › groupBy[1]',
      },
    ]);
  });
  it('fires: on a nested route, where no other label is left to group by', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack', groupBy: ['servce'] })];
    expect(lintOrders([id], { routes }).map((d) => [d.message, d.path?.join(' › ')])).toEqual([
      [
        'route.routes[0]: groupBy label "servce" is carried by no alert that reaches it (OrdersApiErrors, JobQueueBacklog): every one has it empty, so it splits nothing (all the alerts of the route go in one notification).',
        'alertmanager › route › routes[0] › groupBy[0]',
      ],
    ]);
  });
  it('fires: a typo in the root groupBy when the alerts stay at the root (no routes, or none matches)', () => {
    const typo = 'route: groupBy label "clutser" is carried by no alert that reaches it (OrdersApiErrors, JobQueueBacklog, PostgresDown): every one has it empty, so it splits nothing ' +
      '(the notification groups only by alertname). Did you mean "cluster"?';
    expect(lintOrders([id], { routes: [], root: { groupBy: ['alertname', 'clutser'] } }).map((d) => d.message)).toEqual([typo]);
    const elsewhere = [route({ matchers: { team: 'db' }, receiver: 'orders-slack', groupBy: ['alertname'] })];
    expect(lintOrders([id], { routes: elsewhere, root: { groupBy: ['alertname', 'clutser'] } }).map((d) => d.message)).toEqual([typo]);
  });
  it('fires: on the root, an alert that stays there is judged with those of the routes that inherit its groupBy', () => {
    // PostgresDown falls to the root (no platform route); the orders alerts go to routes inheriting groupBy.
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack' })];
    expect(lintOrders([id], { routes, root: { groupBy: ['queue'] } }).map((d) => d.message)).toEqual([]);
    expect(lintOrders([id], { routes, root: { groupBy: ['servce'] } }).map((d) => d.message)).toEqual([
      expect.stringContaining('route: groupBy label "servce" is carried by no alert that reaches it (OrdersApiErrors, JobQueueBacklog, PostgresDown)'),
    ]);
  });
  it('quiet: labels from rules, expressions, scrape jobs and external labels; "..." (every label)', () => {
    expect(lintOrders([id], { root: { groupBy: ['alertname', 'cluster', 'team', 'region', 'queue'] } })).toEqual([]);
    expect(lintOrders([id], { root: { groupBy: ['...'] } })).toEqual([]);
  });
  it('quiet: no alerts declared (nothing to compare with)', () => {
    expect(lintOrders([id], { alerts: [], root: { groupBy: ['clutser'] } })).toEqual([]);
  });
  const messages = (ds: ReturnType<typeof lintOrders>) => ds.map((d) => [d.message, d.path?.join(' › ')]);
  it('quiet: only the alerts that can reach the route are judged (a critical alert without queue never reaches the warnings route)', () => {
    const routes = [route({ matchers: { team: 'orders', severity: 'warning' }, receiver: 'orders-slack', groupBy: ['alertname', 'queue'] })];
    expect(lintOrders([id], { routes })).toEqual([]);
  });
  it('quiet: a route no declared alert reaches (alertmanager/unmatched-route says so)', () => {
    const routes = [route({ matchers: { team: 'db' }, receiver: 'orders-slack', groupBy: ['database'] })];
    expect(lintOrders([id], { routes })).toEqual([]);
  });
  it('fires: the alerts that reach the route lack the label, though another alert carries it', () => {
    const routes = [route({ matchers: { team: 'platform' }, receiver: 'platform-pagerduty', groupBy: ['queue'] })];
    expect(messages(lintOrders([id], { routes }))).toEqual([
      [
        'route.routes[0]: groupBy label "queue" is carried by no alert that reaches it (PostgresDown): every one has it empty, so it splits nothing (all the alerts of the route go in one notification).',
        'alertmanager › route › routes[0] › groupBy[0]',
      ],
    ]);
  });
  it('fires: some alert the route selects lacks the label', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack', groupBy: ['alertname', 'queue'] })];
    expect(messages(lintOrders([id], { routes }))).toEqual([
      [
        'route.routes[0]: groupBy label "queue" is missing on OrdersApiErrors, which reaches the route: its alerts have it empty, so they go in one notification per alertname, whatever queue they were meant to be told apart by.',
        'alertmanager › route › routes[0] › groupBy[1]',
      ],
    ]);
  });
  it('fires: an inherited groupBy, judged on the alerts of the routes below that inherit it (not those with their own)', () => {
    const routes = [
      route({
        matchers: { team: 'orders' },
        groupBy: ['queue'],
        routes: [
          route({ matchers: { severity: 'critical' }, receiver: 'orders-pagerduty' }),
          route({ matchers: { severity: 'warning' }, receiver: 'orders-slack', groupBy: ['alertname'] }),
        ],
      }),
    ];
    expect(messages(lintOrders([id], { routes }))).toEqual([
      [
        'route.routes[0]: groupBy label "queue" is carried by no alert that reaches it (OrdersApiErrors): every one has it empty, so it splits nothing (all the alerts of the route go in one notification).',
        'alertmanager › route › routes[0] › groupBy[0]',
      ],
    ]);
    // Its own groupBy on the critical route: the parent's groups nothing that lacks queue.
    const own = [route({ ...routes[0]!, routes: [route({ matchers: { severity: 'critical' }, receiver: 'orders-pagerduty', groupBy: ['alertname'] }), routes[0]!.routes![1]!] })];
    expect(lintOrders([id], { routes: own })).toEqual([]);
  });
  it('continue: an alert a route passes on with continue reaches the later routes', () => {
    const alerts = [apiErrors, backlog, postgresDown, totalBacklog];
    const routes = (cont: boolean) => [
      route({ matchers: { team: 'orders' }, receiver: 'orders-slack', continue: cont }),
      route({ matchers: { severity: 'warning' }, receiver: 'orders-pagerduty', groupBy: ['alertname', 'queue'] }),
    ];
    expect(lintOrders([id], { alerts, routes: routes(false) })).toEqual([]);
    expect(messages(lintOrders([id], { alerts, routes: routes(true) }))).toEqual([
      [
        'route.routes[1]: groupBy label "queue" is missing on TotalBacklog, which reaches the route: its alerts have it empty, so they go in one notification per alertname, whatever queue they were meant to be told apart by.',
        'alertmanager › route › routes[1] › groupBy[1]',
      ],
    ]);
  });
});

describe('alertmanager/repeat-interval', () => {
  const id = 'alertmanager/repeat-interval';
  it('fires: a repeat shorter than the group interval on the same route', () => {
    expect(summary(lintOrders([id], { root: { groupInterval: '10m', repeatInterval: '5m' } }))).toEqual([
      {
        severity: 'warning',
        message:
          'route: repeatInterval 5m is shorter than groupInterval 10m: Alertmanager sends a group only at its group interval, ' +
          'so the reminder comes every 10m, not every 5m.',
        hint: 'make repeatInterval at least groupInterval (a multiple of it: it is rounded up to one)',
        path: 'alertmanager › route › repeatInterval',
      },
    ]);
  });
  it('fires: a child repeat shorter than the inherited (or default 5m) group interval', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack', repeatInterval: '1m' })];
    expect(lintOrders([id], { routes }).map((d) => [d.message, d.path?.join(' › ')])).toEqual([
      [
        'route.routes[0]: repeatInterval 1m is shorter than groupInterval 5m (Alertmanager\'s default): Alertmanager sends a group only at its group interval, so the reminder comes every 5m, not every 1m.',
        'alertmanager › route › routes[0] › repeatInterval',
      ],
    ]);
    const longer = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack', groupInterval: '2h' })];
    expect(lintOrders([id], { root: { repeatInterval: '1h' }, routes: longer }).map((d) => [d.message, d.path?.join(' › ')])).toEqual([
      [
        'route.routes[0]: repeatInterval 1h (inherited) is shorter than groupInterval 2h: Alertmanager sends a group only at its group interval, so the reminder comes every 2h, not every 1h.',
        'alertmanager › route › routes[0] › groupInterval',
      ],
    ]);
  });
  it('quiet: defaults, equal intervals, and a child that inherits a setting already reported on its parent', () => {
    expect(lintOrders([id])).toEqual([]);
    expect(lintOrders([id], { root: { groupInterval: '1h', repeatInterval: '1h' } })).toEqual([]);
    expect(lintOrders([id], { root: { groupInterval: '10m', repeatInterval: '5m' } })).toHaveLength(1);
  });
});

describe('alertmanager/unused-time-interval', () => {
  const id = 'alertmanager/unused-time-interval';
  const nights = timeInterval({ name: 'nights', periods: [{ times: [{ start: '22:00', end: '24:00' }] }] });
  const weekends = timeInterval({ name: 'weekends', periods: [{ weekdays: ['saturday', 'sunday'] }] });
  it('fires: a time interval no route mutes or activates with', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack', muteTimeIntervals: ['nights'] })];
    expect(summary(lintOrders([id], { routes, timeIntervals: [nights, weekends] }))).toEqual([
      {
        severity: 'warning',
        message: 'time interval weekends is used by no route (muteTimeIntervals, activeTimeIntervals): it changes nothing.',
        hint: "name it on the routes it should mute (muteTimeIntervals: ['weekends']) or make active (activeTimeIntervals), or remove it",
        path: 'alertmanager › timeIntervals › weekends',
      },
    ]);
  });
  it('quiet: every interval used, muting or activating, also deep in the tree', () => {
    const routes = [
      route({ matchers: { team: 'orders' }, receiver: 'orders-slack', routes: [route({ matchers: { severity: 'warning' }, receiver: 'orders-slack', activeTimeIntervals: ['weekends'] })] }),
      route({ matchers: { team: 'platform' }, receiver: 'platform-pagerduty', muteTimeIntervals: ['nights'] }),
    ];
    expect(lintOrders([id], { routes, timeIntervals: [nights, weekends] })).toEqual([]);
  });
  it('quiet: an unused interval silenced on its definition', () => {
    const kept = timeInterval({ name: 'holidays', periods: [{ months: ['december'] }], ignore: { 'alertmanager/unused-time-interval': 'kept for the December routes' } });
    expect(lintOrders([id], { timeIntervals: [kept] })).toEqual([]);
  });
});

describe('schema: time intervals as Alertmanager 0.25 takes them', () => {
  const nights = (location?: string) => timeInterval({ name: 'nights', periods: [{ times: [{ start: '22:00', end: '24:00' }], ...(location ? { location } : {}) }] });
  it('refuses time intervals on the root route, as amtool check-config does', () => {
    expect(() => lintOrders([], { root: { muteTimeIntervals: ['nights'] }, timeIntervals: [nights()] })).toThrow(
      /route\.muteTimeIntervals: the root route cannot have mute time intervals \(Alertmanager refuses it\)/,
    );
    expect(() => lintOrders([], { root: { activeTimeIntervals: ['nights'] }, timeIntervals: [nights()] })).toThrow(/the root route cannot have active time intervals/);
  });
  it("refuses location 'Local' for what it is: the Alertmanager host's zone, not an unknown one", () => {
    expect(() => lintOrders([], { timeIntervals: [nights('Local')] })).toThrow(/'Local' is the zone of the machine Alertmanager runs on/);
    expect(() => lintOrders([], { timeIntervals: [nights('Mars/Olympus')] })).toThrow(/unknown time zone/);
    expect(lintOrders([], { timeIntervals: [nights('America/Sao_Paulo')] })).toEqual([]);
  });
});
