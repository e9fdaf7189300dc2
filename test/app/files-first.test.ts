/**
 * validate wants the compiled files whatever the checks find, and starts the tools on them while the
 * checks run: with `onFiles`, the stages compile first (in this thread, below the compile worker's
 * size) and hand the files over before the first check runs; the files and findings are those of
 * the plain order.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { fromDefinitions } from '../../src/app/stages.js';
import { CHECKS } from '../../src/lint/index.js';
import type { Check } from '../../src/lint/check.js';
import type { OutputFile } from '../../src/compile/output.js';

const definitions = path.join(REPO, 'definitions');

describe('the stages with onFiles (validate)', () => {
  it('hand the files over before the checks run: the same files and findings as without', async () => {
    const order: string[] = [];
    const probe: Check = { id: 'test/order', severity: 'info', description: 'notes when the checks run', run: () => void order.push('checks') };
    let handed: OutputFile[] | undefined;
    const early = await fromDefinitions({
      definitions,
      compileWithFindings: true,
      checks: [probe, ...CHECKS],
      onFiles: (files) => {
        order.push('files');
        handed = files;
      },
    });
    expect(order).toEqual(['files', 'checks']);
    expect(handed).toBe(early.files);

    const plain = await fromDefinitions({ definitions, compileWithFindings: true, checks: [probe, ...CHECKS] });
    expect(order).toEqual(['files', 'checks', 'checks']);
    expect(early.files?.length).toBeGreaterThan(40);
    expect(early.files).toEqual(plain.files);
    expect(early.diagnostics).toEqual(plain.diagnostics);
    expect(early.silenced).toEqual(plain.silenced);
  }, 60_000);

  it('let what onFiles starts run its chain of settled awaits (the tools\' look-ups, imports, spawns) before the first check', async () => {
    const order: string[] = [];
    const probe: Check = { id: 'test/order', severity: 'info', description: 'notes when the checks run', run: () => void order.push('checks') };
    const settled = Promise.resolve();
    await fromDefinitions({
      definitions,
      compileWithFindings: true,
      checks: [probe],
      onFiles: () => {
        void (async () => {
          for (let i = 0; i < 50; i++) await settled;
          await import('node:os');
          order.push('tools started');
        })();
      },
    });
    expect(order).toEqual(['tools started', 'checks']);
  }, 60_000);

  it('are not handed over without compileWithFindings (generate compiles only what the checks let through)', async () => {
    let handed = false;
    const result = await fromDefinitions({ definitions, onFiles: () => void (handed = true) });
    expect(result.files).toBeDefined();
    expect(handed).toBe(false);
  }, 60_000);
});
