import type { Check } from './check.js';
import { formatSource } from '../diagnostic.js';
import type { AlertModel } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { alerts } from '../model/select.js';

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

export const alertDuplicateName: Check = {
  id: 'alert/duplicate-name',
  severity: 'error',
  description: 'Two alerts with the same name and labels would produce identical, indistinguishable alerts.',
  run({ model }, report) {
    const seen = new Map<string, AlertModel>();
    for (const rule of alerts(model)) {
      const key = `${rule.name}\u0000${labelKey(rule.labels)}`;
      const first = seen.get(key);
      if (first) {
        report({
          message: `alert "${rule.name}" is defined twice with the same labels (first in group ${first.group}${first.source ? `, ${formatSource(first.source)}` : ''})`,
          hint: 'rename one, or tell them apart with a label (e.g. a different severity)',
          ...locatedAt(rule),
        });
      } else {
        seen.set(key, rule);
      }
    }
  },
};
