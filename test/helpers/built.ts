import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { REPO } from './cli.js';

/** The installed CLI: bin/totem-mon.js runs the bundle dist/totem-mon.cjs (scripts/bundle.mjs, bin/run-bundle.js). */
export const BIN = path.join(REPO, 'bin/totem-mon.js');
export const BUNDLE = path.join(REPO, 'dist/totem-mon.cjs');

export function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newestMtime(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
    ),
    0,
  );
}

/** Whether dist/ holds a bundle newer than every file of src/. */
export function isBuilt(): boolean {
  return existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs > newestMtime(path.join(REPO, 'src'));
}

/** CI builds dist/ in `npm ci` (prepare); here it is built only when missing or older than src/. */
export async function ensureBuilt(): Promise<void> {
  if (!isBuilt()) await execa('npm', ['run', 'build'], { cwd: REPO, reject: false, timeout: 120_000 });
}
