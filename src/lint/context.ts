import type { Model } from '../model/types.js';
import { buildCatalogue } from '../model/catalogue.js';
import { collectExpressions } from '../model/expressions.js';
import { analyzePromql, Shared } from '../promql/analyze.js';
import type { EarlyParses } from '../promql/early.js';
import type { AnalyzedExpression, CheckContext } from './check.js';

export { substituteGrafanaVariables, substituteWithSpans } from '../promql/grafana-variables.js';
import { substituteWithSpans } from '../promql/grafana-variables.js';

const NO_VARIABLES: ReadonlyArray<{ from: number; to: number }> = Object.freeze([]);

/**
 * `early`: parses made while the definitions loaded (src/promql/early.ts); a text found there is not
 * parsed again, any other is parsed here. The table is stopped here and not kept.
 */
export function buildCheckContext(model: Model, early?: EarlyParses): CheckContext {
  early?.stop();
  const catalogue = buildCatalogue(model);
  // The same query often appears on many dashboards: each distinct text is parsed once.
  const analyses = new Map<string, ReturnType<typeof analyzePromql>>();
  // Equal label sets, names and lists are one object across all the analyses (see src/promql/shared.ts).
  const shared = new Shared();
  const analyze = (text: string) => {
    let analysis = analyses.get(text);
    if (!analysis) analyses.set(text, (analysis = analyzePromql(text, catalogue.lookup, early?.take(text), shared)));
    return analysis;
  };
  // Object.assign onto a fresh object, not `{ ...ref, text, … }`: V8 gives every object spread and
  // then extended a hidden class of its own, and 15,000 of them make each check's `e.analysis` a
  // slow lookup (~0.3 s of the checks on the large set).
  const expressions = collectExpressions(model).map((ref): AnalyzedExpression => {
    // Every Grafana variable and macro starts with `$`: a query without one is analysed as written.
    if (ref.context !== 'panel' || !ref.expr.includes('$')) return Object.assign({}, ref, { text: ref.expr, analysis: analyze(ref.expr), variables: NO_VARIABLES });
    const { text, variables, toExpr } = substituteWithSpans(ref.expr);
    return Object.assign({}, ref, { text, analysis: analyze(text), variables }, variables.length > 0 || text !== ref.expr ? { toExpr } : {});
  });
  early?.release();
  return { model, catalogue, expressions };
}
