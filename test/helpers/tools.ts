import { it } from 'vitest';
import { findOnPath, findTool, TOOL_ENV, type ToolName } from '../../src/validate/tools.js';
import { isCI } from '../../src/ci.js';

/**
 * The real promtool/amtool/prometheus/alertmanager binaries for tests. Without one, the test is
 * skipped with a message, except in CI (`CI` set and not empty, `false` or `0`: see src/ci.ts),
 * where a missing binary is a failure: tests that claim validation must really run the tools.
 */

/** Found the way `validate` finds them: TOTEM_MON_PROMTOOL / TOTEM_MON_AMTOOL first, then PATH. */
export function findBinary(name: string): string | undefined {
  return name in TOOL_ENV ? findTool(name as ToolName) : findOnPath(name);
}

/** What a test needing these binaries does: run, skip (missing, not in CI) or fail (missing, in CI). */
export function binaryPolicy(
  binaries: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  find: (name: string) => string | undefined = findBinary,
): { action: 'run' } | { action: 'skip' | 'fail'; missing: string[] } {
  const missing = binaries.filter((b) => find(b) === undefined);
  if (missing.length === 0) return { action: 'run' };
  return { action: isCI(env) ? 'fail' : 'skip', missing };
}

/** `it` when every binary is present; `it.skip` with a message otherwise; a failing test in CI. */
export function itWithBinaries(binaries: readonly string[]): typeof it {
  const policy = binaryPolicy(binaries);
  if (policy.action === 'run') return it;
  const { missing } = policy;
  const message = `missing ${missing.join(', ')}: install with scripts/install-tools.sh`;
  if (policy.action === 'fail') {
    return ((name: string) =>
      it(name, () => {
        throw new Error(`${message} (CI=${process.env['CI']}: a missing binary is a failure, not a skip)`);
      })) as unknown as typeof it;
  }
  console.warn(`skipping tests that need ${missing.join(', ')}: ${message}`);
  return it.skip as typeof it;
}
