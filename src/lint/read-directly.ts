import type { AnalyzedExpression } from './check.js';
import type { CallRef, SelectorRef } from '../promql/analyze.js';

/**
 * The selectors within `from`–`to` (a subquery's expression) whose values `call` reads with nothing
 * but value-passing steps between (arithmetic, offsets, parentheses): no other call and no
 * aggregation stands between them and it (`rate(x[5m:1m])`, `deriv((x * 2)[1h:1m])`, not
 * `rate(sum(x)[5m:])`). A check that judges such a selector by the call above it owns the mistake;
 * the check that judges the subquery's expression as a whole leaves it alone (one finding per mistake).
 */
export function selectorsReadDirectly(e: AnalyzedExpression, call: CallRef, from: number, to: number): SelectorRef[] {
  return e.analysis.selectors.filter(
    (s) =>
      s.from >= from &&
      s.to <= to &&
      s.enclosing[0] === call.name &&
      !e.analysis.calls.some((c) => c !== call && c.from >= from && c.to <= to && c.from <= s.from && s.to <= c.to),
  );
}
