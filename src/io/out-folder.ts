import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../diagnostic.js';

/** The path with its existing part resolved through links (the rest appended as written). */
function realish(p: string): string {
  const absolute = path.resolve(p);
  let existing = absolute;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Refuses an output folder where generated files would mix with the user's own: empty (the
 * current folder), the definitions folder or a folder containing it, a repository root. Usage
 * errors (exit 2): the command line is wrong, not the definitions.
 */
export function assertOutFolder(out: string, definitions: string, shown = `--out ${out}`): void {
  const hint = 'use a folder of its own, such as --out out (the default), or out in totem-mon.config.ts';
  if (out.trim() === '') throw new UsageError(`${shown.trim()} is empty: generated files would land in the current folder`, 2, hint);
  const outReal = realish(out);
  const definitionsReal = realish(definitions);
  if (outReal === definitionsReal) throw new UsageError(`${shown} is the definitions folder`, 2, hint);
  if (isInside(definitionsReal, outReal)) throw new UsageError(`${shown} contains the definitions folder ${definitions}`, 2, hint);
  if (fs.existsSync(path.join(outReal, '.git'))) {
    throw new UsageError(`${shown} is the root of a repository (it holds .git)`, 2, hint);
  }
}
