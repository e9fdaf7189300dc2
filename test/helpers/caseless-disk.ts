/**
 * A case-insensitive disk (macOS's default, Windows), simulated under one folder of this
 * case-sensitive one: every path the fs functions get under `root` reaches the entry its folder
 * lists under any case (`shop.json` reaches `Shop.json`), as such a disk resolves names. Replacing
 * a file through another case keeps the entry's listed name (rename onto `shop.json` writes into
 * `Shop.json`), and a rename only in case of one entry does nothing (as on Linux's case-folding
 * file systems; macOS would rename it). Undo with vi.restoreAllMocks() and syncBuiltinESMExports().
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { vi } from 'vitest';

const PATH_FUNCTIONS = ['existsSync', 'lstatSync', 'statSync', 'openSync', 'readFileSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'mkdirSync', 'writeFileSync', 'readdirSync', 'realpathSync'] as const;
const TWO_PATH_FUNCTIONS = ['renameSync', 'linkSync'] as const;

export function simulateCaseInsensitiveDisk(root: string): void {
  const real = Object.fromEntries([...PATH_FUNCTIONS, ...TWO_PATH_FUNCTIONS].map((name) => [name, fs[name]])) as Record<string, (...args: unknown[]) => unknown>;
  const readdir = fs.readdirSync;
  const lstat = fs.lstatSync;
  /** The path as the folders list it, part by part, as far as its parts exist under any case. */
  const resolve = (p: unknown): unknown => {
    if (typeof p !== 'string' || !p.startsWith(root + path.sep)) return p;
    let folder = root;
    const parts = p.slice(root.length + 1).split(path.sep);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      let names: string[];
      try {
        names = lstat(folder).isDirectory() ? (readdir(folder) as string[]) : [];
      } catch {
        names = [];
      }
      const listed = names.includes(part) ? part : names.find((n) => n.toLowerCase() === part.toLowerCase());
      if (listed === undefined) return path.join(folder, ...parts.slice(i));
      folder = path.join(folder, listed);
    }
    return folder;
  };
  for (const name of PATH_FUNCTIONS) {
    vi.spyOn(fs, name as 'existsSync').mockImplementation(((p: unknown, ...rest: unknown[]) => real[name]!(resolve(p), ...rest)) as never);
  }
  for (const name of TWO_PATH_FUNCTIONS) {
    vi.spyOn(fs, name as 'renameSync').mockImplementation(((a: unknown, b: unknown) => {
      const [from, to] = [resolve(a), resolve(b)];
      if (from === to) return undefined;
      return real[name]!(from, to);
    }) as never);
  }
  syncBuiltinESMExports();
}
