import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromProject } from '../../src/app/stages.js';
import { defineProject } from '../../src/api/project.js';
import { dashboardSource, importDashboard } from '../../src/import/grafana.js';
import { compareDashboards } from '../../bench/import/dashboard-compare.js';
import { importedDashboard } from '../../bench/import/dashboards-corpus.js';
import { FIXTURES } from '../helpers/cli.js';
import { oneLine, runStages, writeDefinitions } from '../helpers/imported.js';
import { typecheckDefinitions } from '../helpers/typecheck.js';

const original = JSON.parse(readFileSync(path.join(FIXTURES, 'import', 'grafana', 'shop.json'), 'utf8')) as Record<string, unknown>;
const imported = importDashboard(original);
const source = dashboardSource(imported, 'shop.json');
const flat = oneLine(source);
const regeneratedFrom = (files: ReadonlyArray<{ path: string; content: string }> | undefined) =>
  JSON.parse(files?.find((f) => f.path === 'grafana/dashboards/shop-checkout.json')?.content ?? '{}') as Record<string, unknown>;

describe('Grafana dashboard import', () => {
  it('uses the panel helpers where everything the panel says fits them', () => {
    expect(flat).toContain("textPanel({ title: 'About', mode: 'markdown', content: 'Checkout of the **shop**.', gridPos: { x: 0, y: 0, w: 24, h: 3 } })");
    expect(flat).toContain("timeseriesPanel({ title: 'Requests', legend: { mode: 'table', placement: 'right', show: true, calcs: ['mean'] }, unit: 'reqps', min: 0,");
    expect(flat).toContain("overrides: [{ match: { name: 'errors' }, color: 'red' }]");
    expect(flat).toContain("statPanel({ title: 'Orders today', reduce: 'sum', colorMode: 'background', graphMode: 'none', repeat: { variable: clusterVariable },");
    expect(flat).toContain("tablePanel({ title: 'Slowest', transformations: [{ type: 'organize', exclude: ['Time'], rename: { Value: 'seconds' } }], targets: [{ expr: 'topk(5, shop_checkout_seconds)', instant: true, refId: 'A' }]");
    expect(flat).toContain("row({ title: 'Details', collapsed: true, panels: [");
  });

  it('keeps the other panels through sdkPanel, saying what the helpers lack', () => {
    expect(flat).toContain("sdkPanel({ type: 'timeseries', title: 'Latency', fieldConfig: { defaults: { unit: 's', custom: { spanNulls: true } } }, targets: [");
    const raw = imported.notes.filter((n) => n.status === 'raw').map((n) => n.message);
    expect(raw).toContain('kept through sdkPanel (plugin timeseries: options and field config as they are): the panel helpers cannot say fieldConfig.defaults.custom.spanNulls');
  });

  it('rewrites an old graph panel as a timeseries panel (Grafana no longer draws graph), saying so', () => {
    expect(flat).not.toContain("type: 'graph'");
    expect(flat).toContain("timeseriesPanel({ title: 'Legacy graph', targets: [{ expr: 'sum(shop_cart_items)', refId: 'A' }], gridPos: { x: 0, y: 21, w: 24, h: 8 } })");
    expect(imported.notes).toContainEqual({
      status: 'guessed',
      path: 'panels[4].panels[2] "Legacy graph"',
      message: "the old graph panel, which today's Grafana no longer draws, rewritten as a timeseries panel (as Grafana's migration does); its drawing (lines) is the new panel's default: review it",
    });
  });

  it('reports what neither can carry, each at its place in the JSON', () => {
    const notConverted = imported.notes.filter((n) => n.status === 'not-converted').map((n) => n.path);
    expect(notConverted).toEqual(
      expect.arrayContaining([
        'panels[3] "Latency".interval',
        'panels[2] "Requests".targets[1].intervalFactor',
        'templating.list[2] "instance".allValue',
        'panels[4].panels[2] "Legacy graph".targets[1]',
      ]),
    );
  });

  it('round trip: the regenerated dashboard has the same panels, positions, queries and variables', () => {
    const project = defineProject({ name: 'shop', metrics: [], prometheus: { scrapeJobs: [] }, dashboards: [importedDashboard(imported)] });
    const result = fromProject(project, { entry: 'definitions/index.ts', templates: () => ({ templates: [], diagnostics: [] }), compileWithFindings: true });
    const diff = compareDashboards(original, regeneratedFrom(result.files));
    // The old graph panel comes back as what Grafana migrates it to.
    expect(diff.differences).toEqual(['panel 7 "Legacy graph": graph 0,21 24x8 → "Legacy graph" timeseries 0,21 24x8']);
    expect(diff).toMatchObject({ panels: 8, panelsEqual: 7, queries: 6, queriesEqual: 6, variables: 4, variablesEqual: 4 });
  });

  it('a changed query or position shows in the comparison (it can fail)', () => {
    const changed = structuredClone(original) as { panels: Array<{ gridPos: { x: number }; targets?: Array<{ expr: string }> }> };
    changed.panels[2]!.targets![0]!.expr = 'sum by (code) (rate(shop_http_requests_total[5m]))';
    changed.panels[3]!.gridPos.x = 0;
    const project = defineProject({ name: 'shop', metrics: [], prometheus: { scrapeJobs: [] }, dashboards: [importedDashboard(imported)] });
    const result = fromProject(project, { entry: 'definitions/index.ts', templates: () => ({ templates: [], diagnostics: [] }), compileWithFindings: true });
    const diff = compareDashboards(changed, regeneratedFrom(result.files));
    expect(diff.panelsEqual).toBe(6);
    expect(diff.queriesEqual).toBe(5);
  });

  it('writes a definitions file that type-checks and, loaded, generates what the evaluated value does', async () => {
    const index = [
      "import { defineProject } from 'totem-mon';",
      `import { ${imported.exportName} } from './shop.js';`,
      '',
      `export default defineProject({ name: 'shop', metrics: [], prometheus: { scrapeJobs: [] }, dashboards: [${imported.exportName}] });`,
      '',
    ].join('\n');
    const definitions = writeDefinitions({ 'shop.ts': source, 'index.ts': index });
    const loaded = await runStages(definitions);
    expect(loaded.diagnostics.filter((d) => d.id === 'schema' || d.id.startsWith('load'))).toEqual([]);
    const project = defineProject({ name: 'shop', metrics: [], prometheus: { scrapeJobs: [] }, dashboards: [importedDashboard(imported)] });
    const inMemory = fromProject(project, { entry: 'definitions/index.ts', templates: () => ({ templates: [], diagnostics: [] }), compileWithFindings: true });
    const withFindings = await (await import('../../src/app/stages.js')).fromDefinitions({ definitions, compileWithFindings: true });
    const strip = (d: Record<string, unknown>) => ({ ...d, description: undefined });
    expect(strip(regeneratedFrom(withFindings.files))).toEqual(strip(regeneratedFrom(inMemory.files)));
    expect(typecheckDefinitions(definitions)).toEqual([]);
  }, 120_000);
});
