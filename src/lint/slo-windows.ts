import type { Check } from './check.js';
import { locatedAt } from '../model/located.js';
import { BASE_WINDOW } from '../model/slo-names.js';
import { durationMs } from '../duration.js';

/**
 * Each line of a burn-rate table checks a long window (how much budget burnt) and a shorter one
 * (still burning), both within the SLO window; an alert with no line never fires.
 */
export const sloWindows: Check = {
  id: 'slo/windows',
  severity: 'error',
  description: "An SLO's burn-rate windows are consistent: short < long ≤ the SLO window, at least 5m, a line per alert.",
  run({ model }, report) {
    const baseMs = durationMs(BASE_WINDOW)!;
    for (const slo of model.slos) {
      for (const alert of slo.alerts) {
        if (alert.burnRates.length === 0) {
          report({
            message: `SLO ${slo.name}: the ${alert.severity} alert has no burn-rate line, so it can never fire`,
            hint: `give burnRates.${alert.severity} at least one { long, short, burnRate }, or turn the alert off with alerting: { ${alert.severity}: false }`,
            ...locatedAt(slo, 'burnRates', alert.severity),
          });
        }
        for (const line of alert.burnRates) {
          const where = `${alert.severity} line ${line.long}/${line.short}`;
          const problems: Array<[string, string]> = [];
          if (line.shortMs >= line.longMs) {
            problems.push([`its short window ${line.short} is not shorter than its long window ${line.long}`, 'the short window (about 1/12 of the long one in the workbook) only says the burn is still going on: make it shorter']);
          }
          if (line.longMs > slo.windowMs) {
            problems.push([`its long window ${line.long} is longer than the SLO window ${slo.window}`, `a burn measured over more than the SLO window says nothing about this window's budget: use windows within ${slo.window}, or give the SLO a longer window`]);
          }
          if (line.shortMs < baseMs) {
            problems.push([`its short window ${line.short} is under ${BASE_WINDOW}`, `windows under ${BASE_WINDOW} hold too few samples for a steady rate: use ${BASE_WINDOW} or more`]);
          }
          for (const [problem, hint] of problems) {
            report({ message: `SLO ${slo.name}, ${where}: ${problem}`, hint, ...locatedAt(line.at) });
          }
        }
      }
    }
  },
};
