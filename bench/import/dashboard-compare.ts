/**
 * What "the same dashboard" means for the import's round trip: the same panels in the same
 * order (type, title, and position for panels; rows by title), the same queries (PromQL equal
 * after normalisation: both parsed, Grafana variables substituted, the trees compared) with the
 * same legends, and the same variables (name, type, query). Differences are listed, not scored.
 */
import { substituteGrafanaVariables } from '../../src/promql/grafana-variables.js';
import { canonicalPromql } from '../../src/promql/canonical.js';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The expression's syntax tree (src/promql/canonical.ts), Grafana's variables substituted so that it parses. */
export function promqlShape(expr: string): string {
  return canonicalPromql(substituteGrafanaVariables(expr)) ?? `unparsed:${expr.replace(/\s+/g, '')}`;
}

/** Every panel in reading order: rows, then the panels a collapsed row holds. */
function flatPanels(dashboard: Json): Json[] {
  const out: Json[] = [];
  for (const p of Array.isArray(dashboard['panels']) ? dashboard['panels'] : []) {
    if (!isJson(p)) continue;
    out.push(p);
    for (const q of Array.isArray(p['panels']) ? p['panels'] : []) if (isJson(q)) out.push(q);
  }
  return out;
}

export interface PanelView {
  type: string;
  title: string;
  gridPos?: string;
  queries: Array<{ expr: string; legend: string }>;
}

export function panelView(p: Json): PanelView {
  const g = isJson(p['gridPos']) ? p['gridPos'] : undefined;
  return {
    type: String(p['type']),
    title: String(p['title'] ?? ''),
    ...(g && p['type'] !== 'row' ? { gridPos: `${String(g['x'] ?? 0)},${String(g['y'] ?? 0)} ${String(g['w'])}x${String(g['h'])}` } : {}),
    queries: (Array.isArray(p['targets']) ? p['targets'] : [])
      .filter((t): t is Json => isJson(t) && typeof t['expr'] === 'string')
      .map((t) => ({ expr: promqlShape(t['expr'] as string), legend: typeof t['legendFormat'] === 'string' ? t['legendFormat'] : '' })),
  };
}

function variables(dashboard: Json): string[] {
  const list = isJson(dashboard['templating']) && Array.isArray(dashboard['templating']['list']) ? dashboard['templating']['list'] : [];
  return list
    .filter((v): v is Json => isJson(v) && v['type'] !== 'datasource')
    .map((v) => `${String(v['name'])} ${String(v['type'])} ${JSON.stringify(isJson(v['query']) ? v['query']['query'] : (v['query'] ?? ''))}`);
}

export interface DashboardDifference {
  panels: number;
  panelsEqual: number;
  queries: number;
  queriesEqual: number;
  variables: number;
  variablesEqual: number;
  /** What differs, one line each. */
  differences: string[];
}

export function compareDashboards(original: Json, regenerated: Json): DashboardDifference {
  const a = flatPanels(original).map(panelView);
  const b = flatPanels(regenerated).map(panelView);
  const differences: string[] = [];
  let panelsEqual = 0;
  let queries = 0;
  let queriesEqual = 0;
  a.forEach((pa, i) => {
    const pb = b[i];
    queries += pa.queries.length;
    if (!pb) return differences.push(`panel ${i} "${pa.title}": missing`);
    const same = pa.type === pb.type && pa.title === pb.title && pa.gridPos === pb.gridPos;
    if (same) panelsEqual++;
    else differences.push(`panel ${i} "${pa.title}": ${pa.type} ${pa.gridPos ?? ''} → "${pb.title}" ${pb.type} ${pb.gridPos ?? ''}`);
    pa.queries.forEach((q, j) => {
      const r = pb.queries[j];
      if (r && r.expr === q.expr && r.legend === q.legend) queriesEqual++;
      else differences.push(`panel ${i} "${pa.title}" query ${j}: differs`);
    });
  });
  if (b.length > a.length) differences.push(`${b.length - a.length} panel(s) more than the original`);
  const va = variables(original);
  const vb = variables(regenerated);
  const variablesEqual = va.filter((v, i) => vb[i] === v).length;
  va.forEach((v, i) => {
    if (vb[i] !== v) differences.push(`variable ${i}: ${v} → ${vb[i] ?? 'missing'}`);
  });
  return { panels: a.length, panelsEqual, queries, queriesEqual, variables: va.length, variablesEqual, differences };
}
