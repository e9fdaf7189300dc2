import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';

export const alertMissingFor: Check = {
  id: 'alert/missing-for',
  severity: 'warning',
  description: 'An alert has a `for`, so one bad evaluation does not page anyone.',
  run({ model }, report) {
    for (const alert of alerts(model)) {
      if (alert.for !== undefined) continue;
      report({
        message: `alert ${alert.name} has no "for": it fires on the first evaluation that matches, even a single spike`,
        hint: "add for: '5m' (or for: '0s' to say on purpose that it fires at once)",
        ...locatedAt(alert),
      });
    }
  },
};
