import type { Check } from './check.js';
import { bothNamed, outputOwners, type OutputOwner } from './output-owners.js';
import { fileSystemKey } from '../model/output-paths.js';

// File names every checkout of out/ must be able to hold, on Linux, macOS and Windows alike.
// Windows reserves these device names, with any extension (`con.yml`, `aux.more.json`):
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// … and refuses these characters (and a name ending in a dot or a space).
const WINDOWS_REFUSES = /[<>:"|?*\\\u0000-\u001f]/;

/** The name's problem on some platform, or undefined (a file's name or a folder's). */
function unportable(name: string): string | undefined {
  const stem = name.split('.')[0]!;
  if (RESERVED.test(stem)) return `"${stem.toLowerCase()}" is a device name Windows reserves, so the file cannot be created or checked out there`;
  const bad = WINDOWS_REFUSES.exec(name);
  if (bad) return `Windows refuses the character ${JSON.stringify(bad[0])} in file names`;
  if (/[. ]$/.test(name)) return 'Windows drops a final dot or space from file names, so it would be another file there';
  return undefined;
}

/** The first part of the path (a folder or the file) no checkout on Windows can hold: that part of the path and why. */
function unportablePart(file: string): { prefix: string; problem: string; reserved: boolean } | undefined {
  const parts = file.split('/');
  for (let i = 0; i < parts.length; i++) {
    const problem = unportable(parts[i]!);
    if (problem) return { prefix: parts.slice(0, i + 1).join('/'), problem, reserved: RESERVED.test(parts[i]!.split('.')[0]!) };
  }
  return undefined;
}

const RESERVED_HINT = 'rename it: CON, PRN, AUX, NUL, COM0–COM9 and LPT0–LPT9 (with any extension) are not file names on Windows';

export const outputPortableName: Check = {
  id: 'output/portable-name',
  severity: 'error',
  description: 'Output file names are valid on every platform: no Windows device names, no names that differ from another only in case.',
  run({ model }, report) {
    // A bad folder is reported once, at the first definition that makes it (a rule group named
    // `con` makes both prometheus/rules/con.yml and the folder of its rules' tests).
    const reported = new Set<string>();
    // Two paths that differ only in case (or Unicode normalisation) are one file on macOS and Windows:
    // every path so far under each folded key, so that each pair of definitions is reported, once.
    const byFolded = new Map<string, Array<{ owner: OutputOwner; file: string }>>();
    const pairs = new Set<string>();
    const owners = outputOwners(model);
    for (const [index, owner] of owners.entries()) {
      const bad = [...owner.files, ...(owner.folders ?? [])].flatMap((file) => {
        const part = unportablePart(file);
        if (!part || reported.has(part.prefix)) return [];
        reported.add(part.prefix);
        return [{ file, ...part }];
      });
      if (bad.length > 0) {
        report({
          message: `${owner.what} ${owner.name} would be written to ${bad.map((b) => b.file).join(' and ')}; ${bad[0]!.problem}`,
          hint: bad[0]!.reserved ? RESERVED_HINT : 'rename it with letters, digits, "-", "_" and "."',
          ...owner.where,
        });
      }
      for (const file of owner.files) {
        const key = fileSystemKey(file);
        let seen = byFolded.get(key);
        if (seen === undefined) byFolded.set(key, (seen = []));
        for (const other of seen) {
          if (other.file === file || other.owner.key === owner.key) continue;
          const pair = `${owners.indexOf(other.owner)} ${index}`;
          if (pairs.has(pair)) continue;
          pairs.add(pair);
          const how = other.file.toLowerCase() === file.toLowerCase() ? 'differ only in case' : 'differ only in case, in how accents are encoded or in final dots and spaces';
          report({
            message: `${bothNamed(other.owner, owner)} would be written to ${other.file} and ${file}, which ${how}: one file on macOS and Windows`,
            hint: owner.what === 'dashboard' ? 'give one of them a uid that differs in more than case' : 'rename one of them so the names differ in more than case',
            ...owner.where,
          });
        }
        if (!seen.some((s) => s.file === file && s.owner === owner)) seen.push({ owner, file });
      }
    }
  },
};
