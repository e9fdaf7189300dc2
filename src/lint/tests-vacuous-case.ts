import type { Check } from './check.js';
import type { RuleModel } from '../model/types.js';
import { ruleDependencies } from '../model/rule-dependencies.js';
import { rules } from '../model/select.js';
import { durationMs } from '../duration.js';
import { locatedAt } from '../model/located.js';
import { expandSeriesValues, lastSampleMs, visibleAt } from '../promql/series-values.js';
import { formatMs, ruleExpressionOf } from './rules-select.js';
import { ruleName } from './tests-unknown-series.js';

/** Prometheus's lookback: an instant selector sees a series' last sample up to 5 minutes old. */
const LOOKBACK_MS = 5 * 60_000;
/** `offset`, `@` and subqueries read other times than the evaluation time: not judged here. */
const TIME_SHIFTED = /\boffset\b|@\s*[\d(]|@\s*(start|end)\(|\[[^\]]*:[^\]]*\]/;

interface QuietCheck {
  testCase: RuleModel['tests'][number];
  /** When the case expects nothing. */
  time: string;
  /** The property that says so, below the case. */
  field: string[];
}

/** The times a rule's cases expect nothing at, in order: an alert case's `quietAt`, then its `at` when `expect` is empty. */
function quietChecks(rule: RuleModel): QuietCheck[] {
  const out: QuietCheck[] = [];
  for (const testCase of rule.tests) {
    const quietAt = 'quietAt' in testCase ? (testCase.quietAt ?? []) : [];
    quietAt.forEach((time, i) => out.push({ testCase, time, field: ['quietAt', String(i)] }));
    if (testCase.expect.length === 0) out.push({ testCase, time: testCase.at, field: ['at'] });
  }
  return out;
}

/**
 * A case that expects nothing (no alert, no recorded series) can pass whatever the rule says:
 * evaluated before the alert's `for` could elapse, or after every input series went stale (no
 * sample within the 5-minute lookback, or within the longest range the rules read). Such a case
 * proves nothing.
 */
export const testsVacuousCase: Check = {
  id: 'tests/vacuous-case',
  severity: 'error',
  description: 'A case expecting no alert is evaluated when the alert could fire and its input is still there.',
  run(context, report) {
    const { model } = context;
    const dependencies = ruleDependencies(model);
    const expression = (rule: RuleModel) => ruleExpressionOf(context, rule);

    for (const rule of rules(model)) {
      const quiet = quietChecks(rule);
      if (quiet.length === 0) continue;
      const needed = dependencies.closure(rule);
      const shifted = needed.some((r) => TIME_SHIFTED.test(r.expr));
      const longestRange = Math.max(0, ...needed.flatMap((r) => expression(r)?.analysis.selectors.map((s) => s.rangeMs ?? 0) ?? []));
      const windowMs = Math.max(LOOKBACK_MS, longestRange);
      const forMs = rule.kind === 'alert' && rule.for !== undefined ? durationMs(rule.for) : undefined;
      const expects = rule.kind === 'alert' ? 'expects no alert' : 'expects nothing recorded';

      for (const { testCase, time, field } of quiet) {
        const atMs = durationMs(time);
        const intervalMs = durationMs(testCase.interval);
        if (atMs === undefined || intervalMs === undefined || intervalMs === 0) continue;
        // Worded and located only for a finding: most cases have none.
        const lead = () => `test case "${testCase.name}" of ${ruleName(rule)} ${expects} at ${time}`;
        const at = () => locatedAt(rule, 'tests', testCase.name, ...field);

        if (forMs !== undefined && atMs < forMs) {
          report({
            message: `${lead()}, before its for: ${(rule as { for?: string }).for} could elapse: the alert cannot fire by then whatever the input, so this case proves nothing.`,
            hint: `evaluate at ${formatMs(forMs)} or later, with input lasting until then (a burst shorter than for is tested by evaluating after for)`,
            ...at(),
          });
          continue;
        }
        if (shifted) continue;
        const slots = testCase.input.map((s) => expandSeriesValues(s.values));
        if (slots.some((s) => s === undefined)) continue; // not promtool's notation: promtool reports it
        if (slots.some((s) => visibleAt(s!, intervalMs, atMs, windowMs))) continue;
        const ends = Math.max(-1, ...slots.map((s) => lastSampleMs(s!, intervalMs) ?? -1));
        const input = ends < 0 ? 'its input has no sample' : `its input ends at ${ends === 0 ? '0s' : formatMs(ends)}`;
        report({
          message: `${lead()}, but ${input}: every series is stale by then (no sample in the ${formatMs(windowMs)} before, or a stale marker after the last one), so the rule sees no data and this case proves nothing.`,
          hint: `make the input last until ${time} (values: '…x${Math.ceil(atMs / intervalMs)}' at interval ${testCase.interval}) or evaluate earlier`,
          ...at(),
        });
      }
    }
  },
};
