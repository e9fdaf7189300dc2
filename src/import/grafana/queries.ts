/**
 * The PromQL a dashboard runs, for the catalogue inference: every panel query, every annotation
 * query, and the series its query variables list (`label_values(sel, label)` reads `sel` and its
 * label; `query_result(expr)` runs `expr`). Grafana's variables and macros become plausible values
 * (src/promql/grafana-variables.ts) so that the expressions parse.
 */
import { substituteWithSpans } from '../../promql/grafana-variables.js';
import { isJson, type Json } from './field-config.js';

/** What a variable query runs, as PromQL: `label_values(up{job="x"}, instance)` → `count by (instance) (up{job="x"})`. */
export function variableQueryExpr(query: string): string | undefined {
  const labelValues = /^\s*label_values\(\s*(.+?)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$/s.exec(query);
  if (labelValues) return `count by (${labelValues[2]}) (${labelValues[1]})`;
  const result = /^\s*query_result\(\s*(.+)\s*\)\s*$/s.exec(query);
  return result ? result[1] : undefined;
}

function panelsOf(list: unknown): Json[] {
  return (Array.isArray(list) ? list : []).filter(isJson).flatMap((p) => [p, ...panelsOf(p['panels'])]);
}

/**
 * The dashboard's queries as parseable PromQL, and the names its variables became there
 * (`$quantile` → `_quantile`): the inference must not take those for metrics.
 */
export function dashboardQueries(input: Json): { exprs: string[]; placeholders: string[] } {
  const json = isJson(input['dashboard']) ? input['dashboard'] : input;
  const exprs: string[] = [];
  for (const panel of panelsOf(json['panels'])) {
    for (const t of Array.isArray(panel['targets']) ? panel['targets'] : []) if (isJson(t) && typeof t['expr'] === 'string') exprs.push(t['expr']);
  }
  const annotations = isJson(json['annotations']) && Array.isArray(json['annotations']['list']) ? json['annotations']['list'] : [];
  for (const a of annotations) if (isJson(a) && typeof a['expr'] === 'string' && a['expr'] !== '') exprs.push(a['expr']);
  const variables = isJson(json['templating']) && Array.isArray(json['templating']['list']) ? json['templating']['list'] : [];
  for (const v of variables) {
    if (!isJson(v) || v['type'] !== 'query') continue;
    const query = isJson(v['query']) ? v['query']['query'] : v['query'];
    const expr = typeof query === 'string' ? variableQueryExpr(query) : undefined;
    if (expr) exprs.push(expr);
  }
  const placeholders: string[] = [];
  const substituted = exprs
    .filter((e) => e.trim() !== '')
    .map((e) => {
      const { text, variables } = substituteWithSpans(e);
      placeholders.push(...variables.map((v) => text.slice(v.from, v.to)));
      return text;
    });
  return { exprs: substituted, placeholders };
}
