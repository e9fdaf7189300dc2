/**
 * Issue 16: the checks give the event loop a turn after each one (src/lint/run.ts runLintYielding),
 * so that the compile worker's files, arriving while they run, reach validate (which starts the
 * tools on them) before the checks end. The same checks, in the same order, with the same findings.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromDefinitions } from '../../src/app/stages.js';
import { CHECKS } from '../../src/lint/index.js';
import { runLint, runLintYielding } from '../../src/lint/run.js';
import type { Check } from '../../src/lint/check.js';
import { FIXTURES, REPO } from '../helpers/cli.js';

describe('runLintYielding', () => {
  it.each([['Totem', path.join(REPO, 'definitions')], ['the ignored fixture', path.join(FIXTURES, 'lint/ignored')]])(
    'finds, silences and reports stale ignores as runLint does (%s)',
    async (_name, definitions) => {
      const { context } = await fromDefinitions({ definitions, compileWithFindings: true });
      expect(context).toBeDefined();
      const plain = runLint(context!, CHECKS);
      const yielding = await runLintYielding(context!, CHECKS);
      expect(yielding).toEqual(plain);
      expect(plain.diagnostics.length + plain.silenced.length).toBeGreaterThan(0);
    },
    60_000,
  );

  it('runs a macrotask that came during a check before the next check; runLint does not', async () => {
    const { context } = await fromDefinitions({ definitions: path.join(REPO, 'definitions'), compileWithFindings: true });
    const order: string[] = [];
    const first: Check = {
      id: 'test/first',
      severity: 'info',
      description: 'schedules a macrotask, as a worker message arrives',
      run: () => {
        order.push('first');
        setImmediate(() => order.push('macrotask'));
      },
    };
    const second: Check = { id: 'test/second', severity: 'info', description: 'notes when it runs', run: () => void order.push('second') };
    await runLintYielding(context!, [first, second]);
    expect(order).toEqual(['first', 'macrotask', 'second']);

    order.length = 0;
    runLint(context!, [first, second]);
    expect(order).toEqual(['first', 'second']);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first', 'second', 'macrotask']);
  }, 60_000);
});
