import type { Check } from './check.js';
import type { AlertMatcherModel } from '../model/alertmanager.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { formatMatchers } from '../model/routing.js';
import { againstAlerts, childRoutes, knownAlertLabelNames, labelValues, mayMatch } from './alertmanager-select.js';
import { locatedAt } from '../model/located.js';
import { closest } from '../suggest.js';
import type { CheckContext } from './check.js';
import { reportedAsDropped } from './scrape-dropped-routing.js';

/** The values the alert rules set for a label (a templated one: the values it can render), sorted. */
export function staticValues(label: string, knowledge: readonly AlertLabelKnowledge[]): string[] {
  return labelValues(label, knowledge);
}

/** "severity is critical, warning" / "no alert rule has label team", for the message. */
export function whatAlertsHave(label: string, knowledge: readonly AlertLabelKnowledge[]): string {
  const values = staticValues(label, knowledge);
  return values.length > 0
    ? `the alert rules set ${label} to ${values.map((v) => JSON.stringify(v)).join(', ')}`
    : `no alert rule has a label ${label}`;
}

/** " Did you mean severity="critical"?" for a matcher no alert satisfies, from what alerts carry. */
export function matcherSuggestion(m: AlertMatcherModel, knowledge: readonly AlertLabelKnowledge[], context: CheckContext): string {
  const values = staticValues(m.label, knowledge);
  if (values.length > 0 && m.op === '=') {
    const near = closest(m.value, values) ?? values.find((v) => v.toLowerCase() === m.value.toLowerCase());
    return near !== undefined ? ` Did you mean ${m.label}=${JSON.stringify(near)}?` : '';
  }
  if (values.length === 0) {
    const near = closest(m.label, knownAlertLabelNames(context));
    return near !== undefined ? ` Did you mean label ${near}?` : '';
  }
  return '';
}

export const alertmanagerUnmatchedRoute: Check = {
  id: 'alertmanager/unmatched-route',
  severity: 'warning',
  description: "A route's matchers can match some alert rule's labels (static labels, or labels from the expression).",
  run: againstAlerts(({ am, knowledge, context }, report) => {
    if (knowledge.length === 0) return;
    for (const { route } of childRoutes(am.route)) {
      if (route.matchers.length === 0) continue;
      if (knowledge.some((k) => route.matchers.every((m) => mayMatch(m, k)))) continue;
      // Name the matcher that no alert satisfies, if one alone is the cause.
      const culprit = route.matchers.find((m) => !knowledge.some((k) => mayMatch(m, k)));
      // A label the scrape jobs remove from the alerts' series: scrape/dropped-label names the rule.
      if (culprit && reportedAsDropped(context, route, 'matchers', culprit.label)) continue;
      const why = culprit
        ? `no alert rule can produce ${formatMatchers([culprit])}: ${whatAlertsHave(culprit.label, knowledge)}.${matcherSuggestion(culprit, knowledge, context)}`
        : 'no single alert rule satisfies all of them';
      report({
        message: `route {${formatMatchers(route.matchers)}} matches no alert rule: ${why}`,
        hint: 'fix the matcher (values are case-sensitive) or the alert labels; alerts it was meant for go to the parent route',
        ...locatedAt(route, 'matchers'),
      });
    }
  }),
};
