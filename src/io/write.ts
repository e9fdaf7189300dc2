/**
 * Writing out/: only files totem-mon owns are ever changed, never through a link, and a run killed
 * at any moment is finished by the next one.
 *
 * How a generate writes (under the lock, see lock.ts):
 *   1. plan: every path is inspected component by component (safe-path.ts); a file is ours when the
 *      manifest lists it and its content still has the recorded hash, or when it is byte-identical to
 *      what would be written (adopted). Anything else in the way is a finding, and nothing is written.
 *   2. intent: a staging folder is made (mkdtemp, inside out/) and the manifest is replaced,
 *      atomically, by one that adds a `pending` record: each path about to change with its new hash
 *      (or null: to be removed).
 *   3. stage: every new content is written into the staging folder (exclusive create, O_EXCL).
 *   4. land: each staged file is renamed over its target (atomic per file), then old files removed:
 *      never one that is, on this disk, the same file as one kept (src/io/same-entry.ts). A file or
 *      folder renamed only in case whose entry the disk lists under its old case is first moved into
 *      the staging folder, then lands under its new name (landCase).
 *   5. commit: the final manifest replaces the intent record; the staging folder is removed.
 * Killed before 2 completes: out/ is entirely old. Between 2 and 5: the next generate reads the
 * pending record, accepts old and new hashes as ours, removes the stale staging folder and
 * finishes — no person needed. A failure with an errno (disk full, read-only folder) is a finding;
 * before anything landed the old manifest is put back, so out/ stays entirely old.
 * Guarantees hold against a process crash; against power loss they depend on the file system
 * (totem-mon does not fsync).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OutputFile } from '../compile/output.js';
import { haveClashingPaths } from '../compile/clashes.js';
import type { Diagnostic } from '../diagnostic.js';
import { LOCK, acquireLock, describeHolder } from './lock.js';
import {
  MANIFEST,
  contentHash,
  manifestFor,
  manifestText,
  normalizeEol,
  ownedHashes,
  readManifest,
  safeOutputPath,
  type Manifest,
  type ManifestState,
} from './manifest.js';
import { OutputProblem, isErrno, outputProblem, writeFailed } from './output-problem.js';
import { strayFiles } from './stray-files.js';
import { STAGING_MARKER, STAGING_PREFIX, ownStagingFolder, pendingStaging } from './leftovers.js';
import { inspect, outputRoot, readNoFollow, writeExclusive, type OutputRoot, type PathOrigin } from './safe-path.js';
import { aliasAmong, caseRenameCandidates, caseRenames, diskEntries, listedOtherwise, removalsApart, type CaseRename, type EntryProbe } from './same-entry.js';

export { checkIsClean, checkOutput, type CheckResult } from './check-output.js';

export interface WriteOptions {
  /** Rebuild a damaged manifest and take back every file it lists, even when changed since generated. */
  repair?: boolean;
  /** `generate --repair` with the flags in use, for hints (default `totem-mon generate --repair`). */
  repairCommand?: string;
  /** Which directory entry a path of out/ reaches (src/io/same-entry.ts); default: this disk's answer. Tests simulate a case-insensitive disk with it. */
  entryOf?: EntryProbe;
}

export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Findings: files in the way (nothing written then), a lock, a failed write. */
  conflicts: Diagnostic[];
  /** True when a file-system call failed mid-way (the next generate finishes the job). */
  failed: boolean;
  /** Things worth a line: a stale lock taken over, an interrupted run finished. */
  notes: string[];
  /** Files totem-mon did not generate in a folder a tool loads whole (output/stray): left in place. */
  warnings: Diagnostic[];
}

const DEFAULT_REPAIR = 'totem-mon generate --repair';

export { STAGING_PREFIX } from './leftovers.js';

interface Plan {
  writes: OutputFile[];
  unchanged: string[];
  removals: string[];
  /** What is ours on disk right now (path → hash), recorded in the intent. */
  ours: Record<string, string>;
  conflicts: Diagnostic[];
}

function damagedProblem(root: OutputRoot, state: Extract<ManifestState, { state: 'damaged' }>, command: string): Diagnostic {
  return outputProblem(
    'output/manifest-damaged',
    MANIFEST,
    `${path.join(root.shown, MANIFEST)} ${state.reason}; totem-mon cannot tell which files it generated`,
    (state.inTheWay ? `move it away (totem-mon never writes through a link nor over a folder), then run \`${command}\`` : `run \`${command}\``) +
      ': it rebuilds the manifest, takes back the files the damaged one lists ' +
      '(both sides of a conflict) and adopts files identical to the output; other files stay untouched',
  ).diagnostic;
}

function problemOf(error: unknown, file: string, action: string, shown: string): Diagnostic {
  return (error instanceof OutputProblem ? error : writeFailed(error, action, file, shown)).diagnostic;
}

/** Step 1: what to write, keep and remove, and every file in the way. */
function plan(root: OutputRoot, files: readonly OutputFile[], hashOf: (file: OutputFile) => string, state: ManifestState, repair: boolean, command: string, entryOf: EntryProbe): Plan {
  const owned = state.state === 'ok' ? ownedHashes(state.manifest) : new Map<string, Set<string>>();
  const takeBack = new Set(repair ? (state.state === 'damaged' ? state.listed : [...owned.keys()]) : []);
  const result: Plan = { writes: [], unchanged: [], removals: [], ours: {}, conflicts: [] };

  const examine = (file: string, wanted: string | undefined, origin: PathOrigin): void => {
    try {
      const found = inspect(root, file, { origin });
      if (!found.exists) return;
      const hash = contentHash(readNoFollow(found.full));
      if (hash === wanted) {
        result.ours[file] = hash; // ours already, or adopted: identical to what we write
        return;
      }
      if (takeBack.has(file) || owned.get(file)?.has(hash)) {
        result.ours[file] = hash;
        return;
      }
      // Renamed only in case (`Shop.json` → `shop.json`): on a case-insensitive disk the new path
      // reaches the file the manifest lists under its old name, ours as that one is.
      const alias = wanted !== undefined && !owned.has(file) ? aliasAmong(file, [...owned.keys(), ...takeBack], entryOf) : undefined;
      if (alias !== undefined && (takeBack.has(alias) || owned.get(alias)?.has(hash))) {
        result.ours[file] = hash;
        return;
      }
      result.conflicts.push(
        owned.has(file)
          ? outputProblem(
              'output/changed',
              file,
              `${found.shown} changed since totem-mon generated it; ${wanted === undefined ? 'removing' : 'overwriting'} it would lose that change`,
              'generated files are not edited by hand: restore it (`git checkout -- <file>`) or delete it, and change the definitions instead; ' +
                `\`${command}\` overwrites it`,
            ).diagnostic
          : outputProblem(
              'output/not-owned',
              file,
              `${found.shown} exists and was not generated by totem-mon; it would be overwritten`,
              'move or delete it (totem-mon never overwrites files it did not generate), or choose another --out',
            ).diagnostic,
      );
    } catch (error) {
      result.conflicts.push(problemOf(error, file, 'read', path.join(root.shown, file)));
    }
  };

  const current = new Set(files.map((f) => f.path));
  for (const file of files) {
    const wanted = hashOf(file);
    examine(file.path, wanted, 'definitions');
    if (result.ours[file.path] === wanted) result.unchanged.push(file.path);
    else result.writes.push(file);
  }
  for (const old of [...new Set([...owned.keys(), ...takeBack])].sort()) {
    if (current.has(old) || old === MANIFEST) continue;
    examine(old, undefined, 'manifest');
    if (result.ours[old] !== undefined) result.removals.push(old);
  }
  return result;
}

/** Runs a file-system step; an errno error becomes an `output/write-failed` finding about `file`. */
function attempt<T>(step: () => T, action: string, file: string, shown: string): T {
  try {
    return step();
  } catch (error) {
    throw writeFailed(error, action, file, shown);
  }
}

/**
 * Removes the staging folders left by runs that were killed (src/io/leftovers.ts judges which are
 * this tool's); anything else under that prefix is never removed: returned, to be reported.
 */
function removeStaleStaging(root: OutputRoot, previous: ManifestState): string[] {
  const leftInPlace: string[] = [];
  for (const name of fs.readdirSync(root.dir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const full = path.join(root.dir, name);
    try {
      const entries = ownStagingFolder(full, name, pendingStaging(previous));
      if (entries === undefined) {
        leftInPlace.push(name);
        continue;
      }
      for (const entry of entries) fs.unlinkSync(path.join(full, entry));
      fs.rmdirSync(full);
    } catch (error) {
      throw writeFailed(error, 'remove the leftover staging folder', name, path.join(root.shown, name));
    }
  }
  return leftInPlace;
}

/** A note for each entry under a name of ours that this tool did not provably make. */
function leftInPlaceNote(root: OutputRoot, name: string): string {
  return `${path.join(root.shown, name)} has a name totem-mon uses for its own temporary files, but it did not make it: left in place (delete it if nobody needs it)`;
}

/** Removes folders left empty by a removal, up to (not including) the output folder. */
function pruneEmptyParents(root: OutputRoot, file: string): void {
  const parts = file.split('/').slice(0, -1);
  while (parts.length > 0) {
    const dir = path.join(root.dir, ...parts);
    const stats = fs.lstatSync(dir, { throwIfNoEntry: false });
    if (!stats?.isDirectory() || fs.readdirSync(dir).length > 0) return;
    fs.rmdirSync(dir);
    parts.pop();
  }
}

/** The output folder, made if missing; refused when it (or a parent) is not a folder. */
function prepareRoot(root: OutputRoot): void {
  let missing = root.dir;
  while (!fs.existsSync(missing) && path.dirname(missing) !== missing) missing = path.dirname(missing);
  const stats = fs.statSync(missing);
  if (!stats.isDirectory()) {
    const shown = missing === root.dir ? root.shown : missing;
    throw outputProblem('output/not-a-folder', '.', `${shown} is not a folder, but --out must name one`, 'choose another --out (a folder, or a path where one can be made)');
  }
  try {
    fs.mkdirSync(root.dir, { recursive: true });
  } catch (error) {
    throw writeFailed(error, 'create the output folder', '.', root.shown);
  }
}

/**
 * Steps 2 to 5, in a staging folder inside out/ (so every rename stays on one file system);
 * `manifest`: the final manifest's text, as writeOutput made it to compare with the one on disk;
 * `stuck`: kept paths this disk lists under another case whatever the manifest says (listedOtherwise).
 */
function apply(root: OutputRoot, work: Plan, manifest: string, hashOf: (file: OutputFile) => string, previous: ManifestState, result: WriteResult, entries: () => EntryProbe, stuck: readonly string[]): void {
  const manifestPath = path.join(root.dir, MANIFEST);
  let staging: string;
  try {
    staging = fs.mkdtempSync(path.join(root.dir, STAGING_PREFIX));
    writeExclusive(path.join(staging, STAGING_MARKER), 'made by totem-mon generate: removed when it ends, or by the next generate\n');
  } catch (error) {
    throw writeFailed(error, 'create a staging folder in', '.', root.shown);
  }
  let landed = false;
  let step = { file: MANIFEST, action: 'write the manifest', shown: path.join(root.shown, MANIFEST) };
  let serial = 0;
  const replaceManifest = (text: string) => {
    const temp = path.join(staging, `manifest-${serial++}`);
    writeExclusive(temp, text);
    inspect(root, MANIFEST);
    fs.renameSync(temp, manifestPath);
  };
  try {
    const intent: Manifest = {
      generator: 'totem-mon',
      files: work.ours,
      pending: {
        staging: path.basename(staging),
        files: Object.fromEntries([
          ...work.writes.map((f) => [f.path, hashOf(f)] as const),
          ...work.removals.map((f) => [f, null] as const),
        ]),
      },
    };
    if (work.writes.length + work.removals.length > 0) replaceManifest(manifestText(intent));
    const staged = work.writes.map((file, i) => {
      step = { file: file.path, action: 'write', shown: path.join(root.shown, file.path) };
      const temp = path.join(staging, `file-${i}`);
      writeExclusive(temp, file.content);
      return { file, temp };
    });
    // Renamed only in case: the entries this disk lists under their old case (none in the usual run).
    const written = new Set(work.writes.map((f) => f.path));
    const candidates = [...new Set([...caseRenameCandidates(work.removals, [...written, ...work.unchanged]), ...stuck])];
    const renames = candidates.length > 0 ? caseRenames(candidates, entries()) : [];
    const aside = (rename: CaseRename): string => {
      step = { file: rename.to, action: 'rename (case)', shown: path.join(root.shown, rename.to) };
      const temp = path.join(staging, `file-${work.writes.length + serial++}`);
      fs.renameSync(caseEntry(root, rename.from, !written.has(rename.to) && !work.unchanged.includes(rename.to)), temp);
      landed = true;
      return temp;
    };
    const writtenRenames = new Map<string, CaseRename>();
    for (const rename of renames) {
      // A written file: its old entry goes aside right before the new content lands under the new name.
      if (written.has(rename.to)) writtenRenames.set(rename.to, rename);
      else fs.renameSync(aside(rename), path.join(root.dir, ...rename.to.split('/')));
    }
    for (const { file, temp } of staged) {
      step = { file: file.path, action: 'write', shown: path.join(root.shown, file.path) };
      const rename = writtenRenames.get(file.path);
      if (rename !== undefined) aside(rename);
      const target = inspect(root, file.path, { create: true, origin: 'definitions' }); // checked again right before it lands
      fs.renameSync(temp, target.full);
      landed = true;
      result.written.push(file.path);
    }
    // Never an old name that is, on this disk, a file just written or kept (a rename only in case).
    // (A fresh probe: the folders hold the files just written now.)
    const { remove, aliases } = removalsApart(work.removals, [...work.writes.map((f) => f.path), ...work.unchanged], entries());
    for (const [old, kept] of aliases) {
      result.notes.push(`${path.join(root.shown, old)} and ${path.join(root.shown, kept)} are one file on this disk (they differ only in case or in how accents are encoded): kept, as ${kept}`);
    }
    for (const file of remove) {
      step = { file, action: 'remove', shown: path.join(root.shown, file) };
      const target = inspect(root, file);
      if (target.exists) fs.unlinkSync(target.full);
      landed = true;
      pruneEmptyParents(root, file);
      result.removed.push(file);
    }
    step = { file: MANIFEST, action: 'write the manifest', shown: path.join(root.shown, MANIFEST) };
    replaceManifest(manifest);
  } catch (error) {
    if (!landed) restoreManifest(previous, () => replaceManifest(previous.state === 'absent' ? '' : previous.text), manifestPath);
    throw error instanceof OutputProblem ? error : writeFailed(error, step.action, step.file, step.shown);
  } finally {
    try {
      fs.rmSync(staging, { recursive: true, force: true });
    } catch {
      // left for the next generate, which removes staging folders first
    }
  }
}

/**
 * The full path of an entry of out/ about to be renamed only in case: a regular file (inspect's
 * checks), or a folder (none of it a link).
 */
function caseEntry(root: OutputRoot, relative: string, folder: boolean): string {
  if (!folder) return inspect(root, relative).full;
  let full = root.dir;
  for (const part of relative.split('/')) {
    full = path.join(full, part);
    const stats = fs.lstatSync(full);
    if (stats.isSymbolicLink() || !stats.isDirectory()) throw new Error(`${path.join(root.shown, relative)} is no longer a folder`);
  }
  return full;
}

/** Nothing landed: out/ goes back to entirely old (best effort; the intent record is also safe to leave). */
function restoreManifest(previous: ManifestState, replace: () => void, manifestPath: string): void {
  try {
    if (previous.state === 'absent') {
      if (fs.lstatSync(manifestPath, { throwIfNoEntry: false })?.isFile()) fs.unlinkSync(manifestPath);
    } else if (previous.text !== '') replace();
  } catch {
    // the intent record stays: the next generate finishes from it
  }
}

/** The files in folders tools load whole that are not ours (src/io/stray-files.ts), as warnings. */
function strayWarnings(root: OutputRoot, files: readonly OutputFile[], previous: ManifestState): Diagnostic[] {
  const listed = new Set(previous.state === 'ok' ? ownedHashes(previous.manifest).keys() : previous.state === 'damaged' ? previous.listed : []);
  return strayFiles(root, new Set(files.map((f) => f.path)), listed).map((stray) => ({
    id: 'output/stray',
    severity: 'warning' as const,
    message:
      stray.twinOf === undefined
        ? `${path.join(root.shown, stray.file)} was not generated by totem-mon, but ${stray.loader}: it is loaded with the generated files`
        : `${path.join(root.shown, stray.file)} was not generated by totem-mon, but differs only in case from ${path.join(root.shown, stray.twinOf)}, which it generates: on a case-insensitive disk (macOS, Windows) they are one file, so this tree cannot be checked out there`,
    hint:
      stray.twinOf === undefined
        ? 'move or delete it (totem-mon leaves files it did not generate in place), or generate it from a definition'
        : 'delete it if it is an old-case leftover of an earlier generate (totem-mon leaves files it did not generate in place), or move it out of the output folder',
    file: stray.file,
  }));
}

/**
 * Writes the generated files into outDir (see the top of this file). Returns the findings instead
 * of throwing for anything about the folder: files in the way, a lock, a failed file-system call.
 */
export function writeOutput(outDir: string, files: readonly OutputFile[], options: WriteOptions = {}): WriteResult {
  const root = outputRoot(outDir);
  const result: WriteResult = { written: [], unchanged: [], removed: [], conflicts: [], failed: false, notes: [], warnings: [] };
  try {
    prepareRoot(root);
    const lock = acquireLock(root, 'generate');
    if (lock.tookOver) {
      result.notes.push(`took over a stale lock (${lock.tookOver === 'unreadable' ? 'unreadable' : describeHolder(lock.tookOver)}: that process is gone)`);
    }
    try {
      const previous = attempt(() => readManifest(root), 'read', MANIFEST, path.join(root.shown, MANIFEST));
      if (previous.state === 'damaged' && !options.repair) {
        result.conflicts.push(damagedProblem(root, previous, options.repairCommand ?? DEFAULT_REPAIR));
        return result;
      }
      if (previous.state === 'ok' && previous.manifest.pending) {
        result.notes.push('finished a generate that was interrupted');
      }
      for (const name of [...lock.leftInPlace, ...removeStaleStaging(root, previous)].sort()) result.notes.push(leftInPlaceNote(root, name));
      // Each file's hash, made once: the plan, the intent record and the manifest all name it.
      const hashes = new Map(files.map((file) => [file, contentHash(file.content)]));
      const hashOf = (file: OutputFile): string => hashes.get(file) ?? contentHash(file.content);
      const entries = (): EntryProbe => options.entryOf ?? diskEntries(root.dir);
      const work = plan(root, files, hashOf, previous, Boolean(options.repair), options.repairCommand ?? DEFAULT_REPAIR, entries());
      if (work.conflicts.length > 0) {
        result.conflicts.push(...work.conflicts);
        return result;
      }
      result.unchanged.push(...work.unchanged);
      const finalText = manifestText(manifestFor(files, hashOf));
      // Entries an older totem-mon left under their old case on a case-insensitive disk while its
      // manifest already names the new one: renamed too (what `generate --check` reports as `case`).
      const stuck = [...listedOtherwise([...work.writes.map((f) => f.path), ...work.unchanged], entries()).keys()];
      if (work.writes.length + work.removals.length + stuck.length > 0 || previous.state !== 'ok' || normalizeEol(previous.text) !== finalText) {
        apply(root, work, finalText, hashOf, previous, result, entries, stuck);
      }
      result.warnings.push(...strayWarnings(root, files, previous));
    } finally {
      attempt(() => lock.release(), 'remove the lock', LOCK, path.join(root.shown, LOCK));
    }
  } catch (error) {
    // Any other file-system error is still a finding about out/ (a bug is anything without an errno).
    const problem = error instanceof OutputProblem ? error : writeFailed(error, 'write', '.', isErrno(error) && error.path ? error.path : root.shown);
    result.conflicts.push(problem.diagnostic);
    result.failed = problem.diagnostic.id === 'output/write-failed';
  }
  return result;
}

/**
 * The generated files in a fresh private temporary folder (mkdtemp, 0700; for `validate`, which
 * hands them to promtool and amtool) inside `parent`; every file created exclusively. The caller removes it.
 * Files no folder holds on every disk (paths one file on macOS and Windows) are the caller's to
 * report before (haveClashingPaths): here they are refused before anything is made.
 */
export function writeTemporaryTree(files: readonly OutputFile[], parent: string = os.tmpdir()): string {
  if (haveClashingPaths(files)) throw new Error('internal error: the files for the temporary tree clash (two are one file on macOS and Windows); validate should have reported it');
  const dir = fs.mkdtempSync(path.join(parent, TEMPORARY_TREE_PREFIX));
  try {
    for (const file of files) {
      const full = safeOutputPath(dir, file.path);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      writeExclusive(full, file.content);
    }
  } catch (error) {
    // Half written, it is nobody's to remove but ours (the caller never learns its name).
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return dir;
}

/** The start of the name of every folder writeTemporaryTree makes. */
export const TEMPORARY_TREE_PREFIX = 'totem-mon-validate-';

