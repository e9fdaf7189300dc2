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
  return expr.replace(GRAFANA_DURATIONS, '5m').replace(GRAFANA_VARIABLE, (m) => m.replace(/[^A-Za-z0-9_]/g, '_'));
}

export function buildCheckContext(model: Model): CheckContext {
  const catalogue = buildCatalogue(model);
  // The same query often appears on many dashboards: each distinct text is parsed once.
  const analyses = new Map<string, ReturnType<typeof analyzePromql>>();
  const expressions = collectExpressions(model).map((ref) => {
    const text = ref.context === 'panel' ? substituteGrafanaVariables(ref.expr) : ref.expr;
    let analysis = analyses.get(text);
    if (!analysis) analyses.set(text, (analysis = analyzePromql(text, catalogue.lookup)));
    return { ...ref, text, analysis };
  });
  return { model, catalogue, expressions };
}
