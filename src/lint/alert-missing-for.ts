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

/** What each wait does once it holds: `for` fires after it, `keepFiringFor` keeps firing for it. */
const WAITS = [
  { field: 'for', effect: 'fires', after: 'starts matching' },
  { field: 'keepFiringFor', effect: 'keeps firing', after: 'stops matching' },
] as const;

function timingFindings(alert: AlertModel, group: RuleGroupModel) {
  const every = `rule group ${group.name} is evaluated every ${formatMs(group.intervalMs)}`;
  const lower = `or give group ${group.name} an interval that divides it`;
  const findings = [];
  for (const { field, effect, after } of WAITS) {
    const written = alert[field];
    const wait = roundedUp(written, group.intervalMs);
    if (!wait) continue;
    const lasts = formatMs(wait.effectiveMs);
    findings.push({
      message:
        wait.ms < group.intervalMs
          ? `alert ${alert.name} has ${field} ${written}, shorter than its evaluation interval (${every}): it ${effect === 'fires' ? 'fires only' : effect} ${lasts} after it ${after}, not ${written}`
          : `alert ${alert.name} has ${field} ${written}, not a multiple of its evaluation interval (${every}): it ${effect} ${lasts} after it ${after}, not ${written}`,
      hint: `set ${field}: '${lasts}' (what it does), ${lower}`,
      ...locatedAt(alert, field),
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
