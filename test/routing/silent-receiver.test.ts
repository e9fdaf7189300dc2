// alertmanager/silent-receiver: declared alerts routed only to receivers that send nothing. amtool's
// routing tests check receiver names, so such a tree passed every test and validate.
import { describe, expect, it } from 'vitest';
import { receiver } from '../../src/index.js';
import { lintOrders, route, teamRoutes } from './orders-project.js';

const id = 'alertmanager/silent-receiver';
const found = (c: Parameters<typeof lintOrders>[1]) => lintOrders([id], c).map((d) => [d.severity, d.message, d.path?.join(' › ')]);

describe(id, () => {
  it('quiet: every declared alert reaches a receiver with a notifier (the silent default takes none)', () => {
    expect(found({})).toEqual([]);
  });

  it('an error when a critical alert reaches only a receiver without a notifier', () => {
    const routes = [...teamRoutes.slice(0, 2), route({ matchers: { team: 'platform' }, receiver: 'fallback' })];
    expect(found({ routes })).toEqual([
      [
        'error',
        'receiver fallback has no notifier (no email, slack, webhook, pagerduty, telegram, discord, msteams, webex config), and alert PostgresDown (critical) reaches no other receiver: Alertmanager sends it nowhere',
        'alertmanager › receivers › fallback',
      ],
    ]);
  });

  it('a warning when the alerts it swallows are not critical (a "null" receiver may be meant), naming each', () => {
    const routes = [teamRoutes[0]!, route({ matchers: { severity: 'warning' }, receiver: 'fallback' }), teamRoutes[2]!];
    expect(found({ routes, alerts: undefined })).toEqual([
      [
        'warning',
        'receiver fallback has no notifier (no email, slack, webhook, pagerduty, telegram, discord, msteams, webex config), and alert JobQueueBacklog (warning) reaches no other receiver: Alertmanager sends it nowhere',
        'alertmanager › receivers › fallback',
      ],
    ]);
  });

  it('quiet: an alert that also goes on to a receiver with a notifier (continue)', () => {
    const routes = [route({ matchers: { team: 'platform' }, receiver: 'fallback', continue: true }), ...teamRoutes];
    expect(found({ routes })).toEqual([]);
  });

  it('quiet: a silent receiver with a notifier added, and one no route names', () => {
    const routes = [...teamRoutes.slice(0, 2), route({ matchers: { team: 'platform' }, receiver: 'fallback' })];
    const withNotifier = receiver({ name: 'fallback', email: [{ to: 'ops@example.com' }] });
    expect(found({ routes, receivers: [withNotifier] })).toEqual([]);
  });
});
