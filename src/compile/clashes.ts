import type { Diagnostic } from '../diagnostic.js';
import type { OutputFile } from './output.js';
import { fileSystemKey } from '../model/output-paths.js';

/** A definition whose name becomes output files (src/lint/output-owners.ts), as the guard needs it. */
export interface FileOwner {
  what: string;
  name: string;
  files: readonly string[];
  where: Pick<Diagnostic, 'path' | 'source'>;
}

/** `alerts "A" and "B"`, or `alert "A" and rule group "B"`. */
function bothNamed(a: FileOwner, b: FileOwner): string {
  return a.what === b.what ? `${a.what}s ${a.name} and ${b.name}` : `${a.what} ${a.name} and ${b.what} ${b.name}`;
}

/** The checks that report a clash at its definitions, each in its own terms (SLOs, uids, groups). */
const CLASH_CHECKS = new Set(['rules/duplicate-group', 'dashboard/uid', 'output/path-clash', 'output/portable-name']);

/**
 * Whether a finding is at this definition: at it (`ruleGroups › web`), at one of its properties
 * (`dashboards › shop › uid`), or at the name of the definition that makes it (an SLO's
 * `slos › availability › name` for the groups it makes, `slos › availability › groups › …`).
 */
function isAt(found: readonly string[], owner: readonly string[]): boolean {
  const startsWith = (prefix: readonly string[]) => prefix.length <= owner.length && prefix.every((p, i) => owner[i] === p);
  if (found.length === owner.length && startsWith(found)) return true;
  return found.length >= 3 && found[found.length - 1] === 'name' && startsWith(found.slice(0, -1));
}

const SAME_PATH_HINT = 'two definitions make the same file name here: rename one of them (the files profile and each output profile name their files after the definitions)';
const ONE_FILE_HINT = 'rename one of them so that the names differ in more than case, accents written another way, or final dots and spaces';

/**
 * Two compiled files on one path: writing both would keep one and lose the other (and the manifest
 * would never match out/). The checks refuse this at the definitions (output/path-clash,
 * rules/duplicate-group, dashboard/uid, output/portable-name) for every name they know becomes a
 * file, but those can be ignored; this is the guard for the rest, where the files are assembled,
 * and it cannot be: an error, nothing written. Paths are compared as macOS and Windows compare them
 * (fileSystemKey), so no checkout there loses a file either; a file whose path is another's folder
 * clashes too. Reported at both definitions when `ownersOfModel` names them, else at the paths.
 * One clash, one finding: the same two definitions on several paths (a group's prometheus/ and
 * thanos/ rule files) are reported once, and not at all when a check already reported them as an
 * error (`reported`, the checks' findings: rules/duplicate-group names the SLOs, dashboard/uid the
 * uid), so the guard speaks only where the checks were turned off, ignored or could not see it.
 * `files` sorted by path (as `finished` returns them).
 */
export function pathClashes(files: readonly OutputFile[], ownersOfModel: () => readonly FileOwner[] = () => [], reported: readonly Diagnostic[] = []): Diagnostic[] {
  const clashes: Diagnostic[] = [];
  let owners: readonly FileOwner[] | undefined; // made on the first clash only
  const ownersOf = (file: string): FileOwner[] => (owners ??= ownersOfModel()).filter((o) => o.files.includes(file));
  const byKey = new Map<string, string[]>();
  const seen = new Set<string>();
  const byChecks = reported.filter((d) => d.severity === 'error' && CLASH_CHECKS.has(d.id) && d.path !== undefined);
  const reportedAt = (owner: FileOwner): boolean => owner.where.path !== undefined && byChecks.some((d) => isAt(d.path!, owner.where.path!));
  const clash = (first: string, second: string, how: 'same' | 'one file' | 'folder'): void => {
    const pair = `${first}\u0000${second}`;
    if (seen.has(pair)) return;
    seen.add(pair);
    const paths = first === second ? first : `${first} and ${second}`;
    const why =
      how === 'same'
        ? `would both be written to ${first}: one would be lost`
        : how === 'one file'
          ? `would be written to ${paths}, which are one file on macOS and Windows (they differ only in case, in how accents are encoded, or in final dots or spaces): one would be lost there`
          : `would be written to ${paths}, but ${first} is a file and the folder of ${second}: one cannot be written`;
    const hint = how === 'same' ? SAME_PATH_HINT : how === 'one file' ? ONE_FILE_HINT : 'rename one of them';
    const a = ownersOf(first)[0];
    const b = ownersOf(second).find((o) => o !== a) ?? ownersOf(second)[0];
    if (a && b && a !== b) {
      const both = `${owners!.indexOf(a)} ${owners!.indexOf(b)}`; // owners is made by now (ownersOf)
      if (seen.has(both) || reportedAt(a) || reportedAt(b)) return;
      seen.add(both);
      for (const owner of [a, b]) {
        clashes.push({ id: 'output/path-clash', severity: 'error', message: `${bothNamed(a, b)} ${why}`, hint, ...owner.where, file: owner === a ? first : second });
      }
      return;
    }
    clashes.push({ id: 'output/path-clash', severity: 'error', message: `two generated files ${why}`, hint, file: second });
  };
  // Every earlier file on the key, not only the first: three files on one path are three clashes.
  for (const { path: file } of files) {
    const key = fileSystemKey(file);
    let others = byKey.get(key);
    if (others === undefined) byKey.set(key, (others = []));
    for (const other of others) clash(other, file, other === file ? 'same' : 'one file');
    others.push(file);
  }
  // A file where another file needs a folder (`a.yml` and `a.yml/b.yml`, in any case).
  for (const { path: file } of files) {
    const parts = fileSystemKey(file).split('/');
    for (let i = 1; i < parts.length; i++) {
      for (const folder of byKey.get(parts.slice(0, i).join('/')) ?? []) clash(folder, file, 'folder');
    }
  }
  return clashes;
}

/**
 * Whether no folder holds all the files on every disk: two on one path, two paths that are one file
 * on macOS and Windows, or a file where another needs a folder (compared as pathClashes does). Then
 * validate hands them to no tool: its temporary tree would fail half-way on such a disk (EEXIST);
 * pathClashes and the checks report the clash, and generate writes nothing either.
 */
export function haveClashingPaths(files: readonly OutputFile[]): boolean {
  return pathClashes(files).length > 0;
}
