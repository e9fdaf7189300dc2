/** init writes every file or none: a write that fails half-way takes back what this run made. */
import fs, { mkdirSync, readdirSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

describe('a write that fails half-way', () => {
  it('disk full at the fourth file: exit 1 with a clean message, the folder as it was', async () => {
    const dir = path.join(tempDir(), 'full');
    mkdirSync(dir);
    const real = fs.writeFileSync;
    let seen = 0;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, data, options) => {
      if (String(file).startsWith(dir) && ++seen === 4) throw Object.assign(new Error(`ENOSPC: no space left on device, open '${String(file)}'`), { code: 'ENOSPC' });
      return real(file, data, options);
    });
    syncBuiltinESMExports();
    const result = await runCli(['init', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`init: nothing written: could not write in ${dir}/: ENOSPC: no space left on device`);
    expect(result.stderr).not.toContain('internal error');
    expect(readdirSync(dir)).toEqual([]);
  });
});
