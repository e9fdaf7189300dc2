/**
 * Installing the packed tarball with no network: a package-lock.json written from this repository's
 * own lock (exact versions and integrity hashes of everything the tarball and the scaffold need), so
 * that `npm ci --offline` takes every package from the npm cache `npm ci` filled for this repository
 * (on a fresh CI clone too), and totem-mon itself from the tarball.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Lock {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

/** Where Node would find `name` from the package at `from` (a lock path such as node_modules/a). */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let at = from; ; ) {
    const candidate = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!at) return undefined;
    const cut = at.lastIndexOf('/node_modules/');
    at = cut < 0 ? '' : at.slice(0, cut);
  }
}

/**
 * A lock for a project with `dependencies` (name → spec as in its package.json): the tarball's
 * entry for totem-mon, and every package the closure needs, copied from the repository's lock.
 */
export function offlineLock(options: {
  repoLock: string;
  name: string;
  tarball: string;
  /** The project's dev dependencies: name → spec (totem-mon's is the tarball). */
  devDependencies: Record<string, string>;
  /** totem-mon's own package.json (its dependencies and peers). */
  own: { version: string; bin: Record<string, string>; dependencies: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> };
}): Lock {
  const repo = JSON.parse(readFileSync(options.repoLock, 'utf8')) as Lock;
  const packages: Record<string, LockEntry> = {};
  const clean = (entry: LockEntry): LockEntry => {
    const { dev, devOptional, peer, ...rest } = entry;
    void dev, void devOptional, void peer;
    return { ...rest, dev: true };
  };
  const queue: Array<[string, Record<string, string>]> = [];
  packages['node_modules/totem-mon'] = {
    version: options.own.version,
    resolved: `file:${options.tarball}`,
    dev: true,
    bin: options.own.bin,
    dependencies: options.own.dependencies,
    ...(options.own.peerDependencies ? { peerDependencies: options.own.peerDependencies } : {}),
    ...(options.own.peerDependenciesMeta ? { peerDependenciesMeta: options.own.peerDependenciesMeta } : {}),
  };
  queue.push(['node_modules/totem-mon', options.own.dependencies]);
  const rootDeps = Object.fromEntries(Object.entries(options.devDependencies).filter(([n]) => n !== 'totem-mon'));
  queue.push(['', rootDeps]);
  while (queue.length > 0) {
    const [from, deps] = queue.shift()!;
    for (const name of Object.keys(deps)) {
      // Resolved from where it is required, against the repository's tree (its layout is a valid one).
      const at = resolveIn(repo.packages, from === 'node_modules/totem-mon' ? '' : from, name);
      if (!at) throw new Error(`${name} (needed by ${from || 'the project'}) is not in the repository's package-lock.json`);
      if (packages[at]) continue;
      const entry = repo.packages[at]!;
      packages[at] = clean(entry);
      queue.push([at, { ...(entry.dependencies ?? {}), ...(entry.optionalDependencies ?? {}) }]);
    }
  }
  return {
    lockfileVersion: 3,
    packages: { '': { name: options.name, devDependencies: options.devDependencies }, ...packages },
    ...{ name: options.name, requires: true },
  } as Lock;
}

export function writeOfflineLock(dir: string, lock: Lock): void {
  writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
}
