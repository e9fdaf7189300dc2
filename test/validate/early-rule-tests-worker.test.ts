/**
 * Issue 16: `promtool test rules`, the longest tool run, starts as soon as the model is built, on the
 * rule test files compiled alone, also for a project large enough for the compile worker (where it
 * used to wait for the worker's files and the checks). Seen from outside: it runs in the early run's
 * folder, which holds the rule test files and nothing else, not in the tree of every file.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect } from 'vitest';
import { execa } from 'execa';
import { tempDir } from '../helpers/cli.js';
import { BIN, ensureBuilt } from '../helpers/built.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { compileSize } from '../../src/app/compile-thread.js';
import { WORKER_FROM_SIZE } from '../../src/app/compile-prestart.js';
import { fromDefinitions } from '../../src/app/stages.js';
// @ts-expect-error: the benchmark's definitions generator is plain JavaScript, without types
import { synthesize } from '../../bench/synth.mjs';

describe('validate on a project the compile worker compiles', () => {
  beforeAll(ensureBuilt, 180_000);

  itWithBinaries(['promtool', 'amtool'])('runs `promtool test rules` from the early folder of rule test files alone', async () => {
    const dir = tempDir();
    const definitions = synthesize(path.join(dir, 'big'), { alerts: 1200, groups: 4, dashboards: 2, panels: 20, metrics: 30, receivers: 3 }) as string;
    const { model } = await fromDefinitions({ definitions, compileWithFindings: true });
    expect(compileSize(model!)).toBeGreaterThanOrEqual(WORKER_FROM_SIZE);

    // The real promtool behind a script that notes, for each `test rules`, the files where it runs.
    const log = path.join(dir, 'runs.log');
    const wrapper = path.join(dir, 'promtool');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nif [ "$1" = test ]; then { echo "run in $(pwd)"; find . -type f | sort; } >> ${JSON.stringify(log)}; fi\nexec ${JSON.stringify(findBinary('promtool'))} "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const run = await execa(process.execPath, [BIN, 'validate', '--definitions', definitions], {
      reject: false,
      env: { TOTEM_MON_PROMTOOL: wrapper, NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(existsSync(log)).toBe(true);
    const listed = readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('./'));
    expect(listed.filter((f) => f.endsWith('.test.yml')).length).toBeGreaterThanOrEqual(4);
    // Only the rule test files and the rules they load: no prometheus.yml, no rule files, no other tool's files.
    expect(listed.filter((f) => !f.startsWith('./prometheus/tests/'))).toEqual([]);
  }, 180_000);
});
