import { existsSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { isResourceFile, type ResourceFile } from '../../src/compile/kubernetes/resource.js';
import type { OutputFile } from '../../src/compile/output.js';
import { CrdSchemas, SHIPPED_CRDS } from '../../src/validate/kubernetes-schema.js';
import { REPO } from '../helpers/cli.js';

/**
 * The project's shared CRD folder (`k8s-crds/` in the shared folder beside the repository): beside
 * this checkout, or beside the main checkout when this is a git worktree.
 */
export function sharedCrds(): string | undefined {
  const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: REPO, encoding: 'utf8' }).trim();
  const candidates = [path.join(REPO, '..', 'shared', 'k8s-crds'), path.join(path.dirname(common), '..', 'shared', 'k8s-crds')];
  return candidates.find((c) => existsSync(c));
}

let crds: CrdSchemas | undefined;

/** The shipped CRDs (tests prove them equal to the shared originals), read once per test file. */
export function shippedCrds(): CrdSchemas {
  crds ??= new CrdSchemas(SHIPPED_CRDS);
  return crds;
}

export function resourcesOf(files: readonly OutputFile[]): ResourceFile[] {
  return files.filter(isResourceFile);
}
