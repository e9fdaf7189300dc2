// The installed CLI runs from the V8 code cache the build leaves beside the bundle
// (bin/run-bundle.js, scripts/bundle.mjs). The cache must be one V8 takes (else every run quietly
// compiles the whole bundle again), and a cache V8 refuses, or none, must only cost time.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';

const own = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };

/** In a fresh Node, as bin/totem-mon.js does: the bundle compiled with `cacheFile`, then `totem-mon --version`. */
async function compileAndRun(cacheFile?: string): Promise<{ cache: string; version: string }> {
  const script = [
    `import { compileBundle, loadBundle } from ${JSON.stringify(path.join(REPO, 'bin/run-bundle.js'))};`,
    `const { script, cache } = compileBundle(${cacheFile === undefined ? '' : JSON.stringify(cacheFile)});`,
    "process.stderr.write(cache + '\\n');",
    "process.exitCode = await loadBundle(script).main(['node', 'totem-mon', '--version']);",
  ].join('\n');
  const run = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false, timeout: 60_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  return { cache: run.stderr.trim(), version: run.stdout.trim() };
}

describe('the code cache of the bundled CLI', () => {
  beforeAll(ensureBuilt, 180_000);

  it('the build leaves one that V8 accepts in a Node that sets no flags, as the launcher', async () => {
    expect(await compileAndRun()).toEqual({ cache: 'accepted', version: own.version });
  });

  it('a cache V8 refuses, or none at all, still runs the CLI', async () => {
    const dir = tempDir();
    const corrupt = path.join(dir, 'corrupt.cache');
    writeFileSync(corrupt, Buffer.alloc(4096, 7));
    expect(await compileAndRun(corrupt)).toEqual({ cache: 'rejected', version: own.version });
    expect(await compileAndRun(path.join(dir, 'missing.cache'))).toEqual({ cache: 'none', version: own.version });
  });
});
