import { chmodSync, existsSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { UsageError } from '../../src/diagnostic.js';
import { alive, killLeftovers, until } from '../helpers/process.js';
import { assertToolTimeout, resolveTool, RULE_CHECK_GOGC, runTool, START_BOUND_GOGC, toolEnv, toolTimeoutMs, versionTimeoutMs, type Collector } from '../../src/validate/tools.js';
import { MEMORY_TMP, toolScratch, toolTreeParent } from '../../src/validate/scratch.js';

/** pid files of the fake tools; what they name is killed after each test whatever happened. */
const pidFiles: string[] = [];

/** A fake promtool: a shell script whose background child keeps stdout open (and writes its pid down). */
function fakeTool(body: string): { path: string; pidFile: string } {
  const dir = tempDir('totem-mon-fake-tool-');
  const pidFile = path.join(dir, 'child.pid');
  const file = path.join(dir, 'promtool');
  writeFileSync(file, `#!/bin/sh\n${body.replaceAll('PIDFILE', pidFile)}\n`);
  chmodSync(file, 0o755);
  pidFiles.push(pidFile);
  return { path: file, pidFile };
}

function childPid(pidFile: string): number {
  return Number(readFileSync(pidFile, 'utf8').trim());
}

afterEach(() => {
  killLeftovers(pidFiles.splice(0));
});

describe('tool runs: the time limit holds, whatever the tool starts', () => {
  it('a grandchild that keeps stdout open is killed at the limit, with the tool', async () => {
    const tool = fakeTool('sleep 1000 &\necho $! > PIDFILE\necho "checking"\nexit 0');
    const started = Date.now();
    const run = await runTool({ name: 'promtool', path: tool.path }, ['check', 'rules'], { cwd: process.cwd(), timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(run.timedOut).toBe(true);
    expect(run.output).toContain('checking');
    expect(await until(() => !alive(childPid(tool.pidFile)), 3_000)).toBe(true);
  });

  it('a tool that ignores SIGTERM is killed (SIGKILL after a grace period)', async () => {
    const tool = fakeTool("trap '' TERM\n(trap '' TERM; sleep 1000) &\necho $! > PIDFILE\nwait");
    const t0 = Date.now();
    const run = await runTool({ name: 'promtool', path: tool.path }, [], { cwd: process.cwd(), timeoutMs: 300 });
    expect(run.timedOut).toBe(true);
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(await until(() => !alive(childPid(tool.pidFile)), 3_000)).toBe(true);
  });

  it('the limit holds for --version too (TOTEM_MON_TOOL_TIMEOUT, seconds)', async () => {
    const tool = fakeTool('sleep 1000 &\necho $! > PIDFILE\necho "promtool, version 9.9.9"\nexit 0');
    const t0 = Date.now();
    const resolved = await resolveTool('promtool', { TOTEM_MON_PROMTOOL: tool.path, TOTEM_MON_TOOL_TIMEOUT: '0.5', PATH: process.env['PATH'] });
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(resolved).toMatchObject({ name: 'promtool', path: tool.path, timeoutMs: 500 });
    expect(await until(() => !alive(childPid(tool.pidFile)), 3_000)).toBe(true);
  });

  it('a TOTEM_MON_TOOL_TIMEOUT that is no number of seconds is a usage error (exit 2), not the default in silence', async () => {
    for (const bad of ['2s', '-1', '0', 'soon', '1e3']) {
      expect(() => assertToolTimeout({ TOTEM_MON_TOOL_TIMEOUT: bad }), bad).toThrow(UsageError);
    }
    expect(() => assertToolTimeout({ TOTEM_MON_TOOL_TIMEOUT: '2s' })).toThrow('TOTEM_MON_TOOL_TIMEOUT: "2s" is not a number of seconds');
    for (const good of [undefined, '', ' ', '30', '0.5', '.5', ' 300 ']) {
      expect(() => assertToolTimeout(good === undefined ? {} : { TOTEM_MON_TOOL_TIMEOUT: good }), String(good)).not.toThrow();
    }
    expect(toolTimeoutMs({ TOTEM_MON_TOOL_TIMEOUT: ' 300 ' })).toBe(300_000);
    const before = process.env['TOTEM_MON_TOOL_TIMEOUT'];
    process.env['TOTEM_MON_TOOL_TIMEOUT'] = '2s';
    let result: Awaited<ReturnType<typeof runCli>>;
    try {
      result = await runCli(['validate', '--definitions', path.join(FIXTURES, 'good')]);
    } finally {
      if (before === undefined) delete process.env['TOTEM_MON_TOOL_TIMEOUT'];
      else process.env['TOTEM_MON_TOOL_TIMEOUT'] = before;
    }
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TOTEM_MON_TOOL_TIMEOUT: "2s" is not a number of seconds');
  });

  it('--version gets TOTEM_MON_TOOL_TIMEOUT whatever it is, above 15 s too (a slow runner); 15 s without it', async () => {
    expect(versionTimeoutMs({})).toBe(15_000);
    expect(versionTimeoutMs({ TOTEM_MON_TOOL_TIMEOUT: '2' })).toBe(2_000);
    expect(versionTimeoutMs({ TOTEM_MON_TOOL_TIMEOUT: '300' })).toBe(300_000);
    expect(versionTimeoutMs({ TOTEM_MON_TOOL_TIMEOUT: 'soon' })).toBe(15_000);
    // A tool whose --version takes longer than 15 s: it answers within the setting.
    const slow = fakeTool('sleep 16\necho "promtool, version 2.42.0"\necho $$ > PIDFILE');
    const resolved = await resolveTool('promtool', { TOTEM_MON_PROMTOOL: slow.path, TOTEM_MON_TOOL_TIMEOUT: '40', PATH: process.env['PATH'] });
    expect(resolved).toMatchObject({ name: 'promtool', path: slow.path, timeoutMs: 40_000, version: '2.42.0' });
    // And one slower than a short setting is stopped at it, saying so.
    const t0 = Date.now();
    const stopped = await resolveTool('promtool', { TOTEM_MON_PROMTOOL: fakeTool('sleep 5\necho "promtool, version 2.42.0"').path, TOTEM_MON_TOOL_TIMEOUT: '0.4', PATH: process.env['PATH'] });
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(stopped?.versionAnswer).toMatchObject({ timedOut: true, limitMs: 400 });
  }, 40_000);

  it('a tool that ends normally is not reported as timed out, and leaves nothing running', async () => {
    const tool = fakeTool('echo "promtool, version 2.42.0"\necho $$ > PIDFILE');
    const run = await runTool({ name: 'promtool', path: tool.path }, ['--version'], { cwd: process.cwd(), timeoutMs: 5_000 });
    expect(run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(existsSync(tool.pidFile)).toBe(true);
  });

  it("gives stdout and stderr together, stderr alone, each without its final newline, and the tool's exit code", async () => {
    const tool = fakeTool('echo "out 1"\necho "err 1" >&2\necho "é, ü" >&2\nexit 3');
    const run = await runTool({ name: 'promtool', path: tool.path }, ['check', 'rules', 'a.yml'], { cwd: process.cwd(), timeoutMs: 5_000 });
    expect(run).toMatchObject({ exitCode: 3, timedOut: false, stderr: 'err 1\né, ü', command: 'promtool check rules a.yml' });
    expect(run.output.split('\n').sort()).toEqual(['err 1', 'out 1', 'é, ü']);
  });

  it('a tool that cannot start is a failed run (exit code -1), not an exception', async () => {
    const run = await runTool({ name: 'promtool', path: path.join(tempDir('totem-mon-no-tool-'), 'promtool') }, ['--version'], { cwd: process.cwd(), timeoutMs: 5_000 });
    expect(run).toMatchObject({ exitCode: -1, timedOut: false, output: '' });
  });

  it('runs the tool with LANG=C and, where TMPDIR is not set, its scratch files in memory when it can', async () => {
    const tool = fakeTool('echo "$LANG $TMPDIR"');
    const run = await runTool({ name: 'promtool', path: tool.path }, [], { cwd: process.cwd(), timeoutMs: 5_000 });
    expect(run.output).toBe(`C ${toolScratch(process.env) ?? process.env['TMPDIR'] ?? ''}`.trim());
    expect(toolEnv({ PATH: '/bin', LANG: 'de_DE.UTF-8', TMPDIR: '/var/tmp' })).toEqual({ LANG: 'C' });
  });

  it("gives start-bound and rule-checking runs their garbage collector, unless the environment sets GOGC; other runs keep Go's", async () => {
    expect(toolEnv({ TMPDIR: '/var/tmp' }, 'start-bound')).toEqual({ LANG: 'C', GOGC: START_BOUND_GOGC });
    // validate's own scratch folder for the run wins over both (src/validate/run-tools.ts).
    expect(toolEnv({ TMPDIR: '/var/tmp' }, undefined, '/dev/shm/totem-mon-scratch-x')).toEqual({ LANG: 'C', TMPDIR: '/dev/shm/totem-mon-scratch-x' });
    expect(toolEnv({ TMPDIR: '/var/tmp' }, 'rule-check')).toEqual({ LANG: 'C', GOGC: RULE_CHECK_GOGC });
    expect(toolEnv({ TMPDIR: '/var/tmp', GOGC: '50' }, 'start-bound')).toEqual({ LANG: 'C' });
    expect(toolEnv({ TMPDIR: '/var/tmp', GOGC: '50' }, 'rule-check')).toEqual({ LANG: 'C' });
    expect(toolEnv({ TMPDIR: '/var/tmp' })).toEqual({ LANG: 'C' });
    expect(new Set([START_BOUND_GOGC, RULE_CHECK_GOGC, '100']).size).toBe(3);
    const saved = process.env['GOGC'];
    delete process.env['GOGC'];
    try {
      const tool = fakeTool('echo "GOGC=${GOGC-unset}"');
      const run = (collector?: Collector) => runTool({ name: 'promtool', path: tool.path }, [], { cwd: process.cwd(), timeoutMs: 5_000, ...(collector ? { collector } : {}) });
      expect((await run('start-bound')).output).toBe(`GOGC=${START_BOUND_GOGC}`);
      expect((await run('rule-check')).output).toBe(`GOGC=${RULE_CHECK_GOGC}`);
      expect((await run()).output).toBe('GOGC=unset');
      // `--version` is start-bound.
      const versioned = fakeTool('echo "promtool, version 9.9.9-gogc${GOGC-unset}"');
      expect((await resolveTool('promtool', { TOTEM_MON_PROMTOOL: versioned.path }))?.version).toBe(`9.9.9-gogc${START_BOUND_GOGC}`);
    } finally {
      if (saved !== undefined) process.env['GOGC'] = saved;
    }
  });
});

describe("the tools' scratch folder", () => {
  it('is the memory folder only when TMPDIR is not set and it is a writable folder with room', () => {
    const dir = tempDir('totem-mon-scratch-');
    expect(toolScratch({}, dir)).toBe(dir);
    expect(toolScratch({ TMPDIR: '/var/tmp' }, dir)).toBeUndefined();
    expect(toolScratch({}, path.join(dir, 'missing'))).toBeUndefined();
    writeFileSync(path.join(dir, 'file'), '');
    expect(toolScratch({}, path.join(dir, 'file'))).toBeUndefined();
    if (process.platform === 'linux' && existsSync(MEMORY_TMP)) expect(toolScratch({})).toBe(MEMORY_TMP);
  });

  it("holds validate's copy of the generated files when it has room for them too, else the system's temporary folder", () => {
    const dir = tempDir('totem-mon-scratch-');
    expect(toolTreeParent({}, 1000, dir)).toBe(dir);
    expect(toolTreeParent({ TMPDIR: '/var/tmp' }, 1000, dir)).toBe(os.tmpdir());
    expect(toolTreeParent({}, 1000, path.join(dir, 'missing'))).toBe(os.tmpdir());
    const { bavail, bsize } = statfsSync(dir);
    expect(toolTreeParent({}, bavail * bsize, dir)).toBe(os.tmpdir());
  });
});
