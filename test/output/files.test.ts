/**
 * Issue 13, "nothing outside out/, ever": symlinks inside out/ are refused, never followed (for
 * writing, reading and deleting); a generated file edited since it was generated is a conflict,
 * not an overwrite or a deletion; temporary files are never at a name someone can plant beforehand.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotTree, tempDir } from '../helpers/cli.js';
import { GOOD, MANIFEST, RULES, edit, freshOut, generate, goodCopy } from '../helpers/output.js';
import { sha256 } from '../../src/io/manifest.js';

/** A folder outside out/ that an attack tries to reach, with one file in it. */
function victim(): { dir: string; file: string } {
  const dir = tempDir('totem-mon-victim-');
  const file = path.join(dir, 'precious.txt');
  writeFileSync(file, 'precious\n');
  return { dir, file };
}

describe('a symlink inside out/ is refused, never followed', () => {
  it('a symlinked folder: nothing is written through it (exit 1, output/symlink)', async () => {
    const out = await freshOut();
    const target = victim();
    rmSync(path.join(out, RULES), { recursive: true });
    symlinkSync(target.dir, path.join(out, RULES));
    const result = await generate(GOOD, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [output/symlink] ${RULES}`);
    expect(result.stderr).toContain(`${path.join(out, RULES)} is a symbolic link`);
    expect(readdirSync(target.dir)).toEqual(['precious.txt']);
  });

  it('a symlinked file, even with the right content, is not taken for the generated file', async () => {
    const out = await freshOut();
    const target = victim();
    const file = path.join(out, 'prometheus/prometheus.yml');
    writeFileSync(target.file, readFileSync(file));
    rmSync(file);
    symlinkSync(target.file, file);
    const result = await generate(GOOD, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error [output/symlink] prometheus/prometheus.yml');
    const check = await generate(GOOD, out, '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`symlink: ${file}`);
  });

  it('a manifest entry through a symlinked folder deletes nothing outside out/', async () => {
    const out = await freshOut();
    const target = victim();
    symlinkSync(target.dir, path.join(out, 'old'));
    const manifestPath = path.join(out, MANIFEST);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.files['old/precious.txt'] = sha256('precious\n');
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    const result = await generate(GOOD, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [output/symlink] old: ${path.join(out, 'old')} is a symbolic link`);
    expect(readFileSync(target.file, 'utf8')).toBe('precious\n');
  });

  it('the output folder itself may be a symlink (the user chose it)', async () => {
    const real = path.join(tempDir(), 'real-out');
    mkdirSync(real);
    const out = path.join(tempDir(), 'out');
    symlinkSync(real, out);
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(real, RULES, 'app_alerts.yml'))).toBe(true);
  });
});

describe('a generated file changed since it was generated is a conflict', () => {
  it('is not overwritten: exit 1, output/changed, nothing written', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    const file = path.join(out, RULES, 'app_alerts.yml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# an edit by hand\n`);
    edit(path.join(definitions, 'index.ts'), '> 10', '> 12');
    const before = snapshotTree(out);
    const result = await generate(definitions, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [output/changed] ${RULES}/app_alerts.yml: ${file} changed since totem-mon generated it`);
    expect(result.stderr).toContain('hint:');
    expect(snapshotTree(out)).toEqual(before);
  });

  it('is not deleted when it is no longer generated', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    const file = path.join(out, RULES, 'app_records.yml');
    writeFileSync(file, 'groups: [] # mine now\n');
    edit(path.join(definitions, 'index.ts'), "name: 'app_records'", "name: 'app_recordings'");
    const result = await generate(definitions, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [output/changed] ${RULES}/app_records.yml`);
    expect(readFileSync(file, 'utf8')).toBe('groups: [] # mine now\n');
    expect(existsSync(path.join(out, RULES, 'app_recordings.yml'))).toBe(false);
  });

  it('a file identical to what would be written is adopted, not a conflict', async () => {
    const reference = await freshOut();
    const out = path.join(tempDir(), 'out');
    mkdirSync(path.join(out, RULES), { recursive: true });
    writeFileSync(path.join(out, RULES, 'app_alerts.yml'), readFileSync(path.join(reference, RULES, 'app_alerts.yml')));
    const result = await generate(GOOD, out);
    expect(result.code, result.stderr).toBe(0);
    expect(snapshotTree(out)).toEqual(snapshotTree(reference));
  });
});

describe('temporary files cannot be planted', () => {
  it('a symlink at the old predictable temp name does not redirect the write', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    const target = victim();
    edit(path.join(definitions, 'index.ts'), '> 10', '> 12');
    // The name the writer used to write through: `<file>.<pid>.totem-mon-tmp`.
    for (const name of ['app_alerts.yml', 'app_records.yml']) {
      symlinkSync(target.file, path.join(out, RULES, `${name}.${process.pid}.totem-mon-tmp`));
    }
    symlinkSync(target.file, path.join(out, `${MANIFEST}.${process.pid}.totem-mon-tmp`));
    const result = await generate(definitions, out);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(target.file, 'utf8')).toBe('precious\n');
    expect(readFileSync(path.join(out, RULES, 'app_alerts.yml'), 'utf8')).toContain('> 12');
  });

  it('leaves no temporary file or folder behind', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    edit(path.join(definitions, 'index.ts'), '> 10', '> 12');
    expect((await generate(definitions, out)).code).toBe(0);
    const names = Object.keys(snapshotTree(out)).concat(readdirSync(out));
    expect(names.filter((n) => /tmp|staging|lock/.test(n))).toEqual([]);
  });
});
