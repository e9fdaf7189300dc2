import { linkSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The files (relative to dir) that exist already, links included. */
export function existingFiles(dir: string, files: readonly string[]): string[] {
  return files.filter((file) => {
    try {
      lstatSync(path.join(dir, file));
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Writes files under dir, making folders as needed, each created exclusively (O_EXCL): never
 * through a link, never over a file that appeared since it was looked for. With `overwrite`, an
 * existing file (or link) is removed first.
 */
export function writeNewFiles(dir: string, files: ReadonlyArray<{ path: string; content: string }>, options: { overwrite: boolean }): void {
  for (const file of files) {
    const full = path.join(dir, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    if (options.overwrite) rmSync(full, { force: true });
    writeFileSync(full, file.content, { flag: 'wx' });
  }
}

/**
 * Writes files under dir so that none is ever seen half-written: all contents are first written
 * into a staging folder made with mkdtemp inside dir, then each lands by a hard link (which fails
 * if the name exists: never over a file that appeared since it was looked for) or, with
 * `overwrite`, by a rename over it (atomic per file). The staging folder is removed either way.
 */
export function writeFilesAtomically(dir: string, files: ReadonlyArray<{ path: string; content: string }>, options: { overwrite: boolean }): void {
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(path.join(dir, '.totem-mon-import-'));
  try {
    const staged = files.map((file, i) => {
      const temp = path.join(staging, String(i));
      writeFileSync(temp, file.content, { flag: 'wx' });
      return { temp, target: path.join(dir, file.path) };
    });
    for (const { temp, target } of staged) {
      mkdirSync(path.dirname(target), { recursive: true });
      if (options.overwrite) renameSync(temp, target);
      else linkSync(temp, target);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
