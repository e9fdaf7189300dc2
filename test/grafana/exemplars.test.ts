// Exemplars on histogram panels: the trace ids Prometheus keeps with a histogram's buckets, drawn as
// points that link to the trace (the Prometheus data source's exemplar link, test/datasources).
import { describe, expect, it } from 'vitest';
import { dashboard, defineProject, histogram, histogramHeatmapPanel, quantilesPanel, scrapeJob, timeseriesPanel } from '../../src/index.js';
import { dashboardJson } from '../helpers/grafana.js';

const latency = histogram({ name: 'shop_latency_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 1], unit: 'seconds' });

function targetsOf(panels: Parameters<typeof dashboard>[0]['panels']) {
  const p = defineProject({
    name: 'shop',
    metrics: [latency],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8000'] })] },
    dashboards: [dashboard({ title: 'Shop', panels })],
    grafana: { tempo: {} },
  });
  const json = JSON.parse(dashboardJson(p, 'shop')) as { panels: Array<{ title: string; targets: Array<{ refId: string; exemplar?: boolean }> }> };
  return Object.fromEntries(json.panels.map((x) => [x.title, x.targets.map((t) => [t.refId, t.exemplar])]));
}

describe('exemplars on panels', () => {
  it('quantile and heatmap panels of a histogram ask for them with exemplars: true; a target with exemplar: true', () => {
    expect(
      targetsOf([
        quantilesPanel(latency, { title: 'Latência', exemplars: true }),
        histogramHeatmapPanel(latency, { title: 'Distribuição', exemplars: true }),
        timeseriesPanel({ title: 'p99', targets: [{ expr: 'histogram_quantile(0.99, sum by (le) (rate(shop_latency_seconds_bucket[$__rate_interval])))', exemplar: true }] }),
      ]),
    ).toEqual({
      'Latência': [['A', true], ['B', true], ['C', true]],
      'Distribuição': [['A', true]],
      p99: [['A', true]],
    });
  });

  it('are off unless asked (a query without exemplars writes no exemplar field)', () => {
    expect(targetsOf([quantilesPanel(latency, { title: 'Latência' })])).toEqual({ 'Latência': [['A', undefined], ['B', undefined], ['C', undefined]] });
  });
});
