import type { Check } from './check.js';
import { durationMs } from '../duration.js';
import { formatMs } from './rules-select.js';
import { locatedAt } from '../model/located.js';
import type { AlertModel, RuleGroupModel } from '../model/types.js';

/**
 * What a wait (`for`, `keepFiringFor`) really lasts: Prometheus compares it with the time since
 * the first matching (or first non-matching) evaluation, only at evaluations, so it rounds up to a
 * multiple of the group's evaluation interval. Undefined when that is what is written (or 0).
 */
function roundedUp(written: string | undefined, intervalMs: number): { ms: number; effectiveMs: number } | undefined {
  const ms = written !== undefined ? durationMs(written) : undefined;
  if (ms === undefined || ms === 0 || ms % intervalMs === 0) return undefined;
  return { ms, effectiveMs: Math.ceil(ms / intervalMs) * intervalMs };
}

function timingFindings(alert: AlertModel, group: RuleGroupModel) {
  const every = `rule group ${group.name} is evaluated every ${formatMs(group.intervalMs)}`;
  const lower = `or give group ${group.name} an interval that divides it`;
  const findings = [];
  const wait = roundedUp(alert.for, group.intervalMs);
  if (wait) {
    findings.push({
      message:
        wait.ms < group.intervalMs
          ? `alert ${alert.name} has for ${alert.for}, shorter than its evaluation interval (${every}): it fires only ${formatMs(wait.effectiveMs)} after it starts matching, not ${alert.for}`
          : `alert ${alert.name} has for ${alert.for}, not a multiple of its evaluation interval (${every}): it fires ${formatMs(wait.effectiveMs)} after it starts matching, not ${alert.for}`,
      hint: `set for: '${formatMs(wait.effectiveMs)}' (what it does), ${lower}`,
      ...locatedAt(alert, 'for'),
    });
  }
  const keep = roundedUp(alert.keepFiringFor, group.intervalMs);
  if (keep) {
    findings.push({
      message:
        keep.ms < group.intervalMs
          ? `alert ${alert.name} has keepFiringFor ${alert.keepFiringFor}, shorter than its evaluation interval (${every}): it keeps firing ${formatMs(keep.effectiveMs)} after it stops matching, not ${alert.keepFiringFor}`
          : `alert ${alert.name} has keepFiringFor ${alert.keepFiringFor}, not a multiple of its evaluation interval (${every}): it keeps firing ${formatMs(keep.effectiveMs)} after it stops matching, not ${alert.keepFiringFor}`,
      hint: `set keepFiringFor: '${formatMs(keep.effectiveMs)}' (what it does), ${lower}`,
      ...locatedAt(alert, 'keepFiringFor'),
    });
  }
  return findings;
}

/**
 * An alert's waits as written are the ones it has: a `for` at all (else one evaluation pages), and
 * a `for` / `keepFiringFor` its group's evaluation interval (the group's, else the global one) can
 * honour — Prometheus only looks at evaluations, so `for: 30s` in a group evaluated every 2m waits 2m.
 */
export const alertMissingFor: Check = {
  id: 'alert/missing-for',
  severity: 'warning',
  description: 'An alert has a `for`, so one bad evaluation does not page anyone, and its `for`/`keepFiringFor` are multiples of its evaluation interval, so they last what they say.',
  run({ model }, report) {
    for (const group of model.ruleGroups) {
      for (const alert of group.rules) {
        if (alert.kind !== 'alert') continue;
        if (alert.for === undefined) {
          report({
            message: `alert ${alert.name} has no "for": it fires on the first evaluation that matches, even a single spike`,
            hint: "add for: '5m' (or for: '0s' to say on purpose that it fires at once)",
            ...locatedAt(alert),
          });
        }
        for (const finding of timingFindings(alert, group)) report(finding);
      }
    }
  },
};
