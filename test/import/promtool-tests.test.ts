/**
 * Issue 22: promtool test files become the tests of the rules they test — each alert_rule_test a
 * case of its alert, each promql_expr_test on a recorded series a case of its recording rule — and
 * the regenerated tests pass promtool as the originals do. What cannot be mapped is reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { importProject } from '../helpers/imported.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { importReportSchema, type ImportJsonReport } from '../../src/report/import.js';
import { parse } from 'yaml';

const FIXTURE = path.join(FIXTURES, 'import');
const withPromtool = itWithBinaries(['promtool']);

async function imported(): Promise<{ root: string; into: string; report: ImportJsonReport }> {
  const { root, into } = importProject();
  const result = await runCli(['import', path.join(FIXTURE, 'rules'), path.join(FIXTURE, 'tests'), '--into', into, '--format', 'json']);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return { root, into, report: importReportSchema.parse(JSON.parse(result.stdout)) };
}

describe('promtool test files → rule tests', () => {
  it("writes each alert_rule_test as a case of its alert, without the labels and static annotations the rule adds back", async () => {
    const { into } = await imported();
    const api = readFileSync(path.join(into, 'rules/shop-api.ts'), 'utf8');
    const highErrors = api.slice(api.indexOf('export const shopHighErrorRate'), api.indexOf('export const shopSlowCheckout'));
    expect(highErrors).toContain("name: 'errors and checkout (at 20m, #1)'");
    expect(highErrors).toMatch(/expect: \[\{ labels: \{ job: 'shop' \}, annotations: \{ description: 'shop fails 10% of requests\.' \} \}\]/);
    expect(highErrors).toContain("{ series: 'shop_requests_total{job=\"shop\", code=\"500\"}', values: '0+10x30' }");
    const slow = api.slice(api.indexOf('export const shopSlowCheckout'));
    expect(slow).toMatch(/name: 'errors and checkout \(at 20m, #2\)'[\s\S]*at: '20m',\s*expect: \[\]/);
  });

  it('writes a promql_expr_test on a recorded series as a case of its recording rule', async () => {
    const { into } = await imported();
    const api = readFileSync(path.join(into, 'rules/shop-api.ts'), 'utf8');
    const rate = api.slice(api.indexOf('export const jobShopRequestsRate5m'), api.indexOf('export const shopHighErrorRate'));
    expect(rate).toMatch(/name: 'errors and checkout \(at 10m, #3\)'[\s\S]*expect: \[\{ labels: \{ job: 'shop' \}, value: 1\.6666666666666667 \}\]/);
  });

  it('reports what it cannot map, and does not write it', async () => {
    const { report, into } = await imported();
    const raw = report.items.filter((i) => i.status === 'raw' && i.file.endsWith('shop.test.yml')).map((i) => `${i.what}: ${i.reason}`);
    expect(raw).toEqual([
      'test "errors and checkout" (promql_expr_test "sum(rate(shop_requests_total[5m]))"): its expression is not a recorded series selected by = matchers, so it tests no one recording rule; not mapped',
      'test "an alert nobody wrote" of alert ShopGone: the rule files it loads have no alert ShopGone; not mapped',
      'test "with external labels": it sets external_labels, which rule tests here do not carry; not mapped',
    ]);
    const files = (readdirSync(into, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBe(4);
    for (const f of files) expect(readFileSync(path.join(into, f), 'utf8')).not.toMatch(/an alert nobody wrote|with external labels|sum\(rate/);
  });

  withPromtool('the regenerated tests pass promtool, as the original does', async () => {
    const promtool = findBinary('promtool')!;
    const original = await execa(promtool, ['test', 'rules', 'tests/shop.test.yml'], { cwd: FIXTURE, reject: false, all: true });
    expect(original.exitCode, original.all).toBe(0);
    const { root, into } = await imported();
    const out = path.join(root, 'out');
    const generated = await runCli(['generate', '--definitions', into, '--out', out]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const dir = path.join(out, 'prometheus');
    const tests = (readdirSync(path.join(dir, 'tests'), { recursive: true }) as string[]).filter((f) => f.endsWith('.test.yml')).sort();
    expect(tests).toEqual(['shop-api/job-shop_requests-rate5m.test.yml', 'shop-api/shophigherrorrate.test.yml', 'shop-api/shopslowcheckout.test.yml']);
    const interval = (parse(readFileSync(path.join(dir, 'tests', tests[1]!), 'utf8')) as { evaluation_interval: string }).evaluation_interval;
    expect(interval).toBe('30s');
    const run = await execa(promtool, ['test', 'rules', ...tests.map((t) => `tests/${t}`)], { cwd: dir, reject: false, all: true });
    expect(run.exitCode, run.all).toBe(0);
  });
});
