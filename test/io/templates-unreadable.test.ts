/** A templates/*.tmpl that cannot be read as a file (a folder, a link to nothing): a located finding, exit 1, never an internal error. */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

function project(): string {
  return path.join(copyToTemp(path.join(FIXTURES, 'secrets')), 'template-token');
}

describe('templates/*.tmpl that is not a readable file', () => {
  it.each([
    ['a folder', (file: string) => mkdirSync(file), 'is a folder, not a file'],
    ['a link to nothing', (file: string) => symlinkSync(path.join(path.dirname(file), 'missing.txt'), file), 'is a link to nothing'],
  ])('%s named dir.tmpl is refused with its name; nothing written', async (_name, make, why) => {
    const dir = project();
    make(path.join(dir, 'templates', 'dir.tmpl'));
    const out = tempDir();
    const r = await runCli(['generate', '--definitions', path.join(dir, 'definitions'), '--out', out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain(`error [load] templates/dir.tmpl:1 › templates › dir.tmpl: template dir.tmpl ${why}`);
    expect(snapshotTree(out)).toEqual({});
  });
});
