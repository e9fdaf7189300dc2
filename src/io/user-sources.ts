/**
 * The user's own sources on disk, as init sees them before it writes a scaffold: a definitions
 * folder (one whose entry file imports totem-mon), definition files (modules that import
 * totem-mon), a totem-mon project (a config file of any name, or a definitions folder beside it).
 * Read, never run: init runs no code of the user's for this (an enclosing config is run for the
 * folders it names: src/app/config.ts configuredFolders). A project is told by evidence: a config
 * file, or a package.json that depends on totem-mon, found up to the repository's root.
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

/** The folder holds a repository (`.git`, a folder or a worktree's file): where the searches up stop. */
export function isRepositoryRoot(folder: string): boolean {
  return fs.existsSync(path.join(folder, '.git'));
}

/**
 * `from` and the folders above it, nearest first, up to the repository's root (the nearest folder
 * holding .git, included), or the filesystem's root outside a repository: a project above the
 * repository is not this repository's (generate's config search stops there too, src/io/config.ts).
 */
export function upToRepositoryRoot(from: string): string[] {
  const folders: string[] = [];
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (isRepositoryRoot(dir) || path.dirname(dir) === dir) return folders;
  }
}

/** The config file in `folder`, the first of CONFIG_NAMES there (as findConfig picks it). */
export function configIn(folder: string): string | undefined {
  return CONFIG_NAMES.map((name) => path.join(folder, name)).find((file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** The package.json in `folder` when it depends on totem-mon (any kind of dependency), else undefined. */
export function packageDependingOnTotemMon(folder: string): string | undefined {
  const file = path.join(folder, 'package.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // none, unreadable, not JSON: no evidence
  }
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const fields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
  return fields.some((field) => {
    const deps = (manifest as Record<string, unknown>)[field];
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, 'totem-mon');
  })
    ? file
    : undefined;
}

/**
 * Evidence that `folder` lies in a totem-mon project: a config file (any name) or a package.json
 * depending on totem-mon, in it or a folder above, up to the repository's root. How a message
 * names it, or undefined (a stray folder: a leftover, an example).
 */
export function projectEvidence(folder: string): string | undefined {
  for (const dir of upToRepositoryRoot(folder)) {
    const config = configIn(dir);
    if (config !== undefined) return named(config);
    const manifest = packageDependingOnTotemMon(dir);
    if (manifest !== undefined) return `${named(manifest)} depends on totem-mon`;
  }
  return undefined;
}

/** A totem-mon project around a folder: its config file, or (without one) its package.json and its default definitions folder. */
export type EnclosingProject = { config: string } | { packageJson: string; definitions: string };

/**
 * The projects whose folders a folder for init (`dir`) must keep apart from: in every folder above
 * it, up to the repository's root (upToRepositoryRoot), along its path as written and as the disk
 * resolves it (a link into a project), nearest first: a config file, else a package.json that
 * depends on totem-mon beside a definitions folder with an entry (npm runs `totem-mon generate`
 * there: definitions/, templates/ and out/ beside it are that project's).
 */
export function enclosingProjects(dir: string): EnclosingProject[] {
  const absolute = path.resolve(dir);
  const real = throughLinks(absolute);
  const seen = new Set<string>();
  const projects: EnclosingProject[] = [];
  for (const start of [path.dirname(absolute), path.dirname(real)]) {
    for (const folder of upToRepositoryRoot(start)) {
      if (seen.has(folder)) continue;
      seen.add(folder);
      const config = configIn(folder);
      if (config !== undefined) {
        projects.push({ config });
        continue;
      }
      const manifest = packageDependingOnTotemMon(folder);
      const definitions = path.join(folder, 'definitions');
      if (manifest !== undefined && definitionsEntry(definitions) !== undefined) projects.push({ packageJson: manifest, definitions });
    }
  }
  return projects;
}

/**
 * Refuses a folder for init's scaffold that holds a totem-mon project already (a config file of any
 * name, or `definitions/` with its entry), is a definitions folder, lies inside one of a project
 * (evidence of it, projectEvidence: a stray entry file above, a leftover, is no project), through
 * links too (the folders are the disk's), or holds definition files of its own. With or without
 * --force: the scaffold would overwrite or mix with the user's sources.
 */
export function assertNoUserSources(dir: string, shown: string, hint: string): void {
  const real = throughLinks(dir);
  const config = configIn(real);
  if (config !== undefined) throw new UsageError(`${shown} is a totem-mon project already (it holds ${path.basename(config)}): the scaffold would overwrite or mix with its sources`, 2, hint);
  let folder = real;
  for (;;) {
    const entry = definitionsEntry(folder);
    if (entry !== undefined) {
      if (folder === real) throw new UsageError(`${shown} is a definitions folder (${named(entry)} imports totem-mon): the scaffold would mix with the definitions`, 2, hint);
      const evidence = projectEvidence(folder);
      if (evidence !== undefined) {
        throw new UsageError(`${shown} is inside a definitions folder (${named(entry)} imports totem-mon) of a totem-mon project (${evidence}): the scaffold would mix with the definitions`, 2, hint);
      }
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
