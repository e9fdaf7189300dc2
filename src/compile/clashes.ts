import type { Diagnostic } from '../diagnostic.js';
import type { OutputFile } from './output.js';

/**
 * Two compiled files on one path: writing both would keep one and lose the other (and the manifest
 * would never match out/). The checks refuse this at the definitions (output/path-clash,
 * rules/duplicate-group, dashboard/uid) for every name they know becomes a file; this is the guard
 * for the rest, where the files are assembled: an error naming the path, nothing written.
 * `files` sorted by path (as `finished` returns them).
 */
export function pathClashes(files: readonly OutputFile[]): Diagnostic[] {
  const clashes: Diagnostic[] = [];
  for (let i = 1; i < files.length; i++) {
    const file = files[i]!.path;
    if (file !== files[i - 1]!.path || (i > 1 && files[i - 2]!.path === file)) continue;
    clashes.push({
      id: 'output/path-clash',
      severity: 'error',
      message: `two generated files would both be written to ${file}: one would be lost`,
      hint: 'two definitions make the same file name here: rename one of them (the files profile and each output profile name their files after the definitions)',
      file,
    });
  }
  return clashes;
}

/**
 * Whether two of the files share a path, in any order: then no folder holds them all, so validate
 * hands them to no tool (pathClashes and the checks report it; generate writes nothing either).
 */
export function haveSharedPath(files: readonly OutputFile[]): boolean {
  return new Set(files.map((f) => f.path)).size < files.length;
}
