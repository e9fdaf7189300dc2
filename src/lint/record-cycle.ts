import type { Check } from './check.js';
import { at } from './check.js';
import type { RecordModel, RuleModel } from '../model/types.js';
import { mayWrite, ruleDependencies } from '../model/rule-dependencies.js';
import { recordExpressions } from './rules-select.js';

/**
 * Recording rules that read, directly or through other recording rules, the series they write: the
 * first evaluation finds no data, so nothing is ever written, and every later one finds nothing
 * either. An `or` may seed the series from elsewhere (`x + 1 or vector(0)`): such a rule is left alone.
 * The edges are the rule dependency graph's (src/model/rule-dependencies.ts), which the rule tests
 * load by too: a rule reads another when a selector of its expression can select what that one
 * writes, and itself likewise (its self-edge: a label the rule fixes may rule its selector out).
 */
export const recordCycle: Check = {
  id: 'record/cycle',
  severity: 'error',
  description: 'No recording rule reads, directly or through other recording rules, the series it writes (it would never produce data).',
  run(context, report) {
    const pairs = recordExpressions(context);
    // Names only rules write: one a scraped metric also has (record/shadows-metric) has data anyway.
    const recorded = new Set(pairs.map((p) => p.record.name).filter((name) => !context.catalogue.get(name)?.metric));
    const seeded = new Set<RuleModel>(pairs.filter(({ e }) => e.analysis.binaries.some((b) => b.op === 'or')).map((p) => p.record));
    const dependencies = ruleDependencies(context.model);
    /** The recording rules a rule's series come from: those of the cycle's kind (recorded names, no `or`). */
    const feeding = (rule: RuleModel): RecordModel[] =>
      dependencies.reads(rule).filter((r): r is RecordModel => r.kind === 'record' && recorded.has(r.name) && !seeded.has(r));
    /** A path of reads from one of `starts` back to `to` (`[start, …, to]`, as names), or undefined. Iterative, breadth first: the shortest. */
    const pathBetween = (starts: readonly RecordModel[], to: RecordModel): string[] | undefined => {
      const previous = new Map<RecordModel, RecordModel | undefined>(starts.map((s) => [s, undefined]));
      const queue = [...starts];
      for (let i = 0; i < queue.length; i++) {
        const rule = queue[i]!;
        if (rule === to) {
          const names: string[] = [];
          for (let r: RecordModel | undefined = rule; r !== undefined; r = previous.get(r)) names.unshift(r.name);
          return names;
        }
        for (const next of feeding(rule)) {
          if (previous.has(next)) continue;
          previous.set(next, rule);
          queue.push(next);
        }
      }
      return undefined;
    };
    for (const { record: rule, e } of pairs) {
      if (seeded.has(rule)) continue;
      const reads = feeding(rule);
      for (const s of e.analysis.selectors) {
        if (s.name === undefined || !recorded.has(s.name)) continue;
        // Its own series, when the graph says it reads itself and this selector can select what it
        // writes (`a{job="x"}` in the rule writing `a` with `job: y` does not); else the rules of that
        // name the selector can select, and a path from them back to this one.
        const own = s.name === rule.name && dependencies.readsItself(rule) && mayWrite(rule, s.matchers);
        const back = own ? [rule.name] : pathBetween(reads.filter((r) => r.name === s.name && mayWrite(r, s.matchers)), rule);
        if (!back) continue;
        const chain = [rule.name, ...back].map((n) => `"${n}"`).join(' → ');
        report({
          message:
            own
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
