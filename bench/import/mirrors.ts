/**
 * Public repositories the import round trips read, at pinned commits (bench/import/SOURCES.md),
 * from a local git copy: nothing is downloaded at run time and nothing of theirs is committed
 * here. A copy is `<mirrors>/<owner>+<name>/repo` (a bare mirror) or `<mirrors>/<owner>+<name>`
 * (a clone); the mirrors folder is `TOTEM_MON_MIRRORS`, else bench/import/repos/ (git-ignored).
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface PinnedRepo {
  /** `owner/name` on GitHub. */
  repo: string;
  commit: string;
}

export const ALERTMANAGER: PinnedRepo = { repo: 'prometheus/alertmanager', commit: '68fb2d5759b3a92c0bb2a1a13d4ef7ff5b06256d' };
/** The release totem-mon's output targets (tag v0.25.0): its examples and test configs are 0.25's. */
export const ALERTMANAGER_025: PinnedRepo = { repo: 'prometheus/alertmanager', commit: '258fab7cdd551f2cf251ed0348f0ad7289aee789' };
export const KUBE_PROMETHEUS: PinnedRepo = { repo: 'prometheus-operator/kube-prometheus', commit: '4d719f1dea8853540b3823ab1fbe6be74a9953b3' };

const DEFAULT_DIRS = [path.join(import.meta.dirname, 'repos'), '/work/.mirror'];

/** The git directory of a repository's local copy, or undefined when there is none. */
export function localCopy(pinned: PinnedRepo, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = env['TOTEM_MON_MIRRORS'] ? [env['TOTEM_MON_MIRRORS']] : DEFAULT_DIRS;
  const name = pinned.repo.replace('/', '+');
  for (const dir of dirs) {
    for (const candidate of [path.join(dir, name, 'repo'), path.join(dir, name)]) {
      if (existsSync(candidate) && hasCommit(candidate, pinned.commit)) return candidate;
    }
  }
  return undefined;
}

function hasCommit(gitDir: string, commit: string): boolean {
  try {
    execFileSync('git', ['-C', gitDir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The files of the pinned commit under a folder (or matching a test), by path. */
export function listFiles(gitDir: string, pinned: PinnedRepo, keep: (file: string) => boolean): string[] {
  const out = execFileSync('git', ['-C', gitDir, 'ls-tree', '-r', '--name-only', pinned.commit], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter((f) => f !== '' && keep(f)).sort();
}

/** One file's text at the pinned commit. */
export function readAt(gitDir: string, pinned: PinnedRepo, file: string): string {
  return execFileSync('git', ['-C', gitDir, 'show', `${pinned.commit}:${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
}
