// alertmanager/inhibit-severity: an inhibit rule whose sources are all milder than its targets.
import { describe, expect, it } from 'vitest';
import { inhibitRule, lintOrders } from './orders-project.js';

const id = 'alertmanager/inhibit-severity';
const found = (c: Parameters<typeof lintOrders>[1]) => lintOrders([id], c).map((d) => [d.severity, d.message, d.path?.join(' › ')]);

describe(id, () => {
  it('quiet: the orders project (PostgresDown, critical, mutes the orders alerts) and a critical rule muting warnings', () => {
    expect(found({})).toEqual([]);
    expect(found({ inhibitRules: [inhibitRule({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['cluster'] })] })).toEqual([]);
  });

  it('fires: warnings would mute the critical alerts (the sides swapped)', () => {
    const swapped = inhibitRule({ sourceMatchers: { severity: 'warning' }, targetMatchers: { severity: 'critical' }, equal: ['cluster'] });
    expect(found({ inhibitRules: [swapped] })).toEqual([
      [
        'warning',
        'inhibitRules[0]: its source {severity="warning"} selects only alerts less severe than every alert of its target {severity="critical"}: JobQueueBacklog (warning) would mute OrdersApiErrors (critical), PostgresDown (critical), so the worse alerts stay silent while the milder ones notify',
        'alertmanager › inhibitRules[0]',
      ],
    ]);
  });

  it('fires by alert name too, and stays quiet where a side holds both severities or a severity outside the three', () => {
    const byName = inhibitRule({ sourceMatchers: { alertname: 'JobQueueBacklog' }, targetMatchers: { alertname: 'PostgresDown' }, equal: ['cluster'] });
    expect(found({ inhibitRules: [byName] }).map((f) => f[0])).toEqual(['warning']);
    const mixed = inhibitRule({ sourceMatchers: { team: 'orders' }, targetMatchers: { alertname: 'PostgresDown' }, equal: ['cluster'] });
    expect(found({ inhibitRules: [mixed] })).toEqual([]); // the orders alerts are critical and warning
  });
});
