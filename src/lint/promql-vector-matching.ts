import type { AnalyzedExpression, Check } from './check.js';
import { at, ownerName } from './check.js';
import type { BinaryRef } from '../promql/analyze.js';

/**
 * Vector matching, judged on the label sets the catalogue gives both sides. Prometheus pairs a
 * left series with a right one when their *signatures* are equal: the `on (…)` labels, or every
 * label but the `ignoring (…)` ones. A label that one side has and the other lacks is empty on
 * that side, so the signatures can never be equal: the result is always empty (`and`: never
 * anything; `unless`: never removes anything). When the signatures can match but one side has
 * labels beyond them, several of its series share a signature: without group_left/group_right
 * Prometheus stops with "many-to-one matching must be explicit".
 */

const sorted = (labels: Iterable<string>) => [...labels].sort();
const list = (labels: Iterable<string>) => sorted(labels).join(', ') || 'none';

function signature(labels: ReadonlySet<string>, b: BinaryRef): Set<string> {
  if (b.matching?.clause === 'on') return new Set(b.matching.labels.filter((l) => labels.has(l)));
  const ignored = new Set(b.matching?.labels ?? []);
  return new Set([...labels].filter((l) => !ignored.has(l)));
}

/** The labels matching looks at: `by (__name__)` keeps the metric name, which matching on all labels ignores (and `on (__name__)` reads from every series). */
/** Whether two label sets hold the same names (one set, more often than not). */
function sameLabels(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const l of a) if (!b.has(l)) return false;
  return true;
}

function withoutName(labels: ReadonlySet<string>): ReadonlySet<string> {
  return labels.has('__name__') ? new Set([...labels].filter((l) => l !== '__name__')) : labels;
}

/**
 * Whether the "one" side of a group_left/group_right selects series with topk/bottomk/limitk/
 * limit_ratio (`topk by (pod) (1, kube_pod_info)`): they keep every label but few series per group,
 * which the label sets do not tell, so the side may well be unique.
 */
function keepsFewPerGroup(e: AnalyzedExpression, b: BinaryRef): boolean {
  const side = b.group === 'left' ? e.text.slice(b.opTo, b.to) : e.text.slice(b.from, b.opFrom);
  return /\b(?:topk|bottomk|limitk|limit_ratio)\s*(?:\(|by\b|without\b)/.test(side);
}

/**
 * Whether the "one" side reads an info metric (`*_info`: one series per target or object, its
 * labels attributes of it, as `node_uname_info`, `kube_pod_info`): unique per match by convention,
 * whatever labels it declares.
 */
function readsInfoMetric(e: AnalyzedExpression, b: BinaryRef): boolean {
  const [from, to] = b.group === 'left' ? [b.opTo, b.to] : [b.from, b.opFrom];
  return e.analysis.selectors.some((s) => s.from >= from && s.to <= to && s.name?.endsWith('_info'));
}

function clauseText(b: BinaryRef): string {
  return b.matching ? `${b.matching.clause} (${b.matching.labels.join(', ')})` : 'on all their labels';
}

export const promqlVectorMatching: Check = {
  id: 'promql/vector-matching',
  severity: 'error',
  description: 'Both sides of a binary operator can match: same matching labels, group_left/group_right where one side has more series per match, and a "one" side with one series per match.',
  run({ expressions }, report) {
    for (const e of expressions) {
      for (const b of e.analysis.binaries) {
        if (b.lhs.kind !== 'vector' || b.rhs.kind !== 'vector' || !b.lhs.exact || !b.rhs.exact || b.op === 'or') continue;
        // The same labels on both sides (the analyses often share one set) matching on all labels: the
        // signatures are equal and nothing is left over, so there is nothing to say.
        if (!b.matching && sameLabels(b.lhs.labels, b.rhs.labels)) continue;
        const lhs = { ...b.lhs, labels: withoutName(b.lhs.labels) };
        const rhs = { ...b.rhs, labels: withoutName(b.rhs.labels) };
        const left = signature(lhs.labels, b);
        const right = signature(rhs.labels, b);
        const onlyLeft = [...left].filter((l) => !right.has(l));
        const onlyRight = [...right].filter((l) => !left.has(l));
        if (b.matching?.clause === 'on') {
          // on (x) with x missing on one side is promql/unknown-label's finding (it names the label).
          if (b.matching.labels.some((l) => l !== '__name__' && (!lhs.labels.has(l) || !rhs.labels.has(l)))) continue;
        }
        if (onlyLeft.length > 0 || onlyRight.length > 0) {
          const missing = [...onlyLeft.map((l) => `"${l}" only on the left`), ...onlyRight.map((l) => `"${l}" only on the right`)].join(', ');
          const effect = b.op === 'and' ? 'it always returns nothing' : b.op === 'unless' ? 'it never removes anything' : 'no series ever match and the result is always empty';
          const ignoring = sorted([...onlyLeft, ...onlyRight]);
          report({
            message: `${ownerName(e)}: the two sides of "${b.op}" match ${clauseText(b)}, but their labels differ (${missing}): ${effect}`,
            hint: `left labels: ${list(lhs.labels)}; right labels: ${list(rhs.labels)}. Aggregate both sides to the same labels, or match with ignoring (${sorted(new Set([...(b.matching?.labels ?? []), ...ignoring])).join(', ')})`,
            ...at(e, b.opFrom, b.opTo),
          });
          continue;
        }
        if (b.set) continue; // and/unless match many-to-many by design
        // Labels beyond the match make a side "many", unless a matcher pins them to one value. `job`
        // does not when the match is on `instance`: a target's address belongs to one job.
        const single = (l: string, sig: Set<string>) => l === 'job' && sig.has('instance');
        const extraLeft = [...lhs.labels].filter((l) => !left.has(l) && !lhs.pinned?.has(l) && !single(l, left));
        const extraRight = [...rhs.labels].filter((l) => !right.has(l) && !rhs.pinned?.has(l) && !single(l, right));
        if (b.group) {
          // group_left: the right side is the "one" side and must have one series per match (group_right: the left).
          // The labels group_x (…) copies are the one side's attributes (an info metric's `version`):
          // written there, the user says they follow from the match.
          const included = new Set(b.included ?? []);
          const oneExtra = (b.group === 'left' ? extraRight : extraLeft).filter((l) => !included.has(l));
          if (oneExtra.length === 0 || keepsFewPerGroup(e, b) || readsInfoMetric(e, b)) continue;
          const one = b.group === 'left' ? 'right' : 'left';
          const oneSig = b.group === 'left' ? right : left;
          report({
            severity: 'warning', // only fails when a match really has several series on the "one" side
            message: `${ownerName(e)}: "${b.op}" matches ${clauseText(b)} group_${b.group}, so its ${one} side must have one series per match, but it also carries ${list(oneExtra)}: as soon as two of its series share one match, Prometheus fails the evaluation ("many-to-many matching not allowed: matching labels must be unique on one side")`,
            hint: `aggregate the ${one} side to the matching labels (e.g. max by (${list(oneSig)}) (…)), or ${b.matching?.clause === 'ignoring' ? 'stop ignoring' : 'match on'} ${list(oneExtra)} too`,
            ...at(e, b.opFrom, b.opTo),
          });
          continue;
        }
        if (extraLeft.length === 0 && extraRight.length === 0) continue;
        const many = extraLeft.length > 0 && extraRight.length > 0 ? 'both sides' : extraLeft.length > 0 ? 'the left side' : 'the right side';
        const fix =
          extraLeft.length > 0 && extraRight.length > 0
            ? `aggregate one side to the matching labels (${list(left)})`
            : `write ${b.op} ${b.matching?.clause ?? 'on'} (${(b.matching?.labels ?? sorted(left)).join(', ')}) ${extraLeft.length > 0 ? 'group_left' : 'group_right'}, or aggregate ${many} to the matching labels`;
        report({
          severity: 'warning', // only fails when a match really has several series on the "many" side
          message: `${ownerName(e)}: "${b.op}" matches ${clauseText(b)}, but ${many} also ${many === 'both sides' ? 'carry' : 'carries'} ${list(new Set([...extraLeft, ...extraRight]))}: as soon as two of ${many === 'both sides' ? 'their' : 'its'} series share one match, Prometheus fails the evaluation (group_left/group_right must say which side is "many")`,
          hint: fix,
          ...at(e, b.opFrom, b.opTo),
        });
      }
    }
  },
};
