// What the generated Python module exposes, as the checks read it (src/instrument/exposition.ts),
// against the real prometheus_client: the names it refuses to register twice
// (catalogue/reserved-name), the text of bucket bounds (promql/histogram-bucket) and the missing
// quantiles of a Summary (promql/unexposed-quantile). The checks' findings are tested here too.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it as plainIt } from 'vitest';
import { alert, counter, dashboard, defineProject, gauge, histogram, scrapeJob, statPanel, summary, ruleGroup, type Project } from '../../src/index.js';
import { compilePython, pythonModuleName } from '../../src/compile/instrument/python.js';
import { anyClientBoundRegexp, pythonLabelNumber, reservedNames } from '../../src/instrument/exposition.js';
import { leMatcher } from '../../src/model/slo-sli.js';
import { itWithPythonClient } from '../helpers/python.js';
import { modelOf, runOn } from '../helpers/model.js';
import { tempDir } from '../helpers/cli.js';

const { it, python } = itWithPythonClient();

type AnyMetric = ReturnType<typeof counter> | ReturnType<typeof gauge> | ReturnType<typeof histogram> | ReturnType<typeof summary>;

const annotations = { summary: 'x', description: 'y', runbook_url: 'https://runbooks.example.com/x' };

function project(metrics: AnyMetric[], extra: Partial<Parameters<typeof defineProject>[0]> = {}, instrument = true): Project {
  return defineProject({
    name: 'shop',
    metrics,
    prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8000'] })] },
    ...(instrument ? { instrument: { python: {} } } : {}),
    ...extra,
  });
}

/**
 * Imports the generated module with the real prometheus_client, observing `observe` (Python lines
 * run after the import, `m` the module); the exposition text, or the import's error.
 */
function runModule(p: Project, observe: string[] = []): { ok: true; exposition: string } | { ok: false; error: string } {
  const model = modelOf(p);
  const [file] = compilePython(model);
  const dir = tempDir('totem-mon-exposition-');
  mkdirSync(path.join(dir, 'py'));
  writeFileSync(path.join(dir, 'py', `${pythonModuleName(model)}.py`), file!.content);
  const script = [
    'import sys',
    `sys.path.insert(0, ${JSON.stringify(path.join(dir, 'py'))})`,
    'from prometheus_client import generate_latest, REGISTRY',
    `import ${pythonModuleName(model)} as m`,
    ...observe,
    'sys.stdout.write(generate_latest(REGISTRY).decode())',
  ].join('\n');
  const run = spawnSync(python!, ['-c', script], { encoding: 'utf8', timeout: 30_000 });
  return run.status === 0 ? { ok: true, exposition: run.stdout } : { ok: false, error: run.stderr };
}

describe('bucket bounds as prometheus_client writes them (pythonLabelNumber)', () => {
  const bounds = [0, 0.005, 0.1, 0.25, 1, 2.5, 10, 60, 999999, 1e6, 2.5e6, 12345678.9, 1e15, 1e16, 1.5e20, 1e21, 0.0001, 1e-5, 1.5e-5, 1e-7, 123.456, 0.1 + 0.2];

  it('agree with utils.floatToGoString for every kind of number', () => {
    const script = `import sys\nfrom prometheus_client.utils import floatToGoString\nprint(' '.join(floatToGoString(float(v)) for v in sys.argv[1:]))`;
    const expected = execFileSync(python!, ['-c', script, ...bounds.map((b) => b.toPrecision(17))], { encoding: 'utf8' }).trim().split(' ');
    expect(bounds.map(pythonLabelNumber)).toEqual(expected);
  });

  it('are what the generated module exposes, and the any-client regexp matches them and the Go form', () => {
    const buckets = [1e-5, 0.005, 0.25, 1, 10, 1e6, 2.5e6];
    const result = runModule(project([histogram({ name: 'shop_latency_seconds', help: 'Latency.', buckets })]), ['m.observe_shop_latency_seconds(0.2)']);
    if (!result.ok) throw new Error(result.error);
    const exposed = [...result.exposition.matchAll(/^shop_latency_seconds_bucket\{le="([^"]+)"\}/gm)].map((m) => m[1]);
    expect(exposed).toEqual([...buckets.map(pythonLabelNumber), '+Inf']);
    expect(exposed).toContain('1.0');
    expect(exposed).not.toContain('1');
    for (const b of buckets) {
      const re = new RegExp(`^(?:${anyClientBoundRegexp(b)})$`);
      expect([re.test(pythonLabelNumber(b)), re.test(String(b))], String(b)).toEqual([true, true]);
    }
  });

  plainIt("the SLO rules' le matcher is a plain = only where every client writes the same text", () => {
    expect(leMatcher(0.25)).toBe('le="0.25"');
    expect(leMatcher(1)).toBe('le=~"1(\\\\.0)?"');
    expect(leMatcher(1e6)).toBe('le=~"1000000|1e\\\\+06"');
  });
});

describe('catalogue/reserved-name', () => {
  const ID = 'catalogue/reserved-name';
  const pairs: Array<[string, AnyMetric, AnyMetric]> = [
    ['a gauge with the family name of a counter', counter({ name: 'shop_jobs_total', help: 'Jobs.' }), gauge({ name: 'shop_jobs', help: 'Jobs running.' })],
    ["a gauge with a counter's _created", counter({ name: 'shop_orders_total', help: 'Orders.' }), gauge({ name: 'shop_orders_created', help: 'Orders created.' })],
    ["a gauge with a histogram's _created", histogram({ name: 'shop_latency_seconds', help: 'Latency.', buckets: [1] }), gauge({ name: 'shop_latency_seconds_created', help: 'x' })],
    ["a gauge with a summary's _created", summary({ name: 'shop_payload_bytes', help: 'Payload.' }), gauge({ name: 'shop_payload_bytes_created', help: 'x' })],
    ['a histogram with the family name of a counter', counter({ name: 'shop_wait_total', help: 'Waits.' }), histogram({ name: 'shop_wait', help: 'Wait.', buckets: [1] })],
    ['a summary with the family name of a counter, declared first', summary({ name: 'shop_size', help: 'Size.' }), counter({ name: 'shop_size_total', help: 'Sizes.' })],
  ];
  const fine: Array<[string, AnyMetric, AnyMetric]> = [
    ['a counter and a gauge of other names', counter({ name: 'shop_jobs_total', help: 'Jobs.' }), gauge({ name: 'shop_jobs_running', help: 'Running.' })],
    ['a gauge _created without a counter of that name', counter({ name: 'shop_orders_total', help: 'Orders.' }), gauge({ name: 'shop_carts_created', help: 'Carts created.' })],
    ['a histogram and a gauge _count_created', histogram({ name: 'shop_latency_seconds', help: 'Latency.', buckets: [1] }), gauge({ name: 'shop_latency_seconds_total_created', help: 'x' })],
  ];

  plainIt.each(pairs)('fires on %s, at the second one', (_, a, b) => {
    const found = runOn(project([a, b]), [ID]);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(new RegExp(`^${b.type} "${b.name}" clashes with ${a.type} "${a.name}": both expositions take the name "`));
    expect(found[0]!.message).toContain('Duplicated timeseries in CollectorRegistry');
    expect(found[0]!.path).toEqual(['metrics', b.name]);
  });

  plainIt.each(fine)('stays quiet on %s', (_, a, b) => {
    expect(runOn(project([a, b]), [ID])).toEqual([]);
  });

  plainIt('leaves metrics of different exporters alone, and series clashes to catalogue/duplicate', () => {
    const node = counter({ name: 'node_jobs_total', help: 'x', exporter: 'node_exporter' });
    expect(runOn(project([node, gauge({ name: 'node_jobs', help: 'x' })]), [ID])).toEqual([]);
    const both = runOn(project([histogram({ name: 'shop_latency_seconds', help: 'x', buckets: [1] }), counter({ name: 'shop_latency_seconds_count', help: 'x' })]), [ID, 'catalogue/duplicate']);
    expect(both.map((d) => d.id)).toEqual(['catalogue/duplicate']);
  });

  it('names exactly what prometheus_client refuses: each flagged pair crashes the import, each quiet pair imports', () => {
    for (const [what, a, b] of pairs) {
      const result = runModule(project([a, b]));
      expect(result.ok, what).toBe(false);
      if (!result.ok) expect(result.error, what).toContain('Duplicated timeseries in CollectorRegistry');
    }
    for (const [what, a, b] of fine) expect(runModule(project([a, b])).ok, what).toBe(true);
  });

  plainIt('reserves what prometheus_client 0.16 registers per type (CollectorRegistry._get_names)', () => {
    expect(reservedNames({ type: 'counter', name: 'x_total' })).toEqual(['x', 'x_total', 'x_created']);
    expect(reservedNames({ type: 'histogram', name: 'x' })).toEqual(['x', 'x_bucket', 'x_sum', 'x_count', 'x_created']);
    expect(reservedNames({ type: 'summary', name: 'x' })).toEqual(['x', 'x_sum', 'x_count', 'x_created']);
    expect(reservedNames({ type: 'gauge', name: 'x' })).toEqual(['x']);
  });
});

describe('promql/histogram-bucket: le as the generated Python module writes it', () => {
  const ID = 'promql/histogram-bucket';
  const latency = histogram({ name: 'shop_latency_seconds', help: 'Latency.', buckets: [0.25, 1, 5, 1e6] });
  const withExpr = (expr: string, instrument = true, metric: AnyMetric = latency) =>
    runOn(project([metric], { ruleGroups: [ruleGroup({ name: 'shop', rules: [alert({ name: 'Slow', expr, for: '5m', labels: { severity: 'warning' }, annotations })] })] }, instrument), [ID]);
  const ratio = (le: string) => `sum(rate(shop_latency_seconds_bucket{${le}}[5m])) / sum(rate(shop_latency_seconds_count[5m])) < 0.9`;

  plainIt('fires on le="1" where the module exposes le="1.0", with a hint that matches every client', () => {
    const found = withExpr(ratio('le="1"'));
    expect(found.map((d) => [d.severity, d.message, d.hint, d.excerpt && d.excerpt.text.slice(d.excerpt.from, d.excerpt.to)])).toEqual([[
      'error',
      'alert Slow selects shop_latency_seconds_bucket{le="1"}, but the bucket 1 is exposed as le="1.0": label values are compared as text, so the selector matches nothing',
      'the project\'s generated Python module (prometheus_client) writes this bound as le="1.0", Go clients and prom-client as le="1": write le=~"1(\\\\.0)?" to match both, or le="1.0"',
      'le="1"',
    ]]);
  });

  plainIt.each([
    ['le="1000000"', 'exposed as le="1e+06"'],
    ['le!="5"', 'so nothing is excluded'],
    ['le=~"1|5"', 'none of the texts the buckets are exposed as (0.25, 1.0, 5.0, 1e+06, +Inf)'],
  ])('fires on %s', (le, part) => {
    const found = withExpr(ratio(le));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(part);
  });

  plainIt.each(['le="1.0"', 'le=~"1(\\\\.0)?"', 'le="0.25"', 'le="1e+06"', 'le=~"1(\\\\.0)?|5(\\\\.0)?"', 'le="+Inf"'])('stays quiet on %s', (le) => {
    expect(withExpr(ratio(le))).toEqual([]);
  });

  plainIt('checks only the number without the Python instrumentation, or for an exporter’s histogram', () => {
    expect(withExpr(ratio('le="1"'), false)).toEqual([]);
    const exported = histogram({ name: 'shop_latency_seconds', help: 'Latency.', buckets: [0.25, 1, 5], exporter: 'shop_exporter' });
    expect(withExpr(ratio('le="1"'), true, exported)).toEqual([]);
  });
});

describe('promql/unexposed-quantile', () => {
  const ID = 'promql/unexposed-quantile';
  const payload = summary({ name: 'shop_payload_bytes', help: 'Payload size.', quantiles: [0.5, 0.9] });
  const rule = (expr: string) => alert({ name: 'ShopPayloadBig', expr, for: '5m', labels: { severity: 'warning' }, annotations });

  plainIt('fires on the quantile series of a summary the Python module exposes, in rules and panels', () => {
    const board = dashboard({ title: 'Shop', panels: [statPanel({ title: 'p50', targets: [{ expr: 'shop_payload_bytes{quantile="0.5"}' }] })] });
    const found = runOn(project([payload], { ruleGroups: [ruleGroup({ name: 'shop', rules: [rule('shop_payload_bytes{quantile="0.9"} > 1e6')] })], dashboards: [board] }), [ID]);
    expect(found.map((d) => d.message)).toEqual([
      "alert ShopPayloadBig selects the quantiles of shop_payload_bytes, but the project's generated Python module exposes it with prometheus_client's Summary, which has no quantiles (only shop_payload_bytes_sum and shop_payload_bytes_count; the catalogue's 0.5, 0.9 are never exposed): the selector matches nothing",
      "panel p50 selects the quantiles of shop_payload_bytes, but the project's generated Python module exposes it with prometheus_client's Summary, which has no quantiles (only shop_payload_bytes_sum and shop_payload_bytes_count; the catalogue's 0.5, 0.9 are never exposed): the selector matches nothing",
    ]);
    expect(found[0]!.hint).toBe('use the mean, rate(shop_payload_bytes_sum[5m]) / rate(shop_payload_bytes_count[5m]), or declare it a histogram and use histogram_quantile');
  });

  plainIt('stays quiet on _sum and _count, without the Python instrumentation, and for an exporter’s summary', () => {
    const mean = rule('rate(shop_payload_bytes_sum[5m]) / rate(shop_payload_bytes_count[5m]) > 1e6');
    expect(runOn(project([payload], { ruleGroups: [ruleGroup({ name: 'shop', rules: [mean] })] }), [ID])).toEqual([]);
    const quantile = rule('shop_payload_bytes{quantile="0.9"} > 1e6');
    expect(runOn(project([payload], { ruleGroups: [ruleGroup({ name: 'shop', rules: [quantile] })] }, false), [ID])).toEqual([]);
    const exported = summary({ name: 'shop_payload_bytes', help: 'x', quantiles: [0.9], exporter: 'shop_exporter' });
    expect(runOn(project([exported], { ruleGroups: [ruleGroup({ name: 'shop', rules: [quantile] })] }), [ID])).toEqual([]);
  });

  it('is right about prometheus_client: the generated Summary exposes no quantile series', () => {
    const result = runModule(project([payload]), ['m.observe_shop_payload_bytes(10)', 'm.observe_shop_payload_bytes(2000000)']);
    if (!result.ok) throw new Error(result.error);
    expect(result.exposition).toContain('shop_payload_bytes_count 2.0');
    expect(result.exposition).not.toMatch(/^shop_payload_bytes\{/m);
    expect(result.exposition).not.toContain('quantile=');
  });
});
