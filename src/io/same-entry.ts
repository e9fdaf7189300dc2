/**
 * Two paths of out/ that are one file on this disk. On a case-insensitive disk (macOS's default,
 * Windows) `grafana/dashboards/Shop.json` and `grafana/dashboards/shop.json` name one directory
 * entry: after a definition is renamed only in case, the manifest lists the old name, the new one
 * is written (into that same entry), and removing the old name as no longer generated would remove
 * the file just written. So every removal of a file totem-mon owned (generate, and what
 * `generate --check` reports it would remove) first asks whether the path is, here, a file this run
 * keeps, and leaves it then; ownership is read through such a path the same way.
 *
 * The decision (removalsApart) is a pure function of a probe that names the directory entry a path
 * reaches (`EntryProbe`); diskEntries is the probe of the real disk. A hard link is not the same
 * entry: it is another name for the same content, and removing that name (unlink) leaves the file
 * kept under its own name intact, while keeping it would leave a stale file the manifest no longer
 * lists (a rule file Prometheus would still load). So hard links are removed like any old file.
 *
 * Such a disk also keeps an entry's name when a file is replaced through another case: renaming the
 * new `shop.json` onto `Shop.json` leaves the folder listing `Shop.json`. caseRenames says which
 * entries (folders first) are listed under another case than this run's paths; write.ts moves each
 * aside into its staging folder and lands it under the new name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileSystemKey } from '../model/output-paths.js';

/** The directory entry a path of out/ reaches on this disk (equal for two paths that are one entry), or undefined when nothing is there. */
export type EntryProbe = (file: string) => string | undefined;

export interface Removals {
  /** The old paths to remove. */
  remove: string[];
  /** Old paths that are, on this disk, a file this run keeps: old path → the kept path. Never removed. */
  aliases: Map<string, string>;
}

/**
 * Which of the old files (no longer generated) may be removed: none that reaches the same directory
 * entry as a file this run keeps (written or unchanged). `kept` is only probed when some old file exists.
 */
export function removalsApart(old: readonly string[], kept: readonly string[], entryOf: EntryProbe): Removals {
  const result: Removals = { remove: [], aliases: new Map() };
  let keptEntries: Map<string, string> | undefined;
  for (const file of old) {
    const entry = entryOf(file);
    if (entry !== undefined) {
      keptEntries ??= new Map(kept.flatMap((k) => {
        const e = entryOf(k);
        return e === undefined ? [] : [[e, k] as const];
      }));
      const same = keptEntries.get(entry);
      if (same !== undefined) {
        result.aliases.set(file, same);
        continue;
      }
    }
    result.remove.push(file);
  }
  return result;
}

/** The old path among `candidates` that reaches the same entry as `file` (a case-only rename's old name), if any. */
export function aliasAmong(file: string, candidates: Iterable<string>, entryOf: EntryProbe): string | undefined {
  const entry = entryOf(file);
  if (entry === undefined) return undefined;
  for (const candidate of candidates) if (candidate !== file && entryOf(candidate) === entry) return candidate;
  return undefined;
}

/**
 * The probe of the real disk under `dir`: the path as the folders list it, part by part. Where a
 * folder lists the part's own name, that is the entry (two hard links are two names, `Shop.json` and
 * `shop.json` on a case-sensitive disk two files); where it does not but the part was found, the disk
 * matched it without case or Unicode form, and the entry is the one listed under the same
 * fileSystemKey (with the same inode, should several be). Folder listings are read once per probe.
 */
export function diskEntries(dir: string): EntryProbe {
  // One listing per folder; a name is looked up (lstat) only when its folder does not list it as
  // spelled, so the usual probe reads listings alone.
  const listings = new Map<string, { names: string[]; set: Set<string> }>();
  const listing = (folder: string): { names: string[]; set: Set<string> } => {
    let listed = listings.get(folder);
    if (listed === undefined) {
      const names = fs.readdirSync(folder);
      listings.set(folder, (listed = { names, set: new Set(names) }));
    }
    return listed;
  };
  return (file) => {
    let folder = dir;
    let listed = '';
    for (const part of file.split('/')) {
      let name = part;
      try {
        const names = listing(folder);
        if (!names.set.has(part)) {
          const stats = fs.lstatSync(path.join(folder, part), { throwIfNoEntry: false });
          if (stats === undefined) return undefined;
          name = storedName(folder, part, names.names, stats);
        }
      } catch {
        return undefined; // not a folder on the way, unreadable: nothing this probe can name (inspect reports it)
      }
      listed = listed === '' ? name : `${listed}/${name}`;
      folder = path.join(folder, name);
    }
    return listed;
  };
}

/**
 * The paths of `files` that the disk (`entryOf`) lists under another spelling, the file itself or a
 * folder on its way (`alerts/api.yml` found as `Alerts/Api.yml`: a case-insensitive disk, where an
 * older totem-mon replaced the file through its new name and the entry kept the old one): path →
 * the path as listed. Paths with nothing there are left out.
 */
export function listedOtherwise(files: readonly string[], entryOf: EntryProbe): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    const listed = entryOf(file);
    if (listed !== undefined && listed !== file) found.set(file, listed);
  }
  return found;
}

/** The name a folder lists for a part the disk found under another spelling (`Shop.json` found as `shop.json`). */
function storedName(folder: string, part: string, names: readonly string[], stats: fs.Stats): string {
  const key = fileSystemKey(part);
  const candidates = names.filter((n) => fileSystemKey(n) === key);
  if (candidates.length <= 1) return candidates[0] ?? part;
  return (
    candidates.find((n) => {
      const other = fs.lstatSync(path.join(folder, n), { throwIfNoEntry: false });
      return other !== undefined && other.ino === stats.ino && other.dev === stats.dev;
    }) ?? part
  );
}

/** A directory entry to rename only in case (or Unicode form): `from` as the disk lists it, `to` as this run names it. */
export interface CaseRename {
  from: string;
  to: string;
}

/** 'a', 'a/b', 'a/b/c.yml': the folders on a path's way, then the path. */
function prefixes(file: string): string[] {
  const parts = file.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * The kept paths that may sit, on this disk, in an entry named as an old path was (a folder or file
 * renamed only in case: the old manifest lists `Alerts/Api.yml`, this run writes `alerts/api.yml`):
 * those that, or one of whose folders, equal an old path or folder without case but not exactly.
 * No disk access: the usual run (no such rename) probes nothing.
 */
export function caseRenameCandidates(old: Iterable<string>, kept: readonly string[]): string[] {
  const exact = new Set<string>();
  const keys = new Set<string>();
  for (const file of old) {
    for (const p of prefixes(file)) {
      exact.add(p);
      keys.add(fileSystemKey(p));
    }
  }
  if (keys.size === 0) return [];
  return kept.filter((file) => prefixes(file).some((p) => !exact.has(p) && keys.has(fileSystemKey(p))));
}

/**
 * The renames that leave every path of `files` listed by its folders as it is spelled, on a disk
 * that kept an entry's old case when the file was replaced through a new-case name: a folder first
 * (shallow before deep), then what is in it, each once. A rename's `from` is the entry's listed name
 * under its folder's new name (the folder is renamed before it). Paths with nothing there are skipped.
 */
export function caseRenames(files: readonly string[], entryOf: EntryProbe): CaseRename[] {
  const renames = new Map<string, CaseRename>();
  for (const file of files) {
    for (const wanted of prefixes(file)) {
      if (renames.has(wanted)) continue;
      const listed = entryOf(wanted);
      if (listed === undefined) break;
      const listedName = listed.slice(listed.lastIndexOf('/') + 1);
      const slash = wanted.lastIndexOf('/');
      const wantedName = wanted.slice(slash + 1);
      if (listedName !== wantedName) renames.set(wanted, { from: `${wanted.slice(0, slash + 1)}${listedName}`, to: wanted });
    }
  }
  return [...renames.values()].sort((a, b) => a.to.split('/').length - b.to.split('/').length || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

/**
 * What a path reaches on this disk, links followed: `device:inode`, equal for two spellings of one
 * file or folder (another case on a case-insensitive disk, a link to it, a bind mount), or undefined
 * when nothing is there (or it cannot be looked at).
 */
export function fileIdentity(file: string): string | undefined {
  try {
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    return stats === undefined ? undefined : `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined; // not a folder on the way, a link that loops, no permission: nothing known there
  }
}

/**
 * Two paths that are one directory entry (lstat: a link is an entry of its own, not what it points
 * to): on a case-insensitive disk `Alerts/Api.yml` and `alerts/api.yml`. Nothing there: not the same.
 */
export function sameEntry(a: string, b: string): boolean {
  const first = fs.lstatSync(a, { throwIfNoEntry: false });
  const second = fs.lstatSync(b, { throwIfNoEntry: false });
  return first !== undefined && second !== undefined && first.ino === second.ino && first.dev === second.dev;
}
