/**
 * Issue 22: Grafana logs panels (Loki) and traces panels (Tempo TraceQL, trace id, Jaeger search)
 * → logsPanel / tracesPanel where everything the panel says fits them, on the dashboard's
 * ${loki}/${tempo}/${jaeger} data source variables; sdkPanel otherwise, reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromProject } from '../../src/app/stages.js';
import { defineProject } from '../../src/api/project.js';
import { dashboardSource, importDashboard } from '../../src/import/grafana.js';
import { importedDashboard } from '../../bench/import/dashboards-corpus.js';
import { FIXTURES } from '../helpers/cli.js';
import { oneLine } from '../helpers/imported.js';

const original = JSON.parse(readFileSync(path.join(FIXTURES, 'import', 'grafana', 'logs-traces.json'), 'utf8')) as Record<string, unknown>;
const imported = importDashboard(original);
const flat = oneLine(dashboardSource(imported, 'logs-traces.json'));

type Panel = Record<string, unknown> & { targets?: Array<Record<string, unknown>> };
function regenerated(): { panels: Panel[]; templating: { list: Array<Record<string, unknown>> } } {
  const project = defineProject({
    name: 'shop', metrics: [], prometheus: { scrapeJobs: [] }, dashboards: [importedDashboard(imported)],
    grafana: { loki: {}, tempo: {}, jaeger: {} },
  });
  const result = fromProject(project, { entry: 'definitions/index.ts', templates: () => ({ templates: [], diagnostics: [] }), compileWithFindings: true });
  const file = result.files?.find((f) => f.path === 'grafana/dashboards/shop-logs-traces.json');
  return JSON.parse(file?.content ?? '{}') as ReturnType<typeof regenerated>;
}

describe('Grafana logs and traces panels import', () => {
  it('a logs panel on a Loki query becomes logsPanel with its display options', () => {
    expect(flat).toContain(
      "logsPanel({ title: 'Checkout errors', expr: '{app=\"shop\"} |= \"checkout\" | logfmt | level=\"error\"', maxLines: 500, dedup: 'exact', wrap: true, order: 'oldest', showTime: false, showLabels: true, gridPos: { x: 0, y: 0, w: 24, h: 8 } })",
    );
  });

  it('a TraceQL search, a trace id and a Jaeger search become tracesPanel', () => {
    expect(flat).toContain("tracesPanel({ title: 'Slow checkouts', query: { traceql: '{ name = \"checkout\" && duration > 2s }', limit: 50 }, gridPos: { x: 0, y: 8, w: 12, h: 8 } })");
    expect(flat).toContain("tracesPanel({ title: 'One trace', query: { traceId: '$traceId' }, datasource: { type: 'jaeger', uid: '${jaeger}' }, gridPos: { x: 12, y: 8, w: 12, h: 8 } })");
    expect(flat).toContain("tracesPanel({ title: 'Cart searches', query: { service: 'cart', operation: 'add', minDuration: '500ms' }, gridPos: { x: 0, y: 16, w: 12, h: 8 } })");
  });

  it('what logsPanel cannot say keeps the panel through sdkPanel, reported', () => {
    expect(flat).toContain("sdkPanel({ type: 'logs', title: 'Logs with common labels'");
    const raw = imported.notes.filter((n) => n.status === 'raw').map((n) => n.message);
    expect(raw).toContain('kept through sdkPanel (plugin logs: options and field config as they are): the panel helpers cannot say options.showCommonLabels');
    // Its Loki query is reported as left out (sdkPanel carries Prometheus queries only).
    expect(imported.notes.map((n) => n.path)).toContain('panels[4] "Logs with common labels".targets[0]');
    // The converted panels' queries are not reported.
    expect(imported.notes.filter((n) => /panels\[[0-3]\]/.test(n.path))).toEqual([]);
  });

  it('round trip: the regenerated panels run the same queries on the same data source variables', () => {
    const got = regenerated();
    const wanted = original['panels'] as Panel[];
    for (const i of [0, 1, 2, 3]) {
      const g = got.panels[i]!;
      const w = wanted[i]!;
      expect({ type: g['type'], title: g['title'], gridPos: g['gridPos'], datasource: g['datasource'] }, String(w['title'])).toEqual({
        type: w['type'], title: w['title'], gridPos: w['gridPos'], datasource: w['datasource'],
      });
      expect(g.targets?.[0], String(w['title'])).toMatchObject(w.targets![0]!);
    }
    expect(got.panels[0]!['options']).toMatchObject((wanted[0]!['options'] ?? {}) as Record<string, unknown>);
    const sources = got.templating.list.filter((v) => v['type'] === 'datasource').map((v) => v['name']);
    expect(sources).toEqual(expect.arrayContaining(['loki', 'tempo', 'jaeger']));
  });
});
