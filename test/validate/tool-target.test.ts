/**
 * validate runs a promtool or amtool only when its release can judge the target the project or
 * totem-mon.config.ts sets: at least the oldest release the target admits (src/validate/tool-target.ts).
 * An older one is not run (its refusals of what later releases added would be false errors, and it
 * cannot vouch for them): a usage error (exit 2) naming the tool, its release, the target and where
 * it came from, after the offline checks' findings. Without `versions` nothing changes.
 *
 * The tools run behind wrappers that claim a release (`--version`) and run the real binary: the
 * relation between the tool and the target is then the test's, whatever release is installed.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { jsonReportSchema } from '../../src/report/json.js';
import { tooOld, tooOldMessage, toolRelease } from '../../src/validate/tool-target.js';
import { targetVersions } from '../../src/model/versions.js';
import type { Tool } from '../../src/validate/tools.js';
import type { TargetVersions } from '../../src/api/versions.js';

const promtool = (version?: string): Tool => ({ name: 'promtool', path: '/usr/bin/promtool', ...(version ? { version } : {}) });
const amtool = (version?: string): Tool => ({ name: 'amtool', path: '/usr/bin/amtool', ...(version ? { version } : {}) });
const set = (versions: TargetVersions, origin: 'config' | 'project' = 'project') => targetVersions([{ versions, origin }]);

describe('whether a tool can judge the target (tooOld)', () => {
  it.each([
    // program, tool version, target, too old?
    ['promtool', '2.42.0+ds', '3.x', true],
    ['promtool', '2.42.0+ds', '3', true],
    ['promtool', '2.42.0+ds', '3.5', true],
    ['promtool', '2.42.0+ds', '3.5.1', true],
    ['promtool', '2.42.0+ds', '>=2.53', true],
    ['promtool', '2.42.0+ds', '2.43', true],
    ['promtool', '2.42.0+ds', '2.42', false],
    ['promtool', '2.42.0+ds', '>=2.42', false],
    ['promtool', '3.0.0', '3.x', false],
    ['promtool', '3.5.1', '3.x', false],
    ['promtool', '3.5.1', '3.6', true],
    ['promtool', '3.5.1', '>=3.5', false],
    ['promtool', '3.5.1', '2.53', false],
    ['promtool', '10.0.0', '9.x', false],
    ['amtool', '0.25.0', '>=0.27', true],
    ['amtool', '0.25.0', '0.28', true],
    ['amtool', '0.25.0', '0.26.1', true],
    ['amtool', '0.25.0', '0.25', false],
    ['amtool', '0.26.0', '>=0.27', true],
    ['amtool', '0.27.0', '>=0.27', false],
    ['amtool', '0.28.1', '0.25', false],
    ['amtool', '0.31.0', '0.x', false],
    ['amtool', '1.0.0', '0.28', false],
  ] as const)('%s %s, target %s: too old %s', (name, version, target, expected) => {
    const tool = name === 'promtool' ? promtool(version) : amtool(version);
    const program = name === 'promtool' ? 'prometheus' : 'alertmanager';
    const found = tooOld(tool, set({ [program]: target }));
    expect(found !== undefined).toBe(expected);
    if (found) expect(found).toMatchObject({ name, version, program, target, from: 'project', reason: 'target' });
  });

  it('names the oldest release the target admits, and the config as the origin', () => {
    expect(tooOld(amtool('0.25.0'), set({ alertmanager: '>=0.27' }, 'config'))).toEqual({
      name: 'amtool', version: '0.25.0', path: '/usr/bin/amtool', program: 'alertmanager', reason: 'target', target: '>=0.27', from: 'config', needs: '0.27',
    });
    expect(tooOld(promtool('2.42.0+ds'), set({ prometheus: '3.x' }))?.needs).toBe('3.0');
  });

  it('holds only a target the project or config sets to its release: the installed and default targets are the tool\'s own or older', () => {
    expect(tooOld(promtool('2.42.0'), targetVersions([]))).toBeUndefined();
    expect(tooOld(amtool('0.25.0'), targetVersions([{ versions: { alertmanager: '0.25' }, origin: 'installed' }]))).toBeUndefined();
    expect(tooOld(promtool('3.5.1'), targetVersions([{ versions: { prometheus: '3.5' }, origin: 'installed' }]))).toBeUndefined();
    // Each program's target judges its own tool only.
    expect(tooOld(promtool('2.42.0'), set({ alertmanager: '0.28' }))).toBeUndefined();
    expect(tooOld(amtool('0.25.0'), set({ prometheus: '3.x' }))).toBeUndefined();
  });

  it.each([
    // tool, version, the versions layers: a release older than the oldest totem-mon supports is too old whatever the target
    ['promtool', '2.30.0', []],
    ['promtool', '2.41.1', []],
    ['promtool', 'v1.8.2', []],
    ['promtool', '0.9.0', []],
    ['promtool', '2.41.0', [{ versions: { alertmanager: '0.28' }, origin: 'project' }]],
    ['amtool', '0.24.0', []],
    ['amtool', '0.21.0', [{ versions: { prometheus: '3.x' }, origin: 'config' }]],
    ['amtool', '0.15.3', []],
  ] as const)('%s %s is older than totem-mon supports, whatever the target (%j)', (name, version, layers) => {
    const tool = name === 'promtool' ? promtool(version) : amtool(version);
    const program = name === 'promtool' ? 'prometheus' : 'alertmanager';
    const found = tooOld(tool, targetVersions(layers as never));
    expect(found).toMatchObject({ name, version, program, reason: 'unsupported', needs: name === 'promtool' ? '2.42' : '0.25' });
  });

  it.each([
    ['promtool', '2.42.0+ds'], ['promtool', '2.42.9'], ['promtool', '3.0.0'], ['amtool', '0.25.0'], ['amtool', '0.25.1'], ['amtool', '1.0.0'],
  ] as const)('%s %s is at least the oldest release totem-mon supports: it runs without a target', (name, version) => {
    expect(tooOld(name === 'promtool' ? promtool(version) : amtool(version), targetVersions([]))).toBeUndefined();
  });

  it('a target set by the project, newer than the floor, is named as the reason when the tool is older than both', () => {
    const found = tooOld(promtool('2.30.0'), set({ prometheus: '3.x' }));
    expect(found).toMatchObject({ reason: 'target', needs: '3.0', from: 'project' });
    // A target at the floor: the floor is what the tool misses (the same release), said as the target
    expect(tooOld(amtool('0.24.0'), set({ alertmanager: '>=0.25' }))).toMatchObject({ reason: 'target', needs: '0.25' });
  });

  it('the message of a tool older than totem-mon supports names the tool, its release, the floor and what to do', () => {
    const { message, hint } = tooOldMessage(tooOld(promtool('2.30.0'), targetVersions([]))!);
    expect(message).toContain('promtool 2.30.0 (/usr/bin/promtool) is older than Prometheus 2.42, the oldest release totem-mon supports');
    expect(message).toContain('validate did not run it');
    expect(hint).toContain('install promtool 2.42 or later');
    expect(hint).toContain('TOTEM_MON_PROMTOOL');
    expect(hint).toContain('totem-mon validate --offline');
    const a = tooOldMessage(tooOld(amtool('0.24.0'), targetVersions([]))!);
    expect(a.message).toContain('amtool 0.24.0 (/usr/bin/amtool) is older than Alertmanager 0.25, the oldest release totem-mon supports');
    expect(a.hint).toContain('install amtool 0.25 or later');
  });

  it('a version that says no release is refused too (nothing tells it is not older): test/validate/unreadable-version.test.ts', () => {
    expect(tooOld(amtool(), set({ alertmanager: '0.28' }))).toMatchObject({ reason: 'unreadable', version: undefined, needs: '0.28' });
    expect(tooOld(amtool('unknown'), set({ alertmanager: '0.28' }))).toMatchObject({ reason: 'unreadable', version: undefined });
    expect(tooOld(promtool(), targetVersions([]))).toMatchObject({ reason: 'unreadable', needs: '2.42' });
    expect(toolRelease('v0.27.0')).toBe('0.27');
    expect(toolRelease('2.42.0+ds')).toBe('2.42');
  });

  it('the message names the tool, its release, the target, its origin, and what to do', () => {
    const { message, hint } = tooOldMessage(tooOld(amtool('0.25.0'), set({ alertmanager: '>=0.27' }, 'config'))!);
    expect(message).toContain('amtool 0.25.0 (/usr/bin/amtool) cannot judge the target Alertmanager >=0.27 (set in totem-mon.config.ts)');
    expect(message).toContain('older than Alertmanager 0.27, the oldest release the target admits');
    expect(hint).toContain('install amtool 0.27 or later');
    expect(hint).toContain('TOTEM_MON_AMTOOL');
    expect(hint).toContain('versions in totem-mon.config.ts');
    expect(hint).toContain('totem-mon validate --offline');
    const p = tooOldMessage(tooOld(promtool('2.42.0+ds'), set({ prometheus: '3.x' }))!);
    expect(p.message).toContain("promtool 2.42.0+ds (/usr/bin/promtool) cannot judge the target Prometheus 3.x (set in the project's versions)");
    expect(p.hint).toContain('install promtool 3.0 or later');
  });
});

// ---- validate, through the command line ----

let root = '';
const cwd = process.cwd();
const savedEnv = { promtool: process.env['TOTEM_MON_PROMTOOL'], amtool: process.env['TOTEM_MON_AMTOOL'] };

beforeEach(() => {
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'definitions'));
  process.chdir(root);
});
afterEach(() => {
  process.chdir(cwd);
  for (const [name, value] of Object.entries(savedEnv)) {
    const key = name === 'promtool' ? 'TOTEM_MON_PROMTOOL' : 'TOTEM_MON_AMTOOL';
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** A wrapper that says it is `release` of the tool and runs the real binary for everything else. */
function claiming(tool: 'promtool' | 'amtool', release: string): string {
  const real = findBinary(tool)!;
  const file = path.join(root, `fake-${tool}-${release}`);
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${tool}, version ${release} (branch: test)"; exit 0; fi\nexec "${real}" "$@"\n`);
  chmodSync(file, 0o755);
  process.env[tool === 'promtool' ? 'TOTEM_MON_PROMTOOL' : 'TOTEM_MON_AMTOOL'] = file;
  return file;
}

/**
 * A project whose route matches a UTF-8 label name (Alertmanager 0.27's matcher parser, written
 * quoted: amtool 0.25 calls it a bad matcher format), with a routing test, and an alert.
 */
function writeProject(versions: string, routingTestReceiver = 'api-team'): void {
  writeFileSync(
    path.join(root, 'definitions/index.ts'),
    `import { alert, alertmanager, counter, defineProject, rate, receiver, route, ruleGroup, scrapeJob, secretFile } from 'totem-mon';

const errors = counter({ name: 'shop_errors_total', help: 'Errors.', labels: ['service'] });
const ops = receiver({ name: 'ops', slack: [{ apiUrl: secretFile('/etc/am/slack'), channel: '#ops' }] });
const apiTeam = receiver({ name: 'api-team', slack: [{ apiUrl: secretFile('/etc/am/slack'), channel: '#api' }] });

export default defineProject({
  name: 'shop',
  metrics: [errors],
  prometheus: { scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:9000'] })] },
  ruleGroups: [ruleGroup({ name: 'shop', rules: [alert({
    name: 'ShopErrors', expr: \`sum by (service) (\${rate(errors, '5m')}) > 1\`, for: '5m', labels: { severity: 'critical', team: 'api' },
    annotations: { summary: 'Errors', description: 'Errors on {{ $labels.service }}', runbook_url: 'https://runbooks/shop' },
    tests: [{ name: 'no errors, no alert', input: [{ series: errors.select({ service: 'a' }), values: '0+0x20' }], at: '10m', expect: [] }],
  })] })],
  alertmanager: alertmanager({
    receivers: [ops, apiTeam],
    route: route({ receiver: 'ops', groupBy: ['alertname'], routes: [route({ matchers: { 'service.name': 'api' }, receiver: 'api-team' })] }),
    tests: [{ name: 'api alerts reach the api team', labels: { 'service.name': 'api', severity: 'critical' }, receivers: ['${routingTestReceiver}'] }],
  }),
  ${versions}
});
`,
  );
}
const writeConfig = (body: string) => writeFileSync(path.join(root, 'totem-mon.config.ts'), `import { defineConfig } from 'totem-mon';\n\nexport default defineConfig(${body});\n`);

const json = (stdout: string) => jsonReportSchema.parse(JSON.parse(stdout));

describe('validate with a target newer than the installed tool', () => {
  itWithBinaries(['promtool', 'amtool'])('amtool 0.25 and a project target of >=0.27: amtool is not run, exit 2, no false amtool error; promtool still runs', async () => {
    claiming('amtool', '0.25.0');
    claiming('promtool', '2.42.0+ds');
    writeProject("versions: { prometheus: '2.42', alertmanager: '>=0.27' },");
    const r = await runCli(['validate', '--format', 'json']);
    expect(r.code).toBe(2);
    const report = json(r.stdout);
    expect(report.diagnostics.filter((d) => d.id.startsWith('amtool/'))).toEqual([]);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(false);
    expect(report.tools.map((t) => [t.name, t.ran])).toEqual([['promtool', ['check config', 'test rules']]]);
    expect(report.toolsTooOld).toEqual([
      { name: 'amtool', version: '0.25.0', path: expect.stringContaining('fake-amtool-0.25.0'), reason: 'target', target: { program: 'alertmanager', version: '>=0.27', from: 'project' }, needs: '0.27' },
    ]);
    // The routing test amtool would have run is judged by totem-mon's simulation, as offline.
    expect(report.simulatedRoutingTests).toBe(1);
    expect(r.stderr).toContain("amtool 0.25.0 (");
    expect(r.stderr).toContain("cannot judge the target Alertmanager >=0.27 (set in the project's versions)");
    expect(r.stderr).toContain('hint: install amtool 0.27 or later');
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('the offline checks still report: a failing routing test is found by the simulation (text report)', async () => {
    claiming('amtool', '0.25.0');
    writeProject("versions: { alertmanager: '0.28' },", 'ops');
    const r = await runCli(['validate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/error \[tests\/routing\]/);
    expect(r.stdout).toContain('validate failed');
    expect(r.stdout).toContain('amtool 0.25.0 not run (older than the target 0.28)');
    expect(r.stderr).toContain("cannot judge the target Alertmanager 0.28 (set in the project's versions)");
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('promtool 2.42 and a config target of 3.x: promtool is not run (no check config, rules or tests), exit 2, amtool runs', async () => {
    claiming('promtool', '2.42.0+ds');
    claiming('amtool', '0.25.0');
    writeProject("versions: { alertmanager: '0.25' },");
    writeConfig("{ versions: { prometheus: '3.x', alertmanager: '0.25' } }");
    const r = await runCli(['validate', '--format', 'json']);
    expect(r.code).toBe(2);
    const report = json(r.stdout);
    expect(report.tools.map((t) => [t.name, t.ran])).toEqual([['amtool', ['check-config', 'routes test']]]);
    expect(r.stderr).not.toContain('promtool test rules');
    expect(report.toolsTooOld?.map((t) => [t.name, t.target, t.needs])).toEqual([['promtool', { program: 'prometheus', version: '3.x', from: 'config' }, '3.0']]);
    expect(report.diagnostics.filter((d) => d.id.startsWith('promtool/'))).toEqual([]);
    expect(r.stderr).toContain('cannot judge the target Prometheus 3.x (set in totem-mon.config.ts)');
    expect(r.stderr).toContain('install promtool 3.0 or later');
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('both too old (a range and a release): both named, each once; --format github annotates them', async () => {
    claiming('promtool', '2.42.0+ds');
    claiming('amtool', '0.26.0');
    writeProject("versions: { prometheus: '>=2.53', alertmanager: '>=0.27' },");
    const r = await runCli(['validate', '--format', 'github']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/::error title=promtool older than the target::promtool 2\.42\.0\+ds .*cannot judge the target Prometheus >=2\.53/);
    expect(r.stdout).toMatch(/::error title=amtool older than the target::amtool 0\.26\.0 .*cannot judge the target Alertmanager >=0\.27/);
    expect(r.stderr.match(/cannot judge/g)).toHaveLength(2);
  }, 120_000);
});

describe('validate with a tool older than totem-mon supports, without versions', () => {
  /** A tool that only says its version: validate must not run it for anything else. */
  function old(tool: 'promtool' | 'amtool', release: string): string {
    const file = path.join(root, `old-${tool}-${release}`);
    const ran = path.join(root, `ran-${tool}`);
    writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${tool}, version ${release} (branch: test)"; exit 0; fi\necho "$@" >> "${ran}"\nexit 0\n`);
    chmodSync(file, 0o755);
    process.env[tool === 'promtool' ? 'TOTEM_MON_PROMTOOL' : 'TOTEM_MON_AMTOOL'] = file;
    return ran;
  }
  const noUtf8 = async () => writeFileSync(path.join(root, 'definitions/index.ts'), (await import('node:fs')).readFileSync(path.join(root, 'definitions/index.ts'), 'utf8').replaceAll("'service.name'", 'team'));

  itWithBinaries(['amtool'])('promtool 2.30: not run (its "ok" is not trusted), exit 2, named with the floor; amtool runs', async () => {
    const ran = old('promtool', '2.30.0');
    claiming('amtool', '0.25.0');
    writeProject('');
    await noUtf8();
    const r = await runCli(['validate', '--format', 'json']);
    expect(r.code).toBe(2);
    const report = json(r.stdout);
    expect(report.ok).toBe(false);
    expect((await import('node:fs')).existsSync(ran)).toBe(false);
    expect(report.tools.map((t) => t.name)).toEqual(['amtool']);
    expect(report.toolsTooOld).toEqual([
      { name: 'promtool', version: '2.30.0', path: expect.stringContaining('old-promtool-2.30.0'), reason: 'unsupported', target: { program: 'prometheus', version: '2.42', from: 'default' }, needs: '2.42' },
    ]);
    expect(r.stderr).toContain('promtool 2.30.0 (');
    expect(r.stderr).toContain('is older than Prometheus 2.42, the oldest release totem-mon supports');
    expect(r.stderr).toContain('hint: install promtool 2.42 or later');
  }, 120_000);

  itWithBinaries(['promtool'])('amtool 0.24: not run, exit 2 (text says incomplete, not ok); its routing tests are judged by the simulation', async () => {
    const ran = old('amtool', '0.24.0');
    claiming('promtool', '2.42.0+ds');
    writeProject('');
    await noUtf8();
    const r = await runCli(['validate']);
    expect(r.code).toBe(2);
    expect((await import('node:fs')).existsSync(ran)).toBe(false);
    expect(r.stdout).toContain('validate incomplete');
    expect(r.stdout).not.toContain('validate ok');
    expect(r.stdout).toContain('amtool 0.24.0 not run (older than Alertmanager 0.25, the oldest release totem-mon supports)');
    expect(r.stderr).toContain('amtool 0.24.0 (');
    expect(r.stderr).toContain('is older than Alertmanager 0.25, the oldest release totem-mon supports');
    const j = json((await runCli(['validate', '--format', 'json'])).stdout);
    expect(j.simulatedRoutingTests).toBe(1);
    const g = await runCli(['validate', '--format', 'github']);
    expect(g.code).toBe(2);
    expect(g.stdout).toMatch(/::error title=amtool older than totem-mon supports::amtool 0\.24\.0 /);
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('--offline runs no tool: exit 0 with an old promtool on PATH', async () => {
    old('promtool', '2.30.0');
    old('amtool', '0.24.0');
    writeProject('');
    await noUtf8();
    const r = await runCli(['validate', '--offline']);
    expect(r.code).toBe(0);
  }, 120_000);
});

describe('validate with a target the tool can judge', () => {
  itWithBinaries(['promtool', 'amtool'])('equal releases: both tools run (exit 0)', async () => {
    claiming('promtool', '2.42.0+ds');
    claiming('amtool', '0.25.0');
    // No UTF-8 name: 0.25 reads it.
    writeProject("versions: { prometheus: '2.42', alertmanager: '0.25' },");
    writeFileSync(path.join(root, 'definitions/index.ts'), (await import('node:fs')).readFileSync(path.join(root, 'definitions/index.ts'), 'utf8').replaceAll("'service.name'", 'team'));
    const r = await runCli(['validate', '--format', 'json']);
    const report = json(r.stdout);
    expect(report.toolsTooOld).toBeUndefined();
    expect(report.tools.map((t) => [t.name, t.ran])).toEqual([['promtool', ['check config', 'test rules']], ['amtool', ['check-config', 'routes test']]]);
    expect(r.code).toBe(0);
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('an older target and a newer tool: it runs (a newer tool reads older configurations)', async () => {
    claiming('promtool', '3.5.1');
    claiming('amtool', '0.28.1');
    writeProject("versions: { prometheus: '2.42', alertmanager: '0.25' },");
    writeFileSync(path.join(root, 'definitions/index.ts'), (await import('node:fs')).readFileSync(path.join(root, 'definitions/index.ts'), 'utf8').replaceAll("'service.name'", 'team'));
    const r = await runCli(['validate', '--format', 'json']);
    const report = json(r.stdout);
    expect(report.toolsTooOld).toBeUndefined();
    expect(report.tools.map((t) => [t.name, t.version])).toEqual([['promtool', '3.5.1'], ['amtool', '0.28.1']]);
    expect(r.code).toBe(0);
  }, 120_000);

  itWithBinaries(['promtool', 'amtool'])('without versions: the installed tools are the target, as before', async () => {
    claiming('promtool', '2.42.0+ds');
    claiming('amtool', '0.25.0');
    writeProject('');
    writeFileSync(path.join(root, 'definitions/index.ts'), (await import('node:fs')).readFileSync(path.join(root, 'definitions/index.ts'), 'utf8').replaceAll("'service.name'", 'team'));
    const r = await runCli(['validate', '--format', 'json']);
    const report = json(r.stdout);
    expect(report.toolsTooOld).toBeUndefined();
    expect(report.targets).toEqual({ prometheus: { version: '2.42', from: 'installed' }, alertmanager: { version: '0.25', from: 'installed' } });
    expect(report.tools.map((t) => t.name)).toEqual(['promtool', 'amtool']);
    expect(r.code).toBe(0);
  }, 120_000);
});
