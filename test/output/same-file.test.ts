/**
 * A definition renamed only in case (dashboard uid `Shop` → `shop`, template `A.tmpl` → `a.tmpl`):
 * on a case-insensitive disk (macOS, Windows) the old and the new path are one file, so removing the
 * old name as no longer generated would remove the file just written. No removal generate makes, nor
 * one `generate --check` announces, touches a path that is, on this disk, a file kept by the run;
 * the manifest then lists the new name only. A case-insensitive disk cannot be mounted here: the
 * decision is a pure function of a probe (tested with a probe that folds case, as such a disk
 * does), and the disk's own probe is tested on what a Linux disk can hold (hard links, names
 * differing only in case that are two files).
 */
import { existsSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutput, writeOutput } from '../../src/io/write.js';
import { MANIFEST } from '../../src/io/manifest.js';
import { aliasAmong, diskEntries, removalsApart, type EntryProbe } from '../../src/io/same-entry.js';
import { tempDir } from '../helpers/cli.js';

/** What a case-insensitive disk answers: a path that exists, named without case. */
const foldingProbe = (dir: string): EntryProbe => (file) => (existsSync(path.join(dir, file)) ? file.toLowerCase() : undefined);

const manifestOf = (out: string) => Object.keys(JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')).files as Record<string, string>);

describe('removalsApart: the decision', () => {
  const probe = (existing: string[]): EntryProbe => (file) => (existing.includes(file) || existing.includes(file.toLowerCase()) ? file.toLowerCase() : undefined);

  it('keeps an old path that is the same entry as a kept one; removes the others', () => {
    const entryOf = probe(['grafana/dashboards/shop.json', 'docs/alerts/old.md']);
    const result = removalsApart(['docs/alerts/old.md', 'grafana/dashboards/Shop.json', 'gone.yml'], ['grafana/dashboards/shop.json', 'prometheus/rules/a.yml'], entryOf);
    expect(result.remove).toEqual(['docs/alerts/old.md', 'gone.yml']);
    expect([...result.aliases]).toEqual([['grafana/dashboards/Shop.json', 'grafana/dashboards/shop.json']]);
  });

  it('probes nothing of the kept files when no old file exists (the usual run)', () => {
    const calls: string[] = [];
    const result = removalsApart(['a.yml', 'b.yml'], ['c.yml', 'd.yml'], (file) => (calls.push(file), undefined));
    expect(result.remove).toEqual(['a.yml', 'b.yml']);
    expect(calls).toEqual(['a.yml', 'b.yml']);
  });

  it('aliasAmong finds the owned old name a new path reaches', () => {
    expect(aliasAmong('grafana/dashboards/shop.json', ['grafana/dashboards/Shop.json', 'x.yml'], probe(['grafana/dashboards/shop.json']))).toBe('grafana/dashboards/Shop.json');
    expect(aliasAmong('grafana/dashboards/other.json', ['grafana/dashboards/Shop.json'], probe(['grafana/dashboards/shop.json']))).toBeUndefined();
  });
});

describe('diskEntries: the probe of a real (case-sensitive) disk', () => {
  it('names apart two files whose names differ only in case, and a hard link from the file it links to', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'd'));
    writeFileSync(path.join(dir, 'd', 'Shop.json'), 'A');
    writeFileSync(path.join(dir, 'd', 'shop.json'), 'B');
    linkSync(path.join(dir, 'd', 'shop.json'), path.join(dir, 'd', 'link.json'));
    const entryOf = diskEntries(dir);
    expect(entryOf('d/Shop.json')).toBe('d/Shop.json');
    expect(entryOf('d/shop.json')).toBe('d/shop.json');
    expect(entryOf('d/link.json')).toBe('d/link.json');
    expect(entryOf('d/SHOP.json')).toBeUndefined();
    expect(entryOf('d/shop.json/x')).toBeUndefined(); // a file on the way: nothing there
    expect(entryOf('e/x.json')).toBeUndefined();
  });
});

describe('generate after a rename only in case', () => {
  it('does not remove the old name when it is the new file on this disk: the new file stays, the manifest lists it only', () => {
    const out = path.join(tempDir(), 'out');
    expect(writeOutput(out, [{ path: 'grafana/dashboards/Shop.json', content: '{"uid":"Shop"}\n' }]).conflicts).toEqual([]);
    const result = writeOutput(out, [{ path: 'grafana/dashboards/shop.json', content: '{"uid":"shop"}\n' }], { entryOf: foldingProbe(out) });
    expect(result.conflicts).toEqual([]);
    expect(result.written).toEqual(['grafana/dashboards/shop.json']);
    expect(result.removed).toEqual([]);
    expect(result.notes).toEqual([expect.stringMatching(/grafana\/dashboards\/Shop\.json and .*grafana\/dashboards\/shop\.json are one file on this disk .*: kept, as grafana\/dashboards\/shop\.json$/)]);
    expect(readFileSync(path.join(out, 'grafana/dashboards/shop.json'), 'utf8')).toBe('{"uid":"shop"}\n');
    expect(manifestOf(out)).toEqual(['grafana/dashboards/shop.json']);
  });

  it('takes the new path as its own when it reaches the old file (not "exists and was not generated by totem-mon")', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'alertmanager/templates/A.tmpl', content: 'old\n' }]);
    // What a case-insensitive disk shows: the new name reaches the old file (a hard link stands for that here).
    linkSync(path.join(out, 'alertmanager/templates/A.tmpl'), path.join(out, 'alertmanager/templates/a.tmpl'));
    const files = [{ path: 'alertmanager/templates/a.tmpl', content: 'new\n' }];
    expect(writeOutput(out, files).conflicts.map((d) => d.id)).toEqual(['output/not-owned']); // two files on this disk: right
    const result = writeOutput(out, files, { entryOf: foldingProbe(out) });
    expect(result.conflicts).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(readFileSync(path.join(out, 'alertmanager/templates/a.tmpl'), 'utf8')).toBe('new\n');
    expect(manifestOf(out)).toEqual(['alertmanager/templates/a.tmpl']);
  });

  it('an old name that is a hard link to a kept file is removed: the kept file stays, under its own name', () => {
    // A hard link is another name, not the same entry: unlinking it leaves the kept file, and keeping
    // it would leave a stale file in out/ that no manifest lists.
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'prometheus/rules/old.yml', content: 'groups: []\n' }]);
    linkSync(path.join(out, 'prometheus/rules/old.yml'), path.join(out, 'prometheus/rules/new.yml'));
    const result = writeOutput(out, [{ path: 'prometheus/rules/new.yml', content: 'groups: []\n' }]);
    expect(result.conflicts).toEqual([]);
    expect(result.unchanged).toEqual(['prometheus/rules/new.yml']); // identical: adopted, not rewritten (the same inode as old.yml)
    expect(result.removed).toEqual(['prometheus/rules/old.yml']);
    expect(existsSync(path.join(out, 'prometheus/rules/old.yml'))).toBe(false);
    expect(readFileSync(path.join(out, 'prometheus/rules/new.yml'), 'utf8')).toBe('groups: []\n');
    expect(manifestOf(out)).toEqual(['prometheus/rules/new.yml']);
  });

  it('on a case-sensitive disk, Shop.json and shop.json are two files: the old one is removed', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'grafana/dashboards/Shop.json', content: '{"uid":"Shop"}\n' }]);
    const result = writeOutput(out, [{ path: 'grafana/dashboards/shop.json', content: '{"uid":"shop"}\n' }]);
    expect(result.removed).toEqual(['grafana/dashboards/Shop.json']);
    expect(existsSync(path.join(out, 'grafana/dashboards/Shop.json'))).toBe(false);
    expect(manifestOf(out)).toEqual(['grafana/dashboards/shop.json']);
  });

  it('generate --check does not announce the removal of an old name that is the new file on this disk', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'grafana/dashboards/Shop.json', content: '{"uid":"Shop"}\n' }]);
    linkSync(path.join(out, 'grafana/dashboards/Shop.json'), path.join(out, 'grafana/dashboards/shop.json'));
    const files = [{ path: 'grafana/dashboards/shop.json', content: '{"uid":"shop"}\n' }];
    const status = (entryOf?: EntryProbe) => checkOutput(out, files, entryOf).changes.map((c) => `${c.status} ${c.path}`);
    expect(status(foldingProbe(out))).toEqual(['differs grafana/dashboards/shop.json', 'differs .totem-mon-manifest.json']);
    expect(status()).toEqual(['differs grafana/dashboards/shop.json', 'differs .totem-mon-manifest.json', 'extra grafana/dashboards/Shop.json']); // two files here
  });
});
