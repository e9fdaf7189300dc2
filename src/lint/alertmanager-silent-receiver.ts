import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { NOTIFIER_KINDS, type ReceiverModel } from '../model/alertmanager.js';
import { alertsSentOnlyTo } from './alertmanager-select.js';

/** A receiver without a single notifier config: Alertmanager accepts it and sends nothing. */
function silent(receiver: ReceiverModel): boolean {
  return NOTIFIER_KINDS.every((kind) => receiver[kind].length === 0);
}

/**
 * Declared alerts that reach only receivers without a notifier (no email, Slack, webhook, …):
 * Alertmanager takes them, groups them and sends them nowhere, and `amtool config routes test`
 * passes, since it checks receiver names. A "null" receiver is a real pattern (a Watchdog that
 * must never page): a warning, which its reason silences on the receiver; an error when a
 * `critical` alert is among those it swallows. An alert that some route may also send to a
 * receiver with a notifier (`continue`, a label its expression gives) is not counted.
 */
export const alertmanagerSilentReceiver: Check = {
  id: 'alertmanager/silent-receiver',
  severity: 'warning',
  description: 'Declared alerts reach a receiver with a notifier: none is routed only to receivers that send nothing.',
  run(context, report) {
    const am = context.model.alertmanager;
    if (!am) return;
    const quiet = am.receivers.filter(silent);
    if (quiet.length === 0) return;
    const swallowed = alertsSentOnlyTo(context, new Set(quiet.map((r) => r.name)));
    for (const receiver of quiet) {
      const alerts = swallowed.filter((a) => a.receivers.includes(receiver.name)).map((a) => a.alert);
      if (alerts.length === 0) continue;
      const critical = alerts.some((k) => k.labels['severity'] === 'critical');
      const names = alerts.map((k) => (k.labels['severity'] ? `${k.alert.name} (${k.labels['severity']})` : k.alert.name));
      report({
        ...(critical ? { severity: 'error' as const } : {}),
        message:
          `receiver ${receiver.name} has no notifier (no ${NOTIFIER_KINDS.join(', ')} config), and ${alerts.length === 1 ? 'alert' : 'alerts'} ${names.join(', ')} ` +
          `${alerts.length === 1 ? 'reaches' : 'reach'} no other receiver: Alertmanager sends ${alerts.length === 1 ? 'it' : 'them'} nowhere`,
        hint:
          `add a notifier to ${receiver.name} (email: [{ to: … }], slack: [{ … }], …), or route ${alerts.length === 1 ? 'the alert' : 'these alerts'} to a receiver that has one; ` +
          `a receiver meant to drop alerts says so: ignore: { 'alertmanager/silent-receiver': 'why' } on it`,
        ...locatedAt(receiver),
      });
    }
  },
};
