import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

export const rulesDuplicateGroup: Check = {
  id: 'rules/duplicate-group',
  severity: 'error',
  description: 'Rule group names are unique, and so are the rule files they become.',
  run({ model }, report) {
    const byFile = new Map<string, string>();
    for (const group of model.ruleGroups) {
      const other = byFile.get(group.fileName);
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
      byFile.set(group.fileName, group.name);
    }
  },
};
