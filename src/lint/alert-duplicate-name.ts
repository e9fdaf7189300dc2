import type { Check } from './check.js';
import { formatSource } from '../diagnostic.js';
import type { AlertModel } from '../model/types.js';
import { locatedAt } from '../model/located.js';
import { alerts } from '../model/select.js';
import { compareCodeUnits } from '../text-order.js';

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => compareCodeUnits(a, b)));
}

export const alertDuplicateName: Check = {
  id: 'alert/duplicate-name',
  severity: 'error',
  description: 'Two alerts with the same name and labels would produce identical, indistinguishable alerts.',
  run({ model }, report) {
    // By name first: labels are compared (their key made) only among alerts that share a name.
    const byName = new Map<string, AlertModel[]>();
    const keys = new Map<AlertModel, string>();
    const keyOf = (rule: AlertModel) => {
      let key = keys.get(rule);
      if (key === undefined) keys.set(rule, (key = labelKey(rule.labels)));
      return key;
    };
    for (const rule of alerts(model)) {
      const named = byName.get(rule.name);
      if (!named) {
        byName.set(rule.name, [rule]);
        continue;
      }
      const first = named.find((r) => keyOf(r) === keyOf(rule));
      if (first) {
        report({
          message: `alert "${rule.name}" is defined twice with the same labels (first in group ${first.group}${first.source ? `, ${formatSource(first.source)}` : ''})`,
          hint: 'rename one, or tell them apart with a label (e.g. a different severity)',
          ...locatedAt(rule),
        });
      } else {
        named.push(rule);
      }
    }
  },
};
