import type { Check } from './check.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, inhibitSides, knownAlertLabelNames, mayCarry } from './alertmanager-select.js';
import { didYouMean } from '../suggest.js';

const names = (ks: readonly AlertLabelKnowledge[]) => [...new Set(ks.map((k) => k.alert.name))].join(', ');

/**
 * `equal` labels must exist on both sides. Alertmanager compares them as strings, a missing label
 * being "": a label neither side carries is always equal (every source mutes every target, in every
 * cluster); a label only one side carries is never equal (the rule never mutes anything).
 * "Carries": a static label (the rule's, external labels), or one the expression keeps (series
 * labels, scrape labels).
 */
export const alertmanagerInhibitEqual: Check = {
  id: 'alertmanager/inhibit-equal',
  severity: 'error',
  description: "Each `equal` label of an inhibit rule is carried by the alerts on both sides.",
  run: againstAlerts(({ am, knowledge, context }, report) => {
    am.inhibitRules.forEach((rule, index) => {
      const { sources, targets } = inhibitSides(rule, knowledge);
      if (sources.length === 0 || targets.length === 0) return; // alertmanager/inhibit-unmatched says why
      rule.equal.forEach((label, i) => {
        const inSources = sources.some((k) => mayCarry(label, k));
        const inTargets = targets.some((k) => mayCarry(label, k));
        if (inSources && inTargets) return;
        const where = { ...locatedAt(rule, `equal[${i}]`) };
        const meant = didYouMean(label, [...knownAlertLabelNames(context)].filter((n) => n !== label));
        if (!inSources && !inTargets) {
          report({
            message:
              `inhibitRules[${index}]: equal label "${label}" is carried by no alert on either side (sources: ${names(sources)}; targets: ${names(targets)}): ` +
              `it is always equal (empty on both), so every source mutes every target everywhere.${meant}`,
            hint: 'name a label both sides carry (a rule label, a label the expressions keep, a scrape or external label)',
            ...where,
          });
        } else {
          const [has, lacks] = inSources ? ['source', 'target'] : ['target', 'source'];
          report({
            message:
              `inhibitRules[${index}]: equal label "${label}" is carried by the ${has} alerts but by no ${lacks} alert (${names(inSources ? targets : sources)}): ` +
              'it is never equal, so the rule never mutes anything.',
            hint: `keep "${label}" in the ${lacks} alerts' expressions (e.g. sum by (${label}, …)) or drop it from equal`,
            ...where,
          });
        }
      });
    });
  }),
};
