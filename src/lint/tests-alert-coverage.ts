import type { Check } from './check.js';
import { alerts } from '../model/select.js';
import { locatedAt } from '../model/located.js';

/**
 * promtool has no coverage: an alert without a case that fires was never seen to work, and one
 * without a case that stays quiet may fire on everything. Run by `validate` (an error with
 * `--require-tests`), not by `generate`.
 */
export const testsAlertCoverage: Check = {
  id: 'tests/alert-coverage',
  severity: 'warning',
  description: 'Every alert has a test case that fires and one that does not.',
  run({ model }, report) {
    for (const alert of alerts(model)) {
      const fires = alert.tests.some((t) => t.expect.length > 0);
      // A case's `quietAt` times check the alert quiet on its input as a case of their own would.
      const quiet = alert.tests.some((t) => t.expect.length === 0 || (t.quietAt?.length ?? 0) > 0);
      if (fires && quiet) continue;
      const missing = [fires ? '' : 'that fires', quiet ? '' : 'that stays quiet'].filter(Boolean).join(' and no case ');
      report({
        message: `alert ${alert.name} has no test case ${missing}`,
        hint:
          "add tests: [{ name: '…', input: [{ series: metric.select({…}), values: '0+10x20' }], at: '10m', expect: [{ labels: {…} }] }] " +
          '(expect: [] for a case that must not fire)',
        ...locatedAt(alert),
      });
    }
  },
};
