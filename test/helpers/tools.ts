import { it } from 'vitest';
import { findOnPath, findTool, TOOL_ENV, type ToolName } from '../../src/validate/tools.js';

/**
 * The real promtool/amtool/prometheus/alertmanager binaries for tests. Without one, the test is
 * skipped with a message, except in CI (CI=true), where a missing binary is a failure: tests that
 * claim validation must really run the tools.
 */

/** Found the way `validate` finds them: TOTEM_MON_PROMTOOL / TOTEM_MON_AMTOOL first, then PATH. */
export function findBinary(name: string): string | undefined {
  return name in TOOL_ENV ? findTool(name as ToolName) : findOnPath(name);
}

const inCI = process.env['CI'] === 'true';

/** `it` when every binary is present; `it.skip` with a message otherwise; a failing test in CI. */
export function itWithBinaries(binaries: readonly string[]): typeof it {
  const missing = binaries.filter((b) => findBinary(b) === undefined);
  if (missing.length === 0) return it;
  const message = `missing ${missing.join(', ')}: install with scripts/install-tools.sh`;
  if (inCI) {
    return ((name: string) =>
      it(name, () => {
        throw new Error(`${message} (CI=true: a missing binary is a failure, not a skip)`);
      })) as unknown as typeof it;
  }
  console.warn(`skipping tests that need ${missing.join(', ')}: ${message}`);
  return it.skip as typeof it;
}
