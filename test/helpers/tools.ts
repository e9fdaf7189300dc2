import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

/**
 * The real promtool/amtool/prometheus/alertmanager binaries for tests. Without one, the test is
 * skipped with a message, except in CI (CI=true), where a missing binary is a failure: tests that
 * claim validation must really run the tools.
 */
const ENV_OVERRIDE: Record<string, string> = {
  promtool: 'TOTEM_MON_PROMTOOL',
  amtool: 'TOTEM_MON_AMTOOL',
};

export function findBinary(name: string): string | undefined {
  const override = ENV_OVERRIDE[name];
  if (override && process.env[override]) return process.env[override];
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return undefined;
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
