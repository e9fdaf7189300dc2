/**
 * Issue 13, portability of out/: names Windows cannot hold are refused at their definition; output
 * line endings are always LF, whatever the sources had; a CRLF checkout of out/ (git's autocrlf on
 * Windows) is up to date for `generate --check` and is not a conflict for `generate`.
 */
import { cpSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, snapshotTree, tempDir } from '../helpers/cli.js';
import { edit, freshOut, generate, goodCopy } from '../helpers/output.js';

/** The with-templates fixture in a temp folder, with the given templates beside its definitions. */
function withTemplates(templates: Record<string, string>): string {
  const root = tempDir();
  cpSync(path.join(FIXTURES, 'shared'), path.join(root, 'shared'), { recursive: true });
  const project = path.join(root, 'output/with-templates');
  cpSync(path.join(FIXTURES, 'output/with-templates'), project, { recursive: true });
  mkdirSync(path.join(project, 'templates'));
  for (const [name, content] of Object.entries(templates)) writeFileSync(path.join(project, 'templates', name), content);
  return path.join(project, 'definitions');
}

function toCrlf(out: string): void {
  for (const file of Object.keys(snapshotTree(out))) {
    const full = path.join(out, file);
    writeFileSync(full, readFileSync(full, 'utf8').replace(/\n/g, '\r\n'));
  }
}

describe('names Windows cannot hold', () => {
  it('a rule group named "con" is refused at its definition, nothing written', async () => {
    const definitions = goodCopy();
    edit(path.join(definitions, 'index.ts'), "name: 'app_records'", "name: 'con'");
    const out = path.join(tempDir(), 'out');
    const result = await generate(definitions, out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error \[output\/portable-name\] good\/index\.ts:\d+ › ruleGroups › con: rule group "con" would be written to prometheus\/rules\/con\.yml/);
    expect(existsSync(out)).toBe(false);
  });

  it('templates differing only in case are refused, naming the template file', async () => {
    const definitions = withTemplates({ 'Team.tmpl': '{{ define "a" }}a{{ end }}\n', 'team.tmpl': '{{ define "b" }}b{{ end }}\n' });
    const result = await generate(definitions, path.join(tempDir(), 'out'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error [output/portable-name] templates/team.tmpl:1 › templates › team.tmpl: templates Team.tmpl and team.tmpl');
  });
});

describe('line endings', () => {
  it('a template saved with CRLF is written with LF, like every other output file', async () => {
    const definitions = withTemplates({ 'team.tmpl': '{{ define "team.title" }}\r\n[{{ .Status }}] alerts\r\n{{ end }}\r\n' });
    const out = path.join(tempDir(), 'out');
    const result = await generate(definitions, out);
    expect(result.code, result.stderr).toBe(0);
    const tree = snapshotTree(out);
    expect(tree['alertmanager/templates/team.tmpl']).toContain('{{ define "team.title" }}\n[{{ .Status }}] alerts\n{{ end }}\n');
    for (const [file, content] of Object.entries(tree)) expect(content.includes('\r'), file).toBe(false);
  });

  it('a CRLF checkout of out/ is up to date for --check, and generate leaves it alone', async () => {
    const definitions = withTemplates({ 'team.tmpl': '{{ define "team.title" }}x{{ end }}\n' });
    const out = await freshOut(definitions);
    toCrlf(out);
    const check = await generate(definitions, out, '--check');
    expect(check.code, check.stderr).toBe(0);
    const again = await generate(definitions, out);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('(0 written, 4 unchanged, 0 removed)');
    expect(readFileSync(path.join(out, '.totem-mon-manifest.json'), 'utf8')).toContain('\r\n'); // not even the manifest rewritten
  });

  it('--check still sees a real change in a CRLF checkout', async () => {
    const definitions = withTemplates({});
    const out = await freshOut(definitions);
    toCrlf(out);
    const file = path.join(out, 'prometheus/rules/records.yml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('route:app_requests:rate5m', 'route:app_requests:rate1m'));
    const check = await generate(definitions, out, '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`differs: ${file}`);
  });
});
