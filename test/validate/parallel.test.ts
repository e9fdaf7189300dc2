import path from 'node:path';
import { describe, expect } from 'vitest';
import { FIXTURES } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { validate } from '../../src/app/validate.js';

const withPromtool = itWithBinaries(['promtool']);
const CROSS_GROUP = path.join(FIXTURES, 'rule-tests', 'cross-group-record');

describe('validate runs in parallel without tripping over itself (#12)', () => {
  // Each validate writes its own temporary tree, hands promtool absolute paths in it, and removes it
  // only after every tool run has settled. 30 runs, two at a time, in one process: not one may miss a
  // file (the symptom was `promtool test rules` reporting "no such file" for a test file).
  withPromtool(
    '30 validates in parallel pairs all pass, none reports a missing file',
    async () => {
      const seen: string[] = [];
      for (let round = 0; round < 15; round++) {
        const pair = await Promise.all([0, 1].map(() => validate({ definitions: CROSS_GROUP, offline: false })));
        for (const result of pair) {
          const errors = result.diagnostics.filter((d) => d.severity === 'error');
          seen.push(...errors.map((d) => d.message));
          expect(result.tools.find((t) => t.name === 'promtool')?.ran).toEqual(['check config', 'test rules']);
        }
      }
      expect(seen.filter((m) => /no such file/i.test(m))).toEqual([]);
      expect(seen).toEqual([]);
    },
    120_000,
  );
});
