import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';

export const ALLOWED_SEVERITIES = ['critical', 'warning', 'info'] as const;

export const alertSeverity: Check = {
  id: 'alert/severity',
  severity: 'error',
  description: `The severity label is one of ${ALLOWED_SEVERITIES.join(', ')} (routing depends on it).`,
  run({ model }, report) {
    for (const alert of alerts(model)) {
      const severity = alert.labels['severity'];
      if (severity !== undefined && (ALLOWED_SEVERITIES as readonly string[]).includes(severity)) continue;
      report({
        message: `alert ${alert.name} has severity ${JSON.stringify(severity)}, not one of ${ALLOWED_SEVERITIES.join(', ')}`,
        hint: 'routes match on severity; an unknown value falls through to the default route',
        ...locatedAt(alert, 'labels', 'severity'),
      });
    }
  },
};
