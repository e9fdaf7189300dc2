import { describe, expect, it } from 'vitest';
import { alertmanagerCorpus, alertmanagerInputs } from '../../bench/import/alertmanager-corpus.js';
import { itWithBinaries } from '../helpers/tools.js';

/**
 * The routing round trip on public configurations (bench/import/SOURCES.md): read from local git
 * copies at pinned commits, never committed here. Without the copies the test says it skipped.
 */
const inputs = alertmanagerInputs();
const run = inputs.length > 0 ? itWithBinaries(['amtool']) : it.skip;
if (inputs.length === 0) console.warn('skipping the Alertmanager corpus round trip: no local copy of the repositories (bench/import/SOURCES.md)');

describe('alertmanager.yml import on public configurations', () => {
  run('every configuration Alertmanager 0.25 accepts imports, regenerates to one amtool accepts, and routes the same', async () => {
    const rows = await alertmanagerCorpus(inputs);
    const accepted = rows.filter((r) => r.skipped === undefined);
    // Alertmanager 0.25's own examples and test configs, and kube-prometheus's.
    expect(accepted.map((r) => r.name)).toEqual(
      expect.arrayContaining([expect.stringContaining(':doc/examples/simple.yml'), expect.stringContaining('kube-prometheus')]),
    );
    expect(accepted.length).toBeGreaterThanOrEqual(15);
    for (const row of accepted) {
      expect(row.errors, row.name).toEqual([]);
      expect(row.regeneratedCheck, row.name).toBe('');
      expect([row.failedOnOriginal, row.failedOnRegenerated], row.name).toEqual([0, 0]);
    }
    expect(accepted.reduce((n, r) => n + r.tests, 0)).toBeGreaterThanOrEqual(25);
  }, 600_000);
});
