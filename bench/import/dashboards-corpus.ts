/**
 * The dashboard import's round trip on a real dashboard set: kube-prometheus's
 * manifests/grafana-dashboardDefinitions.yaml (ConfigMaps holding dashboard JSON), read from a
 * local git copy at a pinned commit (bench/import/SOURCES.md). Each dashboard: import → the value
 * its definitions evaluate to → every stage of `generate` in memory → the regenerated JSON,
 * compared with the original (bench/import/dashboard-compare.ts).
 */
import { parse } from 'yaml';
import { fromProject } from '../../src/app/stages.js';
import { defineProject } from '../../src/api/project.js';
import type { Dashboard } from '../../src/api/dashboard.js';
import { evaluate } from '../../src/import/evaluate.js';
import { importDashboard, type DashboardImport } from '../../src/import/grafana.js';
import { compareDashboards, type DashboardDifference } from './dashboard-compare.js';
import { KUBE_PROMETHEUS, localCopy, readAt } from './mirrors.js';

type Json = Record<string, unknown>;

export interface DashboardInput {
  name: string;
  json: Json;
}

export function dashboardInputs(env: NodeJS.ProcessEnv = process.env): DashboardInput[] {
  const kp = localCopy(KUBE_PROMETHEUS, env);
  if (!kp) return [];
  const file = 'manifests/grafana-dashboardDefinitions.yaml';
  const list = parse(readAt(kp, KUBE_PROMETHEUS, file)) as { items?: Array<{ data?: Record<string, string> }> };
  const inputs: DashboardInput[] = [];
  for (const item of list.items ?? []) {
    for (const [name, text] of Object.entries(item.data ?? {})) inputs.push({ name: `${KUBE_PROMETHEUS.repo}@${KUBE_PROMETHEUS.commit.slice(0, 7)}:${name}`, json: JSON.parse(text) as Json });
  }
  return inputs;
}

/** The dashboard object the imported definitions file evaluates to. */
export function importedDashboard(imported: DashboardImport): Dashboard {
  const refs = new Map<string, unknown>();
  for (const d of imported.declarations) refs.set(d.name, evaluate(d.value, refs));
  return evaluate(imported.value, refs) as Dashboard;
}

export interface DashboardRoundTrip extends DashboardDifference {
  name: string;
  helperPanels: number;
  sdkPanels: number;
  notConverted: number;
  /** Error findings of the stages other than the catalogue's (unknown metric or label): what `import` writes as ignores. */
  errors: string[];
}

const CATALOGUE_CHECKS = new Set(['promql/unknown-metric', 'promql/unknown-label']);

export function roundTripDashboard(input: DashboardInput): DashboardRoundTrip {
  const imported = importDashboard(input.json);
  const dashboard = importedDashboard(imported);
  const project = defineProject({ name: 'imported', metrics: [], prometheus: { scrapeJobs: [] }, dashboards: [dashboard] });
  const result = fromProject(project, { entry: 'definitions/index.ts', templates: () => ({ templates: [], diagnostics: [] }), compileWithFindings: true });
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && !CATALOGUE_CHECKS.has(d.id)).map((d) => `${d.id}: ${d.message}`);
  const file = result.files?.find((f) => f.path.startsWith('grafana/dashboards/'));
  const regenerated = file ? (JSON.parse(file.content) as Json) : {};
  const panels = (dashboard.panels ?? []).flatMap((p) => (p.kind === 'row' ? p.panels : [p]));
  return {
    name: input.name,
    ...compareDashboards(input.json, regenerated),
    helperPanels: panels.filter((p) => p.type !== 'sdk').length,
    sdkPanels: panels.filter((p) => p.type === 'sdk').length,
    notConverted: imported.notes.filter((n) => n.status === 'not-converted').length,
    errors: file ? errors : [...errors, 'no dashboard generated'],
  };
}

/** The README's summary: one row for the set, and with `list` one row per dashboard. */
export function dashboardsTable(rows: readonly DashboardRoundTrip[], list = false): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  const sum = (rs: readonly DashboardRoundTrip[], f: (r: DashboardRoundTrip) => number) => rs.reduce((n, r) => n + f(r), 0);
  const findings = (rs: readonly DashboardRoundTrip[]) => {
    const counts = new Map<string, number>();
    for (const r of rs) for (const e of r.errors) counts.set(e.split(':')[0]!, (counts.get(e.split(':')[0]!) ?? 0) + 1);
    return [...counts].sort().map(([id, n]) => `\`${id}\` ${n}`).join(', ') || 'none';
  };
  const row = (name: string, rs: readonly DashboardRoundTrip[]) =>
    line([
      name,
      rs.length,
      `${sum(rs, (r) => r.panelsEqual)} of ${sum(rs, (r) => r.panels)}`,
      `${sum(rs, (r) => r.queriesEqual)} of ${sum(rs, (r) => r.queries)}`,
      `${sum(rs, (r) => r.variablesEqual)} of ${sum(rs, (r) => r.variables)}`,
      sum(rs, (r) => r.helperPanels),
      sum(rs, (r) => r.sdkPanels),
      findings(rs),
    ]);
  const out = [
    line(['dashboard set', 'dashboards', 'panels round-trip equal', 'queries equal', 'variables equal', 'panel helpers', 'needed raw (sdkPanel)', 'findings (written as ignores)']),
    line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  const repo = rows[0]?.name.slice(0, rows[0].name.indexOf(':')) ?? '';
  out.push(row(`${repo} grafana-dashboardDefinitions.yaml`, rows));
  if (list) for (const r of rows) out.push(row(r.name, [r]));
  return out.join('\n');
}
