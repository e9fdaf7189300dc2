import type { Check } from './check.js';
import { at } from './check.js';
import type { RecordModel, RuleModel } from '../model/types.js';
import { mayRead, ruleDependencies } from '../model/rule-dependencies.js';
import { records as recordsOf } from '../model/select.js';
import { recordExpressions } from './rules-select.js';

/**
 * Recording rules that read, directly or through other recording rules, the series they write: the
 * first evaluation finds no data, so nothing is ever written, and every later one finds nothing
 * either. An `or` may seed the series from elsewhere (`x + 1 or vector(0)`): such a rule is left alone.
 * The edges are the rule dependency graph's (src/model/rule-dependencies.ts), which the rule tests
 * load by too: a rule reads another when a selector of its expression can select what that one
 * writes (by its literal name or its `__name__` matchers, and its fixed labels), and itself likewise
 * (its self-edge: a label the rule fixes may rule its selector out). A selector without a literal
 * name (`{__name__=~"job:.*"}`) may select other series too: the rule then either never produces
 * data or feeds each result into the next, and the message says so, naming the selector. Rules
 * sharing a name are named with their group, place and fixed labels.
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
    // Rules sharing a name are told apart by their group, place in it and fixed labels (record/duplicate
    // allows one name with several label sets): `"x"{env="prod"} (group "g", rules[0])`.
    const counts = new Map<string, number>();
    for (const r of recordsOf(context.model)) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
    const named = (rule: RecordModel): string => {
      if ((counts.get(rule.name) ?? 0) < 2) return `"${rule.name}"`;
      const labels = Object.entries(rule.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      const index = context.model.ruleGroups.find((g) => g.rules.includes(rule))?.rules.indexOf(rule) ?? -1;
      return `"${rule.name}"${labels.length > 0 ? `{${labels.join(', ')}}` : ''} (group "${rule.group}", rules[${index}])`;
    };
    /** A path of reads from one of `starts` back to `to` (`[start, …, to]`), or undefined. Iterative, breadth first: the shortest. */
    const pathBetween = (starts: readonly RecordModel[], to: RecordModel): RecordModel[] | undefined => {
      const previous = new Map<RecordModel, RecordModel | undefined>(starts.map((s) => [s, undefined]));
      const queue = [...starts];
      for (let i = 0; i < queue.length; i++) {
        const rule = queue[i]!;
        if (rule === to) {
          const path: RecordModel[] = [];
          for (let r: RecordModel | undefined = rule; r !== undefined; r = previous.get(r)) path.unshift(r);
          return path;
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
      if (seeded.has(rule) || !recorded.has(rule.name)) continue;
      const reads = feeding(rule);
      for (const s of e.analysis.selectors) {
        // A literal name (`x`, `{__name__="x"}`) selects that name's series only; any other selector
        // (`{__name__=~"x:.*"}`, `{__name__!~"y"}`, `{job="a"}`) may select other series too.
        const literal = s.name !== undefined && s.matchers.every((m) => m.label !== '__name__' || (m.op === '=' && m.value === s.name));
        if (literal && !recorded.has(s.name!)) continue;
        // Its own series, when the graph says it reads itself and this selector can select what it
        // writes (`a{job="x"}` in the rule writing `a` with `job: y` does not); else the rules the
        // selector can select (by name and fixed labels), and a path from them back to this one.
        const own = dependencies.readsItself(rule) && mayRead(s, rule);
        const back = own ? [rule] : pathBetween(reads.filter((r) => mayRead(s, r)), rule);
        if (!back) continue;
        const chain = [rule, ...back].map(named).join(' → ');
        const through = literal ? '' : ` through ${e.text.slice(s.from, s.to)}`;
        const outcome = literal ? 'a cycle of recording rules never produces data' : 'a cycle of recording rules never produces data or feeds each result into the next';
        report({
          message: own
            ? literal
              ? `recording rule ${named(rule)} reads its own series "${rule.name}": there is nothing to read at its first evaluation, so it never produces data`
              : `recording rule ${named(rule)} reads its own series${through}: a recording rule that reads what it writes never produces data or feeds each result into the next`
            : `recording rule ${named(rule)} reads ${named(back[0]!)}${through}, which is recorded from ${named(rule)} in turn (${chain}): ${outcome}`,
          hint: literal
            ? 'compute it from scraped series (or from recording rules outside the cycle)'
            : 'narrow the selector so that it cannot select the series of the cycle (e.g. __name__!~"…"), or compute it from scraped series',
          ...at(e, s.from, s.to),
        });
        break;
      }
    }
  },
};
