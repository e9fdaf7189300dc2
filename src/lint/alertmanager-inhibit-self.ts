import type { Check } from './check.js';
import { formatMatchers } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, surelyMatchesAll } from './alertmanager-select.js';

/**
 * An inhibit rule without `equal` whose source and target both match one alert reads "X mutes X".
 * Alertmanager never lets an alert be muted by itself (nor by another alert matching both sides),
 * so for that alert the rule silently does nothing, while any other source mutes every target
 * everywhere. Reported only when the alert's static labels decide both sides.
 */
export const alertmanagerInhibitSelf: Check = {
  id: 'alertmanager/inhibit-self',
  severity: 'error',
  description: 'An inhibit rule without `equal` whose source and target match the same alert (it would inhibit itself).',
  run: againstAlerts(({ am, knowledge }, report) => {
    am.inhibitRules.forEach((rule, index) => {
      if (rule.equal.length > 0) return;
      const both = knowledge.filter((k) => surelyMatchesAll(rule.sourceMatchers, k) && surelyMatchesAll(rule.targetMatchers, k));
      if (both.length === 0) return;
      report({
        message:
          `inhibitRules[${index}]: alert ${both.map((k) => k.alert.name).join(', ')} matches both the source {${formatMatchers(rule.sourceMatchers)}} ` +
          `and the target {${formatMatchers(rule.targetMatchers)}}, and the rule has no equal labels: it would inhibit itself ` +
          '(Alertmanager skips that silently) and any other source mutes every target everywhere',
        hint: "make source and target different alerts (e.g. severity: 'critical' → severity: 'warning') and scope the rule with equal: ['alertname', 'cluster', …]",
        ...locatedAt(rule),
      });
    });
  }),
};
