import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/check-ids.js';
import type { Ignore, LintOptions } from 'totem-mon';
import { CHECKS, COVERAGE_CHECKS, OFFLINE_TEST_CHECKS } from '../../src/lint/index.js';
import { lintStaleIgnore } from '../../src/lint/lint-stale-ignore.js';

// CHECK_IDS is the union type users configure and ignore by: it must name exactly the checks there are.
describe('CHECK_IDS', () => {
  const registered = [...CHECKS, ...COVERAGE_CHECKS, ...OFFLINE_TEST_CHECKS, lintStaleIgnore].map((c) => c.id);

  it('names every registered check, and nothing else (add a new check id to src/check-ids.ts)', () => {
    expect([...CHECK_IDS].sort()).toEqual([...new Set(registered)].sort());
  });

  it('is sorted, so that additions merge cleanly', () => {
    expect([...CHECK_IDS]).toEqual([...CHECK_IDS].sort());
  });

  it('types the ids users write (tsc checks this file in npm test)', () => {
    const ok: Ignore = { 'alert/naming': 'the name is matched by an external paging rule' };
    const settings: LintOptions = { checks: { 'alert/missing-for': 'error', 'alert/naming': 'off' } };
    // @ts-expect-error: not a check id
    const misspelt: Ignore = { 'alert/nameing': 'typo' };
    // @ts-expect-error: not a setting
    const wrong: LintOptions = { checks: { 'alert/naming': 'critical' } };
    expect([ok, settings, misspelt, wrong]).toHaveLength(4);
  });
});
