import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import { LOCK, describeHolder, isStale, lockLeftovers, readLock } from './lock.js';
import type { ManifestState } from './manifest.js';
import { shownPath, type OutputRoot } from './safe-path.js';

/**
 * What interrupted runs leave in out/: staging folders (`.totem-mon-staging-*`, src/io/write.ts),
 * the lock's temporary files (`.totem-mon.lock.new-*`, `.stale-*`) and a lock whose holder is gone.
 * `generate` removes those it provably made and leaves anything else under these names in place;
 * `generate --check` only reports them (leftoverWarnings), changing nothing.
 */
export const STAGING_PREFIX = '.totem-mon-staging-';
/** Made first in each staging folder: what marks it as made by totem-mon. */
export const STAGING_MARKER = '.totem-mon-staging';
/** The entries a staging folder holds: the marker, staged files and manifests. */
const STAGED_ENTRY = /^(?:file|manifest)-\d+$/;

/** The staging folder an interrupted generate's intent record names. */
export function pendingStaging(previous: ManifestState): string | undefined {
  return previous.state === 'ok' ? previous.manifest.pending?.staging : undefined;
}

/**
 * The entries of a staging folder this tool provably made (so that they can be removed): a folder
 * (not a link) that the manifest's pending record names (`named`) or that holds our marker, and
 * that holds nothing but our marker and staged files; or an empty one (a run killed before its
 * marker). Undefined for anything else under the prefix: never removed.
 */
export function ownStagingFolder(full: string, name: string, named: string | undefined): string[] | undefined {
  if (!fs.lstatSync(full).isDirectory()) return undefined;
  const entries = fs.readdirSync(full, { withFileTypes: true });
  const ours = (name === named || entries.some((e) => e.name === STAGING_MARKER)) && entries.every((e) => e.isFile() && (e.name === STAGING_MARKER || STAGED_ENTRY.test(e.name)));
  return ours || entries.length === 0 ? entries.map((e) => e.name) : undefined;
}

const OURS_HINT = 'the next `generate` removes it (it is a leftover of its own); or delete it';
const FOREIGN_HINT = 'totem-mon did not make it, so no generate removes it: delete it if nobody needs it, or move it out of the output folder';

function leftover(root: OutputRoot, name: string, what: string, hint: string): Diagnostic {
  return { id: 'output/leftover', severity: 'warning', message: `${shownPath(root, name)} ${what}`, hint, file: name };
}

/**
 * The leftovers of interrupted runs in out/, as warnings naming each and what to do; nothing
 * removed. None while a generate holds the lock (its staging folder and lock files are in use).
 */
export function leftoverWarnings(root: OutputRoot, previous: ManifestState): Diagnostic[] {
  const found: Diagnostic[] = [];
  let lock: ReturnType<typeof readLock>;
  let names: string[];
  try {
    lock = readLock(root);
    names = fs.readdirSync(root.dir).sort();
  } catch {
    return []; // no output folder, or unreadable: nothing these warnings can judge
  }
  if (lock?.foreign !== undefined) {
    found.push(leftover(root, LOCK, `is ${lock.foreign} with the name of totem-mon's lock, which it did not make: generate cannot run until it is moved`, FOREIGN_HINT));
  } else if (lock) {
    if (!isStale(lock)) return [];
    const holder = lock.holder ? `its holder (${describeHolder(lock.holder)}) has ended` : 'it is unreadable and old';
    found.push(leftover(root, LOCK, `is the lock of a generate that was interrupted: ${holder}`, 'the next `generate` takes it over; or delete it'));
  }
  for (const { name, ours } of lockLeftovers(root)) {
    found.push(leftover(root, name, ours ? 'is a temporary file of a generate interrupted while taking the lock' : 'has a name totem-mon uses for its own temporary files, but it did not make it', ours ? OURS_HINT : FOREIGN_HINT));
  }
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    let ours: boolean;
    try {
      ours = ownStagingFolder(path.join(root.dir, name), name, pendingStaging(previous)) !== undefined;
    } catch {
      ours = false;
    }
    found.push(leftover(root, name, ours ? 'is the staging folder of a generate that was interrupted' : 'has a name totem-mon uses for its staging folders, but it did not make it', ours ? OURS_HINT : FOREIGN_HINT));
  }
  return found;
}
