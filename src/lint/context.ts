import type { ExpressionRef, Model } from '../model/types.js';
import { buildCatalogue, type Catalogue } from '../model/catalogue.js';
import { collectExpressions } from '../model/expressions.js';
import { analyzePromql, Shared } from '../promql/analyze.js';
import type { AnalyzedExpression, CheckContext } from './check.js';

export { substituteGrafanaVariables, substituteWithSpans } from '../promql/grafana-variables.js';
import { substituteWithSpans } from '../promql/grafana-variables.js';

const NO_VARIABLES: ReadonlyArray<{ from: number; to: number }> = Object.freeze([]);

type Analyze = (text: string) => ReturnType<typeof analyzePromql>;

function analyzer(catalogue: Catalogue): Analyze {
  // The same query often appears on many dashboards: each distinct text is parsed once.
  const analyses = new Map<string, ReturnType<typeof analyzePromql>>();
  // Equal label sets, names and lists are one object across all the analyses (see src/promql/shared.ts).
  const shared = new Shared();
  return (text) => {
    let analysis = analyses.get(text);
    if (!analysis) analyses.set(text, (analysis = analyzePromql(text, catalogue.lookup, undefined, shared)));
    return analysis;
  };
}

// Object.assign onto a fresh object, not `{ ...ref, text, … }`: V8 gives every object spread and
// then extended a hidden class of its own, and 15,000 of them make each check's `e.analysis` a
// slow lookup (~0.3 s of the checks on the large set).
function analyzed(ref: ExpressionRef, analyze: Analyze, lazy = false): AnalyzedExpression {
  const panel = ref.context === 'panel' ? substituteWithSpans(ref.expr) : undefined;
  const text = panel?.text ?? ref.expr;
  const rest = panel ? { variables: panel.variables, ...(panel.variables.length > 0 || panel.text !== ref.expr ? { toExpr: panel.toExpr } : {}) } : { variables: NO_VARIABLES };
  if (!lazy) return Object.assign({}, ref, { text, analysis: analyze(text) }, rest);
  // Analysed when first read: a getter, defined on the object (Object.assign would copy its value).
  let analysis: ReturnType<typeof analyzePromql> | undefined;
  const get = () => (analysis ??= analyze(text));
  return Object.assign(Object.defineProperty(Object.assign({}, ref, { text }), 'analysis', { get, enumerable: true }), rest) as unknown as AnalyzedExpression;
}

/**
 * Every expression of the model, analysed. From `lazyFrom` on (the shard the compile worker
 * checks, src/app/check-shards.ts) an expression is analysed only when a check reads it here.
 */
export function buildCheckContext(model: Model, lazyFrom = Infinity): CheckContext {
  const catalogue = buildCatalogue(model);
  const analyze = analyzer(catalogue);
  const expressions = collectExpressions(model).map((ref, i) => analyzed(ref, analyze, i >= lazyFrom));
  return { model, catalogue, expressions };
}

/** The expressions from `from` on, analysed, as a shard of the whole list (`offset`). */
export function buildShardContext(model: Model, from: number): CheckContext {
  const catalogue = buildCatalogue(model);
  const analyze = analyzer(catalogue);
  const expressions = collectExpressions(model).slice(from).map((ref) => analyzed(ref, analyze));
  return { model, catalogue, expressions, offset: from };
}
