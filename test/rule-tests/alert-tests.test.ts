import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { parseTestFailures } from '../../src/validate/rule-test-output.js';

const withPromtool = itWithBinaries(['promtool']);
const withTools = itWithBinaries(['promtool', 'amtool']);
const fixture = (name: string) => path.join(FIXTURES, 'tests', name);

async function generateTotem(): Promise<string> {
  const out = path.join(tempDir(), 'out');
  const r = await runCli(['generate', '--definitions', path.join(REPO, 'definitions'), '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe('alert unit tests compiled for promtool', () => {
  withPromtool('promtool test rules passes on the committed out/prometheus/tests', async () => {
    const dir = path.join(REPO, 'out/prometheus');
    const files = (readdirSync(path.join(dir, 'tests'), { recursive: true }) as string[]).filter((f) => f.endsWith('.test.yml')).sort();
    expect(files.length).toBeGreaterThan(0);
    const r = await execa(findBinary('promtool')!, ['test', 'rules', ...files.map((f) => `tests/${f}`)], { cwd: dir, reject: false, all: true });
    expect(r.all).toContain('SUCCESS');
    expect(r.exitCode, r.all).toBe(0);
  });

  it('every Totem alert has a case that fires and one that does not, with the rule labels and rendered annotations', async () => {
    const out = await generateTotem();
    type TestFile = {
      rule_files: string[];
      evaluation_interval: string;
      tests: Array<{ name: string; alert_rule_test: Array<{ alertname: string; exp_alerts: Array<{ exp_labels: Record<string, string>; exp_annotations: Record<string, string> }> }> }>;
    };
    const read = (name: string) => parse(readFileSync(path.join(out, `prometheus/tests/totem_alerts/${name}.test.yml`), 'utf8')) as TestFile;
    for (const [alertname, stem] of [['HighErrorRate', 'higherrorrate'], ['HighLatency', 'highlatency']] as const) {
      const file = read(stem);
      expect(file.rule_files).toEqual([`${stem}.rules.yml`]);
      expect(file.evaluation_interval).toBe('15s');
      const cases = file.tests.flatMap((t) => t.alert_rule_test);
      expect(cases.every((c) => c.alertname === alertname)).toBe(true);
      expect(cases.some((c) => c.exp_alerts.length > 0), `${alertname} fires`).toBe(true);
      expect(cases.some((c) => c.exp_alerts.length === 0), `${alertname} quiet`).toBe(true);
    }
    const file = read('higherrorrate');
    const fires = file.tests.find((t) => t.name === 'HighErrorRate › 12% errors for 10 minutes fires')!.alert_rule_test[0]!.exp_alerts[0]!;
    expect(fires.exp_labels).toEqual({ job: 'totem-api', severity: 'critical' });
    expect(fires.exp_annotations['value']).toBe('Taxa de erros de 12% no job totem-api');
    expect(file.tests.map((t) => t.name)).toContain('HighErrorRate › a 3-minute burst does not fire (for: 5m)');
  });

  withTools('validate runs promtool test rules on Totem', async () => {
    const r = await runCli(['validate', '--definitions', path.join(REPO, 'definitions')]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/promtool \S+ \(check config, test rules\)/);
  });

  withTools('a raised threshold makes validate fail naming the case, with expected vs got', async () => {
    const r = await runCli(['validate', '--definitions', fixture('threshold-changed')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[promtool/test-rules] threshold-changed/index.ts:');
    expect(r.stdout).toContain('rules › ShopErrorRate › tests › 12% errors for 10 minutes fires: test case "12% errors for 10 minutes fires" failed at 10m');
    expect(r.stdout).toMatch(/expected: Labels:\{alertname="ShopErrorRate", job="shop-api", severity="critical"\}/);
    expect(r.stdout).toMatch(/got: +no alert/);
    // The quiet cases still pass: only the one case is reported.
    expect(r.stdout.match(/\[promtool\/test-rules\]/g)).toHaveLength(1);
  });

  it('test files are deterministic and covered by generate --check', async () => {
    const out = await generateTotem();
    const tests = snapshotTree(path.join(out, 'prometheus/tests'));
    expect(Object.keys(tests).length).toBeGreaterThan(0);
    const again = path.join(tempDir(), 'out');
    await runCli(['generate', '--definitions', path.join(REPO, 'definitions'), '--out', again]);
    expect(snapshotTree(path.join(again, 'prometheus/tests'))).toEqual(tests);
    rmSync(path.join(out, 'prometheus/tests/totem_alerts/higherrorrate.test.yml'));
    const r = await runCli(['generate', '--definitions', path.join(REPO, 'definitions'), '--out', out, '--check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing: ');
    expect(r.stderr).toContain('prometheus/tests/totem_alerts/higherrorrate.test.yml');
  });
});

describe('test coverage', () => {
  it('names each alert without a firing or a quiet case; warning by default', async () => {
    const r = await runCli(['validate', '--definitions', fixture('untested'), '--offline']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning \[tests\/alert-coverage\] untested\/index\.ts:\d+ › .* › ErrorsSeen: alert ErrorsSeen has no test case that stays quiet/);
    expect(r.stdout).toMatch(/NothingTested: alert NothingTested has no test case that fires and no case that stays quiet/);
  });

  it('--require-tests turns missing coverage into errors (exit 1)', async () => {
    const r = await runCli(['validate', '--definitions', fixture('untested'), '--offline', '--require-tests']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^error \[tests\/alert-coverage\]/gm)).toHaveLength(2);
  });

  it('Totem has full alert coverage', async () => {
    // A copy of the project as a user has it: definitions/ with templates/ beside it.
    const root = tempDir();
    cpSync(path.join(REPO, 'definitions'), path.join(root, 'definitions'), { recursive: true });
    cpSync(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
    const r = await runCli(['validate', '--definitions', path.join(root, 'definitions'), '--offline', '--require-tests', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { ok: boolean; diagnostics: Array<{ id: string; severity: string; message: string }> };
    // Not only no coverage finding: no error of any kind, and the exit code says so.
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.diagnostics.filter((d) => d.id === 'tests/alert-coverage')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('parseTestFailures', () => {
  it('splits promtool 2.42 output into failed cases', () => {
    const output = [
      'Unit Testing:  tests/g.test.yml',
      '  FAILED:',
      '    name: A › one, with a comma,',
      '    alertname: A, time: 10m, ',
      '        exp:[], ',
      '        got:[]',
      '    name: B › two,',
      '    alertname: B, time: 5m, ',
      '        exp:[], ',
      '        got:[]',
    ].join('\n');
    expect(parseTestFailures(output).map((f) => f.name)).toEqual(['A › one, with a comma', 'B › two']);
  });
});
