import type { Check } from './check.js';
import { formatMatchers } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, inhibitSides, mayMatch } from './alertmanager-select.js';
import { matcherSuggestion, whatAlertsHave } from './alertmanager-unmatched-route.js';
import { reportedAsDropped } from './scrape-dropped-routing.js';

/**
 * An inhibit rule whose source or target matchers match no declared alert does nothing (or mutes
 * nothing you know of): usually a typo in an alert name or label value.
 */
export const alertmanagerInhibitUnmatched: Check = {
  id: 'alertmanager/inhibit-unmatched',
  severity: 'warning',
  description: "An inhibit rule's source and target matchers each match at least one declared alert rule.",
  run: againstAlerts(({ am, knowledge, context }, report) => {
    if (knowledge.length === 0) return;
    am.inhibitRules.forEach((rule, index) => {
      const sides = inhibitSides(rule, knowledge);
      for (const [side, field, matched] of [
        ['source', 'sourceMatchers', sides.sources],
        ['target', 'targetMatchers', sides.targets],
      ] as const) {
        if (matched.length > 0) continue;
        const matchers = rule[field];
        const culprit = matchers.find((m) => !knowledge.some((k) => mayMatch(m, k)));
        // A label the scrape jobs remove from the alerts' series: scrape/dropped-label names the rule.
        if (culprit && reportedAsDropped(context, rule, field, culprit.label)) continue;
        const why = culprit
          ? `no alert rule can produce ${formatMatchers([culprit])}: ${whatAlertsHave(culprit.label, knowledge)}.${matcherSuggestion(culprit, knowledge, context)}`
          : 'no single alert rule satisfies all of them';
        report({
          message: `inhibitRules[${index}]: the ${side} {${formatMatchers(matchers)}} matches no alert rule: ${why}`,
          hint:
            side === 'source'
              ? 'fix the matcher (values are case-sensitive): as written, nothing ever mutes the targets'
              : 'fix the matcher (values are case-sensitive): as written, the rule mutes no alert of this project',
          ...locatedAt(rule, field),
        });
      }
    });
  }),
};
