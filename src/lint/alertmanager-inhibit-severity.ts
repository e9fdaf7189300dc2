import type { Check } from './check.js';
import { formatMatchers } from '../model/routing.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, inhibitSides } from './alertmanager-select.js';
import { ALLOWED_SEVERITIES } from './alert-severity.js';

/** critical 2, warning 1, info 0; undefined for another value or none. */
function rank(severity: string | undefined): number | undefined {
  const i = severity === undefined ? -1 : (ALLOWED_SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? undefined : ALLOWED_SEVERITIES.length - 1 - i;
}

/**
 * An inhibit rule turned upside down: every declared alert that may be its source is less severe
 * than every one that may be its target (`warning` mutes `critical`). The pattern is the other way
 * round (a critical alert mutes the warnings about the same thing): swapped sides silence the
 * pages while the warnings still notify. A warning, not an error: a cause-based rule may mute a
 * worse symptom on purpose (its reason then silences the finding on the rule). Judged only where
 * the declared alerts' static severities decide both sides.
 */
export const alertmanagerInhibitSeverity: Check = {
  id: 'alertmanager/inhibit-severity',
  severity: 'warning',
  description: 'An inhibit rule does not let less severe alerts mute more severe ones (warning muting critical).',
  run: againstAlerts(({ am, knowledge }, report) => {
    am.inhibitRules.forEach((rule, index) => {
      const { sources, targets } = inhibitSides(rule, knowledge);
      if (sources.length === 0 || targets.length === 0) return;
      const sourceRanks = sources.map((k) => rank(k.labels['severity']));
      const targetRanks = targets.map((k) => rank(k.labels['severity']));
      if (sourceRanks.some((r) => r === undefined) || targetRanks.some((r) => r === undefined)) return;
      if (Math.max(...(sourceRanks as number[])) >= Math.min(...(targetRanks as number[]))) return;
      const named = (list: typeof sources) => list.map((k) => `${k.alert.name} (${k.labels['severity']})`).join(', ');
      report({
        message:
          `inhibitRules[${index}]: its source {${formatMatchers(rule.sourceMatchers)}} selects only alerts less severe than every alert of its target ` +
          `{${formatMatchers(rule.targetMatchers)}}: ${named(sources)} would mute ${named(targets)}, so the worse alerts stay silent while the milder ones notify`,
        hint: 'swap sourceMatchers and targetMatchers (the severe alert mutes the milder ones about the same thing); if the milder alert is the cause and muting is meant, say so: ignore: { \'alertmanager/inhibit-severity\': \'why\' } on the rule',
        ...locatedAt(rule),
      });
    });
  }),
};
