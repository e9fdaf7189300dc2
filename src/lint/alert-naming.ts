import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';

const CAMEL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const MAX_LENGTH = 40;

export const alertNaming: Check = {
  id: 'alert/naming',
  severity: 'warning',
  description: `Alert names are CamelCase and at most ${MAX_LENGTH} characters (they show in every notification subject).`,
  run({ model }, report) {
    for (const alert of alerts(model)) {
      const problems = [
        ...(CAMEL_CASE.test(alert.name) ? [] : ['is not CamelCase']),
        ...(alert.name.length > MAX_LENGTH ? [`is longer than ${MAX_LENGTH} characters`] : []),
      ];
      if (problems.length === 0) continue;
      report({ message: `alert name "${alert.name}" ${problems.join(' and ')}`, hint: 'e.g. HighErrorRate', ...locatedAt(alert, 'name') });
    }
  },
};
