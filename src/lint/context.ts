import type { Model } from '../model/types.js';
import { buildCatalogue } from '../model/catalogue.js';
import { collectExpressions } from '../model/expressions.js';
import { analyzePromql } from '../promql/analyze.js';
import type { CheckContext } from './check.js';

export { substituteGrafanaVariables, substituteWithSpans } from '../promql/grafana-variables.js';
import { substituteWithSpans } from '../promql/grafana-variables.js';

export function buildCheckContext(model: Model): CheckContext {
  const catalogue = buildCatalogue(model);
  // The same query often appears on many dashboards: each distinct text is parsed once.
  const analyses = new Map<string, ReturnType<typeof analyzePromql>>();
  const analyze = (text: string) => {
    let analysis = analyses.get(text);
    if (!analysis) analyses.set(text, (analysis = analyzePromql(text, catalogue.lookup)));
    return analysis;
  };
  const expressions = collectExpressions(model).map((ref) => {
    if (ref.context !== 'panel') return { ...ref, text: ref.expr, analysis: analyze(ref.expr), variables: [] };
    const { text, variables, toExpr } = substituteWithSpans(ref.expr);
    return { ...ref, text, analysis: analyze(text), variables, ...(variables.length > 0 || text !== ref.expr ? { toExpr } : {}) };
  });
  return { model, catalogue, expressions };
}
