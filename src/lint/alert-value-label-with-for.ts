import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { alerts } from '../model/select.js';
import { durationMs } from '../duration.js';

/** `$value`, `.Value` and `humanize $value`-like uses in a template. */
export const VALUE_REFERENCE = /\$value\b|\.Value\b/;

/**
 * An alert's labels are part of its identity. With `{{ $value }}` in a label, every new value is a
 * new alert: a pending alert starts its `for` over at each evaluation where the value changed, so
 * with a `for` it never gets to fire while the value moves. (Without `for` the value makes a new
 * alert each time: alert/fragile-expression warns about that.)
 */
export const alertValueLabelWithFor: Check = {
  id: 'alert/value-label-with-for',
  severity: 'error',
  description: 'No {{ $value }} in the labels of an alert with `for`: every value change restarts the wait, so it never fires.',
  run({ model }, report) {
    for (const alert of alerts(model)) {
      const forMs = alert.for !== undefined ? durationMs(alert.for) ?? 0 : 0;
      if (forMs === 0) continue;
      for (const [name, value] of Object.entries(alert.labels)) {
        if (!VALUE_REFERENCE.test(value)) continue;
        report({
          message: `alert ${alert.name} puts the query value into label ${name} and waits for: ${alert.for}; each new value is a new alert whose wait starts over, so it never fires while the value changes`,
          hint: `move the value into an annotation: annotations: { description: '… {{ $value }} …' }`,
          ...locatedAt(alert, 'labels', name),
        });
      }
    }
  },
};
