/**
 * Issue 22: options the panel helpers write on every panel (the SDK builders' defaults) fit the
 * helpers; the same option with another value keeps the panel in sdkPanel, reported.
 */
import { describe, expect, it } from 'vitest';
import { dashboardSource, importDashboard } from '../../src/import/grafana.js';
import { oneLine } from '../helpers/imported.js';

const gauge = (minVizWidth: number) => ({
  type: 'gauge',
  title: `Disk ${minVizWidth}`,
  gridPos: { x: 0, y: 0, w: 6, h: 6 },
  options: { showThresholdLabels: false, showThresholdMarkers: true, sizing: 'auto', minVizWidth, minVizHeight: 75, orientation: 'auto', reduceOptions: { calcs: ['lastNotNull'], values: false } },
  targets: [{ expr: 'node_filesystem_avail_bytes', refId: 'A' }],
});
const stat = { type: 'stat', title: 'Up', options: { wideLayout: true, showPercentChange: false, percentChangeColorMode: 'standard', graphMode: 'area' }, targets: [{ expr: 'up', refId: 'A' }] };
const timeseries = { type: 'timeseries', title: 'Rate', options: { tooltip: { mode: 'single', sort: 'asc' } }, targets: [{ expr: 'rate(x_total[5m])', refId: 'A' }] };
// Grafana's default tooltip (sort: 'none') is not what the timeseries helper writes (sort: 'asc').
const unsorted = { type: 'timeseries', title: 'Unsorted', options: { tooltip: { mode: 'single', sort: 'none' } }, targets: [{ expr: 'rate(y_total[5m])', refId: 'A' }] };

describe('options every helper panel carries', () => {
  const imported = importDashboard({ title: 'Node', panels: [gauge(75), gauge(100), stat, timeseries, unsorted] });
  const flat = oneLine(dashboardSource(imported, 'node.json'));

  it('fit the helper when they are what it writes', () => {
    expect(flat).toContain("gaugePanel({ title: 'Disk 75', targets: [{ expr: 'node_filesystem_avail_bytes', refId: 'A' }], gridPos: { x: 0, y: 0, w: 6, h: 6 } })");
    expect(flat).toContain("statPanel({ title: 'Up', graphMode: 'area', targets: [");
    expect(flat).toContain("timeseriesPanel({ title: 'Rate', targets: [");
  });

  it('keep the panel in sdkPanel when they say something else', () => {
    expect(flat).toContain("sdkPanel({ type: 'gauge', title: 'Disk 100'");
    expect(flat).toContain("sdkPanel({ type: 'timeseries', title: 'Unsorted'");
    expect(imported.notes.filter((n) => n.status === 'raw').map((n) => n.message)).toEqual([
      'kept through sdkPanel (plugin gauge: options and field config as they are): the panel helpers cannot say options.minVizWidth',
      'kept through sdkPanel (plugin timeseries: options and field config as they are): the panel helpers cannot say options.tooltip',
    ]);
  });
});
