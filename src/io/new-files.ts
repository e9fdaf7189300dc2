import { lstatSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
