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
import { checkIsClean, checkOutput, writeOutput } from '../../src/io/write.js';
import { MANIFEST } from '../../src/io/manifest.js';
import { caseRenameCandidates, caseRenames, type EntryProbe } from '../../src/io/same-entry.js';
import { simulateCaseInsensitiveDisk } from '../helpers/caseless-disk.js';
import { driftReport, renderDriftGithub, renderDriftJson, renderDriftText } from '../../src/report/drift.js';
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

/**
 * Audit round 24: `generate --check` must report what generate would rename. On a case-insensitive
 * disk a file reached under any case compares equal, so an entry stuck under its old case (listed
 * as `Shop.json` where generate writes `shop.json`) passed --check, while a case-sensitive checkout
 * of the same commit has no `shop.json`. On a case-sensitive disk the old-case file is another file:
 * a leftover that check must name (extra when the manifest lists it, else stray).
 */
describe('generate --check after a rename only in case', () => {
  const changesOf = (out: string, files: Array<{ path: string; content: string }>) =>
    checkOutput(out, files).changes.filter((c) => c.path !== MANIFEST).map((c) => ({ path: c.path, status: c.status, listedAs: c.listedAs }));

  it('case-insensitive disk: the manifest lists the old case, the content is the same: reported, naming both names', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'grafana/dashboards/Shop.json', content: '{}\n' }]);
    simulateCaseInsensitiveDisk(out);
    const files = [{ path: 'grafana/dashboards/shop.json', content: '{}\n' }];
    expect(changesOf(out, files)).toEqual([{ path: 'grafana/dashboards/shop.json', status: 'case', listedAs: 'grafana/dashboards/Shop.json' }]);
    writeOutput(out, files);
    expect(checkIsClean(checkOutput(out, files))).toBe(true);
  });

  it('case-insensitive disk: the manifest already lists the new case (an older generate left the entry): reported, and generate renames it', () => {
    const out = path.join(tempDir(), 'out');
    const files = [
      { path: 'alerts/api.yml', content: 'a: 1\n' },
      { path: 'alerts/db.yml', content: 'b: 1\n' },
    ];
    writeOutput(out, files);
    // What an older totem-mon left on such a disk: the entries under their old case, the manifest new.
    fs.renameSync(path.join(out, 'alerts'), path.join(out, 'Alerts'));
    fs.renameSync(path.join(out, 'Alerts/api.yml'), path.join(out, 'Alerts/Api.yml'));
    simulateCaseInsensitiveDisk(out);
    expect(changesOf(out, files)).toEqual([
      { path: 'alerts/api.yml', status: 'case', listedAs: 'Alerts/Api.yml' },
      { path: 'alerts/db.yml', status: 'case', listedAs: 'Alerts/db.yml' },
    ]);
    const result = writeOutput(out, files);
    expect(result.conflicts).toEqual([]);
    expect(listing(out)).toEqual(['alerts/api.yml', 'alerts/db.yml']);
    expect(checkIsClean(checkOutput(out, files))).toBe(true);
  });

  it('case-insensitive disk: stuck under the old case and changed: one line, a diff and both names', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'Rules/A.yml', content: 'a: 1\n' }]);
    simulateCaseInsensitiveDisk(out);
    expect(changesOf(out, [{ path: 'rules/a.yml', content: 'a: 2\n' }])).toEqual([{ path: 'rules/a.yml', status: 'differs', listedAs: 'Rules/A.yml' }]);
  });

  it('case-sensitive disk: the old-case file is an extra when the manifest lists it, the new one missing', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'Alerts/Api.yml', content: 'a: 1\n' }]);
    expect(changesOf(out, [{ path: 'alerts/api.yml', content: 'a: 1\n' }])).toEqual([
      { path: 'alerts/api.yml', status: 'missing', listedAs: undefined },
      { path: 'Alerts/Api.yml', status: 'extra', listedAs: undefined },
    ]);
  });

  it('case-sensitive disk: an old-case file the manifest does not list (a checkout of a caseless disk\'s commit) is stray, for check and generate', () => {
    const out = path.join(tempDir(), 'out');
    const files = [{ path: 'alerts/api.yml', content: 'a: 1\n' }, { path: 'prometheus/rules/shop.yml', content: 'r: 1\n' }];
    writeOutput(out, files);
    fs.mkdirSync(path.join(out, 'Alerts'));
    fs.writeFileSync(path.join(out, 'Alerts/Api.yml'), 'a: 0\n');
    fs.writeFileSync(path.join(out, 'prometheus/rules/Shop.yml'), 'r: 0\n');
    fs.writeFileSync(path.join(out, 'prometheus/rules/other.yml'), 'mine\n'); // not a case twin: not this report's
    const check = checkOutput(out, files);
    expect(check.changes).toEqual([]);
    expect(check.stray.map((s) => s.file)).toEqual(['Alerts', 'prometheus/rules/Shop.yml']);
    expect(check.stray[1]!.loader).toContain('prometheus/rules/shop.yml');
    expect(checkIsClean(check)).toBe(false);
    expect(writeOutput(out, files).warnings.map((w) => [w.id, w.file])).toEqual([
      ['output/stray', 'Alerts'],
      ['output/stray', 'prometheus/rules/Shop.yml'],
    ]);
  });
});

describe('the --check report of an entry listed under its old case', () => {
  it('text and JSON name both spellings and say generate renames it', () => {
    const out = path.join(tempDir(), 'out');
    writeOutput(out, [{ path: 'Alerts/Api.yml', content: 'a: 1\n' }]);
    simulateCaseInsensitiveDisk(out);
    const files = [{ path: 'alerts/api.yml', content: 'a: 1\n' }];
    const report = driftReport(checkOutput(out, files), { definitions: 'definitions', out: 'out', fix: 'totem-mon generate' });
    const text = renderDriftText(report);
    expect(text).toContain('case:    out/alerts/api.yml (listed on this disk as out/Alerts/Api.yml, another case than generate names it; a case-sensitive checkout has no out/alerts/api.yml: generate renames it)');
    expect(text).toContain('run `totem-mon generate` and commit the result');
    const json = JSON.parse(renderDriftJson({ definitions: 'definitions', out: 'out', generated: 1, report, diagnostics: [] }));
    expect(json.ok).toBe(false);
    expect(json.files).toContainEqual({ file: 'out/alerts/api.yml', status: 'case', added: 0, removed: 0, line: 1, listedAs: 'out/Alerts/Api.yml' });
    expect(renderDriftGithub(report)).not.toContain('file=out/alerts/api.yml');
  });
});

describe('case twins are never looked for through a link', () => {
  it('a folder of out/ that is a link is not listed', () => {
    const out = path.join(tempDir(), 'out');
    const elsewhere = tempDir();
    fs.writeFileSync(path.join(elsewhere, 'Api.yml'), 'theirs\n');
    fs.mkdirSync(out, { recursive: true });
    fs.symlinkSync(elsewhere, path.join(out, 'alerts'));
    const check = checkOutput(out, [{ path: 'alerts/api.yml', content: 'a: 1\n' }]);
    expect(check.stray).toEqual([]);
    expect(check.unsafe.length).toBeGreaterThan(0);
  });
});
