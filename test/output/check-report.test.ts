/**
 * Issue 20: `generate --check` shows what drifted, not only which file: a bounded unified diff per
 * file (`--stat`: names and counts only), in text, JSON and GitHub annotations; its hint repeats
 * the --definitions/--out in use. And `--version` is totem-mon's own.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, runCli, tempDir } from '../helpers/cli.js';
import { DIFF_LINES_PER_FILE } from '../../src/report/drift.js';

const GOOD = path.join(FIXTURES, 'good');
const ALERTS = 'prometheus/rules/app_alerts.yml';

async function freshOut(): Promise<string> {
  const out = path.join(tempDir(), 'out');
  const result = await runCli(['generate', '--definitions', GOOD, '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

const check = (out: string, ...extra: string[]) => runCli(['generate', '--check', '--definitions', GOOD, '--out', out, ...extra]);

/** Edits the committed copy of the alerts file: the generated threshold `> 10` becomes `> 20`. */
function editThreshold(out: string): { line: number; before: string; after: string } {
  const file = path.join(out, ALERTS);
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes('> 10'));
  expect(index).toBeGreaterThan(0);
  const generated = lines[index]!;
  lines[index] = generated.replace('> 10', '> 20');
  writeFileSync(file, lines.join('\n'));
  return { line: index + 1, before: lines[index]!, after: generated };
}

describe('generate --check shows a unified diff per drifted file', () => {
  it('shows the committed line as removed and the generated one as added, with context and counts', async () => {
    const out = await freshOut();
    const edit = editThreshold(out);
    const result = await check(out);
    expect(result.code).toBe(1);
    const file = `${out}/${ALERTS}`;
    expect(result.stderr).toContain(`differs: ${file} (+1 -1)`);
    expect(result.stderr).toMatch(new RegExp(`@@ -${Math.max(1, edit.line - 3)},\\d+ \\+${Math.max(1, edit.line - 3)},\\d+ @@`));
    expect(result.stderr).toContain(`    -${edit.before}\n    +${edit.after}\n`);
    // Only the file that drifted.
    expect(result.stderr).not.toContain('app_records.yml');
  });

  it('repeats the --definitions and --out in use in its hint', async () => {
    const out = await freshOut();
    editThreshold(out);
    const result = await check(out);
    expect(result.stderr).toContain(`run \`totem-mon generate --definitions ${GOOD} --out ${out}\` and commit the result`);
  });

  it('a damaged manifest: the repair command repeats the flags in use, for --check and for generate', async () => {
    const out = await freshOut();
    const manifest = path.join(out, '.totem-mon-manifest.json');
    writeFileSync(manifest, `<<<<<<< HEAD\n${readFileSync(manifest, 'utf8')}=======\n{}\n>>>>>>> theirs\n`);
    const repair = `totem-mon generate --repair --definitions ${GOOD} --out ${out}`;
    expect((await check(out)).stderr).toContain(`(run \`${repair}\`)`);
    const generate = await runCli(['generate', '--definitions', GOOD, '--out', out]);
    expect(generate.code).toBe(1);
    expect(generate.stderr).toContain(`hint: run \`${repair}\`: it rebuilds the manifest`);
  });

  it('bounds the diff of a file and counts what it leaves out', async () => {
    const out = await freshOut();
    const file = path.join(out, ALERTS);
    const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
    // Every line changed: one hunk of every old line removed and every new one added.
    writeFileSync(file, `${lines.map((l) => `${l} #`).join('\n')}\n`);
    const result = await check(out);
    expect(result.code).toBe(1);
    const total = 1 + 2 * lines.length;
    expect(total).toBeGreaterThan(DIFF_LINES_PER_FILE);
    const shown = result.stderr.split('\n').filter((l) => /^ {4}[-+ @]/.test(l) && !/^ {4}(---|\+\+\+) /.test(l));
    expect(shown).toHaveLength(DIFF_LINES_PER_FILE);
    expect(result.stderr).toContain(`… ${total - DIFF_LINES_PER_FILE} more diff line(s) of ${out}/${ALERTS} not shown`);
    expect(result.stderr).toContain(`differs: ${out}/${ALERTS} (+${lines.length} -${lines.length})`);
  });

  it('--stat names the files with their counts and shows no diff', async () => {
    const out = await freshOut();
    editThreshold(out);
    unlinkSync(path.join(out, 'prometheus/prometheus.yml'));
    const result = await check(out, '--stat');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`differs: ${out}/${ALERTS} (+1 -1)`);
    expect(result.stderr).toMatch(new RegExp(`missing: ${out}/prometheus/prometheus\\.yml \\(\\+\\d+ -0`));
    expect(result.stderr).not.toContain('@@');
  });

  it('a file of a stale output is listed as extra with the lines it would lose', async () => {
    const out = await freshOut();
    const stale = path.join(out, 'prometheus/rules/old.yml');
    writeFileSync(stale, 'a\nb\n');
    const manifestFile = path.join(out, '.totem-mon-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: Record<string, unknown> };
    const hash = (manifest.files as Record<string, unknown>)[ALERTS];
    manifest.files['prometheus/rules/old.yml'] = hash;
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    const result = await check(out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`extra:   ${out}/prometheus/rules/old.yml (+0 -2: generated earlier, no longer generated)`);
  });
});

describe('generate --check --format', () => {
  it('json: one document with each file, its status, counts, first line and diff', async () => {
    const out = await freshOut();
    const edit = editThreshold(out);
    const result = await check(out, '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ schemaVersion: 1, tool: 'totem-mon', command: 'generate --check', ok: false, out, definitions: GOOD, unsafe: [] });
    expect(report['files']).toEqual([
      expect.objectContaining({ file: `${out}/${ALERTS}`, status: 'differs', added: 1, removed: 1, line: edit.line, omitted: 0 }),
    ]);
    const diff = (report['files'] as Array<{ diff: string[] }>)[0]!.diff;
    expect(diff).toContain(`-${edit.before}`);
    expect(diff).toContain(`+${edit.after}`);
  });

  it('json: ok with no files when out/ is up to date; the definitions\' errors as diagnostics', async () => {
    const out = await freshOut();
    const clean = JSON.parse((await check(out, '--format', 'json')).stdout) as Record<string, unknown>;
    expect(clean).toMatchObject({ ok: true, files: [], generated: 3 });
    const broken = await runCli(['generate', '--check', '--format', 'json', '--definitions', path.join(FIXTURES, 'broken/unknown-metric'), '--out', out]);
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.stdout) as { ok: boolean; diagnostics: Array<{ severity: string }> };
    expect(report.ok).toBe(false);
    expect(report.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('github: an error annotation at the first changed line of each file, with its diff', async () => {
    const out = await freshOut();
    const edit = editThreshold(out);
    const result = await check(out, '--format', 'github');
    expect(result.code).toBe(1);
    const annotation = result.stdout.split('\n').find((l) => l.startsWith('::error '));
    expect(annotation).toBeDefined();
    expect(annotation!.startsWith(`::error file=${out}/${ALERTS},line=${edit.line},title=generate --check::differs: ${out}/${ALERTS} (+1 -1)%0A@@`)).toBe(true);
    expect(annotation).toContain(`%0A+${edit.after}%0A`);
    expect(result.stdout).toContain(`run \`totem-mon generate --definitions ${GOOD} --out ${out}\``);
  });

  it('is a usage error without --check, and for an unknown format', async () => {
    const out = await freshOut();
    for (const args of [['--format', 'json'], ['--stat'], ['--check', '--format', 'xml']]) {
      const result = await runCli(['generate', '--definitions', GOOD, '--out', out, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
    }
  });
});

describe('--version', () => {
  it("prints totem-mon's own version, not the version of the package that runs it", async () => {
    const own = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    const saved = process.env['npm_package_version'];
    process.env['npm_package_version'] = '9.9.9-user-package';
    try {
      const result = await runCli(['--version']);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(own);
    } finally {
      if (saved === undefined) delete process.env['npm_package_version'];
      else process.env['npm_package_version'] = saved;
    }
  });
});
