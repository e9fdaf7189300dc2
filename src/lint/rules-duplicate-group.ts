import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

export const rulesDuplicateGroup: Check = {
  id: 'rules/duplicate-group',
  severity: 'error',
  description: 'Rule group names are unique, and so are the rule files they become where the output profiles write rule files.',
  run({ model }, report) {
    // Two names that make one rule file clash only where rule files are written (files, thanos):
    // Mimir and the PrometheusRules take each group by its name (src/model/build.ts keeps the
    // in-memory files validate hands promtool apart).
    const ruleFiles = model.outputs.some((o) => o.profile === 'files' || o.profile === 'thanos');
    const keyOf = (group: (typeof model.ruleGroups)[number]) => (ruleFiles ? group.fileName : group.name);
    const byFile = new Map<string, string>();
    for (const group of model.ruleGroups) {
      const other = byFile.get(keyOf(group));
      if (other !== undefined) {
        report({
          message:
            other === group.name
              ? `rule group "${group.name}" is defined twice`
              : `rule groups "${other}" and "${group.name}" would both be written to rules/${group.fileName}.yml`,
          hint: 'give every group its own name',
          ...locatedAt(group),
        });
      }
      byFile.set(keyOf(group), group.name);
    }
  },
};
