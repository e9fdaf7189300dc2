import { linkSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { compareText } from '../text-order.js';

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

/** A path where a file cannot be written: relative to dir (or dir itself, `.`), and why. */
export interface BlockedPath {
  path: string;
  why: string;
}

/** lstat, undefined when nothing is there (or a part of the path is not a folder: reported for that part). */
function lstatOrNone(full: string): Stats | undefined {
  try {
    return lstatSync(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** What stands at a path (lstat, then stat through a link), in words, when it is not a folder one can write in; undefined when absent or a folder. */
function notAFolder(full: string): string | undefined {
  const stats = lstatOrNone(full);
  if (stats === undefined || stats.isDirectory()) return undefined;
  if (!stats.isSymbolicLink()) return 'is a file, not a folder';
  const target = statSync(full, { throwIfNoEntry: false });
  if (target === undefined) return 'is a link to nothing (its target does not exist)';
  return target.isDirectory() ? undefined : 'is a link to a file, not a folder';
}

/**
 * Every reason some of these files could not be written under dir, found before anything is
 * written: dir or a folder on a file's way that is a file or a link to nothing, a file's place
 * taken by a folder (`overwrite` replaces files and links only).
 */
export function blockedPaths(dir: string, files: readonly string[]): BlockedPath[] {
  const blocked = new Map<string, string>();
  const root = path.resolve(dir);
  // dir and the folders above it that exist: each must be a folder (a link to one is fine).
  for (let up = root; ; up = path.dirname(up)) {
    const why = notAFolder(up);
    if (why) blocked.set(up === root ? '.' : up, why);
    if (path.dirname(up) === up) break;
  }
  for (const file of files) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const why = notAFolder(path.join(root, folder));
      if (why) blocked.set(folder, why);
    }
    if (lstatOrNone(path.join(root, file))?.isDirectory()) blocked.set(file, 'is a folder, where a file goes');
  }
  return [...blocked].map(([p, why]) => ({ path: p, why })).sort((a, b) => compareText(a.path, b.path));
}

/**
 * Writes files under dir, making folders as needed, each created exclusively (O_EXCL): never
 * through a link, never over a file that appeared since it was looked for. With `overwrite`, an
 * existing file (or link) is removed first. All or nothing for new files: when a write fails, the
 * files and folders this call made are removed again before the error is thrown (files it
 * overwrote stay overwritten). Check blockedPaths first.
 */
export function writeNewFiles(dir: string, files: ReadonlyArray<{ path: string; content: string }>, options: { overwrite: boolean }): void {
  const created: string[] = [];
  const folders: string[] = [];
  try {
    for (const file of files) {
      const full = path.join(dir, file.path);
      const made = mkdirSync(path.dirname(full), { recursive: true });
      if (made !== undefined) {
        // mkdir names the first folder it made; the ones below it on the way were made too.
        for (let f = path.dirname(full); f.length >= made.length && path.dirname(f) !== f; f = path.dirname(f)) folders.push(f);
      }
      const existed = lstatSync(full, { throwIfNoEntry: false }) !== undefined;
      if (options.overwrite) rmSync(full, { force: true });
      writeFileSync(full, file.content, { flag: 'wx' });
      if (!existed) created.push(full);
    }
  } catch (error) {
    for (const full of created.reverse()) rmSync(full, { force: true });
    for (const folder of [...new Set(folders)].sort((a, b) => b.length - a.length)) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty (not only ours) or gone: left
      }
    }
    throw error;
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
