import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { compare, decimal, format, toNumber } from '../model/slo-decimal.js';

/**
 * A line alerts when the error ratio exceeds burn rate × error budget. An error ratio is at most
 * 1, so a line whose product reaches 1 can never fire (14.4× of a 90% objective is 144%); a burn
 * rate of 0 or less fires on every error.
 */
export const sloBurnRate: Check = {
  id: 'slo/burn-rate',
  severity: 'error',
  description: 'Every burn-rate line can fire and stay quiet: burn rate > 0 and burn rate × error budget < 1.',
  run({ model }, report) {
    for (const slo of model.slos) {
      if (!(slo.objective > 0 && slo.objective < 100)) continue; // slo/objective
      for (const alert of slo.alerts) {
        for (const line of alert.burnRates) {
          const where = `SLO ${slo.name}, ${alert.severity} line ${line.long}/${line.short}`;
          if (compare(line.burnRate, decimal(0)) <= 0) {
            report({
              message: `${where}: burn rate ${format(line.burnRate)} fires on any error at all`,
              hint: 'a burn rate says how many times faster than the objective allows the budget burns: give a number above 0 (the workbook: 14.4, 6, 3, 1)',
              ...locatedAt(line.at),
            });
          } else if (compare(line.threshold, decimal(1)) >= 0) {
            report({
              message: `${where}: ${format(line.burnRate)}× of an error budget of ${format(slo.budget)} is an error ratio of ${format(line.threshold)}, which no error ratio exceeds: this line never fires`,
              hint: `with a ${slo.objective}% objective, burn rates must stay under ${Number((1 / toNumber(slo.budget)).toPrecision(4))}: lower it, or raise the objective`,
              ...locatedAt(line.at),
            });
          }
        }
      }
    }
  },
};
