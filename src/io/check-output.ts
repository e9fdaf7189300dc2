import path from 'node:path';
import type { OutputFile } from '../compile/output.js';
import { MANIFEST, manifestFile, normalizeEol, ownedHashes, readManifest } from './manifest.js';
import { OutputProblem, isErrno } from './output-problem.js';
import { inspect, outputRoot, readNoFollow, type PathOrigin } from './safe-path.js';
import { describeHolder, isStale, readLock } from './lock.js';
import { leftoverWarnings } from './leftovers.js';
import type { Diagnostic } from '../diagnostic.js';
import { strayFiles, type StrayFile } from './stray-files.js';
import { diskEntries, listedOtherwise, removalsApart, type EntryProbe } from './same-entry.js';

/** One file `generate` would change: its path in out/, what is on disk and what would be written (LF). */
export interface FileChange {
  path: string;
  /** `case`: the same content, but this disk lists the entry (or a folder on its way) under another spelling: generate renames it. */
  status: 'differs' | 'missing' | 'extra' | 'case';
  /** The path as this disk lists it, when only its spelling differs (a case-insensitive disk): generate renames it to `path`. */
  listedAs?: string;
  /** What is in out/ now (absent for a missing file). */
  committed?: string;
  /** What generate would write (absent for an extra file, which it would remove). */
  generated?: string;
}

export interface CheckResult {
  /** In output order: files that differ or are missing, then stale extras (sorted). */
  changes: FileChange[];
  /** Paths that are links, or not files/folders where they should be: `kind: path`, never read through. */
  unsafe: string[];
  /** Files totem-mon did not generate in a folder a tool loads whole (src/io/stray-files.ts): left in place. */
  stray: StrayFile[];
  /** Why the manifest cannot be read, when it is damaged. */
  damaged?: string;
  /** A generate holds the lock right now: what is compared may be half-written. */
  running?: string;
  /** What interrupted runs left in out/ (src/io/leftovers.ts): warnings, left in place. */
  leftovers: Diagnostic[];
}

/**
 * What `generate` would change, without writing: files that differ, are missing, are stale
 * extras, or that this disk lists under another case than generate names them (it renames them).
 * Contents compare with LF line endings (a CRLF checkout of out/ is up to date); links inside out/
 * are reported, never followed. `entryOf`: which directory entry a path reaches (as for
 * writeOutput; default: this disk's answer).
 */
export function checkOutput(outDir: string, files: readonly OutputFile[], entryOf?: EntryProbe): CheckResult {
  const root = outputRoot(outDir);
  const result: CheckResult = { changes: [], unsafe: [], stray: [], leftovers: [] };
  const lock = readLock(root);
  if (lock?.holder && !isStale(lock)) result.running = describeHolder(lock.holder);

  const read = (file: string, origin: PathOrigin = 'manifest'): string | undefined | null => {
    try {
      const found = inspect(root, file, { origin });
      return found.exists ? readNoFollow(found.full) : undefined;
    } catch (error) {
      if (isErrno(error)) {
        result.unsafe.push(`unreadable: ${path.join(root.shown, file)} (${error.code})`);
        return null;
      }
      if (!(error instanceof OutputProblem)) throw error;
      const kind = error.diagnostic.id.replace('output/', '');
      const where = error.diagnostic.file && error.diagnostic.file !== file ? error.diagnostic.file : file;
      result.unsafe.push(`${kind}: ${path.join(root.shown, where)}`);
      return null;
    }
  };

  // Found under another case (a case-insensitive disk): the content compares equal, but a
  // case-sensitive checkout of this tree has no such path; generate renames the entry (write.ts).
  const probe = entryOf ?? diskEntries(root.dir);
  const listedAs = listedOtherwise(files.map((f) => f.path), probe);
  for (const file of [...files, manifestFile(files)]) {
    const onDisk = read(file.path, 'definitions');
    if (onDisk === null) continue;
    const listed = listedAs.get(file.path);
    const spelling = listed !== undefined ? { listedAs: listed } : {};
    if (onDisk === undefined) result.changes.push({ path: file.path, status: 'missing', generated: file.content });
    else if (normalizeEol(onDisk) !== file.content) result.changes.push({ path: file.path, status: 'differs', committed: normalizeEol(onDisk), generated: file.content, ...spelling });
    else if (listed !== undefined) result.changes.push({ path: file.path, status: 'case', ...spelling });
  }
  let state: ReturnType<typeof readManifest>;
  try {
    state = readManifest(root);
  } catch (error) {
    if (!isErrno(error)) throw error;
    state = { state: 'damaged', reason: `cannot be read (${error.code})`, text: '', listed: [] };
  }
  if (state.state === 'damaged') result.damaged = state.reason;
  const previous = state.state === 'ok' ? [...ownedHashes(state.manifest).keys()] : state.state === 'damaged' ? state.listed : [];
  const current = new Set(files.map((f) => f.path));
  // generate never removes an old name that is, on this disk, a file it keeps (src/io/same-entry.ts): not an extra.
  const { remove } = removalsApart(previous.filter((old) => !current.has(old) && old !== MANIFEST).sort(), [...current], probe);
  for (const old of remove) {
    let found: ReturnType<typeof inspect>;
    try {
      found = inspect(root, old);
    } catch {
      continue; // a link or an odd path the manifest names: not something --check reads
    }
    if (!found.exists) continue;
    const committed = read(old);
    result.changes.push({ path: old, status: 'extra', ...(typeof committed === 'string' ? { committed: normalizeEol(committed) } : {}) });
  }
  result.stray = strayFiles(root, current, new Set(previous));
  result.leftovers = leftoverWarnings(root, state);
  result.unsafe = [...new Set(result.unsafe)];
  return result;
}

export function checkIsClean(result: CheckResult): boolean {
  return result.changes.length + result.unsafe.length + result.stray.length === 0 && result.damaged === undefined;
}
