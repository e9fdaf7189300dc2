/**
 * Rule groups that are copies, not groups of their own: a promtool test's rule file often repeats
 * (some of) the rules of the real rule files (totem-mon's own tests load `<rule>.rules.yml`, the rule
 * and the recording rules it reads). A group read from a file some test loads, whose rules all are
 * rules of a group of the same name read elsewhere, is that group's copy: it is not imported twice.
 */
import { ruleKey } from './promtool-tests.js';
import type { ImportedGroup } from './rule-groups.js';
import type { ImportItem } from './report.js';

export function withoutCopies(groups: readonly ImportedGroup[], loadedByTests: ReadonlySet<string>, items: ImportItem[]): ImportedGroup[] {
  const originals = groups.filter((g) => !loadedByTests.has(g.file));
  const keys = new Map<string, Set<string>>();
  for (const g of originals) {
    const set = keys.get(g.name) ?? new Set<string>();
    for (const r of g.rules) set.add(ruleKey(r));
    keys.set(g.name, set);
  }
  return groups.filter((g) => {
    if (!loadedByTests.has(g.file)) return true;
    const same = keys.get(g.name);
    const copy = same !== undefined && g.rules.every((r) => same.has(ruleKey(r)));
    if (copy) items.push({ status: 'converted', file: g.file, path: g.path, what: `rule group ${g.name}`, reason: 'a copy a test loads of rules imported from another file; not imported twice' });
    return !copy;
  });
}
