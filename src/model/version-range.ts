/**
 * A target version as written, and the versions it admits: `3.5` (that release, any patch), `3.x`
 * or `3` (every 3.y), `>=3.5` (3.5 and every later release, 4 included). A version fact holds for a
 * target only if it holds for every version the target admits: on `3.x`, what came in 3.5 is
 * missing (3.0 lacks it) and so is what 3.5 removed (3.5 is a 3).
 */

import { atLeast } from './version-order.js';

export interface VersionRange {
  /** The oldest version admitted (`3.0` for `3.x`). */
  oldest: string;
  /** The first version past the range (`4.0` for `3.x`, `3.6` for `3.5`); absent: no end. */
  end?: string;
}

const RELEASE = /^(\d+)\.(\d+)(?:\.\d+)?$/;
const MAJOR = /^(\d+)(?:\.x)?$/;
const FROM = /^>=\s*(\d+)\.(\d+)(?:\.\d+)?$/;

/** What a written target admits, or undefined when it is none of the three forms. */
export function versionRange(spec: string): VersionRange | undefined {
  const release = RELEASE.exec(spec);
  if (release) return { oldest: `${Number(release[1])}.${Number(release[2])}`, end: `${Number(release[1])}.${Number(release[2]) + 1}` };
  const major = MAJOR.exec(spec);
  if (major) return { oldest: `${Number(major[1])}.0`, end: `${Number(major[1]) + 1}.0` };
  const from = FROM.exec(spec);
  if (from) return { oldest: `${Number(from[1])}.${Number(from[2])}` };
  return undefined;
}

const ranges = new Map<string, VersionRange>();

/** The range of a target the schema (or an installed tool's version) gave: a written target that is none is a bug. */
export function rangeOf(target: string): VersionRange {
  let range = ranges.get(target);
  if (!range) {
    range = versionRange(target);
    if (!range) throw new Error(`not a target version: ${JSON.stringify(target)}`);
    ranges.set(target, range);
  }
  return range;
}

/** Whether every version the target admits is `version` or later. */
export function allFrom(target: string, version: string): boolean {
  return atLeast(rangeOf(target).oldest, version);
}

/** Whether some version the target admits is `version` or later. */
export function someFrom(target: string, version: string): boolean {
  const { end } = rangeOf(target);
  return end === undefined || !atLeast(version, end);
}
