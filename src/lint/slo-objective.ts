import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { decimal, format, mul, sub } from '../model/slo-decimal.js';

/**
 * An objective is a percentage strictly between 0 and 100: 100 leaves no error budget, 0 promises
 * nothing. One of 1 or less is almost surely a ratio written for a percentage (0.999 for 99.9):
 * a warning, since a 0.999% objective is possible, if odd.
 */
export const sloObjective: Check = {
  id: 'slo/objective',
  severity: 'error',
  description: 'An SLO objective is a percentage strictly between 0 and 100 (and not a ratio: 0.999 for 99.9).',
  run({ model }, report) {
    for (const slo of model.slos) {
      const at = locatedAt(slo, 'objective');
      if (slo.objective > 0 && slo.objective <= 1) {
        report({
          severity: 'warning',
          message: `SLO ${slo.name} has objective ${slo.objective}: a ${slo.objective}% objective allows ${format(sub(decimal(100), decimal(slo.objective)))}% of events to fail`,
          hint: `the objective is a percentage: write ${format(mul(decimal(slo.objective), decimal(100)))} for ${slo.objective}`,
          ...at,
        });
        continue;
      }
      if (slo.objective > 0 && slo.objective < 100) continue;
      report({
        message: `SLO ${slo.name} has objective ${slo.objective}, outside (0, 100): ${
          slo.objective >= 100 ? 'it leaves no error budget, so every burn rate is infinite' : 'it promises nothing'
        }`,
        hint: 'write the percentage of good events you promise, e.g. objective: 99.9 (an error budget of 0.1%)',
        ...at,
      });
    }
  },
};
