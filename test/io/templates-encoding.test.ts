import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyToTemp, FIXTURES, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { invalidUtf8At } from '../../src/io/templates.js';

describe('templates/*.tmpl must be UTF-8', () => {
  it.each([
    ['Latin-1 (ISO 8859-1)', Buffer.from('{{ define "chat.text" }}\nAlerta crítico{{ end }}\n', 'latin1'), 'byte 0xED at line 2, column 10'],
    ['UTF-16 with a BOM', Buffer.from('\ufeff{{ define "chat.text" }}{{ end }}', 'utf16le'), 'byte 0xFF at line 1, column 1'],
    ['a truncated sequence at the end', Buffer.concat([Buffer.from('{{ define "chat.text" }}{{ end }}\n'), Buffer.from([0xe2, 0x82])]), 'byte 0xE2 at line 2, column 1'],
  ])('%s is refused with the file name, line and column; nothing written', async (_name, bytes, where) => {
    // The whole folder: the fixture imports the shared base.ts next to it.
    const dir = path.join(copyToTemp(path.join(FIXTURES, 'secrets')), 'template-token');
    writeFileSync(path.join(dir, 'templates', 'chat.tmpl'), bytes);
    const out = tempDir();
    const r = await runCli(['generate', '--definitions', path.join(dir, 'definitions'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error [load] templates/chat.tmpl:${where.match(/line (\d+)/)![1]} › templates › chat.tmpl: template chat.tmpl is not UTF-8: ${where}`);
    expect(r.stderr).toContain('hint: Alertmanager reads templates as UTF-8: save templates/chat.tmpl as UTF-8');
    expect(snapshotTree(out)).toEqual({});
  });

  it('UTF-8 with accents (and a UTF-8 BOM) is accepted', () => {
    expect(invalidUtf8At(Buffer.from('\ufeffAlerta crítico: ção ✓ 🚨', 'utf8'))).toBe(-1);
  });

  it('overlong forms and surrogates are not UTF-8', () => {
    expect(invalidUtf8At(Buffer.from([0x41, 0xc0, 0xaf]))).toBe(1);
    expect(invalidUtf8At(Buffer.from([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2);
  });
});
