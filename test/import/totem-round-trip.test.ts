/**
 * Issue 22, Must show: the round trip on Totem's own output. Importing out/prometheus (its
 * prometheus.yml, rule files and promtool tests) and generating again gives the same rule files
 * and the same tests, byte for byte below the header comment (which names the definition file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from '../helpers/cli.js';
import { importReportSchema } from '../../src/report/import.js';

/** The files under dir (relative), recursively. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A generated file without its header comment (the lines before the first that is not a comment). */
const body = (text: string) => text.replace(/^(#[^\n]*\n)+\n?/, '');

describe("import on Totem's own output", () => {
  it('import out/prometheus → generate reproduces every rule file and every test file', async () => {
    const root = path.join(tempDir(), 'totem');
    const into = path.join(root, 'definitions');
    const imported = await runCli(['import', path.join(REPO, 'out/prometheus'), '--into', into, '--format', 'json']);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const report = importReportSchema.parse(JSON.parse(imported.stdout));
    // Nothing kept raw or refused: every rule and every test case found its definition.
    expect(report.items.filter((i) => i.status === 'raw' || i.status === 'error')).toEqual([]);

    const out = path.join(root, 'out');
    const generated = await runCli(['generate', '--definitions', into, '--out', out]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);

    const original = path.join(REPO, 'out/prometheus');
    const wanted = filesUnder(original).filter((f) => f.startsWith('rules/') || f.startsWith('tests/'));
    const got = filesUnder(path.join(out, 'prometheus')).filter((f) => f.startsWith('rules/') || f.startsWith('tests/'));
    expect(got).toEqual(wanted);
    expect(wanted.filter((f) => f.endsWith('.test.yml')).length).toBeGreaterThan(0);
    for (const file of wanted) {
      expect(body(readFileSync(path.join(out, 'prometheus', file), 'utf8')), file).toBe(body(readFileSync(path.join(original, file), 'utf8')));
    }
  });
});
