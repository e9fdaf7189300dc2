import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';

/**
 * The annotations an SLO's alerts get from the definitions are plain text: the burn rate and the
 * budget left come in the generated `burn_rate` and `error_budget_remaining`, and the generated
 * tests must know what every annotation renders to (promtool compares them all).
 */
export const sloAnnotations: Check = {
  id: 'slo/annotations',
  severity: 'error',
  description: "An SLO alert's own annotations are plain text (the figures come in burn_rate and error_budget_remaining).",
  run({ model }, report) {
    for (const slo of model.slos) {
      for (const alert of slo.alerts) {
        for (const [name, text] of Object.entries(alert.annotations)) {
          if (!text.includes('{{')) continue;
          report({
            message: `SLO ${slo.name}: annotation ${name} of the ${alert.severity} alert is a template (${JSON.stringify(text)}); the generated tests cannot know what it renders`,
            hint: 'write it as plain text: the alert carries burn_rate and error_budget_remaining, rendered, and its labels service and slo',
            ...locatedAt(slo, 'alerting', 'annotations', name),
          });
        }
      }
    }
  },
};
