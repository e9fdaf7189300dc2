/**
 * Audit round 23: after a definition is renamed only in case (`Alerts/Api.yml` → `alerts/api.yml`),
 * a case-insensitive disk (macOS, Windows) replaces the file through the new name but keeps its
 * directory entry under the old one: the manifest said `alerts/api.yml`, the folder listed
 * `Alerts/Api.yml`. generate now moves such an entry aside (into its staging folder) and lands the
 * file under the new name, folders first. No such disk can be mounted here: the decision is tested
 * with probes, and the whole generate on a simulated one (test/helpers/caseless-disk.ts: the fs
 * functions reach an entry under any case, and replacing a file through another case keeps the
 * entry's old name, as the audit saw), with the disk's own probe (diskEntries).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeOutput } from '../../src/io/write.js';
import { MANIFEST } from '../../src/io/manifest.js';
import { caseRenameCandidates, caseRenames, type EntryProbe } from '../../src/io/same-entry.js';
import { simulateCaseInsensitiveDisk } from '../helpers/caseless-disk.js';
import { tempDir } from '../helpers/cli.js';

const readdirSync = (dir: string): string[] => fs.readdirSync(dir);
const readFileSync = (file: string, encoding: 'utf8'): string => fs.readFileSync(file, encoding);

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

const manifestOf = (out: string) => Object.keys(JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')).files as Record<string, string>);
/** Every file under a folder, as listed (folders' case included). */
const listing = (dir: string): string[] =>
  (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile() && e.name !== MANIFEST)
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();

describe('caseRenameCandidates: which kept paths may sit under an old case (no disk access)', () => {
  it('a file or a folder renamed only in case; nothing in the usual run', () => {
    expect(caseRenameCandidates(['Alerts/Api.yml', 'gone.yml'], ['alerts/api.yml', 'x/y.yml'])).toEqual(['alerts/api.yml']);
    expect(caseRenameCandidates(['Alerts/a.yml'], ['alerts/a.yml', 'Alerts2/a.yml'])).toEqual(['alerts/a.yml']);
    expect(caseRenameCandidates(['d/Shop.json'], ['d/shop.json', 'd/other.json'])).toEqual(['d/shop.json']);
    expect(caseRenameCandidates(['d/old.json'], ['d/new.json'])).toEqual([]);
    expect(caseRenameCandidates([], ['a.yml'])).toEqual([]);
  });
});

describe('caseRenames: the decision', () => {
  const disk = (listed: string[]): EntryProbe => (file) => listed.find((l) => l.toLowerCase() === file.toLowerCase());

  it('renames the folder first, then the file in it (under the folder\'s new name)', () => {
    expect(caseRenames(['alerts/api.yml'], disk(['Alerts', 'Alerts/Api.yml']))).toEqual([
      { from: 'Alerts', to: 'alerts' },
      { from: 'alerts/Api.yml', to: 'alerts/api.yml' },
    ]);
  });

  it('a folder shared by several files is renamed once; entries already spelled right are left', () => {
    expect(caseRenames(['T/a.tmpl', 't/b.tmpl'].slice(1).concat('t/a.tmpl'), disk(['T', 'T/a.tmpl', 'T/B.tmpl']))).toEqual([
      { from: 'T', to: 't' },
      { from: 't/B.tmpl', to: 't/b.tmpl' },
    ]);
    expect(caseRenames(['d/shop.json'], disk(['d', 'd/shop.json']))).toEqual([]);
    expect(caseRenames(['d/new.json'], disk(['d']))).toEqual([]); // nothing there yet
  });
});

describe('generate after a rename only in case, on a (simulated) case-insensitive disk', () => {
  it('the simulation is faithful: without the fix, the entry would keep its old case', () => {
    const out = path.join(tempDir(), 'out');
    fs.mkdirSync(path.join(out, 'd'), { recursive: true });
    fs.writeFileSync(path.join(out, 'd/Shop.json'), 'old\n');
    simulateCaseInsensitiveDisk(out);
    fs.writeFileSync(path.join(out, 'd/tmp'), 'new\n');
    fs.renameSync(path.join(out, 'd/tmp'), path.join(out, 'd/shop.json'));
    expect(readdirSync(path.join(out, 'd'))).toEqual(['Shop.json']);
    expect(readFileSync(path.join(out, 'd/shop.json'), 'utf8')).toBe('new\n');
  });

  it('the file is listed under its new name, with the new content; the manifest lists it only', () => {
    const out = path.join(tempDir(), 'out');
    expect(writeOutput(out, [{ path: 'grafana/dashboards/Shop.json', content: '{"uid":"Shop"}\n' }]).conflicts).toEqual([]);
    simulateCaseInsensitiveDisk(out);
    const result = writeOutput(out, [{ path: 'grafana/dashboards/shop.json', content: '{"uid":"shop"}\n' }]);
    expect(result.conflicts).toEqual([]);
    expect(result.written).toEqual(['grafana/dashboards/shop.json']);
    expect(readdirSync(path.join(out, 'grafana/dashboards'))).toEqual(['shop.json']);
    expect(readFileSync(path.join(out, 'grafana/dashboards/shop.json'), 'utf8')).toBe('{"uid":"shop"}\n');
    expect(manifestOf(out)).toEqual(['grafana/dashboards/shop.json']);
    expect(readdirSync(out).filter((n) => n.startsWith('.totem-mon-staging'))).toEqual([]);
  });

  it('a folder and a file renamed only in case (Alerts/Api.yml → alerts/api.yml), other files in the folder kept', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [
      { path: 'Alerts/Api.yml', content: 'a: 1\n' },
      { path: 'Alerts/Db.yml', content: 'b: 1\n' },
    ]);
    simulateCaseInsensitiveDisk(out);
    const files = [
      { path: 'alerts/api.yml', content: 'a: 2\n' },
      { path: 'alerts/Db.yml', content: 'b: 1\n' },
    ];
    const result = writeOutput(out, files);
    expect(result.conflicts).toEqual([]);
    expect(listing(out)).toEqual(['alerts/Db.yml', 'alerts/api.yml']);
    expect(readFileSync(path.join(out, 'alerts/api.yml'), 'utf8')).toBe('a: 2\n');
    expect(readFileSync(path.join(out, 'alerts/Db.yml'), 'utf8')).toBe('b: 1\n');
    expect(manifestOf(out)).toEqual(['alerts/Db.yml', 'alerts/api.yml']);
    // The next run has nothing left to do.
    const again = writeOutput(out, files);
    expect([again.written, again.removed, again.conflicts]).toEqual([[], [], []]);
  });

  it('a file renamed only in case with the same content (not rewritten) gets its new name too', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'alertmanager/templates/A.tmpl', content: 'same\n' }]);
    simulateCaseInsensitiveDisk(out);
    const result = writeOutput(out, [{ path: 'alertmanager/templates/a.tmpl', content: 'same\n' }]);
    expect(result.conflicts).toEqual([]);
    expect(readdirSync(path.join(out, 'alertmanager/templates'))).toEqual(['a.tmpl']);
    expect(readFileSync(path.join(out, 'alertmanager/templates/a.tmpl'), 'utf8')).toBe('same\n');
    expect(manifestOf(out)).toEqual(['alertmanager/templates/a.tmpl']);
  });

  it('a stray file of the user in a folder renamed only in case moves with it, untouched', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'Docs/a.md', content: 'a\n' }]);
    fs.writeFileSync(path.join(out, 'Docs/mine.txt'), 'mine\n');
    simulateCaseInsensitiveDisk(out);
    const result = writeOutput(out, [{ path: 'docs/a.md', content: 'a2\n' }]);
    expect(result.conflicts).toEqual([]);
    expect(listing(out)).toEqual(['docs/a.md', 'docs/mine.txt']);
    expect(readFileSync(path.join(out, 'docs/mine.txt'), 'utf8')).toBe('mine\n');
  });

  it('killed between moving the old entry aside and landing the new one: the next generate finishes, under the new name', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'grafana/dashboards/Shop.json', content: '{"uid":"Shop"}\n' }]);
    simulateCaseInsensitiveDisk(out);
    const rename = vi.mocked(fs.renameSync).getMockImplementation()!; // the simulated disk's
    let fail = true;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (fail && String(to).endsWith(`${path.sep}shop.json`)) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO', syscall: 'rename', path: String(to) });
      return rename(from, to);
    });
    syncBuiltinESMExports();
    const files = [{ path: 'grafana/dashboards/shop.json', content: '{"uid":"shop"}\n' }];
    expect(writeOutput(out, files).conflicts.map((d) => d.id)).toEqual(['output/write-failed']);
    fail = false;
    const result = writeOutput(out, files);
    expect(result.conflicts).toEqual([]);
    expect(readdirSync(path.join(out, 'grafana/dashboards'))).toEqual(['shop.json']);
    expect(readFileSync(path.join(out, 'grafana/dashboards/shop.json'), 'utf8')).toBe('{"uid":"shop"}\n');
    expect(manifestOf(out)).toEqual(['grafana/dashboards/shop.json']);
  });
});
