import fs from 'node:fs';
import path from 'node:path';
import { ALERTMANAGER_TEMPLATES_DIR } from '../model/output-paths.js';
import { CLASSIC_DASHBOARDS_DIR } from '../model/dashboard.js';
import type { OutputRoot } from './safe-path.js';

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
  /** Which tool loads it, and how. */
  loader: string;
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
  return stray;
}
