/**
 * The loader process runs with its own V8 flags (src/io/loader/spawn.ts LOADER_V8_FLAGS: a small
 * young generation, for resident memory): the process the definitions run in is started with them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/io/load.js';
import { LOADER_V8_FLAGS } from '../../src/io/loader/spawn.js';
import { tempDir } from '../helpers/cli.js';

describe('the V8 flags of the loader process', () => {
  it('starts the process the definitions run in with them', async () => {
    expect(LOADER_V8_FLAGS).toContain('--max-semi-space-size=2');
    const dir = path.join(tempDir(), 'definitions');
    mkdirSync(dir);
    // Not a project beyond its kind: the load hands over whatever the definitions export.
    writeFileSync(path.join(dir, 'index.ts'), "export default { kind: 'project', execArgv: process.execArgv };\n");
    const loaded = await loadDefinitions(dir);
    expect(loaded.diagnostics).toEqual([]);
    const { execArgv } = loaded.project as { execArgv: string[] };
    for (const flag of LOADER_V8_FLAGS) expect(execArgv).toContain(flag);
  });
});
