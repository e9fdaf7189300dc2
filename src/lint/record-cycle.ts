import type { AnalyzedExpression, Check } from './check.js';
import { at } from './check.js';
import type { RecordModel } from '../model/types.js';
import { recordExpressions } from './rules-select.js';

/**
 * Recording rules that read, directly or through other recording rules, the series they write: the
 * first evaluation finds no data, so nothing is ever written, and every later one finds nothing
 * either. An `or` may seed the series from elsewhere (`x + 1 or vector(0)`): such a rule is left alone.
 */
export const recordCycle: Check = {
  id: 'record/cycle',
  severity: 'error',
  description: 'No recording rule reads, directly or through other recording rules, the series it writes (it would never produce data).',
  run(context, report) {
    const pairs = recordExpressions(context);
    // Names only rules write: one a scraped metric also has (record/shadows-metric) has data anyway.
    const recorded = new Set(pairs.map((p) => p.record.name).filter((name) => !context.catalogue.get(name)?.metric));
    // name → the recorded names its rules read (every rule writing a name adds to it).
    const reads = new Map<string, Set<string>>();
    const exprs = new Map<RecordModel, AnalyzedExpression>();
    for (const { record: rule, e } of pairs) {
      if (e.analysis.binaries.some((b) => b.op === 'or')) continue;
      exprs.set(rule, e);
      const out = reads.get(rule.name) ?? new Set<string>();
      for (const s of e.analysis.selectors) if (s.name !== undefined && recorded.has(s.name)) out.add(s.name);
      reads.set(rule.name, out);
    }
    /** A path of reads from `from` back to `to` (`[from, …, to]`), or undefined. Iterative, breadth first: the shortest. */
    const pathBetween = (from: string, to: string): string[] | undefined => {
      const previous = new Map<string, string>();
      const queue = [from];
      for (let i = 0; i < queue.length; i++) {
        const name = queue[i]!;
        for (const next of reads.get(name) ?? []) {
          if (next === to) {
            const path = [to];
            for (let at: string | undefined = name; at !== undefined; at = at === from ? undefined : previous.get(at)) path.unshift(at);
            return path;
          }
          if (next === from || previous.has(next)) continue;
          previous.set(next, name);
          queue.push(next);
        }
      }
      return undefined;
    };
    for (const [rule, e] of exprs) {
      for (const s of e.analysis.selectors) {
        if (s.name === undefined || !recorded.has(s.name)) continue;
        const back = s.name === rule.name ? [rule.name] : pathBetween(s.name, rule.name);
        if (!back) continue;
        const chain = [rule.name, ...back].map((n) => `"${n}"`).join(' → ');
        report({
          message:
            s.name === rule.name
              ? `recording rule "${rule.name}" reads its own series "${rule.name}": there is nothing to read at its first evaluation, so it never produces data`
              : `recording rule "${rule.name}" reads "${s.name}", which is recorded from "${rule.name}" in turn (${chain}): a cycle of recording rules never produces data`,
          hint: 'compute it from scraped series (or from recording rules outside the cycle)',
          ...at(e, s.from, s.to),
        });
        break;
      }
    }
  },
};
