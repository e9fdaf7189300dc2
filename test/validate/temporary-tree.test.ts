// validate's temporary folders (the generated files handed to promtool and amtool) are removed on
// every way out: two generated files on one path (no crash, no tool runs), a tree that fails half
// written, an error while the tools run, and a process that dies with one registered.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURES, REPO, runCli, tempDir } from '../helpers/cli.js';
import { writeTemporaryTree } from '../../src/io/write.js';
import * as promtool from '../../src/validate/promtool.js';

/** A promtool that answers --version and accepts everything. */
function fakePromtool(dir: string): string {
  const tool = path.join(dir, 'promtool');
  writeFileSync(tool, '#!/bin/sh\ncase "$1" in --version) echo "promtool, version 2.42.0";; esac\nexit 0\n');
  chmodSync(tool, 0o755);
  return tool;
}

describe("validate's temporary folders", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  /** validate with its temporary root (TMPDIR: no /dev/shm then) a fresh folder, and the fake promtool. */
  async function validateIn(fixture: string) {
    const root = tempDir('totem-mon-tmproot-');
    const tools = tempDir('totem-mon-tools-');
    process.env['TMPDIR'] = root;
    process.env['TOTEM_MON_PROMTOOL'] = fakePromtool(tools);
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, fixture)]);
    return { ...r, left: readdirSync(root) };
  }

  it('two SLOs whose groups share a name: exit 1 with the findings at both SLOs, no crash, nothing left', async () => {
    const r = await validateIn('validate/slo-group-clash');
    expect(r.stderr).not.toMatch(/internal error|EEXIST/);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/slo-group-clash\/index\.ts:\d+ › slos › c › name: SLO "c" of service "a-b" and SLO "b-c" of service "a" .*both make the rule group "slo-a-b-c"/);
    expect(r.stdout).toMatch(/slos › b-c › name: SLO "b-c" of service "a" and SLO "c" of service "a-b"/);
    expect(r.stdout).toContain('promtool and amtool not run (the errors above stop them)');
    expect(r.left).toEqual([]);
  });

  it('an error while the tools run: the folder goes all the same', async () => {
    vi.spyOn(promtool, 'checkConfig').mockRejectedValue(new Error('boom mid-validate'));
    const r = await validateIn('slo/basic');
    expect(r.stderr + r.stdout).toContain('boom mid-validate');
    expect(r.code).toBe(2);
    expect(r.left).toEqual([]);
  });

  it("the tools' scratch files are in a folder of the run's own (their TMPDIR): only its paths become <temporary file>, a user's /tmp path stays (audit round 24)", async () => {
    const root = tempDir('totem-mon-tmproot-');
    const tools = tempDir('totem-mon-tools-');
    const tool = path.join(tools, 'promtool');
    // check config fails naming a scratch file of its TMPDIR and a file of the user's in the temporary root.
    writeFileSync(
      tool,
      `#!/bin/sh\ncase "$1" in --version) echo "promtool, version 2.42.0"; exit 0;; esac\n` +
        `if [ "$1 $2" = "check config" ]; then mkdir -p "$TMPDIR/promtool-1"; echo "open $TMPDIR/promtool-1/wal: boom; reading ${root}/mine/rules.yml: gone"; exit 1; fi\nexit 0\n`,
    );
    chmodSync(tool, 0o755);
    process.env['TMPDIR'] = root;
    process.env['TOTEM_MON_PROMTOOL'] = tool;
    const r = await runCli(['validate', '--definitions', path.join(FIXTURES, 'slo/basic')]);
    expect(r.stdout).toContain('open <temporary file>: boom');
    expect(r.stdout).toContain(`reading ${root}/mine/rules.yml: gone`);
    expect(r.stdout).not.toContain('totem-mon-scratch-');
    expect(readdirSync(root)).toEqual([]);
  });

  it('a tree that fails half written is removed before the error goes up', () => {
    const root = tempDir('totem-mon-tmproot-');
    const file = { path: 'prometheus/rules/x.yml', content: 'groups: []\n' };
    expect(() => writeTemporaryTree([file, { path: 'prometheus/rules/y\u0000.yml', content: '' }], root)).toThrow(/escapes the output folder/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('two files on one path are refused before anything is made (no EEXIST half-way)', () => {
    const root = tempDir('totem-mon-tmproot-');
    const file = { path: 'prometheus/rules/x.yml', content: 'groups: []\n' };
    expect(() => writeTemporaryTree([file, { ...file }], root)).toThrow(/clash/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('a process that dies with a folder registered (an uncaught error) removes it as it exits', () => {
    const folder = path.join(tempDir('totem-mon-tmproot-'), 'tree');
    mkdirSync(folder);
    const script = [
      "import { register } from 'node:module';",
      `register(${JSON.stringify(pathToFileURL(path.join(REPO, 'scripts/ts-hooks.mjs')).href)});`,
      "const { rmSync } = await import('node:fs');",
      `const { onInterrupt } = await import(${JSON.stringify(pathToFileURL(path.join(REPO, 'src/validate/interrupt.ts')).href)});`,
      `onInterrupt(() => rmSync(${JSON.stringify(folder)}, { recursive: true, force: true }));`,
      "setTimeout(() => { throw new Error('crash'); }, 10);",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toContain('crash');
    expect(run.status).not.toBe(0);
    expect(existsSync(folder)).toBe(false);
  });
});
