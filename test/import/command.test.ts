/**
 * Issue 22: `totem-mon import <files or folders…> [--into definitions/]` writes definitions from
 * existing rule files that type-check against the public API and generate, reports what it did
 * with each thing it read, and never writes over a user's file without --force.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, snapshotTree } from '../helpers/cli.js';
import { importProject } from '../helpers/imported.js';
import { typecheckDefinitions } from '../helpers/typecheck.js';
import { importReportSchema } from '../../src/report/import.js';

const RULES = path.join(FIXTURES, 'import/rules');
const OTHER = path.join(FIXTURES, 'import/other');
const cwd = process.cwd();
afterEach(() => process.chdir(cwd));


describe('totem-mon import', () => {
  it('writes one definitions file per rule group, the inferred catalogue and index.ts, which type-check and generate', async () => {
    const { root, into } = importProject();
    const result = await runCli(['import', RULES, '--into', into]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(Object.keys(snapshotTree(into)).sort()).toEqual(['catalogue.ts', 'index.ts', 'rules/shop-api.ts', 'rules/shop-infra.ts']);
    expect(typecheckDefinitions(into)).toEqual([]);
    process.chdir(root);
    const generate = await runCli(['generate', '--definitions', 'definitions', '--out', 'out']);
    expect(generate.code, generate.stdout + generate.stderr).toBe(0);
    expect(existsSync(path.join(root, 'out/prometheus/rules/shop-api.yml'))).toBe(true);
  }, 120_000); // a whole TypeScript program over the public API, then a generate: slow on a busy CI machine

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = importProject();
    const b = importProject();
    await runCli(['import', RULES, '--into', a.into, '--name', 'shop']);
    await runCli(['import', RULES, '--into', b.into, '--name', 'shop']);
    expect(snapshotTree(a.into)).toEqual(snapshotTree(b.into));
  });

  it('reports what it converted, guessed and kept raw, and why (text)', async () => {
    const { into } = importProject();
    const result = await runCli(['import', RULES, '--into', into]);
    const line = (what: string) => result.stdout.split('\n').find((l) => l.includes(what));
    expect(line('alert ShopNoSeverity')).toMatch(/^kept raw .*groups › shop-infra › rules › ShopNoSeverity: alert ShopNoSeverity — it has no severity label/);
    expect(line('metric shop_requests_total')).toMatch(/^guessed .*counter: the name ends in _total/);
    expect(line('alert ShopQueueBacklog')).toMatch(/breaks alert\/severity .*severity "page".*written with an ignore naming it/);
    expect(result.stdout).toMatch(/import: 7 converted, 4 guessed, 1 kept raw, 0 secret → file, 0 not supported, 0 error; wrote 4 file\(s\) into .*definitions\/\n$/);
  });

  it('keeps the user\'s rule as written and silences the check it breaks with an ignore that names the reason', async () => {
    const { into } = importProject();
    await runCli(['import', RULES, '--into', into]);
    const infra = readFileSync(path.join(into, 'rules/shop-infra.ts'), 'utf8');
    expect(infra).toContain("labels: { severity: 'page' }");
    expect(infra).toContain("export const shopInfra = ruleGroup({ name: 'shop-infra', limit: 50, rules: [shopQueueBacklog, shopQueueHuge] });");
    expect(infra).toMatch(/ignore: \{\s*'alert\/severity': 'imported as written: alert ShopQueueBacklog has severity "page", not one of critical, warning, info',?\s*\}/);
    // The rule without a severity cannot be a definition: it is there as a comment, not changed.
    expect(infra).toMatch(/\/\/ kept raw: alert ShopNoSeverity: it has no severity label/);
    expect(infra).not.toMatch(/^export const shopNoSeverity/m);
    // Annotations without summary and description stay as they are: the type is told so by a cast,
    // the check by an ignore (and the whole still type-checks: first test).
    expect(infra).toContain("annotations: { message: 'the queue is very long' } as Partial<AlertOptions['annotations']> as AlertOptions['annotations'],");
    expect(infra).toMatch(/'alert\/annotations': 'imported as written: alert ShopQueueHuge has no summary annotation/);
  });

  it('gives the report as one JSON document with --format json', async () => {
    const { into } = importProject();
    const result = await runCli(['import', RULES, path.join(OTHER, 'alertmanager.yml'), '--into', into, '--format', 'json']);
    const report = importReportSchema.parse(JSON.parse(result.stdout));
    expect(report.ok).toBe(true);
    // 9: the Alertmanager configuration is written with an ignore of alertmanager/silent-receiver
    // (its one receiver has no notifier), reported as an item of its own.
    expect(report.summary).toEqual({ converted: 9, guessed: 4, raw: 1, secret: 0, unsupported: 0, error: 0 });
    expect(report.written).toEqual(['alertmanager.ts', 'catalogue.ts', 'index.ts', 'rules/shop-api.ts', 'rules/shop-infra.ts']);
    expect(report.items).toContainEqual({
      status: 'converted',
      file: expect.stringMatching(/alertmanager\.yml$/),
      path: ['alertmanager'],
      what: 'Alertmanager configuration',
      reason: '1 receiver(s), 1 route(s), 0 inhibit rule(s), 0 time interval(s); 1 routing test(s) derived from the routes',
    });
  });

  it('never writes over an existing file without --force, and writes nothing then (exit 1)', async () => {
    const { into } = importProject();
    mkdirSync(into);
    writeFileSync(path.join(into, 'index.ts'), '// mine\n');
    const result = await runCli(['import', RULES, '--into', into]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing written: 1 file(s) exist');
    expect(result.stderr).toContain('  index.ts\n');
    expect(Object.keys(snapshotTree(into))).toEqual(['index.ts']);
    expect(readFileSync(path.join(into, 'index.ts'), 'utf8')).toBe('// mine\n');
    const forced = await runCli(['import', RULES, '--into', into, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(path.join(into, 'index.ts'), 'utf8')).toContain('defineProject(');
    expect(Object.keys(snapshotTree(into)).filter((f) => f.includes('.totem-mon-import-'))).toEqual([]);
  });

  it('--dry-run writes nothing', async () => {
    const { into } = importProject();
    const result = await runCli(['import', RULES, '--into', into, '--dry-run']);
    expect(result.code).toBe(0);
    expect(existsSync(into)).toBe(false);
  });

  it('a missing input or an unknown format is a usage error (exit 2)', async () => {
    const { into } = importProject();
    expect((await runCli(['import', path.join(RULES, 'nope.yml'), '--into', into])).code).toBe(2);
    expect((await runCli(['import', RULES, '--into', into, '--format', 'xml'])).code).toBe(2);
  });
});
