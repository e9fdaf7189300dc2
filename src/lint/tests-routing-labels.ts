import type { Check } from './check.js';
import type { FiringAlertModel } from '../model/alertmanager.js';
import type { AlertLabelKnowledge } from '../model/alert-labels.js';
import { locatedAt } from '../model/located.js';
import { againstAlerts, knownAlertLabelNames } from './alertmanager-select.js';
import { staticValues } from './alertmanager-unmatched-route.js';
import { closest } from '../suggest.js';

/** What looks like a typo in labels written by hand: a value or label name one edit away from a declared one. */
function nearMisses(labels: Readonly<Record<string, string>>, knowledge: readonly AlertLabelKnowledge[], names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [label, value] of Object.entries(labels)) {
    if (!names.has(label)) {
      const near = closest(label, names);
      if (near !== undefined) out.push(`label ${label}: did you mean ${near}?`);
      continue;
    }
    const values = staticValues(label, knowledge);
    if (values.length === 0 || values.includes(value)) continue;
    const near = values.find((v) => v.toLowerCase() === value.toLowerCase()) ?? closest(value, values);
    if (near !== undefined) out.push(`${label}="${value}": did you mean "${near}"?`);
  }
  return out;
}

/**
 * A test naming an alert whose rule label is a template (`severity: '{{ if … }}critical{{ else }}warning{{ end }}'`):
 * Alertmanager receives what Prometheus renders, which only the test can say (its `labels`). Reported
 * when it does not say (the template text is routed), or says a value the template never renders
 * (when it renders only literal text, src/lint/alertmanager-templates.ts literalOutcomes).
 */
function templatedLabelProblems(alert: FiringAlertModel, knowledge: readonly AlertLabelKnowledge[]): Array<{ message: string; hint: string }> {
  const out: Array<{ message: string; hint: string }> = [];
  const seen = new Set<string>();
  for (const k of knowledge) {
    if (k.alert.name !== alert.alert || !k.templated) continue;
    for (const [label, outcomes] of k.templated) {
      const text = k.alert.labels[label]!;
      const value = alert.labels[label];
      const renders = outcomes ? outcomes.map((o) => JSON.stringify(o)).join(', ') : undefined;
      if (value === text) {
        if (seen.has(label)) continue;
        seen.add(label);
        out.push({
          message: `alert ${k.alert.name}'s label ${label} is a template (${text}): Alertmanager receives what it renders${renders ? ` (${renders})` : ''}, and the test does not say which`,
          hint: `give the rendered value in the test's labels: { alert: …, labels: { ${label}: ${outcomes?.[0] !== undefined ? JSON.stringify(outcomes[0]) : "'…'"} } }`,
        });
      } else if (value !== undefined && outcomes && !outcomes.includes(value) && !seen.has(label)) {
        seen.add(label);
        out.push({
          message: `alert ${k.alert.name}'s label ${label} is a template that renders ${renders}, never ${JSON.stringify(value)}`,
          hint: `test a value the template renders (${renders}), or fix the template`,
        });
      }
    }
  }
  return out;
}

/**
 * Routing tests that copy labels by hand keep passing when the alert's labels change or the copy has
 * a typo. A hand-written label set that is one edit away from what the alerts carry is reported, and
 * so is a test that names an alert definition the project does not declare, or an alert with a
 * templated label without the value it renders (templatedLabelProblems).
 */
export const testsRoutingLabels: Check = {
  id: 'tests/routing-labels',
  severity: 'warning',
  description: "Routing tests' hand-written labels are the ones the alerts carry (no near-miss), named alerts are declared, and their templated labels given a value they render.",
  run: againstAlerts(({ am, knowledge, context }, report) => {
    if (knowledge.length === 0) return;
    const names = knownAlertLabelNames(context);
    const declared = new Set(knowledge.map((k) => k.alert.name));
    for (const test of am.tests) {
      const firing: Array<[string, FiringAlertModel]> = [['', test], ...test.alsoFiring.map((a, i) => [`alsoFiring[${i}] `, a] as [string, FiringAlertModel])];
      for (const [where, alert] of firing) {
        if (alert.alert !== undefined) {
          if (declared.has(alert.alert)) {
            for (const message of templatedLabelProblems(alert, knowledge)) report({ ...message, message: `routing test "${test.name}": ${where}${message.message}`, ...locatedAt(test) });
            continue;
          }
          report({
            message: `routing test "${test.name}": ${where}names alert ${alert.alert}, which no rule group of the project declares`,
            hint: 'add the alert to a ruleGroup of the project, or write its labels out if it comes from elsewhere',
            ...locatedAt(test),
          });
          continue;
        }
        const misses = nearMisses(alert.labels, knowledge, names);
        if (misses.length === 0) continue;
        report({
          message: `routing test "${test.name}": ${where}labels look like a typo of what the alerts carry: ${misses.join('; ')}`,
          hint: 'name the alert definition instead of copying its labels: { alert: myAlert, labels: { …series labels } }',
          ...locatedAt(test),
        });
      }
    }
  }),
};
