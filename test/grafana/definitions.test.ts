import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  counter, currentValuePanel, dashboard, defineProject, gauge, histogram, histogramHeatmapPanel, quantilesPanel, ratePanel,
  scrapeJob, timeseriesPanel,
} from '../../src/index.js';
import { parseProject } from '../../src/model/parse.js';
import { uidFromTitle } from '../../src/model/build-dashboards.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { generated } from '../helpers/model.js';

/** A project whose panels are all one-line helpers over the given catalogue names. */
function project(names: { counter: string; histogram: string; gauge: string }) {
  const c = counter({ name: names.counter, help: 'c' });
  const h = histogram({ name: names.histogram, help: 'h', buckets: [1, 2], unit: 'seconds' });
  const g = gauge({ name: names.gauge, help: 'g' });
  return defineProject({
    name: 't',
    metrics: [c, h, g],
    prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:1'] })] },
    dashboards: [
      dashboard({
        title: 'Painel',
        panels: [
          ratePanel(c, { title: 'Taxa' }),
          quantilesPanel(h, { title: 'Quantis' }),
          histogramHeatmapPanel(h, { title: 'Mapa' }),
          currentValuePanel(g, { title: 'Valor' }),
        ],
      }),
    ],
  });
}

/** The dashboard's JSON as generate writes it. */
function compile(p: ReturnType<typeof project>): string {
  return generated(p).files['grafana/dashboards/painel.json']!;
}

describe('panels from catalogue objects', () => {
  it('follow a renamed metric into every expression', () => {
    const before = compile(project({ counter: 'app_jobs_total', histogram: 'app_wait_seconds', gauge: 'app_queue' }));
    const after = compile(project({ counter: 'app_tasks_total', histogram: 'app_delay_seconds', gauge: 'app_backlog' }));
    expect(before).toContain('sum(rate(app_jobs_total[$__rate_interval]))');
    expect(before).toContain('histogram_quantile(0.95, sum by (le) (rate(app_wait_seconds_bucket[$__rate_interval])))');
    expect(before).toContain('sum by (le) (rate(app_wait_seconds_bucket[$__rate_interval]))');
    expect(before).toContain('sum(app_queue)');
    for (const old of ['app_jobs_total', 'app_wait_seconds', 'app_queue']) expect(after).not.toContain(old);
    expect(after).toContain('sum(rate(app_tasks_total[$__rate_interval]))');
    expect(after).toContain('histogram_quantile(0.99, sum by (le) (rate(app_delay_seconds_bucket[$__rate_interval])))');
    expect(after).toContain('sum(app_backlog)');
  });

  it('is deterministic', () => {
    const names = { counter: 'a_total', histogram: 'b_seconds', gauge: 'c' };
    expect(compile(project(names))).toBe(compile(project(names)));
  });
});

describe('dashboard uids', () => {
  it('derive a slug of at most 40 characters from the title', () => {
    expect(uidFromTitle('Métricas de Negócio')).toBe('metricas-de-negocio');
    expect(uidFromTitle('Totem Overview')).toBe('totem-overview');
    const long = uidFromTitle('Um título de painel muito, muito longo — mais de quarenta letras');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('schema', () => {
  it('refuses the deprecated "graph" panel type with a hint', () => {
    const p = defineProject({
      name: 't',
      metrics: [],
      prometheus: { scrapeJobs: [] },
      dashboards: [dashboard({ title: 'D', panels: [{ ...timeseriesPanel({ title: 'Antigo', targets: [{ expr: 'up' }] }), type: 'graph' as never }] })],
    });
    const parsed = parseProject(p);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.diagnostics[0]).toMatchObject({ message: 'panel type "graph" is deprecated in Grafana', path: ['dashboards', 'D', 'panels', 'Antigo', 'type'] });
    expect(parsed.diagnostics[0]!.hint).toContain('timeseriesPanel');
  });
});

describe('generate with a panel on an undeclared metric', () => {
  it('fails, naming the dashboard, the panel, the target and the metric', async () => {
    const out = tempDir();
    const result = await runCli(['generate', '--definitions', path.join(FIXTURES, 'grafana/undeclared-metric'), '--out', out]);
    expect(result.code).toBe(1);
    const text = result.stdout + result.stderr;
    expect(text).toContain('dashboards › Performance › panels › Tempo de resposta › targets[0] › expr');
    expect(text).toContain('"app_request_duration_seconds_bucket"');
    expect(text).toContain('[promql/unknown-metric]');
    expect(text).toContain('undeclared-metric/index.ts:16 › dashboards › Performance › panels › Tempo de resposta › targets[0] › expr');
  });
});

describe('the Grafana SDK stays behind the compiler', () => {
  it('is imported only under src/compile/grafana/', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const src = path.join(path.dirname(FIXTURES), '..', 'src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (readFileSync(full, 'utf8').includes('@grafana/grafana-foundation-sdk')) offenders.push(path.relative(src, full));
      }
    };
    walk(src);
    expect(offenders.length).toBeGreaterThan(0);
    expect(offenders.filter((f) => !f.startsWith(path.join('compile', 'grafana')))).toEqual([]);
  });
});
