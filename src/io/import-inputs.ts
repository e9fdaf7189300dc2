/** Reading what `totem-mon import` is given: files, and the YAML and JSON files of folders (recursively, sorted). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../diagnostic.js';

export interface InputFile {
  /** As given, or the folder as given joined with the path below it (forward slashes). */
  file: string;
  text: string;
}

const INPUT_EXTENSIONS = /\.(ya?ml|json)$/i;

function folderFiles(dir: string, shown: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    const name = `${shown}/${entry.name}`;
    if (entry.isDirectory()) out.push(...folderFiles(full, name));
    else if (entry.isFile() && INPUT_EXTENSIONS.test(entry.name)) out.push(name);
  }
  return out;
}

/** Every input file's text; a path that does not exist is a usage error (exit 2). */
export function readInputFiles(inputs: readonly string[]): InputFile[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new UsageError(`import: ${input} does not exist`, 2, 'give rule files, promtool test files, manifests or folders holding them');
    }
    const shown = input.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
    files.push(...(stat.isDirectory() ? folderFiles(input, shown) : [shown]));
  }
  return [...new Set(files)].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

const globToRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);

/**
 * The files a promtool test file's `rule_files` entry names: relative to the test file's folder, as
 * promtool reads them; `*` and `?` in the last part of the path match as promtool's glob does.
 */
export function expandRuleFiles(testFile: string, pattern: string): string[] {
  const full = path.isAbsolute(pattern) ? pattern : path.join(path.dirname(testFile), pattern);
  if (!/[*?]/.test(path.basename(full))) return statSync(full, { throwIfNoEntry: false })?.isFile() ? [path.normalize(full)] : [];
  const dir = path.dirname(full);
  const match = globToRegExp(path.basename(full));
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => match.test(n)).sort().map((n) => path.join(dir, n));
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
