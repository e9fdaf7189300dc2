/**
 * The loader process started ahead of need (bin/run-bundle.js preforkLoader, taken by the first
 * load in src/io/loader/spawn.ts): the load runs in it and comes out as from a process of its own;
 * one nobody takes goes away with totem-mon; one started otherwise than a load would start it is
 * not trusted. Run against the build, each case in a fresh Node (no flags: with flags there is no
 * prefork), as the launcher runs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';

const FIXTURES = path.join(REPO, 'test/fixtures/loader');

interface Run {
  /** Whether a process was started ahead (and whether a load took it: gone from the global). */
  preforked: boolean;
  taken: boolean;
  /** How the process started ahead ended: by itself once its load replied, or still running. */
  ended: { code: number | null; signal: string | null } | 'running' | null;
  diagnostics: unknown[];
  project: string;
}

/** In a fresh Node: start a loader ahead ('prefork'), or a foreign process in its place ('foreign'), or none; then load `fixture`. */
async function load(mode: 'prefork' | 'foreign' | 'none', fixture: string): Promise<Run> {
  const script = path.join(tempDir(), 'driver.mjs');
  writeFileSync(
    script,
    `import { spawn } from 'node:child_process';
import { preforkLoader } from ${JSON.stringify(path.join(REPO, 'bin/run-bundle.js'))};
const key = Symbol.for('totem-mon.loader.preforked');
let child = ${JSON.stringify(mode)} === 'prefork' ? preforkLoader(['node', 'totem-mon', 'generate']) : undefined;
if (${JSON.stringify(mode)} === 'foreign') {
  child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'], serialization: 'advanced' });
  globalThis[key] = child;
}
const { loadDefinitions } = await import(${JSON.stringify(path.join(REPO, 'dist/io/load.js'))});
const loaded = await loadDefinitions(${JSON.stringify(path.join(FIXTURES, fixture))}, { timeoutMs: 20000 });
const ended = !child ? null : await new Promise((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
  child.once('exit', (code, signal) => resolve({ code, signal }));
  setTimeout(() => resolve('running'), 3000).unref();
});
if (child && ended === 'running') child.kill('SIGKILL');
console.log(JSON.stringify({ preforked: Boolean(child), taken: child !== undefined && globalThis[key] === undefined, ended, diagnostics: loaded.diagnostics, project: JSON.stringify(loaded.project) }));
`,
  );
  const run = await execa(process.execPath, [script], { reject: false, timeout: 60_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Run;
}

describe('a loader process started ahead of need', () => {
  beforeAll(ensureBuilt, 180_000);

  it('is taken by the first load, which runs in it, with the same outcome as a process of its own', async () => {
    const [ahead, own] = await Promise.all([load('prefork', 'good'), load('none', 'good')]);
    expect(ahead).toMatchObject({ preforked: true, taken: true, ended: { code: 0, signal: null } });
    expect(own.preforked).toBe(false);
    expect(ahead.diagnostics).toEqual([]);
    expect(ahead.project).toEqual(own.project);
    expect(JSON.parse(ahead.project)).toMatchObject({ kind: 'project' });
  });

  it('reports what the definitions did as a process of its own would: a throw, an unsettled top-level await', async () => {
    for (const fixture of ['throws', 'unsettled']) {
      const [ahead, own] = await Promise.all([load('prefork', fixture), load('none', fixture)]);
      expect(ahead.taken, fixture).toBe(true);
      expect(ahead.diagnostics.length, fixture).toBeGreaterThan(0);
      expect(ahead.diagnostics, fixture).toEqual(own.diagnostics);
    }
  });

  it('is not taken when it was started otherwise than the load would start one: killed, and the load starts its own', async () => {
    const run = await load('foreign', 'good');
    expect(run).toMatchObject({ preforked: true, taken: true, ended: { code: null, signal: 'SIGKILL' }, diagnostics: [] });
    expect(JSON.parse(run.project)).toMatchObject({ kind: 'project' });
  });

  it('nobody takes: totem-mon exits without waiting for it, and it does not outlive totem-mon', async () => {
    const script = path.join(tempDir(), 'unused.mjs');
    writeFileSync(
      script,
      `import { preforkLoader } from ${JSON.stringify(path.join(REPO, 'bin/run-bundle.js'))};\nconsole.log(preforkLoader(['node', 'totem-mon', 'validate']).pid);\n`,
    );
    const started = Date.now();
    const run = await execa(process.execPath, [script], { reject: false, timeout: 30_000 });
    expect(run.exitCode, run.stderr).toBe(0);
    // Without the unref the loader's start-up (hundreds of ms) would hold totem-mon: it ends at once.
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = Number(run.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive()).toBe(false);
  });

  it('only for the commands that load definitions, and not when Node was given flags', async () => {
    const script = path.join(tempDir(), 'which.mjs');
    writeFileSync(
      script,
      `import { preforkLoader } from ${JSON.stringify(path.join(REPO, 'bin/run-bundle.js'))};
const started = {};
for (const command of ['generate', 'validate', 'init', 'import', '--version', 'check-metrics']) {
  const child = preforkLoader(['node', 'totem-mon', command]);
  started[command] = child !== undefined;
  child?.kill('SIGKILL');
}
console.log(JSON.stringify(started));
`,
    );
    const plain = await execa(process.execPath, [script], { reject: false, timeout: 30_000 });
    expect(JSON.parse(plain.stdout)).toEqual({ generate: true, validate: true, init: false, import: false, '--version': false, 'check-metrics': false });
    const flagged = await execa(process.execPath, ['--no-warnings', script], { reject: false, timeout: 30_000 });
    expect(Object.values(JSON.parse(flagged.stdout) as Record<string, boolean>).some(Boolean)).toBe(false);
  });
});
