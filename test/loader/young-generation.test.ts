/**
 * The loader process holds its young generation at V8's first size (src/io/loader/loader-bundle.cts
 * LOADER_YOUNG_GENERATION), set at run time: started with a heap size flag, Node takes ~9 ms longer
 * to start, on the longest path of a small project's run. The built loader (boot.cjs, as `generate`
 * starts it), on definitions that keep ~60 MB alive while they load. The loader the launcher starts
 * ahead is the same boot.cjs, taken only when its command line is this one (src/io/loader/spawn.ts
 * adoptPreforked; test/app/compile-thread.test.ts: no heap size flag in the launcher).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/cli.js';
import { ensureBuilt } from '../helpers/built.js';

const MIB = 1024 * 1024;

const DEFINITIONS = `import v8 from 'node:v8';
const newSpace = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size;
const kept: object[] = [];
for (let i = 0; i < 600_000; i++) kept.push({ i, name: 'series_' + i, labels: [i, i + 1] });
export default { kind: 'project', execArgv: process.execArgv, newSpace: newSpace(), kept: kept.length };
`;

describe("the loader process's young generation", () => {
  beforeAll(ensureBuilt, 180_000);

  it('stays at its first size while the definitions allocate, and no V8 flag starts the process', async () => {
    const dir = path.join(tempDir(), 'definitions');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.ts'), DEFINITIONS);
    // The built load (dist/), which starts boot.cjs: from src/ the loader is child.ts, without the bundle.
    const { loadDefinitions } = (await import(pathToFileURL(path.join(REPO, 'dist/io/load.js')).href)) as typeof import('../../src/io/load.js');
    const loaded = await loadDefinitions(dir);
    expect(loaded.diagnostics).toEqual([]);
    const project = loaded.project as { execArgv: string[]; newSpace: number; kept: number };
    expect(project.kept).toBe(600_000);
    // Two semi-spaces of 1 MiB (V8's default grows them to 16 MiB each; --max-semi-space-size=2, 2 MiB).
    expect(project.newSpace).toBeLessThanOrEqual(2 * MIB);
    expect(project.execArgv.filter((flag) => /^--(max|min)-[a-z-]+-size/.test(flag))).toEqual([]);
  });
});
