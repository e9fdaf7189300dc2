import fs from 'node:fs';
import path from 'node:path';
import { CLASSIC_DASHBOARDS_DIR } from '../model/dashboard.js';
import { ALERTMANAGER_TEMPLATES_DIR, fileSystemKey } from '../model/output-paths.js';
import type { OutputRoot } from './safe-path.js';
import { sameEntry } from './same-entry.js';

/**
 * Folders of out/ that a tool loads whole, by a pattern rather than by a list of files: a file
 * there that totem-mon did not generate is loaded with the generated ones. Such files are left in
 * place (they are not ours), and reported.
 */
const LOADED_WHOLE: ReadonlyArray<{ dir: string; recursive: boolean; matches: RegExp; loader: string }> = [
  { dir: CLASSIC_DASHBOARDS_DIR, recursive: true, matches: /\.json$/i, loader: `Grafana loads every JSON file under ${CLASSIC_DASHBOARDS_DIR}/` },
  { dir: ALERTMANAGER_TEMPLATES_DIR, recursive: false, matches: /\.tmpl$/, loader: 'alertmanager.yml loads templates/*.tmpl' },
];

export interface StrayFile {
  /** Relative to out/. */
  file: string;
  /** Which tool loads it, and how; or, for a case twin, that it differs only in case from a generated path. */
  loader: string;
  /** A case twin: the generated path it differs from only in case (or accents' encoding). */
  twinOf?: string;
}

function walk(root: OutputRoot, dir: string, recursive: boolean, found: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root.dir, ...dir.split('/')), { withFileTypes: true });
  } catch {
    return; // unreadable: not something these reports can judge
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (recursive) walk(root, file, recursive, found);
    } else found.push(file); // files and links alike (a link is loaded through)
  }
}

/** Every component of `dir` below the root is a folder, not a link (lstat: nothing followed). */
function isRealFolder(root: OutputRoot, dir: string): boolean {
  let full = root.dir;
  for (const part of dir.split('/')) {
    full = path.join(full, part);
    if (!fs.lstatSync(full, { throwIfNoEntry: false })?.isDirectory()) return false;
  }
  return true;
}

/**
 * Files in the folders tools load whole that are neither generated now (`generated`) nor listed
 * by the manifest (`listed`: reported as extra, or removed, elsewhere). A folder that is a link is
 * left alone (reported as unsafe by the callers); nothing is ever followed or changed.
 */
export function strayFiles(root: OutputRoot, generated: ReadonlySet<string>, listed: ReadonlySet<string>): StrayFile[] {
  const stray: StrayFile[] = [];
  for (const folder of LOADED_WHOLE) {
    if (!isRealFolder(root, folder.dir)) continue;
    const files: string[] = [];
    walk(root, folder.dir, folder.recursive, files);
    for (const file of files) {
      if (!folder.matches.test(file) || generated.has(file) || listed.has(file)) continue;
      stray.push({ file, loader: folder.loader });
    }
  }
  const reported = new Set(stray.map((s) => s.file));
  const twins = caseTwins(root, generated, listed).filter((t) => !reported.has(t.file));
  return [...stray, ...twins.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))];
}

/**
 * Entries beside a generated path, file or folder, that differ from it only in case or in how
 * accents are encoded, and are another entry (a case-sensitive disk: `Alerts/Api.yml` left beside
 * `alerts/api.yml` by a checkout of a commit made on macOS or Windows, where they were one file).
 * Such a tree cannot be checked out on a case-insensitive disk, and generate never removes what it
 * does not own. Left out: the generated and listed paths (and folders holding listed files: those
 * are extras), and the same entry under another case (a case-insensitive disk: renamed by generate).
 * One listing per folder that holds generated paths.
 */
function caseTwins(root: OutputRoot, generated: ReadonlySet<string>, listed: ReadonlySet<string>): StrayFile[] {
  // folder (as generated paths spell it) → key of a child → the generated path of that child
  const wanted = new Map<string, Map<string, string>>();
  for (const file of generated) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const children = wanted.get(folder) ?? new Map<string, string>();
      children.set(fileSystemKey(parts[i]!), parts.slice(0, i + 1).join('/'));
      wanted.set(folder, children);
    }
  }
  const holdsListed = (folder: string): boolean => [...listed].some((l) => l.startsWith(`${folder}/`));
  const twins: StrayFile[] = [];
  for (const [folder, children] of wanted) {
    if (folder !== '' && !isRealFolder(root, folder)) continue; // a link (reported as unsafe elsewhere) is never listed through
    const full = path.join(root.dir, ...(folder === '' ? [] : folder.split('/')));
    let names: string[];
    try {
      names = fs.readdirSync(full);
    } catch {
      continue; // missing or unreadable: nothing beside
    }
    for (const name of names) {
      const file = folder === '' ? name : `${folder}/${name}`;
      const twinOf = children.get(fileSystemKey(name));
      if (twinOf === undefined || twinOf === file || generated.has(file) || listed.has(file) || holdsListed(file)) continue;
      if (sameEntry(path.join(full, name), path.join(root.dir, ...twinOf.split('/')))) continue;
      twins.push({ file, twinOf, loader: `it differs only in case from ${twinOf}, which totem-mon generates (one file on a case-insensitive disk: macOS, Windows)` });
    }
  }
  return twins;
}
