/**
 * A tool whose `--version` does not say which release it is (prints nothing, prints garbage, exits
 * non-zero, crashes, hangs) is not run by validate: nothing tells whether it is older than the
 * target or than totem-mon supports, so its verdict, an "ok" above all, cannot be trusted. It is
 * refused the way a tool too old is (src/validate/tool-target.ts): exit 2, a message naming the
 * tool, its path and what `--version` did, and a hint; the offline checks still report. A version
 * on either stream is read (the tools print it on stdout or stderr, by tool and release), and the
 * real installed binaries are read as before.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { jsonReportSchema } from '../../src/report/json.js';
import { readVersion, resolveTool, type ToolName } from '../../src/validate/tools.js';
import { notRunLine, tooOld, tooOldMessage } from '../../src/validate/tool-target.js';
import { targetVersions } from '../../src/model/versions.js';

const ENV_OF: Record<ToolName, string> = { promtool: 'TOTEM_MON_PROMTOOL', amtool: 'TOTEM_MON_AMTOOL', 'blackbox-exporter': 'TOTEM_MON_BLACKBOX_EXPORTER' };
const BINARY_OF: Record<ToolName, string> = { promtool: 'promtool', amtool: 'amtool', 'blackbox-exporter': 'prometheus-blackbox-exporter' };
/** How each tool's version line starts (prometheus/common's version.Print: `<program>, version <v> (branch: …)`). */
const PROGRAM_OF: Record<ToolName, string> = { promtool: 'promtool', amtool: 'amtool', 'blackbox-exporter': 'blackbox_exporter' };

/**
 * What `--version` does, as shell; every other run of the fake is written down in `ran` (and
 * passes). `PROGRAM` is the tool's program name.
 */
const ANSWERS = {
  'prints nothing': 'exit 0',
  'prints only a blank line': 'echo ""\nexit 0',
  'prints garbage': "printf '\\001\\002\\377\\376 \\033[31m\\n'\nexit 0",
  'prints text without a version': 'echo "usage: PROGRAM [<flags>] <command>"\nexit 0',
  'prints "version" followed by no release': 'echo "PROGRAM, version unknown (branch: HEAD)"\nexit 0',
  'says error: version': 'echo "error: version flag not supported" >&2\nexit 0',
  'prints a version but exits 1': 'echo "PROGRAM, version 2.42.0 (branch: x)"\nexit 1',
  'exits 2 with an error on stderr': 'echo "PROGRAM: error: unknown long flag \'--version\'" >&2\nexit 2',
  'crashes (SIGSEGV) after a version': 'echo "PROGRAM, version 2.42.0 (branch: x)"\nkill -SEGV $$',
  'is killed (SIGKILL)': 'kill -KILL $$',
} as const;

/** Versions that are read, on either stream, whatever else is printed. */
const READABLE = {
  'on stdout': ['echo "PROGRAM, version 3.5.1 (branch: x)"', '3.5.1'],
  'on stderr only (kingpin writes it there in older releases)': ['echo "PROGRAM, version 3.5.1 (branch: x)" >&2', '3.5.1'],
  'on stderr, after a warning on stdout': ['echo "warning: something"\necho "PROGRAM, version 3.5.1 (branch: x)" >&2', '3.5.1'],
  'on stdout, after a warning on stderr': ['echo "level=warn msg=\\"GOGC ignored\\"" >&2\necho "PROGRAM, version 3.5.1+ds (branch: x)"', '3.5.1+ds'],
  'with a v': ['echo "PROGRAM, version v3.5.1 (branch: x)"', 'v3.5.1'],
} as const;

let root = '';
const cwd = process.cwd();
const saved = { ...process.env };

beforeEach(() => {
  root = tempDir();
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'definitions'));
  process.chdir(root);
  process.env['TOTEM_MON_CACHE_DIR'] = 'off';
});
afterEach(() => {
  process.chdir(cwd);
  process.env = { ...saved };
});

/** A fake tool: `--version` runs `answer`; any other run is written down and passes. */
function fake(tool: ToolName, answer: string): { file: string; ran: string } {
  const dir = tempDir('totem-mon-unreadable-');
  const file = path.join(dir, PROGRAM_OF[tool]);
  const ran = path.join(dir, 'ran');
  writeFileSync(file, `#!/bin/sh\nif [ "$1" = "--version" ]; then\n${answer.replaceAll('PROGRAM', PROGRAM_OF[tool])}\nfi\necho "$@" >> "${ran}"\nexit 0\n`);
  chmodSync(file, 0o755);
  return { file, ran };
}

const lookUp = (tool: ToolName, file: string, extra: NodeJS.ProcessEnv = {}) =>
  resolveTool(tool, { PATH: process.env['PATH'], TOTEM_MON_CACHE_DIR: 'off', [ENV_OF[tool]]: file, ...extra });

describe('reading a version', () => {
  for (const tool of ['promtool', 'amtool', 'blackbox-exporter'] as const) {
    it.each(Object.entries(READABLE))(`${tool}: a version %s is read`, async (_, [answer, version]) => {
      const resolved = await lookUp(tool, fake(tool, `${answer}\nexit 0`).file);
      expect(resolved?.version).toBe(version);
      expect(tooOld(resolved, targetVersions([]))).toBeUndefined();
    });

    it.each(Object.entries(ANSWERS))(`${tool} that %s: no version, and refused (reason unreadable)`, async (_, answer) => {
      const { file } = fake(tool, answer);
      const resolved = await lookUp(tool, file);
      expect(resolved).toMatchObject({ name: tool, path: file });
      expect(resolved?.version).toBeUndefined();
      const refused = tooOld(resolved, targetVersions([]));
      expect(refused).toMatchObject({ name: tool, path: file, reason: 'unreadable' });
      const { message, hint } = tooOldMessage(refused!);
      expect(message).toContain(`${tool} (${file})`);
      expect(message).toContain('validate did not run it');
      expect(hint).toContain(ENV_OF[tool]);
      expect(hint).toContain(`${file} --version`);
      expect(hint).toContain('totem-mon validate --offline');
      expect(notRunLine(refused!)).toContain(`${tool} not run`);
    });
  }

  it('the message says what --version did: the exit code, the signal, what it printed on which stream', async () => {
    const said = async (answer: string) => tooOldMessage(tooOld(await lookUp('amtool', fake('amtool', answer).file), targetVersions([]))!).message;
    expect(await said('exit 0')).toContain('printed nothing');
    expect(await said('echo "usage: amtool"\nexit 0')).toContain('printed "usage: amtool" on stdout');
    expect(await said('echo "boom" >&2\nexit 3')).toMatch(/exited with code 3.*"boom" on stderr/);
    expect(await said('echo "amtool, version 0.25.0"\nkill -SEGV $$')).toMatch(/SIGSEGV.*"amtool, version 0.25.0" on stdout/);
    // Long output is cut, control characters escaped: one line of message.
    const long = await said(`printf 'x%.0s' $(seq 1 2000)\nprintf '\\033[31m'\nexit 0`);
    expect(long.length).toBeLessThan(1200);
    expect(long).not.toContain('\u001b');
    expect(long).not.toContain('\n');
  });

  it("another tool's binary (its version line names another program) is refused, saying which program it is", async () => {
    const tools = ['promtool', 'amtool', 'blackbox-exporter'] as const;
    for (const tool of tools) {
      for (const other of tools.filter((t) => t !== tool)) {
        const { file } = fake(tool, `echo "${PROGRAM_OF[other]}, version 2.42.0 (branch: x)"\nexit 0`);
        const resolved = await lookUp(tool, file);
        expect(resolved?.version, `${tool} answering as ${other}`).toBeUndefined();
        const refused = tooOld(resolved, targetVersions([]));
        expect(refused).toMatchObject({ name: tool, reason: 'unreadable' });
        expect(tooOldMessage(refused!).message).toContain(`the version line of another program (${PROGRAM_OF[other]})`);
      }
    }
    // The blackbox exporter's binary is named either way; its version line names blackbox_exporter.
    const debian = fake('blackbox-exporter', 'echo "prometheus-blackbox-exporter, version 0.23.0 (branch: x)"\nexit 0');
    expect((await lookUp('blackbox-exporter', debian.file))?.version).toBe('0.23.0');
    expect(readVersion({ stdout: 'promtool, version 2.42.0', stderr: '', exitCode: 0, timedOut: false }, 'amtool')).toBeUndefined();
    expect(readVersion({ stdout: 'promtool, version 2.42.0', stderr: '', exitCode: 0, timedOut: false }, 'promtool')).toBe('2.42.0');
    // A line without a program name still says a release (a wrapper's own line).
    expect(readVersion({ stdout: 'version 0.25.0', stderr: '', exitCode: 0, timedOut: false }, 'amtool')).toBe('0.25.0');
  });

  it('a --version that does not finish in time is refused, saying so', async () => {
    const resolved = await lookUp('promtool', fake('promtool', 'echo "promtool, version 2.42.0"\nsleep 30').file, { TOTEM_MON_TOOL_TIMEOUT: '0.5' });
    expect(resolved?.version).toBeUndefined();
    const refused = tooOld(resolved, targetVersions([]));
    expect(refused?.reason).toBe('unreadable');
    expect(tooOldMessage(refused!).message).toContain('did not finish within 0.5 s');
  });

  it('readVersion: either stream, a release of digits, only from a run that exited 0 in time', () => {
    const run = (stdout: string, stderr: string, exitCode = 0, timedOut = false) => ({ stdout, stderr, exitCode, timedOut });
    expect(readVersion(run('promtool, version 2.42.0+ds (branch: debian/sid)\n  build user: x', ''))).toBe('2.42.0+ds');
    expect(readVersion(run('', 'amtool, version 0.25.0 (branch: x)'))).toBe('0.25.0');
    expect(readVersion(run('  go version:       go1.19.8', ''))).toBeUndefined();
    expect(readVersion(run('version here', ''))).toBeUndefined();
    expect(readVersion(run('promtool, version 2.42.0', '', 1))).toBeUndefined();
    expect(readVersion(run('promtool, version 2.42.0', '', 0, true))).toBeUndefined();
  });
});

describe('the real installed tools', () => {
  for (const tool of ['promtool', 'amtool', 'blackbox-exporter'] as const) {
    itWithBinaries([BINARY_OF[tool]])(`${tool}: its version is read (not refused), also behind a wrapper that moves it to the other stream`, async () => {
      const real = findBinary(BINARY_OF[tool])!;
      const direct = await lookUp(tool, real);
      expect(direct?.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(tooOld(direct, targetVersions([]))).toBeUndefined();
      for (const [redirect, name] of [['1>&2', 'to-stderr'], ['2>&1', 'to-stdout']] as const) {
        const wrapper = path.join(tempDir('totem-mon-wrapper-'), `${PROGRAM_OF[tool]}-${name}`);
        writeFileSync(wrapper, `#!/bin/sh\nexec "${real}" "$@" ${redirect}\n`);
        chmodSync(wrapper, 0o755);
        expect((await lookUp(tool, wrapper))?.version).toBe(direct?.version);
      }
    });
  }
});

// ---- validate, through the command line ----

/** A project with a health check (and its alert and rule test) and Alertmanager output: every tool would run. `metric`: what a second alert reads (undeclared: an offline finding). */
function writeProject(metric = 'shop_orders_open'): string {
  const definitions = path.join(root, 'definitions');
  writeFileSync(
    path.join(definitions, 'index.ts'),
    `import { alert, alertmanager, defineProject, gauge, healthAlert, healthCheck, receiver, route, ruleGroup, scrapeJob, secretFile } from 'totem-mon';

const ordersOpen = gauge({ name: 'shop_orders_open', help: 'Open orders' });
const shopHealth = healthCheck({ name: 'shop-api', url: 'http://shop:8080/healthz', interval: '20s', timeout: '5s', expectJson: { status: 'ok' } });
const ops = receiver({ name: 'ops', slack: [{ apiUrl: secretFile('/etc/am/slack'), channel: '#ops' }] });

export default defineProject({
  name: 'shop',
  metrics: [ordersOpen],
  prometheus: { global: { scrapeInterval: '20s', evaluationInterval: '20s' }, scrapeJobs: [scrapeJob({ name: 'shop', targets: ['shop:8080'] })] },
  healthChecks: [shopHealth],
  ruleGroups: [ruleGroup({ name: 'health', rules: [
    healthAlert(shopHealth, {
      name: 'ShopApiUnhealthy', labels: { severity: 'critical' },
      annotations: { summary: 'Shop API unhealthy', description: 'Its health check fails', runbook_url: 'https://runbooks.example.com/ShopApiUnhealthy' },
      tests: [{ name: 'two failed probes do not fire', interval: '20s', input: [{ series: 'probe_success{job="shop-api-health",instance="http://shop:8080/healthz"}', values: '1 1 0 0 1 1' }], at: '1m40s', expect: [] }],
    }),
    alert({ name: 'ManyOrdersOpen', expr: '${metric} > 1000', for: '5m', labels: { severity: 'warning' },
      annotations: { summary: 'Many open orders', description: 'Open orders pile up', runbook_url: 'https://runbooks.example.com/ManyOrdersOpen' } }),
  ] })],
  alertmanager: alertmanager({ receivers: [ops], route: route({ receiver: 'ops', groupBy: ['alertname'] }) }),
});
`,
  );
  return definitions;
}

describe('validate with a tool whose version cannot be read', () => {
  for (const tool of ['promtool', 'amtool', 'blackbox-exporter'] as const) {
    const others = (['promtool', 'amtool', 'blackbox-exporter'] as const).filter((t) => t !== tool).map((t) => BINARY_OF[t]);
    itWithBinaries(others)(`${tool} is not run: exit 2, the offline checks report, the others run (json and text)`, async () => {
      const definitions = writeProject();
      for (const [answer, label] of [['exit 0', 'empty'], ['echo "PROGRAM, version 0.30.0"\nexit 1', 'exit 1']] as const) {
        const bad = fake(tool, answer);
        process.env[ENV_OF[tool]] = bad.file;
        const r = await runCli(['validate', '--definitions', definitions, '--format', 'json']);
        expect(r.code, `${label}: ${r.stdout}${r.stderr}`).toBe(2);
        expect(existsSync(bad.ran), label).toBe(false);
        const report = jsonReportSchema.parse(JSON.parse(r.stdout));
        expect(report.ok).toBe(false);
        expect(report.tools.map((t) => t.name).sort()).toEqual(['promtool', 'amtool', 'blackbox-exporter'].filter((t) => t !== tool).sort());
        expect(report.toolsTooOld).toEqual([expect.objectContaining({ name: tool, version: null, path: bad.file, reason: 'unreadable' })]);
        expect(r.stderr).toContain(`totem-mon: ${tool} (${bad.file})`);
        expect(r.stderr).toContain('hint:');
        // A missing exporter's info is not said on top of it.
        expect(report.diagnostics.filter((d) => d.id === 'blackbox-exporter/config-check')).toEqual([]);
      }
      const text = await runCli(['validate', '--definitions', definitions]);
      expect(text.code).toBe(2);
      expect(text.stdout).toContain('validate incomplete');
      expect(text.stdout).toContain(`${tool} not run (its version could not be read)`);
      const github = await runCli(['validate', '--definitions', definitions, '--format', 'github']);
      expect(github.code).toBe(2);
      expect(github.stdout).toMatch(new RegExp(`::error title=${tool} version unreadable::`));
    }, 180_000);
  }

  itWithBinaries(['amtool', 'prometheus-blackbox-exporter'])('the offline checks still report their findings (exit 2 wins over 1)', async () => {
    const definitions = writeProject('shop_nope_total');
    const bad = fake('promtool', 'echo garbage\nexit 0');
    process.env['TOTEM_MON_PROMTOOL'] = bad.file;
    const r = await runCli(['validate', '--definitions', definitions, '--format', 'json']);
    expect(r.code).toBe(2);
    const report = jsonReportSchema.parse(JSON.parse(r.stdout));
    expect(report.diagnostics.some((d) => d.id === 'promql/unknown-metric' && d.severity === 'error')).toBe(true);
    expect(report.toolsTooOld?.map((t) => [t.name, t.reason])).toEqual([['promtool', 'unreadable']]);
    expect(existsSync(bad.ran)).toBe(false);
  }, 180_000);
});
