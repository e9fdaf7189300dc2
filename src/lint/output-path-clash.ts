import type { Check } from './check.js';
import { bothNamed, outputOwners, type OutputOwner } from './output-owners.js';

const SEPARATELY_CHECKED = new Set(['rule group', 'rule', 'dashboard']);

/** What makes two names one file name, for the hint. */
function hintFor(owner: OutputOwner): string {
  if (owner.what === 'alert') return 'runbook file names keep letters, digits, "_", "-" and "." and turn every other character into "_": rename one of the alerts';
  if (owner.what === 'rule') return 'rename one of the rules';
  return `rename one of the ${owner.what}s`;
}

/**
 * Two definitions whose names become the same output file: one would silently replace the other
 * (a runbook lost, two index entries for one page, a manifest that never matches). Rule groups
 * have rules/duplicate-group and dashboard uids dashboard/uid; this covers every other derived
 * name. The compiled files are checked again as they are assembled (src/compile/clashes.ts).
 */
export const outputPathClash: Check = {
  id: 'output/path-clash',
  severity: 'error',
  description: 'No two definitions are written to the same output file.',
  run({ model }, report) {
    // Every owner of each file so far: each new one is checked against all of them, and every file
    // of it is recorded, so that one definition with several clashes has each reported in one run.
    const byFile = new Map<string, OutputOwner[]>();
    const reported = new Set<string>();
    const owners = outputOwners(model);
    owners.forEach((owner, index) => {
      for (const file of owner.files) {
        let others = byFile.get(file);
        if (others === undefined) byFile.set(file, (others = []));
        for (const other of others) {
          // Same definition; or groups (rules/duplicate-group), their rules' tests (a folder per group)
          // and dashboards (dashboard/uid): reported there.
          if (other.key === owner.key || (other.what === owner.what && SEPARATELY_CHECKED.has(owner.what))) continue;
          // One finding for two definitions, at the first file they share.
          const pair = `${owners.indexOf(other)} ${index}`;
          if (reported.has(pair)) continue;
          reported.add(pair);
          report({ message: `${bothNamed(other, owner)} would both be written to ${file}`, hint: hintFor(owner), ...owner.where });
        }
        if (!others.includes(owner)) others.push(owner);
      }
    });
  },
};
