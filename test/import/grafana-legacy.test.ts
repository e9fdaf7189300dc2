// Old Angular panels (graph, singlestat, world map) on import: rewritten as today's panels, never
// kept as the sdkPanel of a type the schema refuses; what cannot be said is reported.
import { describe, expect, it } from 'vitest';
import { dashboardSource, importDashboard } from '../../src/import/grafana.js';
import { oneLine } from '../helpers/imported.js';

const legacy = {
  title: 'Legacy',
  uid: 'legacy',
  schemaVersion: 16,
  panels: [
    {
      id: 1, type: 'graph', title: 'Old graph', gridPos: { x: 0, y: 0, w: 12, h: 8 }, lines: true, linewidth: 2, stack: true,
      targets: [{ expr: 'sum by (code) (rate(http_requests_total[5m]))', refId: 'A', legendFormat: '{{code}}' }],
      yaxes: [{ format: 's', min: '0', max: null, logBase: 1 }, { format: 'short' }],
      legend: { show: true, alignAsTable: true, rightSide: true, avg: true, max: true },
      aliasColors: { '500': 'red' },
      seriesOverrides: [{ alias: '500', yaxis: 2 }],
    },
    {
      id: 2, type: 'singlestat', title: 'Old stat', gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [{ expr: 'sum(up)', refId: 'A' }],
      format: 'percent', valueName: 'current', thresholds: '50,80', colors: ['green', 'orange', 'red'], colorBackground: true,
      valueMaps: [{ op: '=', value: '0', text: 'DOWN' }], postfix: ' up',
    },
    { id: 3, type: 'grafana-worldmap-panel', title: 'Map', gridPos: { x: 0, y: 8, w: 24, h: 8 }, targets: [{ expr: 'up', refId: 'A' }] },
  ],
};

const imported = importDashboard(legacy);
const flat = oneLine(dashboardSource(imported, 'legacy.json'));

describe('import of old Angular panels', () => {
  it('writes no panel of an old type', () => {
    expect(flat).not.toMatch(/type: '(graph|singlestat|grafana-worldmap-panel)'/);
    expect(flat).not.toContain('sdkPanel');
  });

  it('rewrites graph as timeseries, keeping the left axis, stacking, legend and series colours', () => {
    expect(flat).toContain(
      "timeseriesPanel({ title: 'Old graph', legend: { show: true, mode: 'table', placement: 'right', calcs: ['mean', 'max'] }, unit: 's', min: 0, stack: true, overrides: [{ match: { name: '500' }, color: 'red' }], targets: [",
    );
    const notes = imported.notes.map((n) => `${n.status} ${n.path}: ${n.message}`);
    expect(notes).toContain('not-converted panels[0] "Old graph".seriesOverrides: the old series overrides (right axis, per-series drawing): left out; add overrides: [{ match, … }] to the panel');
    expect(notes.find((n) => n.startsWith('guessed panels[0] "Old graph":'))).toContain('rewritten as a timeseries panel');
  });

  it('rewrites singlestat as stat, with its unit, value, thresholds and mappings', () => {
    expect(flat).toContain(
      "statPanel({ title: 'Old stat', colorMode: 'background', graphMode: 'none', unit: 'percent', thresholds: [{ color: 'green' }, { value: 50, color: 'orange' }, { value: 80, color: 'red' }], mappings: [{ value: 0, text: 'DOWN' }], targets: [",
    );
    expect(imported.notes.map((n) => n.path)).toContain('panels[1] "Old stat".postfix');
  });

  it('leaves out a world map, saying why', () => {
    expect(flat).not.toContain("'Map'");
    expect(imported.notes).toContainEqual(expect.objectContaining({ status: 'not-converted', path: 'panels[2] "Map"' }));
  });
});
