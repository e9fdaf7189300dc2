import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alert, counter, defineProject, gauge, record, ruleGroup, scrapeJob } from '../../src/index.js';
import { analyzePromql } from '../../src/promql/analyze.js';
import { analyzeGuarded } from '../../src/promql/guarded.js';
import { parsePromql } from '../../src/promql/parse.js';
import { runGuarded } from '../../src/lint/guard.js';
import { promqlSyntax } from '../../src/lint/promql-syntax.js';
import { promqlUnknownMetric } from '../../src/lint/promql-unknown-metric.js';
import { CHECKS } from '../../src/lint/index.js';
import type { Check } from '../../src/lint/check.js';
import { runOn } from '../helpers/model.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';

const chain = (n: number, term: (i: number) => string, op: string) => Array.from({ length: n }, (_, i) => term(i)).join(` ${op} `);
const nest = (n: number, open: string, inner: string, close = ')') => open.repeat(n) + inner + close.repeat(n);

/** Expressions the real Prometheus parser accepts (proved below with promtool) that lezer alone cannot take. */
const VALID: Array<[string, string]> = [
  ['5,000-term or chain', chain(5000, (i) => `up{job="j${i}"}`, 'or')],
  ['5,000-term + chain', chain(5000, () => 'up', '+')],
  ['1,500 comparisons with bool, on() and group_left()', chain(1500, (i) => `(rate(app_requests_total{code="${i}"}[5m]) > bool on(job) group_left(code) up)`, 'or')],
  ['1,000 nested parentheses', nest(1000, '(', 'up')],
  ['10,000 nested parentheses', nest(10000, '(', 'up')],
  ['1,000 nested function calls', nest(1000, 'abs(', 'up')],
  ['1,000 nested aggregations with by', nest(1000, 'sum by (job) (', 'rate(app_requests_total[5m])')],
  ['1,000 nested calls around a subquery', `rate(${nest(1000, 'abs(', 'up')}[5m:1m])`],
  ['1,000 unary minus', `${'-'.repeat(1000)}up`],
];

const lookup = (name: string) => (name === 'up' ? ['job', 'instance'] : name === 'app_requests_total' ? ['job', 'instance', 'code'] : undefined);

describe('PromQL that Prometheus accepts is never a syntax error for us (deep, long)', () => {
  it.each(VALID)('%s: parses, analyses, no crash', { timeout: 60_000 }, (_name, expr) => {
    const analysis = analyzePromql(expr, lookup);
    expect(analysis.parsed.errors).toEqual([]);
    expect(analysis.parsed.limits ?? []).toEqual([]);
    expect(analysis.selectors.length).toBeGreaterThan(0);
    // Every selector points at its own text in the whole expression.
    for (const s of analysis.selectors) expect(expr.slice(s.from, s.to)).toMatch(new RegExp(`^${s.name}\\b`));
  });

  itWithBinaries(['promtool'])('promtool check rules accepts every one of them', () => {
    const dir = tempDir('totem-mon-deep-');
    const file = path.join(dir, 'deep.yml');
    const rules = VALID.map(([, expr], i) => `      - record: deep:case${i}\n        expr: ${JSON.stringify(expr)}`).join('\n');
    writeFileSync(file, `groups:\n  - name: deep\n    rules:\n${rules}\n`);
    const out = execFileSync(findBinary('promtool')!, ['check', 'rules', file], { encoding: 'utf8' });
    expect(out).toContain(`SUCCESS: ${VALID.length} rules found`);
  }, 60_000);

  it('the checks still see inside: an unknown metric at term 4,000 of a chain and at depth 900', () => {
    const requests = counter({ name: 'app_requests_total', help: 'Requests.', labels: ['code'] });
    const up = gauge({ name: 'up', help: 'Up.', exporter: 'prometheus' });
    const long = chain(5000, (i) => (i === 4000 ? 'app_missing_total' : `up{job="j${i}"}`), 'or');
    const deep = nest(1000, 'sum by (job) (', nest(0, '', 'x'), ')').replace('x', 'rate(app_gone_total[5m])');
    const project = defineProject({
      name: 'deep',
      metrics: [requests, up],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
      ruleGroups: [ruleGroup({ name: 'g', rules: [record({ name: 'job:long:or', expr: long }), record({ name: 'job:deep:sum', expr: deep })] })],
    });
    const found = runOn(project, [promqlSyntax, promqlUnknownMetric]);
    expect(found.map((d) => [d.id, d.path?.at(-2), d.excerpt && long.length === d.excerpt.text.length ? long.slice(d.excerpt.from, d.excerpt.to) : deep.slice(d.excerpt!.from, d.excerpt!.to)])).toEqual([
      ['promql/unknown-metric', 'job:long:or', 'app_missing_total'],
      ['promql/unknown-metric', 'job:deep:sum', 'app_gone_total'],
    ]);
  });

  it('every check runs over them without crashing (generate-time checks, alerts included)', () => {
    const up = gauge({ name: 'up', help: 'Up.', exporter: 'prometheus' });
    const project = defineProject({
      name: 'deep',
      metrics: [up],
      prometheus: { scrapeJobs: [scrapeJob({ name: 'app', targets: ['app:8000'] })] },
      ruleGroups: [
        ruleGroup({
          name: 'g',
          rules: VALID.filter(([, e]) => !e.includes('app_requests_total')).map(([, expr], i) =>
            alert({ name: `Deep${i}`, expr: `(${expr}) > 0`, for: '5m', labels: { severity: 'info' }, annotations: { summary: 's', description: 'd', runbook_url: 'https://r.example.com' } }),
          ),
        }),
      ],
    });
    const found = runOn(project, CHECKS);
    expect(found.filter((d) => d.id === 'promql/syntax')).toEqual([]);
  });

  itWithBinaries(['promtool'])('validate passes a 5,000-term chain and 1,000 nested aggregations (promtool agrees)', async () => {
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'promql-deep')]);
    expect(r.stdout).not.toContain('[promql/syntax]');
    expect(r.stdout).toMatch(/validate ok: .* · 0 errors, 1 warning · targets .* · promtool/);
    expect(r.code).toBe(0);
  }, 120_000);

  it('a real mistake in a long chain is still a syntax error, at its place', () => {
    const expr = chain(5000, (i) => (i === 4000 ? 'up{' : 'up'), 'or');
    const { errors } = parsePromql(expr);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.from).toBeGreaterThanOrEqual(4000 * 'up or '.length);
    expect(errors[0]!.from).toBeLessThan(4000 * 'up or '.length + 12);
  });
});

describe('a stack overflow in the analysis is a located finding, not a crash', () => {
  const overflow = () => {
    throw new RangeError('Maximum call stack size exceeded');
  };

  it('in the expression analysis: a limit, reported by promql/syntax as a warning at the expression', () => {
    const parsed = parsePromql('up > 0');
    let calls = 0;
    const analysis = analyzeGuarded('up > 0', lookup, parsed, (text, l, p) => (calls++ === 0 || p.root ? overflow() : analyzePromql(text, l, p)));
    expect(analysis.parsed.limits).toHaveLength(1);
    expect(analysis.filters).toBe(true);
    const context = { expressions: [{ expr: 'up > 0', text: 'up > 0', context: 'alert' as const, owner: 'A', path: ['ruleGroups', 'g', 'rules', 'A', 'expr'], analysis }] };
    const found: unknown[] = [];
    promqlSyntax.run(context as never, (f) => found.push(f));
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'alert A: the expression is nested deeper than the offline analysis follows; its catalogue checks were skipped (promtool still checks it)',
        path: ['ruleGroups', 'g', 'rules', 'A', 'expr'],
      }),
    ]);
  });

  it('in a check: the others keep their findings, the culprit expression is named', () => {
    const e = (owner: string) => ({ expr: owner, text: owner, context: 'alert' as const, owner, path: ['ruleGroups', 'g', 'rules', owner, 'expr'] });
    const check: Check = {
      id: 'test/recursive',
      severity: 'error',
      description: 'overflows on Deep',
      run({ expressions }, report) {
        for (const x of expressions) {
          if (x.owner === 'Deep') overflow();
          report({ message: `seen ${x.owner}`, path: x.path });
        }
      },
    };
    const found: unknown[] = [];
    runGuarded(check, { expressions: [e('A'), e('Deep'), e('B')] } as never, (f) => found.push(f));
    expect(found).toEqual([
      { message: 'seen A', path: ['ruleGroups', 'g', 'rules', 'A', 'expr'] },
      expect.objectContaining({ severity: 'warning', path: ['ruleGroups', 'g', 'rules', 'Deep', 'expr'], message: expect.stringContaining('test/recursive could not follow this expression') }),
      { message: 'seen B', path: ['ruleGroups', 'g', 'rules', 'B', 'expr'] },
    ]);
  });
});
