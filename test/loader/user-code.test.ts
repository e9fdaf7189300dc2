/**
 * Issue 13, "user code cannot lie to CI": definitions that end the process (any exit code), write
 * to stdout, never settle or loop forever must make `generate --check` and `validate` fail (or, for
 * stdout, leave the report intact), with a message that names the file. Each case runs the CLI as
 * a process of its own, as CI does: its exit code is what CI sees.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { runCliProcess } from '../helpers/process.js';
import { loadTimeoutMs } from '../../src/io/loader/timeout.js';

const LOADER = path.join(FIXTURES, 'loader');
const fixture = (name: string) => path.join(LOADER, name);

/** `generate --check` against an empty out/: a run that ends early with code 0 would "pass". */
function check(name: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const out = path.join(tempDir(), 'out');
  mkdirSync(out);
  return runCliProcess(['generate', '--check', '--definitions', fixture(name), '--out', out, ...extra], { env });
}

describe('process.exit() in the definitions is a failure, whatever the code', () => {
  it.each([
    ['exit-zero', 'exit-zero/index.ts:4', 'process.exit(0)'],
    ['exit-in-import', 'exit-in-import/setup.ts:3', 'process.exit(3)'],
    ['exit-in-timer', 'exit-in-timer/index.ts:4', 'process.exit(0)'],
  ])('%s: generate --check and validate exit 1 and name the call', async (name, where, call) => {
    const generate = await check(name);
    expect(generate.code, generate.stderr).toBe(1);
    expect(generate.stderr).toContain(`error [load] ${where}: the definitions called ${call} while loading: they must not end the process, whatever the code`);
    expect(generate.stdout).toBe('');

    const validate = await runCliProcess(['validate', '--offline', '--format', 'json', '--definitions', fixture(name)]);
    expect(validate.code, validate.stderr).toBe(1);
    const report = JSON.parse(validate.stdout) as { ok: boolean; diagnostics: Array<{ id: string; location: { file: string; line: number } }> };
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map((d) => `${d.id} ${d.location.file}:${d.location.line}`)).toEqual([`load ${where}`]);
  });

  it('ending the process another way (process.reallyExit(0)) is a failure too', async () => {
    const result = await check('really-exit');
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(
      'error [load] really-exit/index.ts:1: the process loading the definitions ended before they were loaded (exit code 0), while really-exit/index.ts was running',
    );
  });
});

describe('output of the definitions never mixes into the report', () => {
  it('validate --format json prints one JSON report; what the definitions printed is a warning in it', async () => {
    const result = await runCliProcess(['validate', '--offline', '--format', 'json', '--definitions', fixture('stdout')]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; summary: Record<string, number>; diagnostics: Array<Record<string, unknown>> };
    expect(report.ok).toBe(true);
    expect(report.summary).toEqual({ errors: 0, warnings: 1, infos: 0, silenced: 0 });
    expect(report.diagnostics).toEqual([
      {
        id: 'load',
        severity: 'warning',
        message:
          'the definitions wrote 3 line(s) to standard output while loading, which totem-mon keeps for its report: ' +
          '"{\\"schemaVersion\\":1,\\"ok\\":true,\\"diagnostics\\":[]}", "debug: loading the project", "straight to file descriptor 1"',
        hint: 'remove the console.log / process.stdout.write (console.error writes to standard error, which is passed on)',
        location: { file: 'stdout/index.ts', line: 1, column: 1 },
      },
    ]);
  });

  it('generate keeps its stdout to its own summary line', async () => {
    const out = path.join(tempDir(), 'out');
    const result = await runCliProcess(['generate', '--definitions', fixture('stdout'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^generate: \d+ files in .*\n$/);
    expect(result.stderr).toContain('warning [load] stdout/index.ts:1: the definitions wrote 3 line(s) to standard output');
  });
});

describe('definitions that never finish loading hit the time limit', () => {
  it('a top-level await that never settles (a timer keeps the process alive): named, within the limit', async () => {
    // 5 s: the limit counts from the start of the loader process, and a busy CI machine is slow to start it.
    const result = await check('never-settles', [], { TOTEM_MON_LOAD_TIMEOUT: '5' });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('error [load] never-settles/remote.ts:1: the definitions did not finish loading within 5 s: never-settles/remote.ts was still running');
    expect(result.stderr).toContain('--load-timeout SECONDS or TOTEM_MON_LOAD_TIMEOUT');
  });

  it('a synchronous loop that never ends: the loader process is killed, the module named', async () => {
    const result = await check('busy-loop', ['--load-timeout', '5']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('error [load] busy-loop/spin.ts:1: the definitions did not finish loading within 5 s: busy-loop/spin.ts was still running');
  });

  it('a top-level await nothing can settle fails at once, without waiting for the limit', async () => {
    const result = await check('unsettled', [], { TOTEM_MON_LOAD_TIMEOUT: '600' });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(
      'error [load] unsettled/index.ts:1: the definitions never finished loading: a top-level await in unsettled/index.ts waits on a promise that can never settle',
    );
    expect(result.stderr).not.toContain('Detected unsettled top-level await');
  });

  it('the limit: --load-timeout, else TOTEM_MON_LOAD_TIMEOUT, else 30 s; seconds, fractions allowed', () => {
    expect(loadTimeoutMs(undefined, {})).toBe(30_000);
    expect(loadTimeoutMs(undefined, { TOTEM_MON_LOAD_TIMEOUT: '7' })).toBe(7_000);
    expect(loadTimeoutMs('2.5', { TOTEM_MON_LOAD_TIMEOUT: '7' })).toBe(2_500);
  });

  it.each([['0'], ['-1'], ['abc'], ['10s'], ['']])('--load-timeout %j is a usage error (exit 2)', async (value) => {
    const result = await runCli(['generate', '--check', '--definitions', fixture('good'), '--out', tempDir(), '--load-timeout', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`totem-mon: --load-timeout: "${value}" is not a number of seconds`);
  });

  it('a bad TOTEM_MON_LOAD_TIMEOUT is a usage error too', async () => {
    const result = await runCliProcess(['validate', '--offline', '--definitions', fixture('good')], { env: { TOTEM_MON_LOAD_TIMEOUT: 'soon' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('totem-mon: TOTEM_MON_LOAD_TIMEOUT: "soon" is not a number of seconds');
  });
});
