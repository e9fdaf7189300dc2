import type { Check } from './check.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, inhibitSides, knownAlertLabelNames, mayCarry, surelyMatchesAll } from './alertmanager-select.js';
import { didYouMean } from '../suggest.js';
import { reportedAsDropped } from './scrape-dropped-routing.js';

const names = (ks: readonly AlertLabelKnowledge[]) => [...new Set(ks.map((k) => k.alert.name))].join(', ');

/** The static values of a label on every alert of a side, or undefined when one may get it from its expression. */
function staticValues(label: string, side: readonly AlertLabelKnowledge[]): Set<string> | undefined {
  const values = new Set<string>();
  for (const k of side) {
    const v = k.labels[label];
    if (v === undefined) return undefined;
    values.add(v);
  }
  return values;
}

/**
 * Labels an `equal` could scope the rule with: every alert of both sides may carry them, and they
 * can be equal (not alertname or severity when the two sides' fixed values differ).
 */
function scopeLabels(sources: readonly AlertLabelKnowledge[], targets: readonly AlertLabelKnowledge[], known: Iterable<string>): string[] {
  return [...known]
    .filter((label) => [...sources, ...targets].every((k) => mayCarry(label, k)))
    .filter((label) => {
      const [s, t] = [staticValues(label, sources), staticValues(label, targets)];
      return !s || !t || [...s].some((v) => t.has(v));
    })
    .sort();
}

const IGNORE_HINT = "if one source really should mute every target, say so with ignore: { 'alertmanager/inhibit-equal': 'why' }";

/**
 * An inhibit rule needs `equal` labels, and they must exist on both sides. Without any, every
 * source mutes every target wherever both fire (a warning: a company-wide rule is possible, and
 * says so with `ignore`). `equal` labels must exist on both sides. Alertmanager compares them as strings, a missing label
 * being "": a label neither side carries is always equal (every source mutes every target, in every
 * cluster); a label only one side carries is never equal (the rule never mutes anything).
 * "Carries": a static label (the rule's, external labels), or one the expression keeps (series
 * labels, scrape labels).
 */
export const alertmanagerInhibitEqual: Check = {
  id: 'alertmanager/inhibit-equal',
  severity: 'error',
  description: "An inhibit rule has `equal` labels (warning), each carried by the alerts on both sides.",
  run: againstAlerts(({ am, knowledge, context }, report) => {
    am.inhibitRules.forEach((rule, index) => {
      const { sources, targets } = inhibitSides(rule, knowledge);
      if (sources.length === 0 || targets.length === 0) return; // alertmanager/inhibit-unmatched says why
      if (rule.equal.length === 0) {
        // One alert on both sides: alertmanager/inhibit-self already says it mutes everywhere.
        if (knowledge.some((k) => surelyMatchesAll(rule.sourceMatchers, k) && surelyMatchesAll(rule.targetMatchers, k))) return;
        const scope = scopeLabels(sources, targets, knownAlertLabelNames(context));
        report({
          severity: 'warning',
          message:
            `inhibitRules[${index}]: no equal labels: every source alert (${names(sources)}) mutes every target alert (${names(targets)}) wherever they fire, ` +
            'one cluster or service down silencing all the others.',
          hint:
            scope.length > 0
              ? `scope it with labels both sides carry: equal: [${scope.map((l) => `'${l}'`).join(', ')}] (or some of them); ${IGNORE_HINT}`
              : `scope it with a label both sides carry (keep it in their expressions: sum by (cluster, …)); ${IGNORE_HINT}`,
          ...locatedAt(rule),
        });
        return;
      }
      rule.equal.forEach((label, i) => {
        const inSources = sources.some((k) => mayCarry(label, k));
        const inTargets = targets.some((k) => mayCarry(label, k));
        if (inSources && inTargets) return;
        // Removed by the scrape jobs from the alerts' series: scrape/dropped-label names the rule.
        if (reportedAsDropped(context, rule, 'equal', label)) return;
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
