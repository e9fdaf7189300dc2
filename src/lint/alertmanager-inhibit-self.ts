import type { Check } from './check.js';
import { formatMatchers } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, inhibitSides, surelyMatchesAll } from './alertmanager-select.js';

/**
 * An inhibit rule without `equal` whose source and target both match one alert reads "X mutes X".
 * Alertmanager never lets an alert be muted by itself (nor by another alert matching both sides),
 * so for that alert the rule silently does nothing, while any other source mutes every target
 * everywhere. With `equal`, reported when every alert the rule may select matches both sides: then
 * no alert can mute another, and the rule mutes nothing. Reported only when the alerts' static
 * labels decide both sides.
 */
export const alertmanagerInhibitSelf: Check = {
  id: 'alertmanager/inhibit-self',
  severity: 'error',
  description:
    'An inhibit rule without `equal` whose source and target match the same alert (it would inhibit itself); with `equal`, one whose every alert matches both sides (it mutes nothing).',
  run: againstAlerts(({ am, knowledge }, report) => {
    am.inhibitRules.forEach((rule, index) => {
      const twoSided = (k: (typeof knowledge)[number]) => surelyMatchesAll(rule.sourceMatchers, k) && surelyMatchesAll(rule.targetMatchers, k);
      if (rule.equal.length > 0) {
        // With equal: muting needs a source or a target on one side only (inhibit/inhibit.go at v0.25.0,
        // Mutes → hasEqual(lset, r.SourceMatchers.Matches(lset)) skips sources the target matchers match:
        // excludeTwoSidedMatch). When every alert either side may select surely matches both, nothing is muted.
        const { sources, targets } = inhibitSides(rule, knowledge);
        const selected = [...new Set([...sources, ...targets])];
        if (sources.length === 0 || targets.length === 0 || !selected.every(twoSided)) return;
        report({
          message:
            `inhibitRules[${index}]: every alert it selects (${selected.map((k) => k.alert.name).join(', ')}) matches both the source {${formatMatchers(rule.sourceMatchers)}} ` +
            `and the target {${formatMatchers(rule.targetMatchers)}}: Alertmanager never lets an alert that matches both sides mute another that does, so the rule mutes nothing`,
          hint: "make source and target different alerts (e.g. severity: 'critical' → severity: 'warning')",
          ...locatedAt(rule),
        });
        return;
      }
      const both = knowledge.filter(twoSided);
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
