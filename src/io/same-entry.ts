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
  const listings = new Map<string, string[]>();
  const listing = (folder: string): string[] => {
    let names = listings.get(folder);
    if (names === undefined) {
      names = fs.readdirSync(folder);
      listings.set(folder, names);
    }
    return names;
  };
  return (file) => {
    let folder = dir;
    let listed = '';
    for (const part of file.split('/')) {
      let stats: fs.Stats | undefined;
      let names: string[];
      try {
        stats = fs.lstatSync(path.join(folder, part), { throwIfNoEntry: false });
        if (stats === undefined) return undefined;
        names = listing(folder);
      } catch {
        return undefined; // not a folder on the way, unreadable: nothing this probe can name (inspect reports it)
      }
      const name = names.includes(part) ? part : storedName(folder, part, names, stats);
      listed = listed === '' ? name : `${listed}/${name}`;
      folder = path.join(folder, name);
    }
    return listed;
  };
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
