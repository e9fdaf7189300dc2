import type { Check } from './check.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import type { RouteModel } from '../model/alertmanager.js';
import { formatMatchers, walkRoutes } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import { closest } from '../suggest.js';
import { defaultRouteAlerts } from './alertmanager-select.js';
import { compareText } from '../text-order.js';

/**
 * "Did you mean": a static label whose value is close to a value the routes test for that label
 * (`team="payment"` vs `team="payments"`), or a label the routes test that the alert lacks while it
 * has one with a close name (`teem` vs `team`).
 */
export function routingSuggestions(k: AlertLabelKnowledge, root: RouteModel): string[] {
  const tested = new Map<string, Set<string>>();
  for (const { route } of walkRoutes(root)) {
    for (const m of route.matchers) {
      if (!tested.has(m.label)) tested.set(m.label, new Set());
      if (m.op === '=') tested.get(m.label)!.add(m.value);
    }
  }
  const out: string[] = [];
  for (const [label, value] of Object.entries(k.labels)) {
    const values = tested.get(label);
    if (!values || values.has(value)) continue;
    const near = closest(value, values) ?? [...values].find((v) => v.toLowerCase() === value.toLowerCase());
    if (near !== undefined) out.push(`${label}=${JSON.stringify(near)} instead of ${label}=${JSON.stringify(value)}`);
  }
  for (const label of tested.keys()) {
    if (label in k.labels) continue;
    const near = closest(label, Object.keys(k.labels));
    if (near !== undefined && !tested.has(near)) out.push(`label ${label} instead of ${near}`);
  }
  return out;
}

/** `alertname="X", severity="critical", team="payment"`: alertname first, then sorted. */
const labelsOf = (k: AlertLabelKnowledge) =>
  formatMatchers(
    Object.keys(k.labels)
      .sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : compareText(a, b)))
      .map((label) => ({ label, op: '=' as const, value: k.labels[label]! })),
  );

/**
 * A typo in a routing label is silent in Alertmanager: the alert falls to the root route. Every
 * alert rule that only the root takes is named; an error when the root receiver is declared for
 * unexpected alerts only (`route({ receiver, unexpectedOnly: true })`) and with `validate --strict`.
 */
export const alertmanagerDefaultRoute: Check = {
  id: 'alertmanager/default-route',
  severity: 'warning',
  description: 'An alert rule that no route below the root takes: it reaches only the default receiver.',
  run(context, report) {
    const am = context.model.alertmanager;
    // A root without routes below it sends everything to one receiver on purpose.
    if (!am || (am.route.routes.length === 0 && !am.route.unexpectedOnly)) return;
    const receiver = am.route.receiver ?? '';
    for (const k of defaultRouteAlerts(context)) {
      const suggestions = routingSuggestions(k, am.route);
      const meant = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
      const through = k.via.map(({ route, position }) => `routes[${position.join('] › routes[')}] {${formatMatchers(route.matchers)}}`);
      const how =
        through.length === 0
          ? `no route below the root matches {${labelsOf(k)}}`
          : `${through.join(' and ')} takes it because none of the routes below ${through.length > 1 ? 'them' : 'it'} match {${labelsOf(k)}}, and has no receiver of its own`;
      report({
        ...(am.route.unexpectedOnly ? { severity: 'error' as const } : {}),
        message:
          `alert ${k.alert.name} reaches only ${through.length === 0 ? `the root route (receiver ${receiver})` : `the root's receiver ${receiver}`}: ${how}` +
          `${am.route.unexpectedOnly ? ', and the root receiver is for unexpected alerts only (unexpectedOnly: true)' : ''}.${meant}`,
        hint: am.route.unexpectedOnly
          ? 'fix the alert labels or add a route for it: every declared alert must be routed below the root'
          : `fix the alert labels or add a route for it; if the default receiver is meant for it, say so: ignore: { 'alertmanager/default-route': 'why' } on the alert`,
        ...locatedAt(k.alert, 'labels'),
      });
    }
  },
};
