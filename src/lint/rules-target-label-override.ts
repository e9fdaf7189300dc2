import type { Check } from './check.js';
import { ownerName } from './check.js';
import { locatedAt } from '../model/located.js';
import { TARGET_LABELS } from '../model/names.js';
import { ruleExpressionOf } from './rules-select.js';

/**
 * A rule label `job` or `instance` replaces the label of that name on every series the expression
 * returns. When the expression keeps that label, the override erases where the data came from, and
 * series that differed only in it collide: Prometheus fails the evaluation ("vector contains
 * metrics with the same labelset after applying rule labels"). Quiet when the expression does not
 * keep the label (the rule adds it), and when every selector already pins it to the same value.
 */
export const rulesTargetLabelOverride: Check = {
  id: 'rules/target-label-override',
  severity: 'error',
  description: 'Alert and recording rule labels do not overwrite the job or instance label the expression keeps.',
  run(context, report) {
    for (const group of context.model.ruleGroups) {
      for (const rule of group.rules) {
        // Most rules set neither label: nothing to look up for them.
        if (TARGET_LABELS.every((label) => rule.labels[label] === undefined)) continue;
        const e = ruleExpressionOf(context, rule);
        if (!e) continue;
        const result = e.analysis.result;
        if (result.kind !== 'vector' || !result.exact) continue;
        for (const label of TARGET_LABELS) {
          const value = rule.labels[label];
          if (value === undefined || !result.labels.has(label)) continue;
          const pinned = e.analysis.selectors.every((s) => s.matchers.some((m) => m.label === label && m.op === '=' && m.value === value));
          if (pinned && e.analysis.selectors.length > 0) continue;
          report({
            message: `${ownerName(e)} sets label ${label}="${value}", which overwrites the ${label} of every series its expression returns: the real ${label} is lost, and series that differ only in ${label} collide (Prometheus fails the rule's evaluation)`,
            hint:
              label === 'job'
                ? `use another label name for what "${value}" means (service, team, component), or filter with job="${value}" in the expression`
                : `use another label name (host, node, target), or aggregate instance away: sum without (instance) (…)`,
            ...locatedAt(rule, 'labels', label),
            excerpt: { text: e.text, from: 0, to: e.text.length },
          });
        }
      }
    }
  },
};
