/**
 * `import` runs the stages on the project it is about to write; the findings it prints (schema
 * errors, check findings, and the ignore reasons it writes into the definitions) name where each
 * definition is written: `<into>/rules/<group>.ts`, `alertmanager.ts`, `dashboards/<title>.ts`,
 * `catalogue.ts`, `index.ts`, at the line of its builder call. Never a frame of totem-mon's own
 * runner (`bin/run-bundle.js:97`), of its bundle, or of whatever called it. Through the built CLI,
 * where that frame was the bundle's runner.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, tempDir } from '../helpers/cli.js';
import { BIN, ensureBuilt } from '../helpers/built.js';
import { importReportSchema } from '../../src/report/import.js';

beforeAll(ensureBuilt, 180_000);

const totemMon = (args: string[], cwd: string) => execa('node', [BIN, ...args], { cwd, reject: false, env: { NO_COLOR: '1' } });

/** Nothing of totem-mon's own files: its bundle, its runner, its sources, its folder. */
function expectNoOwnFile(text: string): void {
  expect(text).not.toContain('run-bundle');
  expect(text).not.toContain('totem-mon.cjs');
  expect(text).not.toContain(REPO);
  expect(text).not.toMatch(/\b(bin|dist|src)\/[\w/-]+\.(c?js|ts):\d+/);
}

const ALERTMANAGER_WITH_ERRORS = `route:
  receiver: ops
  group_wait: 5x
receivers:
  - name: ops
    webhook_configs:
      - url: not a url
`;

const RULES_WITH_ERRORS = `groups:
  - name: shop
    rules:
      - alert: ShopDown
        expr: up{job="shop"} == 0
        for: 5m
        labels:
          severity: critical
          "bad-label": x
        annotations:
          summary: Shop down
          description: The shop is down
`;

const DUPLICATES = `groups:
  - name: shop
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: ShopDown
        expr: up{job="shop"} == 0
        labels:
          severity: critical
        annotations:
          summary: Shop down
          description: d
      - alert: ShopDown
        expr: up{job="shop"} == 0
        labels:
          severity: critical
        annotations:
          summary: Shop down
          description: d
`;

describe('import: where its findings say they are', () => {
  it('schema errors name the file import writes (text and json), whatever --into is', async () => {
    const dir = tempDir('totem-mon-import-sources-');
    writeFileSync(path.join(dir, 'am.yml'), ALERTMANAGER_WITH_ERRORS);
    writeFileSync(path.join(dir, 'rules.yml'), RULES_WITH_ERRORS);
    for (const into of ['defs', path.join(dir, 'nested/defs'), './defs/']) {
      const text = await totemMon(['import', 'am.yml', 'rules.yml', '--into', into], dir);
      expect(text.exitCode).toBe(1);
      expectNoOwnFile(text.stdout + text.stderr);
      // Named as generate names them: relative to the folder that holds the definitions folder.
      expect(text.stdout).toMatch(/^error \[schema\] defs\/alertmanager\.ts:\d+ › alertmanager › receivers › ops › webhook\[0\] › url: /m);
      expect(text.stdout).toMatch(/^error \[schema\] defs\/alertmanager\.ts:\d+ › alertmanager › route › groupWait: /m);
      expect(text.stdout).toMatch(/^error \[schema\] defs\/rules\/shop\.ts:\d+ › ruleGroups › shop › rules › ShopDown › labels › bad-label: /m);
      const json = await totemMon(['import', 'am.yml', 'rules.yml', '--into', into, '--format', 'json'], dir);
      expectNoOwnFile(json.stdout);
      const report = importReportSchema.parse(JSON.parse(json.stdout));
      const schema = report.diagnostics.filter((d: { id: string }) => d.id === 'schema') as Array<{ location?: { file: string } }>;
      expect(schema.length).toBe(3);
      expect(schema.map((d) => d.location?.file).sort()).toEqual(['defs/alertmanager.ts', 'defs/alertmanager.ts', 'defs/rules/shop.ts']);
      expect(existsSync(path.join(dir, into, 'index.ts'))).toBe(false);
    }
  }, 120_000);

  it("every finding of an import that writes names a written file, at its definition's line or the line of the property it is about (as generate's); the ignore reasons written too", async () => {
    const dir = tempDir('totem-mon-import-sources-');
    cpSync(path.join(FIXTURES, 'import'), path.join(dir, 'in'), { recursive: true });
    writeFileSync(path.join(dir, 'in/dup.yml'), DUPLICATES);
    mkdirSync(path.join(dir, 'project'));
    const inputs = ['in/rules/shop.yml', 'in/alertmanager/routing.yml', 'in/grafana/shop.json', 'in/tests/shop.test.yml', 'in/dup.yml'].map((f) => path.join('..', f));
    const r = await totemMon(['import', ...inputs, '--into', 'definitions', '--format', 'json'], path.join(dir, 'project'));
    expect(r.exitCode, r.stderr).toBe(0);
    expectNoOwnFile(r.stdout);
    const report = importReportSchema.parse(JSON.parse(r.stdout));
    const findings = report.diagnostics as Array<{ id: string; location?: { file: string; line: number } }>;
    // Findings of the rules, the Alertmanager configuration and more: each where its definition is written.
    expect(new Set(findings.map((d) => d.location?.file.split('/')[1]))).toEqual(new Set(['rules', 'alertmanager.ts']));
    for (const d of findings) {
      const file = path.join(dir, 'project', d.location!.file);
      expect(existsSync(file), d.location!.file).toBe(true);
      expect(readFileSync(file, 'utf8').split('\n')[d.location!.line - 1], `${d.id} at ${d.location!.file}:${d.location!.line}`).toBeDefined();
    }
    // The ignore written for the second ShopDown names the first where it is written.
    const shop = readFileSync(path.join(dir, 'project/definitions/rules/shop.ts'), 'utf8');
    const reason = /'alert\/duplicate-name': '[^']*first in group shop, (definitions\/rules\/shop\.ts):(\d+)\)'/.exec(shop);
    expect(reason, shop).not.toBeNull();
    expect(shop.split('\n')[Number(reason![2]) - 1]).toMatch(/^export const shopDown = alert\(/);
    for (const file of report.written) expectNoOwnFile(readFileSync(path.join(dir, 'project/definitions', file), 'utf8'));
    // generate reads them as they are: the same line for the same finding.
    const validate = await totemMon(['validate', '--offline', '--format', 'json'], path.join(dir, 'project'));
    const validated = JSON.parse(validate.stdout) as { diagnostics: Array<{ id: string; message: string; location?: { file: string; line: number } }> };
    const missingFor = (list: Array<{ id: string; message: string; location?: { file: string; line: number } }>) =>
      list.filter((d) => d.id === 'alert/missing-for').map((d) => `${d.location?.file}:${d.location?.line} ${d.message}`).sort();
    expect(missingFor(findings as never)).toEqual(missingFor(validated.diagnostics));
    // Every finding at the place generate's own finding on the written files is (round 28: a
    // property's line, not the definition's first one).
    const places = (list: Array<{ id: string; message: string; location?: { file: string; line: number; column?: number } }>) =>
      list.map((d) => `${d.id} ${d.location?.file}:${d.location?.line}:${d.location?.column} ${d.message}`);
    const generated = new Set(places(validated.diagnostics));
    for (const place of places(findings as never)) expect(generated, place).toContain(place);
  }, 180_000);
});
