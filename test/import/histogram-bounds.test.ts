/**
 * A histogram the import infers from the rules (no exposition) gets the client libraries' default
 * buckets plus every bound the rules' `le` matchers name (`le="0.3"`, each alternative of
 * `le=~"30(\\.0)?|60"`), sorted, without repeats, as numbers (`30` and `30.0` are one bound; +Inf
 * is implicit): the imported definitions then lint clean, with no ignore of
 * promql/histogram-bucket. An exposition's buckets are the truth and stay as they are.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { importProject } from '../helpers/imported.js';
import { inferCatalogue, type RuleUse } from '../../src/import/catalogue.js';
import { leBounds } from '../../src/import/le-bounds.js';
import { DEFAULT_BUCKETS } from '../../src/import/definitions.js';
import { importReportSchema } from '../../src/report/import.js';

describe('the bounds an le matcher names (leBounds)', () => {
  it.each([
    ['=', '0.3', [0.3]],
    ['=', '30', [30]],
    ['=', '30.0', [30]],
    ['=', '1e3', [1000]],
    ['=', '+Inf', []],
    ['=', '', []],
    ['=', 'abc', []],
    ['=~', '30(\\.0)?', [30]],
    ['=~', '0.3|1|2.5', [0.3, 1, 2.5]],
    ['=~', '^(0\\.3|1(\\.0)?)$', [0.3, 1]],
    ['=~', '(?:5|10)\\.0', [5, 10]],
    ['=~', '1|\\+Inf', [1]],
    ['=~', '1|+Inf', []], // not a regex RE2 (nor JavaScript) reads: promql/syntax's
    ['=~', '0\\.25|0\\.5|1\\.0|2\\.5|5\\.0', [0.25, 0.5, 1, 2.5, 5]],
    ['=~', '(0|1)(\\.5)?', [0, 0.5, 1, 1.5]],
    ['=~', '.*', []],
    ['=~', '0\\.[0-9]+', []],
    ['=~', '1[05]', [10, 15]],
    ['!=', '30', []],
    ['!~', '30|60', []],
  ] as const)('le%s"%s" → %j', (op, value, expected) => {
    expect(leBounds({ op, value })).toEqual(expected);
  });
});

const rule = (expr: string): RuleUse => ({ kind: 'alert', name: 'A', expr });

describe('the inferred histogram carries the bounds its rules name', () => {
  it('from =, =~ alternatives, over every rule, sorted and deduped; +Inf and other series left out', () => {
    const metrics = inferCatalogue([
      rule('sum(rate(job_duration_seconds_bucket{le=~"30(\\\\.0)?"}[5m])) / sum(rate(job_duration_seconds_count[5m])) < 0.9'),
      rule('sum(rate(job_duration_seconds_bucket{le="0.3"}[5m])) > 0'),
      rule('sum(rate(job_duration_seconds_bucket{le=~"1|30|\\\\+Inf"}[5m])) > 0'),
      rule('sum(rate(job_duration_seconds_bucket{le!="120"}[5m])) > 0'),
      rule('histogram_quantile(0.9, sum by (le) (rate(rpc_seconds_bucket[5m]))) > 1'),
      rule('sum(rate(other_total{le="7"}[5m])) > 0'),
    ]);
    const job = metrics.find((m) => m.name === 'job_duration_seconds');
    expect(job?.ruleBounds).toEqual([0.3, 1, 30]);
    expect(metrics.find((m) => m.name === 'rpc_seconds')?.ruleBounds).toBeUndefined();
    expect(metrics.find((m) => m.name === 'other_total')?.ruleBounds).toBeUndefined();
  });
});

describe('import: the imported histogram has the bounds its rules name, and lints clean', () => {
  it('kube-prometheus style `le=~"30(\\\\.0)?"` and `le="0.3"`: buckets the default plus 0.3, 30 and 60, no ignore, validate --offline ok', async () => {
    const { root, into } = importProject();
    const rules = path.join(root, 'rules.yml');
    writeFileSync(
      rules,
      `groups:
  - name: jobs
    rules:
      - alert: SlowJobs
        expr: |
          sum by (job) (rate(job_duration_seconds_bucket{le=~"30(\\\\.0)?"}[5m])) / sum by (job) (rate(job_duration_seconds_count[5m])) < 0.9
        for: 5m
        labels: { severity: warning }
        annotations: { summary: 'slow jobs' }
      - record: job:fast_jobs:rate5m
        expr: sum by (job) (rate(job_duration_seconds_bucket{le="0.3"}[5m]))
      - record: job:under_2_5:rate5m
        expr: sum by (job) (rate(job_duration_seconds_bucket{le=~"2.5|60|\\\\+Inf"}[5m]))
`,
    );
    const result = await runCli(['import', rules, '--into', into, '--format', 'json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const catalogue = readFileSync(path.join(into, 'catalogue.ts'), 'utf8');
    const expected = [...new Set([...DEFAULT_BUCKETS, 0.3, 30, 60])].sort((a, b) => a - b);
    expect(catalogue.replace(/\s+/g, ' ')).toContain(`buckets: [${expected.join(', ')}]`);
    expect(catalogue).toContain('buckets: the client libraries\' default, with the bounds the rules name (0.3, 30, 60)');
    expect(catalogue).not.toContain('promql/histogram-bucket');
    const report = importReportSchema.parse(JSON.parse(result.stdout));
    expect(JSON.stringify(report)).not.toContain('promql/histogram-bucket');
    const validate = await runCli(['validate', '--offline', '--definitions', into, '--format', 'json']);
    const diagnostics = (JSON.parse(validate.stdout) as { diagnostics: Array<{ id: string }> }).diagnostics;
    expect(diagnostics.filter((d) => d.id === 'promql/histogram-bucket')).toEqual([]);
  }, 120_000);

  it('bounds the default has already are not repeated: the default alone, said as the default', async () => {
    const { root, into } = importProject();
    const rules = path.join(root, 'rules.yml');
    writeFileSync(rules, `groups:\n  - name: g\n    rules:\n      - record: r:fast:rate5m\n        expr: sum(rate(h_seconds_bucket{le=~"0\\\\.5|1(\\\\.0)?|\\\\+Inf"}[5m]))\n`);
    const result = await runCli(['import', rules, '--into', into]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const catalogue = readFileSync(path.join(into, 'catalogue.ts'), 'utf8');
    expect(catalogue.replace(/\s+/g, ' ')).toContain(`buckets: [${DEFAULT_BUCKETS.join(', ')}]`);
    expect(catalogue).toContain("buckets: the client libraries' default (no exposition gave them)");
  }, 120_000);
});
