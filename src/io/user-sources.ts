/**
 * The user's own sources on disk, as init sees them before it writes a scaffold: a definitions
 * folder (one whose entry file imports totem-mon), definition files (modules that import
 * totem-mon), a totem-mon project (a config file of any name, or a definitions folder beside it).
 * Read, never run: init runs no code of the user's for this (an enclosing config is run for the
 * folders it names: src/app/config.ts configuredFolders).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../diagnostic.js';
import { CONFIG_NAMES } from './config.js';
import { throughLinks } from './out-folder.js';

/** The entry file names of a definitions folder (src/io/load.ts). */
const ENTRY_NAMES = ['index.ts', 'index.mts', 'index.js', 'index.mjs'];

/** The extensions of the modules the loader runs as the user's (src/io/loader/vm-modules.ts). */
const MODULE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;

/** How much of a file is read to see whether it imports totem-mon (imports come first). */
const HEAD_BYTES = 64 * 1024;

/** An import of totem-mon (or one of its subpaths): static, dynamic, side-effect or require. */
const IMPORTS_TOTEM_MON = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])totem-mon(?:\/[^'"]*)?\1/;

/** The file is a regular file (through links) whose beginning imports totem-mon. */
export function importsTotemMon(file: string): boolean {
  let fd: number | undefined;
  try {
    if (!fs.statSync(file).isFile()) return false;
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = fs.readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return IMPORTS_TOTEM_MON.test(buffer.subarray(0, read).toString('utf8'));
  } catch {
    return false; // not there, not readable: not a source init could mix with
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The entry file of a definitions folder `folder` holds (one that imports totem-mon), if any. */
function definitionsEntry(folder: string): string | undefined {
  return ENTRY_NAMES.map((name) => path.join(folder, name)).find(importsTotemMon);
}

function named(p: string): string {
  return (path.relative(process.cwd(), p) || '.').split(path.sep).join('/');
}

/**
 * Refuses a folder for init's scaffold that holds a totem-mon project already (a config file of any
 * name, or `definitions/` with its entry), is or lies inside a definitions folder (through links
 * too: the folders are the disk's), or holds definition files of its own. With or without --force:
 * the scaffold would overwrite or mix with the user's sources.
 */
export function assertNoUserSources(dir: string, shown: string, hint: string): void {
  const real = throughLinks(dir);
  const config = CONFIG_NAMES.find((name) => {
    try {
      return fs.statSync(path.join(real, name)).isFile();
    } catch {
      return false;
    }
  });
  if (config !== undefined) throw new UsageError(`${shown} is a totem-mon project already (it holds ${config}): the scaffold would overwrite or mix with its sources`, 2, hint);
  let folder = real;
  for (;;) {
    const entry = definitionsEntry(folder);
    if (entry !== undefined) {
      const where = folder === real ? 'is a definitions folder' : 'is inside a definitions folder';
      throw new UsageError(`${shown} ${where} (${named(entry)} imports totem-mon): the scaffold would mix with the definitions`, 2, hint);
    }
    const up = path.dirname(folder);
    if (up === folder) break;
    folder = up;
  }
  let names: string[] = [];
  try {
    names = fs.readdirSync(real).sort();
  } catch {
    names = []; // not there yet: holds nothing
  }
  const source = names.filter((name) => MODULE.test(name)).map((name) => path.join(real, name)).find(importsTotemMon);
  if (source !== undefined) throw new UsageError(`${shown} holds definition files (${named(source)} imports totem-mon): the scaffold would mix with them`, 2, hint);
  const definitions = definitionsEntry(path.join(real, 'definitions'));
  if (definitions !== undefined) throw new UsageError(`${shown} is a totem-mon project already (${named(definitions)} imports totem-mon): the scaffold would overwrite or mix with its sources`, 2, hint);
}
