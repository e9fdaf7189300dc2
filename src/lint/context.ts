import type { Model } from '../model/types.js';
import { buildCatalogue } from '../model/catalogue.js';
import { collectExpressions } from '../model/expressions.js';
import { analyzePromql } from '../promql/analyze.js';
import type { CheckContext } from './check.js';

// Grafana macros are not PromQL; they are replaced by a plausible value of the same kind, with the
// same length where possible so that columns in messages still line up with the panel query.
const GRAFANA_DURATIONS = /\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g;
const GRAFANA_VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}?/g;

export function substituteGrafanaVariables(expr: string): string {
  return substituteWithSpans(expr).text;
}

/** The substituted text, and where in it each substituted variable now stands. */
export function substituteWithSpans(expr: string): { text: string; variables: Array<{ from: number; to: number }> } {
  const durations = expr.replace(GRAFANA_DURATIONS, '5m');
  const variables: Array<{ from: number; to: number }> = [];
  const text = durations.replace(GRAFANA_VARIABLE, (m, _name: string, offset: number) => {
    variables.push({ from: offset, to: offset + m.length });
    return m.replace(/[^A-Za-z0-9_]/g, '_');
  });
  return { text, variables };
}

export function buildCheckContext(model: Model): CheckContext {
  const catalogue = buildCatalogue(model);
  // The same query often appears on many dashboards: each distinct text is parsed once.
  const analyses = new Map<string, ReturnType<typeof analyzePromql>>();
  const expressions = collectExpressions(model).map((ref) => {
    const { text, variables } = ref.context === 'panel' ? substituteWithSpans(ref.expr) : { text: ref.expr, variables: [] };
    let analysis = analyses.get(text);
    if (!analysis) analyses.set(text, (analysis = analyzePromql(text, catalogue.lookup)));
    return { ...ref, text, analysis, variables };
  });
  return { model, catalogue, expressions };
}
