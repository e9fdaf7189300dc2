/**
 * Issue 13, a damaged manifest (a git merge left conflict markers, a truncated or hand-edited file)
 * is reported as damaged, with the repair, instead of every generated file turning "not ours";
 * `generate --repair` rebuilds it, adopting what is provably ours.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotTree, tempDir } from '../helpers/cli.js';
import { MANIFEST, RULES, edit, freshOut, generate, goodCopy } from '../helpers/output.js';

/** What git leaves when both branches regenerated app_alerts.yml differently. */
function conflictManifest(out: string): void {
  const file = path.join(out, MANIFEST);
  const text = readFileSync(file, 'utf8');
  const line = text.split('\n').find((l) => l.includes('app_alerts.yml'))!;
  const theirs = line.replace(/"[0-9a-f]{64}"/, `"${'a'.repeat(64)}"`);
  writeFileSync(file, text.replace(line, `<<<<<<< HEAD\n${line}\n=======\n${theirs}\n>>>>>>> feature`));
}

describe('a damaged manifest', () => {
  it('with git conflict markers: reported as such with the repair, not as files that are not ours', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    conflictManifest(out);
    edit(path.join(definitions, 'index.ts'), '> 10', '> 12');
    const before = snapshotTree(out);
    const result = await generate(definitions, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error [output/manifest-damaged] .totem-mon-manifest.json: ${path.join(out, MANIFEST)} has git conflict markers (line 5)`,
    );
    expect(result.stderr).toContain('totem-mon generate --repair');
    expect(result.stderr).not.toContain('not-owned');
    expect(snapshotTree(out)).toEqual(before);
  });

  it('generate --repair rebuilds it: files the damaged manifest lists are taken back, then --check passes', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    conflictManifest(out);
    // The merge also changed the generated file itself (neither side's content).
    const alerts = path.join(out, RULES, 'app_alerts.yml');
    writeFileSync(alerts, `${readFileSync(alerts, 'utf8')}# merged\n`);
    writeFileSync(path.join(out, 'notes.md'), 'by hand\n');
    edit(path.join(definitions, 'index.ts'), '> 10', '> 12');
    const result = await generate(definitions, out, '--repair');
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(alerts, 'utf8')).toContain('> 12');
    expect(readFileSync(path.join(out, 'notes.md'), 'utf8')).toBe('by hand\n');
    expect((await generate(definitions, out, '--check')).code).toBe(0);
  });

  it('--repair never takes a file the damaged manifest does not name, unless identical', async () => {
    const out = await freshOut();
    writeFileSync(path.join(out, MANIFEST), '{ "generator": "totem-mon", "files": {');
    writeFileSync(path.join(out, RULES, 'app_alerts.yml'), 'groups: [] # by hand\n');
    const result = await generate(goodCopy(), out, '--repair');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [output/not-owned] ${RULES}/app_alerts.yml`);
  });

  it('invalid JSON is reported as damaged, with the parser message', async () => {
    const out = await freshOut();
    writeFileSync(path.join(out, MANIFEST), '{ "generator": "totem-mon", "files": {');
    const result = await generate(goodCopy(), out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [output/manifest-damaged] .totem-mon-manifest.json: ${path.join(out, MANIFEST)} is not valid JSON`);
  });

  it('--check reports a damaged manifest as damaged', async () => {
    const definitions = goodCopy();
    const out = await freshOut(definitions);
    conflictManifest(out);
    const result = await generate(definitions, out, '--check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has git conflict markers');
  });

  it('a link or a folder at its name: the hint says to move it first (--repair never writes through or over it), and then --repair works', async () => {
    for (const plant of ['link', 'folder'] as const) {
      const definitions = goodCopy();
      const out = await freshOut(definitions);
      const manifest = path.join(out, MANIFEST);
      const target = path.join(tempDir(), 'elsewhere.json');
      renameSync(manifest, target);
      if (plant === 'link') symlinkSync(target, manifest);
      else mkdirSync(manifest);
      const plain = await generate(definitions, out);
      expect(plain.code).toBe(1);
      expect(plain.stderr).toContain(`${manifest} is ${plant === 'link' ? 'a symbolic link' : 'a folder'}; totem-mon cannot tell which files it generated`);
      expect(plain.stderr).toContain('hint: move it away (totem-mon never writes through a link nor over a folder), then run `totem-mon generate --repair ');
      // Without moving it, --repair refuses too: the hint's first step is needed.
      expect((await generate(definitions, out, '--repair')).code).toBe(1);
      expect(readFileSync(target, 'utf8')).toContain('"generator": "totem-mon"'); // never written through
      rmSync(manifest, { recursive: true });
      const repaired = await generate(definitions, out, '--repair');
      expect(repaired.code, repaired.stderr).toBe(0);
      expect((await generate(definitions, out, '--check')).code).toBe(0);
    }
  });
});
