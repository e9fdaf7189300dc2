import { describe, expect, it } from 'vitest';
import {
  counter, dashboard, defineProject, gauge, histogram, row, scrapeJob, statPanel, tablePanel, timeseriesPanel,
  type Dashboard, type Panel, type Row,
} from '../../src/index.js';
import { CHECKS } from '../../src/lint/index.js';
import type { Check } from '../../src/lint/check.js';
import { runOn } from '../helpers/model.js';

const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['code'] });
const queue = gauge({ name: 'app_queue_length', help: 'Queue.' });
const latency = histogram({ name: 'app_latency_seconds', help: 'Latency.', buckets: [0.1, 1] });

function project(dashboards: Dashboard[]) {
  return defineProject({
    name: 'test',
    metrics: [requests, queue, latency],
    prometheus: { global: { scrapeInterval: '15s' }, scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
    dashboards,
  });
}

const panel = (title: string, expr: string, extra: Partial<Parameters<typeof timeseriesPanel>[0]> = {}): Panel =>
  timeseriesPanel({ title, targets: [{ expr }], ...extra });
const board = (title: string, panels: Array<Panel | Row>, extra: Partial<Parameters<typeof dashboard>[0]> = {}): Dashboard =>
  dashboard({ title, panels, ...extra });
const ok = panel('Fila', 'app_queue_length');

function check(id: string): Check {
  const found = CHECKS.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

interface Case {
  id: string;
  fires: Dashboard[];
  quiet: Dashboard[];
  says: string;
}

const cases: Case[] = [
  { id: 'dashboard/uid', fires: [board('Vendas', [ok]), board('Vendas!', [ok])], quiet: [board('Vendas', [ok]), board('Vendas!', [ok], { uid: 'vendas-2' })], says: 'same uid "vendas"' },
  { id: 'dashboard/uid', fires: [board('A', [ok], { uid: 'x'.repeat(41) })], quiet: [board('A', [ok], { uid: 'x'.repeat(40) })], says: 'at most 40' },
  { id: 'dashboard/uid', fires: [board('A', [ok], { uid: 'vendas/2024' })], quiet: [board('A', [ok], { uid: 'vendas_2024' })], says: 'characters other than' },
  {
    id: 'dashboard/datasource-variable',
    fires: [board('A', [panel('Fila', 'app_queue_length', { datasource: { type: 'prometheus', uid: 'prod-prom' } })])],
    quiet: [board('A', [panel('Fila', 'app_queue_length', { datasource: { type: 'prometheus', uid: '${datasource}' } })])],
    says: 'fixed data source "prod-prom"',
  },
  {
    id: 'dashboard/datasource-variable',
    fires: [board('A', [timeseriesPanel({ title: 'Fila', targets: [{ expr: 'app_queue_length', datasource: { type: 'loki', uid: 'logs' } }] })])],
    quiet: [board('A', [timeseriesPanel({ title: 'Fila', targets: [{ expr: 'app_queue_length' }] })])],
    says: 'loki data source',
  },
  {
    id: 'dashboard/counter-without-rate',
    fires: [board('A', [tablePanel({ title: 'Top', targets: [{ expr: 'topk(5, sum by (code) (app_requests_total))' }] })])],
    quiet: [board('A', [tablePanel({ title: 'Top', targets: [{ expr: 'topk(5, sum by (code) (increase(app_requests_total[$__range])))' }] })])],
    says: 'raw value of counter "app_requests_total"',
  },
  {
    id: 'dashboard/counter-without-rate',
    fires: [board('A', [panel('Soma', 'sum(app_latency_seconds_sum)')])],
    quiet: [board('A', [panel('Soma', 'sum(rate(app_latency_seconds_sum[$__rate_interval]))'), panel('Fila', 'sum(app_queue_length)')])],
    says: '"app_latency_seconds_sum"',
  },
  {
    id: 'dashboard/layout-overlap',
    fires: [board('A', [panel('Fila', 'app_queue_length', { gridPos: { x: 0, y: 0, w: 12, h: 8 } }), panel('Erros', 'app_queue_length', { gridPos: { x: 6, y: 4, w: 12, h: 8 } })])],
    quiet: [board('A', [panel('Fila', 'app_queue_length', { gridPos: { x: 0, y: 0, w: 12, h: 8 } }), panel('Erros', 'app_queue_length', { gridPos: { x: 12, y: 0, w: 12, h: 8 } })])],
    says: 'overlaps panel Fila',
  },
  {
    id: 'dashboard/layout-overlap',
    fires: [board('A', [panel('Erros', 'app_queue_length', { gridPos: { x: 16, y: 0, w: 12, h: 8 } })])],
    quiet: [board('A', [panel('Erros', 'app_queue_length', { gridPos: { x: 12, y: 0, w: 12, h: 8 } })])],
    says: 'past the 24 columns',
  },
  {
    id: 'dashboard/layout-overlap',
    // The row header is at y=8, below Fila; a collapsed row's panels are checked against it too.
    fires: [board('A', [ok, row({ title: 'Detalhes', collapsed: true, panels: [panel('Erros', 'app_queue_length', { gridPos: { x: 0, y: 8, w: 12, h: 8 } })] })])],
    quiet: [board('A', [ok, row({ title: 'Detalhes', collapsed: true, panels: [panel('Erros', 'app_queue_length', { gridPos: { x: 0, y: 9, w: 12, h: 8 } })] })])],
    says: 'overlaps row Detalhes',
  },
  {
    id: 'dashboard/layout-overlap',
    fires: [
      board('A', [ok, row({ title: 'Detalhes', panels: [panel('Erros', 'app_queue_length', { gridPos: { x: 12, y: 0, w: 12, h: 8 } })] })]),
      board('B', [ok, row({ title: 'Detalhes', collapsed: true, panels: [panel('Erros', 'app_queue_length', { gridPos: { x: 12, y: 0, w: 12, h: 8 } })] })]),
    ],
    quiet: [board('A', [ok, row({ title: 'Detalhes', panels: [panel('Erros', 'app_queue_length', { gridPos: { x: 12, y: 9, w: 12, h: 8 } })] })])],
    says: 'panel Erros of row Detalhes (dashboard B) is placed above its row header (gridPos y=0, the row is at y=8)',
  },
];

describe('each dashboard check fires on its mistake and stays quiet on the fix', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.says}`, () => {
      const fired = runOn(project(c.fires), [check(c.id)]);
      expect(fired.length, `expected ${c.id} to fire`).toBeGreaterThan(0);
      expect(fired.map((d) => d.message).join('\n')).toContain(c.says);
      for (const d of fired) {
        expect(d.path?.[0]).toBe('dashboards');
        expect(d.source?.file).toContain('checks.test.ts');
      }
      expect(runOn(project(c.quiet), [check(c.id)])).toEqual([]);
    });
  }

  it('the Totem-like dashboards are quiet under every check', () => {
    const all = runOn(project([board('A', [ok, statPanel({ title: 'Req', targets: [{ expr: 'sum(rate(app_requests_total[$__rate_interval]))' }] })])]), CHECKS);
    expect(all).toEqual([]);
  });

  it('automatic layout flows around an explicit gridPos', () => {
    const fired = runOn(project([board('A', [panel('Fixo', 'app_queue_length', { gridPos: { x: 0, y: 0, w: 12, h: 8 } }), ok, ok])]), [check('dashboard/layout-overlap')]);
    expect(fired).toEqual([]);
  });
});
