// One helper per concept: the series a metric expands to, slugs, and picking rules by kind.
import { describe, expect, it } from 'vitest';
import { alert, counter, dashboard, defineProject, gauge, histogram, labelVariable, record, ruleGroup, scrapeJob, summary } from '../../src/index.js';
import { labelSetSeries, metricSeries } from '../../src/api/metric-series.js';
import { parseProject } from '../../src/model/parse.js';
import { buildModel } from '../../src/model/build.js';
import { buildCatalogue } from '../../src/model/catalogue.js';
import { safeFileName, slug } from '../../src/model/names.js';
import { uidFromTitle } from '../../src/model/build-dashboards.js';
import { alerts, records, rules } from '../../src/model/select.js';
import { catalogueDuplicate } from '../../src/lint/catalogue-duplicate.js';
import { runOn } from '../helpers/model.js';

const latency = histogram({ name: 'app_latency_seconds', help: 'h', buckets: [1], labels: ['route'] });
const sizes = summary({ name: 'app_size_bytes', help: 's', labels: ['route'] });
const hits = counter({ name: 'app_hits_total', help: 'c', labels: ['route'] });
const queue = gauge({ name: 'app_queue', help: 'g' });

function model(extra: Partial<Parameters<typeof defineProject>[0]> = {}) {
  const parsed = parseProject(
    defineProject({ name: 'p', metrics: [latency, sizes, hits, queue], prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['a:1'] })] }, ...extra }),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return buildModel(parsed.project, 'test/index.ts');
}

describe('the series of a metric (metricSeries)', () => {
  it('expands histograms to _bucket{le}/_sum/_count and summaries to {quantile}/_sum/_count', () => {
    expect(metricSeries(latency).map((s) => [s.name, s.extraLabel ?? null, s.counterLike])).toEqual([
      ['app_latency_seconds_bucket', 'le', true],
      ['app_latency_seconds_sum', null, true],
      ['app_latency_seconds_count', null, true],
    ]);
    expect(metricSeries(sizes).map((s) => [s.name, s.extraLabel ?? null, s.counterLike])).toEqual([
      ['app_size_bytes', 'quantile', false],
      ['app_size_bytes_sum', null, true],
      ['app_size_bytes_count', null, true],
    ]);
    expect(metricSeries(hits).map((s) => s.name)).toEqual(['app_hits_total']);
    expect(metricSeries(queue).map((s) => s.counterLike)).toEqual([false]);
  });

  it('is what the lint catalogue, the selectors and label variables use', () => {
    const catalogue = buildCatalogue(model());
    for (const metric of [latency, sizes, hits, queue]) {
      for (const series of metricSeries(metric)) {
        const entry = catalogue.get(series.name)!;
        expect(entry, series.name).toBeDefined();
        expect(entry.counterLike).toBe(series.counterLike);
        if (series.extraLabel) expect(entry.labels).toContain(series.extraLabel);
        else expect(entry.labels).not.toContain('le');
      }
    }
    expect(latency.bucket()).toBe('app_latency_seconds_bucket');
    expect(sizes.count({ route: '/a' })).toBe('app_size_bytes_count{route="/a"}');
    expect(labelSetSeries(latency)).toBe('app_latency_seconds_count');
    expect(labelSetSeries(queue)).toBe('app_queue');
    expect(labelVariable({ name: 'route', metric: sizes }).metric).toBe('app_size_bytes_count');
  });

  it('is what catalogue/duplicate compares: a gauge named like a histogram series clashes', () => {
    const clash = gauge({ name: 'app_latency_seconds_count', help: 'g' });
    const found = runOn(
      defineProject({ name: 'p', metrics: [latency, clash], prometheus: { scrapeJobs: [] } }),
      [catalogueDuplicate],
    );
    expect(found.map((d) => d.message)).toEqual([
      'metric "app_latency_seconds_count" clashes with "app_latency_seconds": both give the series "app_latency_seconds_count"',
    ]);
  });
});

describe('slugs (one helper for dashboard uids and file names)', () => {
  it('drop accents, lower the case, join other runs with one dash and trim the ends', () => {
    expect(slug('  Métricas de Negócio!! ', { keep: 'a-z0-9', maxLength: 40, fallback: 'x' })).toBe('metricas-de-negocio');
    expect(slug('***', { keep: 'a-z0-9', maxLength: 40, fallback: 'x' })).toBe('x');
    // Cut to the length, and no dash left at the cut.
    expect(slug('abcd efgh', { keep: 'a-z0-9', maxLength: 5, fallback: 'x' })).toBe('abcd');
  });

  it('make uids and file names the same way, each with its own alphabet', () => {
    expect(uidFromTitle('Visão Geral (API)')).toBe('visao-geral-api');
    expect(safeFileName('Visão Geral (API)')).toBe('visao-geral-api');
    expect(uidFromTitle('api_v2.rules')).toBe('api-v2-rules');
    expect(safeFileName('api_v2.rules')).toBe('api_v2.rules');
    expect(safeFileName('../../etc')).toBe('etc');
    expect(uidFromTitle('')).toBe('dashboard');
    expect(safeFileName('')).toBe('unnamed');
    expect(safeFileName(`${'a'.repeat(99)}.b`)).toBe('a'.repeat(99));
  });
});

describe('rules by kind (src/model/select.ts)', () => {
  it('lists every rule, the alerts and the recording rules in definition order across groups', () => {
    const m = model({
      ruleGroups: [
        ruleGroup({ name: 'one', rules: [alert({ name: 'A1', expr: 'up == 0', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } }), record({ name: 'job:x:sum', expr: 'sum by (job) (up)' })] }),
        ruleGroup({ name: 'two', rules: [record({ name: 'job:y:sum', expr: 'sum by (job) (up)' }), alert({ name: 'A2', expr: 'up == 0', labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } })] }),
      ],
      dashboards: [dashboard({ title: 'D', panels: [] })],
    });
    expect(rules(m).map((r) => r.name)).toEqual(['A1', 'job:x:sum', 'job:y:sum', 'A2']);
    expect(alerts(m).map((r) => r.name)).toEqual(['A1', 'A2']);
    expect(records(m).map((r) => r.name)).toEqual(['job:x:sum', 'job:y:sum']);
  });
});
