import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, REPO, tempDir } from '../helpers/cli.js';
import { alive, killLeftovers, pidsIn, until } from '../helpers/process.js';

/** pids the fake tools wrote down; killed after each test whatever happened. */
const pidFiles: string[] = [];

afterEach(() => {
  killLeftovers(pidFiles.splice(0));
});

/** A promtool/amtool that answers --version, then notes where it runs and hangs (with a child holding stdout). */
function slowTool(dir: string): { tool: string; cwdFile: string; pidFile: string } {
  const cwdFile = path.join(dir, 'cwd');
  const pidFile = path.join(dir, 'pids');
  const tool = path.join(dir, 'tool');
  writeFileSync(
    tool,
    `#!/bin/sh\ncase "$1" in --version) echo "promtool, version 2.42.0"; exit 0;; esac\n` +
      `sleep 1000 &\necho $! >> ${pidFile}\necho $$ >> ${pidFile}\npwd >> ${cwdFile}\nwait\n`,
  );
  chmodSync(tool, 0o755);
  pidFiles.push(pidFile);
  return { tool, cwdFile, pidFile };
}

describe('validate interrupted: temporary folder removed, tools ended, exit as interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s → exit %i', async (signal, code) => {
    const dir = tempDir('totem-mon-interrupt-');
    const fake = slowTool(dir);
    const child = spawn(process.execPath, [path.join(REPO, 'scripts/dev.mjs'), 'validate', '--definitions', path.join(FIXTURES, 'rule-tests', 'cross-group-record')], {
      env: { ...process.env, TOTEM_MON_PROMTOOL: fake.tool, TOTEM_MON_AMTOOL: fake.tool, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (c, s) => resolve({ code: c, signal: s })),
    );
    // The tools run in validate's temporary folder: once one has started, the folder exists.
    // (The file exists as soon as the shell opens it; wait for a whole line.)
    // `test rules` runs in a folder of its own (started before the rest is compiled): wait for both.
    const folders = () => [...new Set((existsSync(fake.cwdFile) ? readFileSync(fake.cwdFile, 'utf8') : '').split('\n').filter(Boolean))];
    expect(await until(() => folders().length >= 2, 20_000)).toBe(true);
    for (const tmp of folders()) expect(existsSync(tmp)).toBe(true);
    child.kill(signal);
    const result = await exited;
    expect(result).toEqual({ code, signal: null });
    expect(stderr).toContain(`totem-mon: interrupted (${signal})`);
    for (const tmp of folders()) expect(existsSync(tmp), tmp).toBe(false);
    // The tools (in their own process groups) and their children are gone too.
    expect(await until(() => pidsIn(fake.pidFile).every((pid) => !alive(pid)), 3_000)).toBe(true);
  }, 30_000);
});
