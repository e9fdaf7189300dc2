// Alertmanager checks that reason about "the alerts" judge only those that can get there, as
// `validate` routes them: a receiver's templated fields against the alerts that reach it, a
// receiver named only by routes no alert reaches.
import { describe, expect, it } from 'vitest';
import { receiver, secretFile } from '../../src/index.js';
import { lintOrders, route, teamRoutes } from './orders-project.js';

const slackWith = (text: string) => receiver({ name: 'orders-slack', slack: [{ channel: '#orders', apiUrl: secretFile('/s/slack'), text }] });
const platformWith = (description: string) => receiver({ name: 'platform-pagerduty', pagerduty: [{ routingKey: secretFile('/s/pd-platform'), description }] });

describe('alertmanager/template-field: a receiver\'s fields against the alerts that reach it', () => {
  const id = 'alertmanager/template-field';
  it('quiet: a label only the alerts of that receiver carry', () => {
    expect(lintOrders([id], { receivers: [slackWith('{{ .CommonLabels.queue }}')] })).toEqual([]);
  });
  it('fires: a label other alerts carry, but none that reaches this receiver', () => {
    expect(lintOrders([id], { receivers: [platformWith('{{ .CommonLabels.queue }} down')] }).map((d) => [d.message, d.path?.join(' › ')])).toEqual([
      [
        'receiver platform-pagerduty: pagerduty[0].description reads label "queue" (.CommonLabels.queue), which no alert that reaches it carries.',
        'alertmanager › receivers › platform-pagerduty › pagerduty[0] › description',
      ],
    ]);
  });
  it('continue: an alert passed on reaches the later receiver', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack', continue: true }), ...teamRoutes.slice(2), route({ matchers: { severity: 'warning' }, receiver: 'platform-pagerduty' })];
    expect(lintOrders([id], { routes, receivers: [platformWith('{{ .CommonLabels.queue }} down')] })).toEqual([]);
  });
});

describe('alertmanager/unreachable-receiver: named, but by routes no alert reaches', () => {
  const id = 'alertmanager/unreachable-receiver';
  it('fires: the only route naming it comes after a route that takes all its alerts', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack' }), ...teamRoutes];
    expect(lintOrders([id], { routes }).map((d) => [d.message, d.path?.join(' › ')])).toEqual([
      [
        'receiver orders-pagerduty is named by route.routes[1], but no declared alert reaches it: an earlier route takes every alert it would match, or its matchers match none',
        'alertmanager › receivers › orders-pagerduty',
      ],
    ]);
  });
  it('quiet: with continue on the earlier route, the alerts go on to it', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack', continue: true }), ...teamRoutes];
    expect(lintOrders([id], { routes })).toEqual([]);
  });
  it('quiet: no alerts declared (nothing to route)', () => {
    const routes = [route({ matchers: { team: 'orders' }, receiver: 'orders-slack' }), ...teamRoutes];
    expect(lintOrders([id], { alerts: [], routes })).toEqual([]);
  });
});
