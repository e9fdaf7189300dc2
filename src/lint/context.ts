import type { NondeterministicUse } from '../nondeterministic-use.js';
import type { ExpressionRef, Model } from '../model/types.js';
import type { Analysis } from '../promql/analyze.js';
import { collectExpressions } from '../model/expressions.js';
import { promqlTableFor } from '../model/promql-table.js';
import type { ParsesMadeBefore } from '../promql/parses-made-before.js';
import type { AnalyzedExpression, CheckContext } from './check.js';

export { substituteGrafanaVariables, substituteWithSpans } from '../promql/grafana-variables.js';
import { mayHoldGrafanaVariables, substituteWithSpans } from '../promql/grafana-variables.js';

const NO_VARIABLES: ReadonlyArray<{ from: number; to: number }> = Object.freeze([]);

/**
 * An expression with its analysis, every one with the same fields in the same order (`source` and
 * `toExpr` undefined where there is none): one hidden class for them all. Each check loops over
 * them; with one class per set of fields (a spread made one per object, then Object.assign one per
 * shape) the rules' expressions, which come first, had one class and the panels' with Grafana
 * variables another, and V8 threw away the optimised code of each check's loop at the first
 * panel and compiled it again (4 of the large benchmark's 86 deoptimisations; 5 more came from the
 * selectors' classes: selectorRef in src/promql/analyze.ts).
 */
function analyzedExpression(ref: ExpressionRef, text: string, analysis: Analysis, variables: AnalyzedExpression['variables'], toExpr: AnalyzedExpression['toExpr']): AnalyzedExpression {
  return { expr: ref.expr, context: ref.context, owner: ref.owner, path: ref.path, source: ref.source, text, analysis, variables, toExpr };
}

/**
 * Every expression with its analysis, from the model's PromQL table (src/model/promql-table.ts: each
 * distinct text parsed and analysed once in the run, the same query on many dashboards included),
 * made here if the run made none. `early`: parses made while the definitions loaded
 * (src/promql/early.ts), for a table made here; those not taken by the end go.
 */
export function buildCheckContext(model: Model, early?: ParsesMadeBefore, nondeterministic?: readonly NondeterministicUse[]): CheckContext {
  const table = promqlTableFor(model, early);
  const catalogue = table.catalogue;
  const analyze = (text: string) => table.analysis(text);
  const expressions = collectExpressions(model).map((ref): AnalyzedExpression => {
    // Every Grafana variable and macro starts with `$` or `[[`: a query without one is analysed as written.
    if (ref.context !== 'panel' || !mayHoldGrafanaVariables(ref.expr)) return analyzedExpression(ref, ref.expr, analyze(ref.expr), NO_VARIABLES, undefined);
    const { text, variables, toExpr } = substituteWithSpans(ref.expr);
    return analyzedExpression(ref, text, analyze(text), variables, variables.length > 0 || text !== ref.expr ? toExpr : undefined);
  });
  table.releaseEarly();
  return { model, catalogue, expressions, ...(nondeterministic ? { nondeterministic } : {}) };
}
