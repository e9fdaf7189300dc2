import fs from 'node:fs';
import path from 'node:path';
import { OutputProblem, outputProblem, writeFailed } from './output-problem.js';

/**
 * Paths inside the output folder, checked one component at a time with lstat: a symbolic link
 * anywhere below the output folder is refused, never followed, so no read, write or delete can
 * land outside it. (The output folder itself may be a link: the user chose it.)
 *
 * Node has no openat/renameat, so a link swapped in by a concurrent writer between this check and
 * the call that follows is not caught; every write re-checks its folder right before it lands,
 * which leaves that window as small as the platform allows.
 */

export interface OutputRoot {
  /** Absolute path the file-system calls use. */
  dir: string;
  /** The folder as the user named it, for messages. */
  shown: string;
}

export function outputRoot(outDir: string): OutputRoot {
  return { dir: path.resolve(outDir), shown: outDir };
}

export function shownPath(root: OutputRoot, relative: string): string {
  return path.join(root.shown, ...relative.split('/'));
}

/**
 * Where an output path came from, for the hint when it is refused: a generated file's path (made
 * from names in the definitions) or one the manifest lists.
 */
export type PathOrigin = 'definitions' | 'manifest';

const OUTSIDE_HINT: Record<PathOrigin, string> = {
  definitions:
    'the path is made from names in the definitions (the project name, a dashboard folder or uid, a rule group, an alert): ' +
    'rename the definition so that it is one plain name, without "/", "\\" or ".."',
  manifest: 'the manifest lists only plain relative paths: if it was edited by hand, restore it (or run `totem-mon generate --repair`)',
};

/** The components of a relative output path; refuses anything that would leave the folder. */
export function components(root: OutputRoot, relative: string, origin: PathOrigin = 'manifest'): string[] {
  const parts = relative.split('/');
  if (
    relative === '' ||
    relative.includes('\0') ||
    relative.includes('\\') ||
    path.posix.isAbsolute(relative) ||
    parts.some((p) => p === '' || p === '.' || p === '..')
  ) {
    throw outputProblem(
      'output/outside',
      relative,
      `${JSON.stringify(relative)} is not a path inside ${root.shown}; totem-mon refuses to touch it`,
      OUTSIDE_HINT[origin],
    );
  }
  return parts;
}

function lstatOrUndefined(full: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(full);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function symlinkProblem(root: OutputRoot, relative: string, shown: string): OutputProblem {
  return outputProblem(
    'output/symlink',
    relative,
    `${shown} is a symbolic link; totem-mon never writes, reads or deletes through a link inside the output folder`,
    'replace the link by a real folder or file (or remove it); totem-mon then writes there',
  );
}

function notFolderProblem(relative: string, shown: string): OutputProblem {
  return outputProblem(
    'output/not-a-folder',
    relative,
    `${shown} is not a folder, but generated files go inside it`,
    'move that file away (or choose another --out)',
  );
}

export interface Inspected {
  full: string;
  shown: string;
  /** A regular file is there (absent otherwise; a folder or a link there is a problem, thrown). */
  exists: boolean;
}

/**
 * Checks every component of `relative` below the root: folders must be real folders, the last
 * component a regular file or absent. With `create`, missing folders are made (and checked again).
 */
export function inspect(root: OutputRoot, relative: string, options: { create?: boolean; origin?: PathOrigin } = {}): Inspected {
  const parts = components(root, relative, options.origin);
  let full = root.dir;
  for (let i = 0; i < parts.length; i++) {
    full = path.join(full, parts[i]!);
    const here = parts.slice(0, i + 1).join('/');
    const shown = shownPath(root, here);
    const last = i === parts.length - 1;
    let stats: fs.Stats | undefined;
    try {
      stats = lstatOrUndefined(full);
      if (stats === undefined && !last && options.create) {
        fs.mkdirSync(full);
        stats = fs.lstatSync(full);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw notFolderProblem(here, shownPath(root, parts.slice(0, i).join('/')));
      throw writeFailed(error, last ? 'inspect' : 'create the folder', relative, shown);
    }
    if (stats === undefined) {
      if (last) return { full, shown, exists: false };
      // A missing folder: nothing below it exists either.
      return { full: path.join(root.dir, ...parts), shown: shownPath(root, relative), exists: false };
    }
    if (stats.isSymbolicLink()) throw symlinkProblem(root, here, shown);
    if (!last && !stats.isDirectory()) throw notFolderProblem(here, shown);
    if (last && !stats.isFile()) {
      throw outputProblem('output/not-a-file', relative, `${shown} is not a regular file, but totem-mon would write a file there`, 'move it away (or choose another --out)');
    }
  }
  return { full, shown: shownPath(root, relative), exists: true };
}

/** Reads a file without following a link in its last component (the folders were inspected). */
export function readNoFollow(full: string): string {
  const fd = fs.openSync(full, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a new file that must not exist yet (O_EXCL): never through a planted file or link. */
export function writeExclusive(full: string, content: string): void {
  const fd = fs.openSync(full, 'wx', 0o644);
  try {
    fs.writeFileSync(fd, content);
  } finally {
    fs.closeSync(fd);
  }
}
