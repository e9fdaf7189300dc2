import { execFileSync } from 'node:child_process';
import { it } from 'vitest';
import { findOnPath } from '../../src/validate/tools.js';
import { isCI } from '../../src/ci.js';

/**
 * A Python interpreter that imports `prometheus_client`, for the tests that run the generated
 * module. Debian's python3-prometheus-client is installed for /usr/bin/python3, while the python3
 * first on PATH may be another one (pyenv, a virtualenv) without it: every candidate is asked, in
 * order: $TOTEM_MON_TEST_PYTHON, /usr/bin/python3, then python3 and python on PATH.
 */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const candidates = [env['TOTEM_MON_TEST_PYTHON'], '/usr/bin/python3', findOnPath('python3', env), findOnPath('python', env)];
  return [...new Set(candidates.filter((c): c is string => Boolean(c)))];
}

function importsClient(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import prometheus_client'], { stdio: 'ignore', timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/** The first candidate that imports prometheus_client, or undefined. */
export function findPythonWithClient(env: NodeJS.ProcessEnv = process.env, imports: (python: string) => boolean = importsClient): string | undefined {
  return pythonCandidates(env).find(imports);
}

/**
 * `it` when a Python with prometheus_client exists; skipped with a message otherwise, and a failing
 * test in CI (where scripts/install-tools.sh installs it: a missing one is a failure, never a skip).
 */
export function itWithPythonClient(): { it: typeof it; python: string | undefined } {
  const python = findPythonWithClient();
  if (python) return { it, python };
  const message = `no Python with prometheus_client (tried ${pythonCandidates().join(', ')}): install with scripts/install-tools.sh`;
  if (isCI(process.env)) {
    return {
      it: ((name: string) => it(name, () => { throw new Error(`${message} (CI=${process.env['CI']}: a missing library is a failure, not a skip)`); })) as unknown as typeof it,
      python,
    };
  }
  console.warn(`skipping tests that need prometheus_client: ${message}`);
  return { it: it.skip as typeof it, python };
}
