/**
 * The exit-code contract (README "Exit codes"): 0 ok, 1 findings (bad definitions or config, a
 * check or tool error, drift), 2 usage (an unknown option, a refused folder, a tool missing or too
 * old to judge). When both hold, 2 wins, in every command: the run was incomplete or could not
 * start, and CI must learn that first (a 1 would read as "judged, and these are the findings"); the
 * findings the command could make are still reported (validate's offline checks with a too-old
 * tool), or it stopped before making any (a missing promtool, a refused out/).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { jsonReportSchema } from '../../src/report/json.js';

let root = '';
const cwd = process.cwd();
const saved = { ...process.env };

beforeEach(() => {
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'definitions'));
  process.chdir(root);
});
afterEach(() => {
  process.chdir(cwd);
  process.env = { ...saved };
});

/** A project with Alertmanager output; `metric` is what its alert reads (undeclared: a finding). */
function writeProject(metric = 'shop_errors_total'): void {
  writeFileSync(
    path.join(root, 'definitions/index.ts'),
    `import { alert, alertmanager, counter, defineProject, receiver, route, ruleGroup, scrapeJob, secretFile } from 'totem-mon';

const errors = counter({ name: 'shop_errors_total', help: 'Errors.', labels: ['service'] });
const ops = receiver({ name: 'ops', slack: [{ apiUrl: secretFile('/etc/am/slack'), channel: '#ops' }] });

export default defineProject({
  name: 'shop',
  metrics: [errors],
  prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
  ruleGroups: [ruleGroup({ name: 'shop', rules: [alert({
    name: 'ShopErrors', expr: 'sum by (service) (rate(${metric}[5m])) > 1', for: '5m', labels: { severity: 'critical' },
    annotations: { summary: 'Errors', description: 'Errors on {{ $labels.service }}', runbook_url: 'https://runbooks/shop' },
  })] })],
  alertmanager: alertmanager({ receivers: [ops], route: route({ receiver: 'ops', groupBy: ['alertname'] }) }),
});
`,
  );
}
const writeConfig = (body: string) => writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig(${body});\n`);

/** A tool that only says its release (and records any other run). */
function fakeTool(tool: 'promtool' | 'amtool', release: string): void {
  const file = path.join(root, `fake-${tool}`);
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${tool}, version ${release} (branch: test)"; exit 0; fi\necho ran >> "${root}/ran-${tool}"\nexit 0\n`);
  chmodSync(file, 0o755);
  process.env[tool === 'promtool' ? 'TOTEM_MON_PROMTOOL' : 'TOTEM_MON_AMTOOL'] = file;
}
/** No tool of that name to be found. */
function missing(tool: 'promtool' | 'amtool'): void {
  process.env[tool === 'promtool' ? 'TOTEM_MON_PROMTOOL' : 'TOTEM_MON_AMTOOL'] = path.join(root, `no-${tool}`);
}

const UNDECLARED = 'shop_nope_total';

describe('validate: findings and a usage problem together exit 2', () => {
  itWithBinaries(['promtool', 'amtool'])('findings alone: 1', async () => {
    writeProject(UNDECLARED);
    expect((await runCli(['validate'])).code).toBe(1);
  }, 120_000);

  it('findings + promtool missing: 2', async () => {
    writeProject(UNDECLARED);
    missing('promtool');
    const r = await runCli(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('promtool not found');
  }, 120_000);

  itWithBinaries(['promtool'])('findings + amtool missing (the project has Alertmanager output): 2', async () => {
    writeProject(UNDECLARED);
    missing('amtool');
    const r = await runCli(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('amtool not found');
  }, 120_000);

  itWithBinaries(['amtool'])('findings + promtool too old for totem-mon: 2, the findings reported', async () => {
    writeProject(UNDECLARED);
    fakeTool('promtool', '2.30.0');
    const r = await runCli(['validate', '--format', 'json']);
    expect(r.code).toBe(2);
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(report.ok).toBe(false);
    expect(report.diagnostics.some((d) => d.id === 'promql/unknown-metric' && d.severity === 'error')).toBe(true);
    expect(report.toolsTooOld?.map((t) => t.name)).toEqual(['promtool']);
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('findings + a tool older than the target the config sets: 2', async () => {
    writeProject(UNDECLARED);
    writeConfig("{ versions: { prometheus: '3.x' } }");
    fakeTool('promtool', '2.42.0');
    const r = await runCli(['validate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('validate failed');
    expect(r.stdout).toMatch(/error \[promql\/unknown-metric\]/);
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('a bad config alone: 1; with a too-old or missing tool: 2', async () => {
    writeProject();
    writeConfig("{ versions: { prometheus: '2.30' } }");
    const alone = await runCli(['validate']);
    expect(alone.code).toBe(1);
    expect(alone.stdout).toMatch(/error \[schema\] totem-mon\.config\.ts/);
    fakeTool('amtool', '0.24.0');
    expect((await runCli(['validate'])).code).toBe(2);
    missing('promtool');
    expect((await runCli(['validate'])).code).toBe(2);
  }, 120_000);

  it('findings + a config whose out/ is refused: 2', async () => {
    writeProject(UNDECLARED);
    writeConfig("{ out: 'definitions/out' }");
    expect((await runCli(['validate', '--offline'])).code).toBe(2);
  }, 120_000);

  it('findings + an unknown format: 2', async () => {
    writeProject(UNDECLARED);
    expect((await runCli(['validate', '--offline', '--format', 'yaml'])).code).toBe(2);
  }, 120_000);
});

describe('generate --check: findings and a usage problem together exit 2', () => {
  it('findings alone: 1; with a refused out/: 2', async () => {
    writeProject(UNDECLARED);
    expect((await runCli(['generate', '--check'])).code).toBe(1);
    writeConfig("{ out: 'definitions/out' }");
    expect((await runCli(['generate', '--check'])).code).toBe(2);
    expect((await runCli(['generate', '--check', '--out', 'definitions'])).code).toBe(2);
  }, 120_000);

  it('a bad config alone: 1; with a refused --out: 2', async () => {
    writeProject();
    writeConfig("{ versions: { prometheus: '2.30' } }");
    expect((await runCli(['generate', '--check'])).code).toBe(1);
    expect((await runCli(['generate', '--check', '--out', 'definitions/x'])).code).toBe(2);
  }, 120_000);
});

describe('import: findings and a usage problem together exit 2', () => {
  const broken = () => {
    const file = path.join(root, 'rules.yml');
    writeFileSync(file, 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n      - 3\n');
    return file;
  };

  it('a rule it cannot read alone: 1', async () => {
    const r = await runCli(['import', broken(), '--into', path.join(root, 'imported'), '--dry-run']);
    expect(r.code).toBe(1);
  }, 120_000);

  it('with an unknown format, or --into a generated folder: 2', async () => {
    const file = broken();
    expect((await runCli(['import', file, '--into', path.join(root, 'imported'), '--dry-run', '--format', 'yaml'])).code).toBe(2);
    mkdirSync(path.join(root, 'gen'));
    writeFileSync(path.join(root, 'gen/.totem-mon-manifest.json'), '{}\n');
    expect((await runCli(['import', file, '--into', path.join(root, 'gen'), '--dry-run'])).code).toBe(2);
  }, 120_000);

  it('with a --metrics source that is not an exposition: 2', async () => {
    const file = broken();
    const metrics = path.join(root, 'metrics.txt');
    writeFileSync(metrics, '{ not an exposition\n');
    const r = await runCli(['import', file, '--into', path.join(root, 'imported'), '--dry-run', '--metrics', metrics]);
    expect(r.code).toBe(2);
  }, 120_000);
});

