import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import type { TemplateFileModel } from '../model/alertmanager.js';
import { relativizer } from './load.js';
import { isErrno } from './output-problem.js';

/** Alertmanager notification templates live next to the definitions: `<definitions>/../templates/*.tmpl`. */
export function templatesDir(definitionsDir: string): string {
  return path.join(path.dirname(path.resolve(definitionsDir)), 'templates');
}

export interface TemplatesRead {
  templates: TemplateFileModel[];
  /** A template that is not UTF-8 (Alertmanager reads them as UTF-8): refused, naming the file. */
  diagnostics: Diagnostic[];
}

/** Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return -1;
  } catch {
    // Find where: decode growing prefixes is quadratic; walk the sequences instead.
  }
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (length > 1) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return bytes.length;
}

/** Why a `*.tmpl` cannot be read, by errno code. */
const UNREADABLE: Record<string, string> = {
  EISDIR: 'is a folder, not a file',
  ENOENT: 'is a link to nothing (its target does not exist)',
  ELOOP: 'is a link that loops',
  EACCES: 'cannot be read: permission denied (EACCES)',
};

/** Reads every `*.tmpl` of the templates folder, sorted by name (none when the folder is absent). */
export function readTemplates(definitionsDir: string): TemplatesRead {
  const dir = templatesDir(definitionsDir);
  const read: TemplatesRead = { templates: [], diagnostics: [] };
  if (!existsSync(dir)) return read;
  const relative = relativizer(path.resolve(definitionsDir));
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.tmpl')).sort()) {
    const file = path.join(dir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      if (!isErrno(error)) throw error;
      read.diagnostics.push({
        id: 'load',
        severity: 'error',
        message: `template ${name} ${UNREADABLE[error.code ?? ''] ?? `cannot be read (${error.code})`}`,
        hint: `Alertmanager loads every templates/*.tmpl as a template file: make ${relative(file)} a UTF-8 file, or move it out of templates/`,
        path: ['templates', name],
        source: { file: relative(file), line: 1, column: 1 },
      });
      continue;
    }
    const bad = invalidUtf8At(bytes);
    if (bad >= 0) {
      const before = bytes.subarray(0, bad);
      const line = before.filter((b) => b === 0x0a).length + 1;
      const column = bad - (before.lastIndexOf(0x0a) + 1) + 1;
      read.diagnostics.push({
        id: 'load',
        severity: 'error',
        message: `template ${name} is not UTF-8: byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column}`,
        hint: `Alertmanager reads templates as UTF-8: save ${relative(file)} as UTF-8 (e.g. iconv -f latin1 -t utf-8)`,
        path: ['templates', name],
        source: { file: relative(file), line, column },
      });
      continue;
    }
    read.templates.push({ name, source: relative(file), content: bytes.toString('utf8') });
  }
  return read;
}
