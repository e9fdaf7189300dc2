/**
 * The folders a command writes may not overlap the user's own: out/ is never the definitions
 * folder, inside it or around it, and import and init never write into a folder totem-mon
 * generated. How the paths are spelled does not decide it, the disk does: a path is resolved the
 * way the writers resolve it (`..` and `.` by their text, as path.resolve does), then through every
 * link on its way (also one to a place that does not exist yet), and the folders are compared by
 * what they are on the disk (`fileIdentity`: device and inode), so another case on a
 * case-insensitive disk (macOS, Windows), a link or a bind mount is the same folder. Usage errors
 * (exit 2): the command line or the config is wrong, not the definitions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../diagnostic.js';
import { MANIFEST } from './manifest.js';
import { fileIdentity } from './same-entry.js';
import { templatesDir } from './templates.js';

/** What a path reaches on the disk (equal for two spellings of one folder), or undefined when nothing is there. */
export type FolderIdentity = (absolute: string) => string | undefined;

/** More links than this on one path: a loop (Linux's own limit is 40). */
const MAX_LINKS = 40;

/**
 * The path with every link on its way replaced by what it points to, as far as the path exists
 * (a link to nothing is followed to where it points: a folder created through it lands there); the
 * parts that do not exist yet are appended as written. The result holds no link.
 */
export function throughLinks(p: string): string {
  const absolute = path.resolve(p);
  const { root } = path.parse(absolute);
  const parts = absolute.slice(root.length).split(path.sep).filter((s) => s !== '');
  let current = root;
  let links = 0;
  while (parts.length > 0) {
    const part = parts.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      current = path.dirname(current); // `current` holds no link: its parent is the real one
      continue;
    }
    const next = path.join(current, part);
    let stats: fs.Stats | undefined;
    try {
      stats = fs.lstatSync(next, { throwIfNoEntry: false });
    } catch {
      stats = undefined; // a file on the way, no permission: the rest as written
    }
    if (stats?.isSymbolicLink() && links++ < MAX_LINKS) {
      let target: string;
      try {
        target = fs.readlinkSync(next);
      } catch {
        current = next;
        continue;
      }
      const targetRoot = path.parse(target).root;
      if (path.isAbsolute(target)) current = targetRoot;
      parts.unshift(...target.slice(path.isAbsolute(target) ? targetRoot.length : 0).split(/[\\/]/).filter((s) => s !== ''));
      continue;
    }
    current = next;
  }
  return current;
}

/** `child` is `parent` or below it, by the text of two resolved paths. */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The path and each folder above it, nearest first. */
function selfAndAncestors(p: string): string[] {
  const found = [p];
  for (let dir = path.dirname(p); dir !== found[found.length - 1]; dir = path.dirname(dir)) found.push(dir);
  return found;
}

/**
 * How the folder `a` lies to the folder `b` on this disk: the same folder, inside it, containing
 * it, or apart (undefined). Either may not exist yet (then it is judged by the folders it would be
 * made in). `identify` names what a path reaches (fileIdentity: the disk's own lookup).
 */
export function folderOverlap(a: string, b: string, identify: FolderIdentity = fileIdentity): 'same' | 'inside' | 'contains' | undefined {
  const first = throughLinks(a);
  const second = throughLinks(b);
  const [firstUp, secondUp] = [selfAndAncestors(first), selfAndAncestors(second)];
  const firstId = identify(first);
  const secondId = identify(second);
  if (first === second || (firstId !== undefined && firstId === secondId)) return 'same';
  if (isInside(first, second) || (secondId !== undefined && firstUp.slice(1).some((dir) => identify(dir) === secondId))) return 'inside';
  if (isInside(second, first) || (firstId !== undefined && secondUp.slice(1).some((dir) => identify(dir) === firstId))) return 'contains';
  return undefined;
}

/** A folder setting as a message names it: its path, how it reads (`--out x`, `out: 'x' (from …)`), where it came from. */
export interface FolderSetting {
  path: string;
  shown: string;
  origin?: 'flag' | 'config' | 'default';
  /** The config file a config value came from (for the hint). */
  config?: string;
  /** The command judging it, when not generate: validate has no --out (its out/ is the config's, or generate's default). */
  command?: 'validate';
}

/** What to do about an output folder that is refused, by where the setting came from. */
function outHint(out: FolderSetting, apart = 'a folder of its own, outside the definitions folder'): string {
  if (out.command === 'validate' && out.origin !== 'config') {
    return `generate writes ${out.path}/ when no config names another: set out in totem-mon.config.ts to ${apart} (generate and validate both use it)`;
  }
  if (out.origin === 'config') return `set out in ${out.config ?? 'totem-mon.config.ts'} to ${apart} (such as 'out', the default), or pass --out DIR`;
  if (out.origin === 'default') return `pass --out DIR, or set out in totem-mon.config.ts, to ${apart}`;
  return `give --out ${apart}, such as --out out (the default), or set out in totem-mon.config.ts`;
}

/** How a path reads in a message: relative to the current folder, with `/`. */
function named(p: string): string {
  return (path.relative(process.cwd(), path.resolve(p)) || '.').split(path.sep).join('/');
}

/**
 * Refuses an output folder where generated files would mix with the user's own: empty (the current
 * folder), the definitions folder, a folder inside it or one containing it, the same for the
 * notification templates folder the definitions read (`templates/` beside them, src/io/templates.ts,
 * whether it exists yet or not: it is where they are read from), a folder holding the config file
 * (`configFile`, as a message names it), a repository root. Every command that writes out/ or
 * compares it (generate, generate --check) asks first. The files the definitions import from
 * elsewhere are known once they loaded: assertOutHoldsNoSources.
 */
export function assertOutFolder(settings: { out: FolderSetting; definitions: FolderSetting; configFile?: string | undefined }, identify: FolderIdentity = fileIdentity): void {
  const { out, definitions } = settings;
  const hint = outHint(out);
  if (out.path.trim() === '') throw new UsageError(`${out.shown.trim()} is empty: generated files would land in the current folder`, 2, hint);
  const overlap = folderOverlap(out.path, definitions.path, identify);
  if (overlap === 'same') throw new UsageError(`${out.shown} is the definitions folder (${definitions.shown})`, 2, hint);
  if (overlap === 'inside') throw new UsageError(`${out.shown} is inside the definitions folder (${definitions.shown}): generated files would mix with the definitions`, 2, hint);
  if (overlap === 'contains') throw new UsageError(`${out.shown} contains the definitions folder (${definitions.shown})`, 2, hint);
  const templates = templatesDir(definitions.path);
  const templatesHint = outHint(out, 'a folder of its own, outside the definitions folder and templates/');
  const templatesShown = `the notification templates folder (templates/ beside the definitions folder ${definitions.shown})`;
  const withTemplates = folderOverlap(out.path, templates, identify);
  if (withTemplates === 'same') throw new UsageError(`${out.shown} is ${templatesShown}: generated files would mix with the templates`, 2, templatesHint);
  if (withTemplates === 'inside') throw new UsageError(`${out.shown} is inside ${templatesShown}: generated files would mix with the templates`, 2, templatesHint);
  if (withTemplates === 'contains') throw new UsageError(`${out.shown} contains ${templatesShown}: generated files would mix with the templates`, 2, templatesHint);
  if (settings.configFile !== undefined) {
    const withConfig = folderOverlap(path.dirname(settings.configFile), out.path, identify);
    if (withConfig === 'same' || withConfig === 'inside') {
      throw new UsageError(`${out.shown} holds the config file ${settings.configFile}: generated files would mix with it`, 2, outHint(out, 'a folder of its own, beside the config file'));
    }
  }
  if (fs.existsSync(path.join(throughLinks(out.path), '.git'))) {
    throw new UsageError(`${out.shown} is the root of a repository (it holds .git)`, 2, hint);
  }
}

/**
 * What a load of the user's code took from the disk: the modules that ran (src/io/load.ts
 * `modules`), the other files it read and the folders it listed (src/io/loader/reads.ts), and who
 * did (`the definitions`, the default, or the config file as messages name it).
 */
export interface SourcesRead {
  modules?: readonly string[];
  read?: readonly string[];
  listed?: readonly string[];
  by?: string;
}

/**
 * Refuses an output folder that holds (in it or below) a file the definitions or the config loaded:
 * the modules they import from outside their folder (`../shared/base.ts`), the files they read
 * (`fs`, `require`, a JSON import) and the folders they list, known once they have loaded
 * (`sources`; a plain list is modules). generate writes and cleans only inside out/: a file there
 * could be written over, or removed as stale, by the run that read it. A path is judged as the disk
 * sees it, like folderOverlap: as the entry its folder's links lead to, and as what it reaches
 * through a link of its own; each folder is identified once.
 */
export function assertOutHoldsNoSources(out: FolderSetting, sources: readonly string[] | SourcesRead | readonly SourcesRead[], identify: FolderIdentity = fileIdentity): void {
  const outPath = throughLinks(out.path);
  const outId = identify(outPath);
  if (outId === undefined) return; // not there (yet): it holds nothing
  const all: readonly SourcesRead[] = isPathList(sources) ? [{ modules: sources }] : Array.isArray(sources) ? (sources as readonly SourcesRead[]) : [sources as SourcesRead];
  const entries: Array<{ file: string; how: 'load' | 'read' | 'list'; by: string }> = [];
  for (const { modules = [], read = [], listed = [], by = 'the definitions' } of all) {
    for (const file of modules) entries.push({ file, how: 'load', by });
    for (const file of read) entries.push({ file, how: 'read', by });
    for (const file of listed) entries.push({ file, how: 'list', by });
  }
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const ids = new Map<string, string | undefined>();
  const idOf = (p: string) => {
    if (!ids.has(p)) ids.set(p, identify(p));
    return ids.get(p);
  };
  // Folders resolved through their links once each: a project's files share a few folders.
  const realFolders = new Map<string, string>();
  const realFolder = (dir: string) => {
    let real = realFolders.get(dir);
    if (real === undefined) realFolders.set(dir, (real = throughLinks(dir)));
    return real;
  };
  const held = (p: string) => isInside(p, outPath) || selfAndAncestors(p).some((folder) => idOf(folder) === outId);
  for (const { file, how, by } of entries) {
    const absolute = path.resolve(file);
    // The entry itself, its folder's links followed; and, when it is a link, what it reaches.
    const entry = path.join(realFolder(path.dirname(absolute)), path.basename(absolute));
    const isLink = (() => {
      try {
        return fs.lstatSync(entry, { throwIfNoEntry: false })?.isSymbolicLink() === true;
      } catch {
        return false;
      }
    })();
    const reached = isLink ? throughLinks(entry) : entry;
    if (!held(entry) && !(isLink && held(reached))) continue;
    const plural = by === 'the definitions';
    // A read may name a folder too (the cwd of a process they start, a folder they copy).
    const kind = how !== 'list' && isFolder(reached) ? 'a folder' : 'a file';
    const what = how === 'list' ? `a folder ${by} ${plural ? 'list' : 'lists'}` : `${kind} ${by} ${how === 'load' ? (plural ? 'load' : 'loads') : plural ? 'read' : 'reads'}`;
    const relation = reached === outPath || idOf(reached) === outId ? 'is' : 'holds';
    throw new UsageError(`${out.shown} ${relation} ${named(file)}, ${what}: generated files would mix with it`, 2, outHint(out, 'a folder of its own, apart from the definitions and the files they import or read'));
  }
}

function isPathList(sources: readonly string[] | SourcesRead | readonly SourcesRead[]): sources is readonly string[] {
  return Array.isArray(sources) && sources.every((s) => typeof s === 'string');
}

/** The folder totem-mon generated (it holds a manifest) that `dir` is or lies inside, if any. */
export function generatedFolderAround(dir: string, identify: FolderIdentity = fileIdentity): string | undefined {
  for (const folder of selfAndAncestors(throughLinks(dir))) {
    if (identify(folder) === undefined) continue; // not there (yet): holds nothing
    if (identify(path.join(folder, MANIFEST)) !== undefined) return folder;
  }
  return undefined;
}

/**
 * Refuses a folder to write the user's files into (import's definitions, init's scaffold) that is,
 * or lies inside, a folder totem-mon generated: generate owns what is there, and the user's
 * sources would mix with its output. `shown`: how the folder reads in the message (`--into x`).
 */
export function assertNotGenerated(dir: string, shown: string, hint: string, identify: FolderIdentity = fileIdentity): void {
  const generated = generatedFolderAround(dir, identify);
  if (generated === undefined) return;
  const where = folderOverlap(dir, generated, identify) === 'same' ? 'is' : `is inside ${named(generated)},`;
  throw new UsageError(`${shown} ${where} a folder totem-mon generates (it holds ${MANIFEST}): its files would mix with generated ones`, 2, hint);
}

/** A folder of a project that the user's files must keep apart from, and how a message calls it. */
export interface FolderToAvoid {
  folder: FolderSetting;
  /** `the output folder generate writes`, `the definitions folder of totem-mon.config.ts`. */
  what: string;
}

/**
 * Refuses a folder to write the user's files into (import's definitions, init's scaffold) that is,
 * lies inside or contains one of `folders` (a project's out/, definitions, templates), as the disk
 * sees them (folderOverlap). `shown`: how the folder reads in the message; `why`: what would go wrong.
 */
export function assertApartFrom(dir: string, shown: string, folders: readonly FolderToAvoid[], why: string, hint: string, identify: FolderIdentity = fileIdentity): void {
  for (const { folder, what } of folders) {
    const overlap = folderOverlap(dir, folder.path, identify);
    if (overlap === undefined) continue;
    const relation = overlap === 'same' ? 'is' : overlap === 'inside' ? 'is inside' : 'contains';
    throw new UsageError(`${shown} ${relation} ${what} (${folder.shown}): ${why}`, 2, hint);
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  } catch {
    return false;
  }
}
