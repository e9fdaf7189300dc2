import type { Model } from '../model/types.js';
import { collectExpressions } from '../model/expressions.js';
import { promqlTableFor } from '../model/promql-table.js';
import type { ParsesMadeBefore } from '../promql/parses-made-before.js';
import type { AnalyzedExpression, CheckContext } from './check.js';

export { substituteGrafanaVariables, substituteWithSpans } from '../promql/grafana-variables.js';
import { substituteWithSpans } from '../promql/grafana-variables.js';

const NO_VARIABLES: ReadonlyArray<{ from: number; to: number }> = Object.freeze([]);

/**
 * Every expression with its analysis, from the model's PromQL table (src/model/promql-table.ts: each
 * distinct text parsed and analysed once in the run, the same query on many dashboards included),
 * made here if the run made none. `early`: parses made while the definitions loaded
 * (src/promql/early.ts), for a table made here; those not taken by the end go.
 */
export function buildCheckContext(model: Model, early?: ParsesMadeBefore): CheckContext {
  const table = promqlTableFor(model, early);
  const catalogue = table.catalogue;
  const analyze = (text: string) => table.analysis(text);
  // Object.assign onto a fresh object, not `{ ...ref, text, … }`: V8 gives every object spread and
  // then extended a hidden class of its own, and 15,000 of them make each check's `e.analysis` a
  // slow lookup (~0.3 s of the checks on the large set).
  const expressions = collectExpressions(model).map((ref): AnalyzedExpression => {
    // Every Grafana variable and macro starts with `$`: a query without one is analysed as written.
    if (ref.context !== 'panel' || !ref.expr.includes('$')) return Object.assign({}, ref, { text: ref.expr, analysis: analyze(ref.expr), variables: NO_VARIABLES });
    const { text, variables, toExpr } = substituteWithSpans(ref.expr);
    return Object.assign({}, ref, { text, analysis: analyze(text), variables }, variables.length > 0 || text !== ref.expr ? { toExpr } : {});
  });
  table.releaseEarly();
  return { model, catalogue, expressions };
}
