import type { AnalyzedExpression, Check, Finding } from './check.js';
import { at, emptyEffect, hasVariable, ownerName } from './check.js';
import { expressionsOf, flatRoot, operatorAfter, unwrapped } from '../promql/parse.js';
import { NODE_SIZE, type FlatTree } from '../promql/flat-tree.js';
import { numberLiteral } from '../promql/literal.js';
import { canonicalSubtree } from '../promql/canonical.js';

/** A comparison's operator node name, as the comparison reads with the expression on the left. */
const COMPARISON: Record<string, string> = { Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=', Eql: '==', Neq: '!=' };
/** `5 < x` read as `x > 5`. */
const MIRRORED: Record<string, string> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };

/** A filter `subject op constant` (either order), as written in the analysed text. */
interface Condition {
  /** The subject's syntax tree as one string (src/promql/canonical.ts): equal for the same expression however spaced. */
  subject: string;
  /** The subject as the user wrote it (Grafana variables as written). */
  shown: string;
  /** The subject's span: its series names are looked up there. */
  from: number;
  to: number;
  op: string;
  constant: number;
  /** The comparison as written, for the message (`> 5`, `5 <`). */
  written: string;
}

/** The values a set of conditions on one subject leaves: an interval, with the single values `!=` removes. */
interface Interval {
  min: number;
  minOpen: boolean;
  max: number;
  maxOpen: boolean;
  excluded: number[];
}

const EVERY_VALUE: Interval = { min: -Infinity, minOpen: false, max: Infinity, maxOpen: false, excluded: [] };

function narrowed(i: Interval, op: string, c: number): Interval {
  switch (op) {
    case '>':
      return c > i.min || (c === i.min && !i.minOpen) ? { ...i, min: c, minOpen: true } : i;
    case '>=':
      return c > i.min ? { ...i, min: c, minOpen: false } : i;
    case '<':
      return c < i.max || (c === i.max && !i.maxOpen) ? { ...i, max: c, maxOpen: true } : i;
    case '<=':
      return c < i.max ? { ...i, max: c, maxOpen: false } : i;
    case '==':
      return narrowed(narrowed(i, '>=', c), '<=', c);
    default:
      return { ...i, excluded: [...i.excluded, c] };
  }
}

function isEmpty(i: Interval): boolean {
  if (i.min > i.max) return true;
  if (i.min === i.max) return i.minOpen || i.maxOpen || i.excluded.includes(i.min);
  return false;
}

/** Whether every value `inner` leaves is one `outer` leaves too. */
function within(inner: Interval, outer: Interval): boolean {
  if (isEmpty(inner)) return true;
  const aboveMin = inner.min > outer.min || (inner.min === outer.min && (inner.minOpen || !outer.minOpen));
  const belowMax = inner.max < outer.max || (inner.max === outer.max && (inner.maxOpen || !outer.maxOpen));
  // A value `outer` excludes is one `inner` leaves out too.
  const leftOut = (x: number) =>
    inner.excluded.includes(x) || x < inner.min || x > inner.max || (x === inner.min && inner.minOpen) || (x === inner.max && inner.maxOpen);
  return aboveMin && belowMax && outer.excluded.every(leftOut);
}

/** The binary operator's name (`And`, `Gtr`, …) of a BinaryExpr node, or ''. */
function operatorOf(tree: FlatTree, node: number): string {
  if (tree.name(node) !== 'BinaryExpr') return '';
  const [lhs = -1] = expressionsOf(tree, node);
  const op = operatorAfter(tree, lhs, tree.endOf(node));
  return op < 0 ? '' : tree.name(op);
}

/** `x > 5` or `5 < x` without `bool`: the condition it filters by, else undefined. */
function conditionAt(e: AnalyzedExpression, tree: FlatTree, node: number): Condition | undefined {
  if (tree.name(node) !== 'BinaryExpr' || tree.child(node, 'BoolModifier') >= 0 || tree.child(node, 'MatchingModifierClause') >= 0) return undefined;
  const [lhs = -1, rhs = -1] = expressionsOf(tree, node);
  const opNode = operatorAfter(tree, lhs, tree.endOf(node));
  const op = opNode < 0 ? undefined : COMPARISON[tree.name(opNode)];
  if (!op) return undefined;
  const left = numberLiteral(e.text, tree, lhs);
  const right = numberLiteral(e.text, tree, rhs);
  if ((left === undefined) === (right === undefined)) return undefined;
  const constant = (left ?? right)!;
  const constantNode = left !== undefined ? lhs : rhs;
  // A Grafana variable's stand-in is no threshold the panel shows (`> $low`).
  if (hasVariable(e, tree.from(constantNode), tree.to(constantNode))) return undefined;
  // NaN is promql/impossible-threshold's: every comparison with it but `!=` is empty on its own.
  if (Number.isNaN(constant)) return undefined;
  const subject = left !== undefined ? rhs : lhs;
  const operator = left !== undefined ? MIRRORED[op]! : op;
  // As the user wrote it (a panel's Grafana variables, not their stand-ins).
  const asWritten = e.toExpr ?? ((offset: number) => offset);
  return {
    subject: canonicalSubtree(e.text, tree, subject),
    shown: e.expr.slice(asWritten(tree.from(subject)), asWritten(tree.to(subject))),
    from: tree.from(subject),
    to: tree.to(subject),
    op: operator,
    constant,
    // As written: `> 5`, or `5 <` when the number comes first.
    written: (left !== undefined ? e.text.slice(tree.from(lhs), tree.to(opNode)) : e.text.slice(tree.from(opNode), tree.to(rhs))).replace(/\s+/g, ' '),
  };
}

/**
 * The filters of a chain of `and`s matched on every label (no `on`/`ignoring`), parentheses read
 * through, into `into`. A part that is no such filter (`up`, `a or b`) only removes more series: it
 * is passed over.
 */
function andChain(e: AnalyzedExpression, tree: FlatTree, node: number, into: Condition[]): void {
  const n = unwrapped(tree, node);
  if (n < 0) return;
  if (operatorOf(tree, n) === 'And' && tree.child(n, 'MatchingModifierClause') < 0) {
    const [lhs = -1, rhs = -1] = expressionsOf(tree, n);
    andChain(e, tree, lhs, into);
    andChain(e, tree, rhs, into);
    return;
  }
  const condition = conditionAt(e, tree, n);
  if (condition) into.push(condition);
}

/**
 * The filters of an `and` chain (matched on every label, parentheses read through) whose every part
 * is such a filter: what a series must pass to be kept by it. Undefined when a part is anything else
 * (`up == 1`, `a unless b`): the chain then removes series by more than their values.
 */
function strictAndChain(e: AnalyzedExpression, tree: FlatTree, node: number): Condition[] | undefined {
  const n = unwrapped(tree, node);
  if (n < 0) return undefined;
  if (operatorOf(tree, n) === 'And' && tree.child(n, 'MatchingModifierClause') < 0) {
    const [lhs = -1, rhs = -1] = expressionsOf(tree, n);
    const left = strictAndChain(e, tree, lhs);
    const right = left && strictAndChain(e, tree, rhs);
    return left && right && [...left, ...right];
  }
  const condition = conditionAt(e, tree, n);
  return condition && [condition];
}

/** The parts of a chain of `or`s matched on every label (no `on`/`ignoring`), parentheses read through, into `into`. */
function orChain(tree: FlatTree, node: number, into: number[]): void {
  const n = unwrapped(tree, node);
  if (n >= 0 && operatorOf(tree, n) === 'Or' && tree.child(n, 'MatchingModifierClause') < 0) {
    const [lhs = -1, rhs = -1] = expressionsOf(tree, n);
    orChain(tree, lhs, into);
    orChain(tree, rhs, into);
    return;
  }
  into.push(n);
}

/** Whether `v` (a number or an infinity) passes every condition of the interval. */
function holdsAt(i: Interval, v: number): boolean {
  if (v < i.min || v > i.max || (v === i.min && i.minOpen) || (v === i.max && i.maxOpen)) return false;
  return !i.excluded.includes(v);
}

/**
 * Whether every number, ±Inf included, passes one of the intervals: each bound and excluded value
 * of any of them, and a value between each two next to each other, is tried (between two of them
 * the intervals hold alike).
 */
function coversEveryNumber(intervals: readonly Interval[]): boolean {
  const points = [...new Set([-Infinity, Infinity, ...intervals.flatMap((i) => [i.min, i.max, ...i.excluded])])].sort((a, b) => a - b);
  const between = (a: number, b: number) => (a === -Infinity ? (b === Infinity ? 0 : b - Math.abs(b) - 1) : b === Infinity ? a + Math.abs(a) + 1 : a + (b - a) / 2);
  const tried = points.flatMap((p, k) => (k + 1 < points.length ? [p, between(p, points[k + 1]!)] : [p]));
  return tried.every((v) => intervals.some((i) => holdsAt(i, v)));
}

/**
 * Whether the series of a subject have label sets of their own: every selector in it names one
 * metric (not `{job="a"}`, not `{__name__=~"a|b"}`), so that two of its series never differ by
 * their name alone, and `and`/`unless` pair each series with itself.
 */
function ownLabelSets(e: AnalyzedExpression, c: Condition): boolean {
  const inside = e.analysis.selectors.filter((s) => s.from >= c.from && s.to <= c.to);
  return inside.every((s) => s.name !== undefined && !s.matchers.some((m) => m.label === '__name__' && m.op !== '='));
}

/** The subjects the conditions are on, each with its conditions (one subject per group of equal expressions). */
function bySubject(e: AnalyzedExpression, conditions: readonly Condition[]): Condition[][] {
  const groups: Condition[][] = [];
  for (const c of conditions) {
    if (!ownLabelSets(e, c)) continue;
    const group = groups.find((g) => g[0]!.subject === c.subject);
    if (group) group.push(c);
    else groups.push([c]);
  }
  return groups;
}

const intervalOf = (conditions: readonly Condition[]): Interval => conditions.reduce((i, c) => narrowed(i, c.op, c.constant), EVERY_VALUE);

const quoted = (conditions: readonly Condition[]) => conditions.map((c) => `"${c.written}"`).join(', ');
const subjectWords = (c: Condition) => (c.shown.trim().length <= 80 ? c.shown.trim().replace(/\s+/g, ' ') : 'the same expression');

/**
 * Filters joined by `and` (matched on every label) that no value passes together: `x > 5 and x < 3`,
 * `x == 1 and x == 2`; and an `unless` that removes every series its left-hand side keeps:
 * `x > 5 unless x > 3`; and filters joined by `or` that every number passes, `x > 5 or x <= 5`
 * (judgeOr). Each filter compares an expression with a number; the expressions are the same (the
 * same syntax tree) and pair each series with itself (every selector names its metric). Left
 * alone: `on (…)`/`ignoring (…)` (a series meets other series), `bool`, an `or` with a part that is
 * no such filter, comparisons with NaN (promql/impossible-threshold's), Grafana variables as
 * thresholds, and conditions on different expressions.
 */
export const promqlContradictoryFilters: Check = {
  id: 'promql/contradictory-filters',
  severity: 'error',
  description:
    'Filters joined by `and` can hold together (`x > 5 and x < 3` never does), `a unless b` does not remove all that `a` keeps (`x > 5 unless x > 3`), and filters joined by `or` leave some value out (`x > 5 or x <= 5` keeps every value but NaN).',
  run({ expressions }, report) {
    for (const e of expressions) {
      if (e.analysis.parsed.errors.length > 0 || e.analysis.typeErrors.length > 0) continue;
      if (!e.analysis.binaries.some((b) => b.op === 'and' || b.op === 'unless' || b.op === 'or') || e.analysis.comparisons.length < 2) continue;
      const flat = flatRoot(e.analysis.parsed);
      if (!flat) continue;
      const { tree, root } = flat;
      // The whole expression, parentheses around it read through.
      const top = unwrapped(tree, root);
      const whole = (node: number) => node === top;
      for (let node = root, end = tree.endOf(root); node < end; node += NODE_SIZE) {
        const op = operatorOf(tree, node);
        if ((op !== 'And' && op !== 'Unless' && op !== 'Or') || tree.child(node, 'MatchingModifierClause') >= 0) continue;
        if (op === 'Or') {
          // The whole chain once: from its outermost `or`.
          if (!insidePlain(tree, root, node, 'Or')) judgeOr(e, tree, node, whole(node), report);
          continue;
        }
        if (op === 'And') {
          // The whole chain once: from its outermost `and` (one whose parent, through parentheses, is no plain `and`).
          if (insidePlain(tree, root, node, 'And')) continue;
          const conditions: Condition[] = [];
          andChain(e, tree, node, conditions);
          for (const group of bySubject(e, conditions)) {
            if (group.length < 2 || !isEmpty(intervalOf(group))) continue;
            report({
              message: `${ownerName(e)}: the filters ${quoted(group)} on ${subjectWords(group[0]!)} never hold together (joined by \`and\`), so ${emptyEffect(e, whole(node))}`,
              hint: 'fix the thresholds (a range is written `x > low and x < high`), or join the filters with `or` if either should do',
              ...at(e, tree.from(node), tree.to(node)),
            });
          }
          continue;
        }
        const [lhs = -1, rhs = -1] = expressionsOf(tree, node);
        const kept: Condition[] = [];
        andChain(e, tree, lhs, kept);
        const removed: Condition[] = [];
        andChain(e, tree, rhs, removed);
        // Every condition `unless` removes by must be on the expression the left-hand side filters.
        const removedGroups = bySubject(e, removed);
        if (removedGroups.length !== 1 || removedGroups[0]!.length !== removed.length) continue;
        const [removing] = removedGroups;
        const keeping = bySubject(e, kept).find((g) => g[0]!.subject === removing![0]!.subject);
        if (!keeping || !within(intervalOf(keeping), intervalOf(removing!))) continue;
        report({
          message: `${ownerName(e)}: \`unless\` removes every series its left-hand side keeps: each value of ${subjectWords(keeping[0]!)} that passes ${quoted(keeping)} passes ${quoted(removing!)} too, so ${emptyEffect(e, whole(node))}`,
          hint: 'fix the thresholds, or drop the `unless` if nothing is to be removed',
          ...at(e, tree.from(node), tree.to(node)),
        });
      }
    }
  },
};

/** Whether `node`'s parent, through parentheses, is an `and` (an `or`) without `on`/`ignoring`. */
function insidePlain(tree: FlatTree, root: number, node: number, op: 'And' | 'Or'): boolean {
  let parent = tree.parentOf(root, node);
  while (parent >= 0 && tree.name(parent) === 'ParenExpr') parent = tree.parentOf(root, parent);
  return parent >= 0 && operatorOf(tree, parent) === op && tree.child(parent, 'MatchingModifierClause') < 0;
}

/**
 * A chain of `or`s whose every part filters one expression (a filter, or filters joined by `and`)
 * and that every number passes: `x > 5 or x <= 5`. `or` keeps the series of its left-hand side and
 * adds those of the right-hand side whose labels it lacks, so each series of the expression is kept
 * when its value passes a part: every series is, but those whose value is NaN, which fails every
 * comparison but `!=` (a part made of `!=` alone keeps NaN too). An alert on the whole chain fires for
 * every series (error); elsewhere the filters only drop NaN values, or nothing (warning). Left alone:
 * a part that is no such filter (`up == 0`, `x > 5 and up == 1`: it keeps or adds other series), parts
 * on different expressions, `on`/`ignoring`, `bool`, Grafana variables as thresholds.
 */
function judgeOr(e: AnalyzedExpression, tree: FlatTree, node: number, whole: boolean, report: (finding: Finding) => void): void {
  const parts: number[] = [];
  orChain(tree, node, parts);
  const filters = parts.map((p) => strictAndChain(e, tree, p));
  if (filters.some((f) => f === undefined)) return;
  const all = filters.flat() as Condition[];
  const groups = bySubject(e, all);
  if (groups.length !== 1 || groups[0]!.length !== all.length) return;
  if (!coversEveryNumber(filters.map((f) => intervalOf(f!)))) return;
  const keepsNaN = filters.some((f) => f!.every((c) => c.op === '!='));
  const alertOnIt = e.context === 'alert' && whole;
  const effect = alertOnIt
    ? keepsNaN ? 'the alert fires whenever the series exist' : 'the alert fires whenever the series exist and are not NaN'
    : whole
      ? keepsNaN ? 'they filter nothing out' : 'they only drop the NaN values'
      : keepsNaN ? 'that part of the expression filters nothing out' : 'that part of the expression only drops the NaN values';
  report({
    severity: alertOnIt ? 'error' : 'warning',
    message: `${ownerName(e)}: the filters ${quoted(all)} on ${subjectWords(all[0]!)} joined by \`or\` keep every value${keepsNaN ? ', NaN included,' : ' but NaN,'} so ${effect}`,
    hint: 'a band is written `x > low and x < high`; to keep every value but NaN on purpose write x == x; otherwise fix the thresholds',
    ...at(e, tree.from(node), tree.to(node)),
  });
}
