import type { Check } from './check.js';
import type { AlertMatcherModel } from '../model/alertmanager.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { formatMatchers, matcherMatches } from '../model/routing.js';
import { alertLabelKnowledge, childRoutes } from './alertmanager-select.js';
import { locatedAt } from '../model/located.js';

/**
 * Whether a matcher may match an alert of this rule. A label fixed by the rule is tested; a label the
 * expression may carry could hold any value; an absent label matches as the empty string.
 */
function mayMatch(m: AlertMatcherModel, k: AlertLabelKnowledge): boolean {
  if (m.label in k.labels) return matcherMatches(m, k.labels);
  if (k.dynamic === 'any' || k.dynamic.has(m.label)) return true;
  return matcherMatches(m, {});
}

/** "severity is critical, warning" / "no alert rule has label team", for the message. */
function whatAlertsHave(label: string, knowledge: readonly AlertLabelKnowledge[]): string {
  const values = [...new Set(knowledge.flatMap((k) => (label in k.labels ? [k.labels[label]!] : [])))].sort();
  return values.length > 0
    ? `the alert rules set ${label} to ${values.map((v) => JSON.stringify(v)).join(', ')}`
    : `no alert rule has a label ${label}`;
}

export const alertmanagerUnmatchedRoute: Check = {
  id: 'alertmanager/unmatched-route',
  severity: 'warning',
  description: "A route's matchers can match some alert rule's labels (static labels, or labels from the expression).",
  run(context, report) {
    const am = context.model.alertmanager;
    if (!am) return;
    const knowledge = alertLabelKnowledge(context);
    if (knowledge.length === 0) return;
    for (const { route } of childRoutes(am.route)) {
      if (route.matchers.length === 0) continue;
      if (knowledge.some((k) => route.matchers.every((m) => mayMatch(m, k)))) continue;
      // Name the matcher that no alert satisfies, if one alone is the cause.
      const culprit = route.matchers.find((m) => !knowledge.some((k) => mayMatch(m, k)));
      const why = culprit
        ? `no alert rule can produce ${formatMatchers([culprit])}: ${whatAlertsHave(culprit.label, knowledge)}`
        : 'no single alert rule satisfies all of them';
      report({
        message: `route {${formatMatchers(route.matchers)}} matches no alert rule: ${why}`,
        hint: 'fix the matcher (values are case-sensitive) or the alert labels; alerts it was meant for go to the parent route',
        ...locatedAt(route, 'matchers'),
      });
    }
  },
};
