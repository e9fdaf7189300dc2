import { describe, expect, it } from 'vitest';
import { histogram, re, slo } from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import { runOn } from '../helpers/model.js';
import { compileProject, requests, sloProject } from './helpers.js';

const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', buckets: [0.25, 1], unit: 'seconds' });
const slos = [
  slo({ name: 'availability', service: 'app', objective: 99.9, sli: { errors: requests.select({ code: re('5..') }), total: requests }, alerting: { name: 'AppBudgetBurn' } }),
  slo({ name: 'latency', service: 'app', objective: 99, window: '28d', sli: { latency, threshold: 1 }, alerting: { name: 'AppSlow', ticket: false } }),
];

type Panel = { type: string; title: string; targets?: Array<{ expr: string; legendFormat?: string }>; panels?: Panel[] };

describe('the SLO dashboard', () => {
  const { model, files } = compileProject(sloProject(slos, [requests, latency]));
  const json = JSON.parse(files.find((f) => f.path === 'grafana/dashboards/slos.json')!.content) as { title: string; uid: string; panels: Panel[] };

  it('has a row per SLO: SLI now and over the window, budget left, burn rate per window, alert state', () => {
    expect(json.title).toBe('SLOs');
    const rows = json.panels.filter((p) => p.type === 'row').map((p) => p.title);
    expect(rows).toEqual(['app · availability: 99.9% over 30d', 'app · latency: 99% over 28d']);
    const first = json.panels.slice(1, 6);
    expect(first.map((p) => [p.type, p.title])).toEqual([
      ['stat', 'SLI (5m)'],
      ['stat', 'SLI (30d)'],
      ['stat', 'Error budget remaining (30d)'],
      ['timeseries', 'Burn rate'],
      ['timeseries', 'Alerts'],
    ]);
    const m = '{service="app",slo="availability"}';
    expect(first.map((p) => p.targets!.map((t) => t.expr))).toEqual([
      [`1 - slo:sli_error:ratio_rate5m${m}`],
      [`1 - slo:sli_error:ratio_rate30d${m}`],
      [`slo:error_budget_remaining:ratio${m}`],
      ['5m', '1h', '30m', '6h', '2h', '1d', '3d'].map((w) => `slo:sli_error:ratio_rate${w}${m} / 0.001`),
      [`ALERTS{alertname="AppBudgetBurn",service="app",slo="availability",alertstate="firing"}`],
    ]);
    // The latency SLO has no ticket alert: only the page's windows.
    expect(json.panels[10]!.targets!.map((t) => t.legendFormat)).toEqual(['5m', '1h', '30m', '6h']);
  });

  it('goes through every check like a definition: none fires', () => {
    expect(model.dashboards.map((d) => d.uid)).toEqual(['slos']);
    const found = runOn(sloProject(slos, [requests, latency]), CHECKS).filter((d) => d.path?.[0] === 'dashboards');
    expect(found).toEqual([]);
  });

  it('is not there without SLOs', () => {
    expect(compileProject(sloProject([])).files.some((f) => f.path.startsWith('grafana/dashboards/'))).toBe(false);
  });
});
