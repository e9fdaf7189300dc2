/**
 * totem-mon's own package: its package.json and the files it ships, found from the code root
 * (src/own-files.ts: a module's own location is the bundle's once built).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryFile } from '../own-files.js';

const ROOT = fileURLToPath(repositoryFile(''));

export interface OwnPackage {
  name: string;
  version: string;
  homepage?: string;
  devDependencies?: Record<string, string>;
}

/** totem-mon's package.json (never npm_package_version: that is the package whose script runs totem-mon). */
export function ownPackage(): OwnPackage {
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as OwnPackage;
}

/** Every file of the shipped `scaffold/` folder (what `totem-mon init` writes), path → content, sorted. */
export function readScaffold(): Array<{ path: string; content: string }> {
  const dir = path.join(ROOT, 'scaffold');
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
    .map((file) => ({ path: file, content: readFileSync(path.join(dir, file), 'utf8') }));
}
