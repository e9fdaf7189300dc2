/**
 * The PromQL version table (src/model/promql-version-facts.ts) against the installed promtool: every
 * function, aggregation and piece of syntax the table says the promtool's version has (without a
 * feature flag), `promtool check rules` must accept; every one it says that version lacks or has only
 * behind a flag, promtool must refuse. So the table cannot drift from what a real Prometheus parses.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AGGREGATION_FACTS, FUNCTION_FACTS, SYNTAX_FACTS, type PromqlFact } from '../../src/model/promql-version-facts.js';
import { availability } from '../../src/model/version-facts.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';

/** A call of each function with arguments of the types it takes (a scalar result wrapped in vector()). */
const CALLS: Record<string, string> = {
  abs: 'abs(up)',
  absent: 'absent(up)',
  absent_over_time: 'absent_over_time(up[5m])',
  acos: 'acos(up)',
  acosh: 'acosh(up)',
  asin: 'asin(up)',
  asinh: 'asinh(up)',
  atan: 'atan(up)',
  atanh: 'atanh(up)',
  avg_over_time: 'avg_over_time(up[5m])',
  ceil: 'ceil(up)',
  changes: 'changes(up[5m])',
  clamp: 'clamp(up, 0, 1)',
  clamp_max: 'clamp_max(up, 1)',
  clamp_min: 'clamp_min(up, 1)',
  cos: 'cos(up)',
  cosh: 'cosh(up)',
  count_over_time: 'count_over_time(up[5m])',
  day_of_month: 'day_of_month(up)',
  day_of_week: 'day_of_week(up)',
  day_of_year: 'day_of_year(up)',
  days_in_month: 'days_in_month(up)',
  deg: 'deg(up)',
  delta: 'delta(up[5m])',
  deriv: 'deriv(up[5m])',
  double_exponential_smoothing: 'double_exponential_smoothing(up[5m], 0.5, 0.5)',
  end: 'vector(end())',
  exp: 'exp(up)',
  first_over_time: 'first_over_time(up[5m])',
  floor: 'floor(up)',
  histogram_avg: 'histogram_avg(up)',
  histogram_count: 'histogram_count(up)',
  histogram_fraction: 'histogram_fraction(0, 1, up)',
  histogram_quantile: 'histogram_quantile(0.5, up)',
  histogram_quantiles: 'histogram_quantiles(up, "quantile", 0.5)',
  histogram_stddev: 'histogram_stddev(up)',
  histogram_stdvar: 'histogram_stdvar(up)',
  histogram_sum: 'histogram_sum(up)',
  holt_winters: 'holt_winters(up[5m], 0.5, 0.5)',
  hour: 'hour(up)',
  idelta: 'idelta(up[5m])',
  increase: 'increase(up[5m])',
  info: 'info(up)',
  irate: 'irate(up[5m])',
  label_join: 'label_join(up, "dst", ",", "job")',
  label_replace: 'label_replace(up, "dst", "$1", "job", "(.*)")',
  last_over_time: 'last_over_time(up[5m])',
  ln: 'ln(up)',
  log10: 'log10(up)',
  log2: 'log2(up)',
  mad_over_time: 'mad_over_time(up[5m])',
  max_of: 'vector(max_of(1, 1))',
  max_over_time: 'max_over_time(up[5m])',
  min_of: 'vector(min_of(1, 1))',
  min_over_time: 'min_over_time(up[5m])',
  minute: 'minute(up)',
  month: 'month(up)',
  pi: 'vector(pi())',
  predict_linear: 'predict_linear(up[5m], 60)',
  present_over_time: 'present_over_time(up[5m])',
  quantile_over_time: 'quantile_over_time(0.5, up[5m])',
  rad: 'rad(up)',
  range: 'vector(range())',
  rate: 'rate(up[5m])',
  resets: 'resets(up[5m])',
  round: 'round(up, 1)',
  scalar: 'vector(scalar(up))',
  sgn: 'sgn(up)',
  sin: 'sin(up)',
  sinh: 'sinh(up)',
  sort: 'sort(up)',
  sort_by_label: 'sort_by_label(up, "job")',
  sort_by_label_desc: 'sort_by_label_desc(up, "job")',
  sort_desc: 'sort_desc(up)',
  sqrt: 'sqrt(up)',
  start: 'vector(start())',
  start_timestamp: 'start_timestamp(up)',
  stddev_over_time: 'stddev_over_time(up[5m])',
  stdvar_over_time: 'stdvar_over_time(up[5m])',
  step: 'vector(step())',
  sum_over_time: 'sum_over_time(up[5m])',
  tan: 'tan(up)',
  tanh: 'tanh(up)',
  time: 'vector(time())',
  timestamp: 'timestamp(up)',
  ts_of_first_over_time: 'ts_of_first_over_time(up[5m])',
  ts_of_last_over_time: 'ts_of_last_over_time(up[5m])',
  ts_of_max_over_time: 'ts_of_max_over_time(up[5m])',
  ts_of_min_over_time: 'ts_of_min_over_time(up[5m])',
  vector: 'vector(1)',
  year: 'year(up)',
};

const AGGREGATIONS: Record<string, string> = {
  sum: 'sum(up)', avg: 'avg(up)', count: 'count(up)', min: 'min(up)', max: 'max(up)', stddev: 'stddev(up)', stdvar: 'stdvar(up)',
  topk: 'topk(1, up)', bottomk: 'bottomk(1, up)', count_values: 'count_values("value", up)', quantile: 'quantile(0.5, up)', group: 'group(up)',
  limitk: 'limitk(1, up)', limit_ratio: 'limit_ratio(0.5, up)',
};

interface Case {
  what: string;
  expr: string;
  fact: PromqlFact;
}

const cases: Case[] = [
  ...Object.entries(FUNCTION_FACTS).map(([name, fact]) => ({ what: `function ${name}`, expr: CALLS[name] ?? '', fact })),
  ...Object.entries(AGGREGATION_FACTS).map(([name, fact]) => ({ what: `aggregation ${name}`, expr: AGGREGATIONS[name] ?? '', fact })),
  ...Object.entries(SYNTAX_FACTS).map(([id, fact]) => ({ what: `syntax ${id}`, expr: fact.example, fact })),
];

describe('the PromQL version table', () => {
  it('has an example for every function and aggregation it lists', () => {
    expect(Object.keys(FUNCTION_FACTS).filter((name) => !CALLS[name])).toEqual([]);
    expect(Object.keys(AGGREGATION_FACTS).filter((name) => !AGGREGATIONS[name])).toEqual([]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'totem-mon-promql-versions-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  itWithBinaries(['promtool'])('agrees with the installed promtool on every entry', () => {
    const promtool = findBinary('promtool')!;
    const versionText = execFileSync(promtool, ['--version'], { encoding: 'utf8' });
    const version = /version (\d+\.\d+)/.exec(versionText)?.[1];
    expect(version, versionText).toBeDefined();
    const disagreements: string[] = [];
    for (const [i, c] of cases.entries()) {
      const file = join(dir, `r${i}.yml`);
      writeFileSync(file, `groups:\n  - name: g\n    rules:\n      - record: r\n        expr: ${JSON.stringify(c.expr)}\n`);
      const run = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8' });
      const accepted = run.status === 0;
      const expected = availability(c.fact, version!) === true;
      if (accepted !== expected) {
        disagreements.push(`${c.what} (${c.expr}): the table says Prometheus ${version} ${expected ? 'accepts' : 'refuses'} it, promtool ${accepted ? 'accepts' : `refuses it: ${(run.stdout + run.stderr).trim().split('\n').pop()}`}`);
      }
    }
    expect(disagreements).toEqual([]);
  }, 120_000);
});
