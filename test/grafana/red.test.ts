// A second system's RED dashboard, written only with the public API (test/fixtures/grafana/red),
// generates, validates clean and has what an expert's RED dashboard has.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

const FIXTURE = path.join(FIXTURES, 'grafana/red');
type JsonPanel = { type: string; title: string; repeat?: string; collapsed?: boolean; targets?: Array<{ expr: string; legendFormat?: string }>; panels?: JsonPanel[] };
let text = '';
let json: { panels: JsonPanel[]; templating: { list: Array<{ name: string; query?: string; multi?: boolean }> }; annotations: { list: Array<{ expr: string }> } };

beforeAll(async () => {
  const out = tempDir();
  const result = await runCli(['generate', '--definitions', FIXTURE, '--out', out]);
  expect(result.stdout + result.stderr).toContain('0 errors, 0 warnings');
  expect(result.code).toBe(0);
  text = snapshotTree(out)['grafana/dashboards/http-red.json']!;
  json = JSON.parse(text);
});

const all = () => json.panels.flatMap((p) => [p, ...(p.panels ?? [])]);

describe('a RED dashboard from the public API', () => {
  it('imports nothing but totem-mon', () => {
    const source = readFileSync(path.join(FIXTURE, 'index.ts'), 'utf8');
    expect([...source.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['totem-mon']);
  });

  it('chains the route and instance variables on the job', () => {
    expect(json.templating.list.map((v) => [v.name, v.query ?? null])).toEqual([
      ['datasource', 'prometheus'],
      ['job', 'label_values(http_requests_total, job)'],
      ['route', 'label_values(http_requests_total{job=~"$job"}, route)'],
      ['instance', 'label_values(http_requests_total{job=~"$job"}, instance)'],
    ]);
  });

  it('has a row of stats, p50/p90/p99, a heatmap and a row repeated per instance', () => {
    const agora = json.panels.find((p) => p.title === 'Agora')!;
    const stats = all().filter((p) => p.type === 'stat').map((p) => p.title);
    expect(stats).toEqual(['Requisições/s', 'Erros']);
    expect(agora.type).toBe('row');
    expect(all().find((p) => p.title === 'Duração (p50/p90/p99)')!.targets!.map((t) => t.legendFormat)).toEqual(['p50', 'p90', 'p99']);
    expect(all().find((p) => p.type === 'heatmap')!.targets![0]!.expr).toBe(
      'sum by (le) (rate(http_request_duration_seconds_bucket{job=~"$job",route=~"$route"}[$__rate_interval]))',
    );
    expect(json.panels.find((p) => p.repeat === 'instance')).toMatchObject({ type: 'row', title: 'Instância $instance', collapsed: true });
    expect(json.annotations.list.map((a) => a.expr)).toEqual(['ALERTS{alertstate="firing",alertname=~"HttpHighErrorRate"}']);
  });

  it('validates with 0 errors and 0 warnings (promtool included)', async () => {
    const result = await runCli(['validate', '--definitions', FIXTURE]);
    expect(result.stdout).toMatch(/validate ok: .* 0 errors, 0 warnings/);
    expect(result.code).toBe(0);
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('./__golden__/features/red.json');
  });
});
