// The typed escape hatch (#21): a panel built with the Grafana Foundation SDK in the definitions keeps
// what the SDK built, while its queries are checked and its layout is ours.
import { describe, expect, it } from 'vitest';
import * as xychart from '@grafana/grafana-foundation-sdk/xychart';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import { counter, dashboard, defineProject, gauge, scrapeJob, sdkPanel, statPanel, type Dashboard, type GrafanaPanelJson } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { runOn } from '../helpers/model.js';
import { pinned } from '../helpers/alertmanager.js';
import { dashboardJson } from '../helpers/grafana.js';

const temperature = gauge({ name: 'room_temperature_celsius', help: 'Temperature.', labels: ['room'] });
const power = counter({ name: 'room_power_joules_total', help: 'Energy.', labels: ['room'] });

function project(dashboards: Dashboard[]) {
  return defineProject({ name: 'rooms', metrics: [temperature, power], prometheus: { scrapeJobs: [scrapeJob({ name: 'rooms', targets: ['r:1'] })] }, dashboards });
}

const scatter = () =>
  new xychart.PanelBuilder()
    .title('Temperatura × potência')
    .description('One point per room.')
    .fillOpacity(50)
    .withTarget(new prometheus.DataqueryBuilder().expr(`avg by (room) (${temperature})`).legendFormat('{{room}}').instant())
    .withTarget(new prometheus.DataqueryBuilder().expr(`sum by (room) (rate(${power}[5m]))`).legendFormat('{{room}}').instant());

const rooms = dashboard({ title: 'Rooms', panels: [statPanel({ title: 'Rooms', targets: [{ expr: `count(${temperature})` }] }), sdkPanel(scatter(), { width: 18 })] });

describe('sdkPanel', () => {
  it("keeps the SDK's plugin type and options, and gives the panel our id, layout, data source and queries", () => {
    const json = JSON.parse(dashboardJson(project([rooms]), 'rooms')) as { panels: Array<Record<string, unknown>> };
    const built = scatter().build();
    const panel = json.panels[1]!;
    expect(panel).toMatchObject({
      type: 'xychart',
      id: 2,
      title: 'Temperatura × potência',
      description: 'One point per room.',
      gridPos: { x: 6, y: 0, w: 18, h: 8 },
      datasource: { type: 'prometheus', uid: '${datasource}' },
      options: JSON.parse(JSON.stringify(built.options)),
    });
    expect(panel.targets).toEqual([
      { expr: 'avg by (room) (room_temperature_celsius)', refId: 'A', datasource: { type: 'prometheus', uid: '${datasource}' }, format: 'time_series', legendFormat: '{{room}}', instant: true, range: false },
      { expr: 'sum by (room) (rate(room_power_joules_total[5m]))', refId: 'B', datasource: { type: 'prometheus', uid: '${datasource}' }, format: 'time_series', legendFormat: '{{room}}', instant: true, range: false },
    ]);
  });

  it('takes the SDK panel JSON too, typed as the SDK types it', () => {
    const fromJson: GrafanaPanelJson = { type: 'news', title: 'Notícias', options: { feedUrl: 'https://example.com/feed' } };
    const d = dashboard({ title: 'News', panels: [sdkPanel(fromJson)] });
    const json = JSON.parse(dashboardJson(project([d]), 'news')) as { panels: Array<Record<string, unknown>> };
    expect(json.panels[0]).toMatchObject({ type: 'news', title: 'Notícias', options: { feedUrl: 'https://example.com/feed' } });
  });

  it("checks the SDK panel's queries like any other", () => {
    const check = CHECKS.find((c) => c.id === 'promql/unknown-metric')!;
    const bad = sdkPanel(new xychart.PanelBuilder().title('Bad').withTarget(new prometheus.DataqueryBuilder().expr('room_temprature_celsius')));
    const found = runOn(project([dashboard({ title: 'Rooms', panels: [bad] })]), [check]).map(pinned);
    expect(found.map((f) => f.path)).toEqual([['dashboards', 'Rooms', 'panels', 'Bad', 'targets[0]', 'expr']]);
  });

  it('matches the golden file', async () => {
    await expect(dashboardJson(project([rooms]), 'rooms')).toMatchFileSnapshot('./__golden__/features/sdk-panel.json');
  });
});
