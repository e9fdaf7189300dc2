import { argumentsOf, EXPRESSION_NODES, firstExpressionOf, flatRoot, operatorAfter, parsePromql, unquote, type ParsedExpr, type SyntaxProblem } from './parse.js';
import type { FlatTree } from './flat-tree.js';
import { durationMs } from '../duration.js';
import { finiteNames } from './finite-regex.js';
import { analyzeGuarded } from './guarded.js';
import { SCALAR, STRING, UNKNOWN_VECTOR as UNKNOWN, UNSHARED, type AnalysisValues } from './shared.js';
import type { MatchOp, MatchValue } from '../api/selector.js';

export { Shared, UNSHARED, type AnalysisValues } from './shared.js';

/**
 * One walk over a parsed expression that records what the checks need: selectors with their
 * matchers, ranges and enclosing functions; grouping labels (by/without/on/ignoring/group_*) with
 * the labels available at that point; function calls with their arguments' labels; and the labels
 * of the result. Label sets come from the catalogue through `lookup`; where a label set cannot be
 * known (unknown metric, regex on __name__), it is marked inexact and checks stay quiet.
 */

export interface MatcherRef extends MatchValue {
  label: string;
  from: number;
  to: number;
}

export interface SelectorRef {
  /** Series name (from the identifier or an `__name__="…"` matcher). */
  name?: string;
  matchers: MatcherRef[];
  from: number;
  to: number;
  /** Range of a matrix selector, as written and in ms. */
  range?: string;
  rangeMs?: number;
  /** Enclosing functions and aggregations, innermost first, e.g. ['rate', 'sum']. */
  enclosing: string[];
}

export type GroupingClause = 'by' | 'without' | 'on' | 'ignoring' | 'group_left' | 'group_right';

export interface GroupingRef {
  label: string;
  clause: GroupingClause;
  from: number;
  to: number;
  /** Labels of the input(s) where the clause applies; undefined when not known exactly. */
  available?: ReadonlySet<string>;
}

export interface CallRef {
  name: string;
  from: number;
  to: number;
  /** Label info of each argument. */
  args: LabelInfo[];
  /**
   * The node names of its arguments (`MatrixSelector`, `SubqueryExpr`, …), as `argNodes` would give
   * them: what most checks ask of an argument, without finding its node again.
   */
  readonly argKinds: readonly string[];
  /**
   * The argument expressions, as nodes of the call's parse walked as numbers (flat-tree.ts): found
   * again when asked (most checks never do). Undefined only where the call is not in that parse.
   */
  readonly argNodes: CallArguments | undefined;
}

/** A call's argument expressions as nodes of a flat tree. */
export interface CallArguments {
  tree: FlatTree;
  nodes: number[];
}

/** A call's argument `index` as a node of its parse walked as numbers, with that tree; undefined when it has none. */
export function callArgument(call: CallRef, index: number): { tree: FlatTree; node: number } | undefined {
  const args = call.argNodes;
  const node = args?.nodes[index];
  return args && node !== undefined ? { tree: args.tree, node } : undefined;
}

/**
 * A call as the walk records it: its arguments' nodes found again in its expression's parse when a
 * check asks (what a call keeps lives as long as the analyses: its parse is kept anyway).
 */
class RecordedCall implements CallRef {
  constructor(
    readonly name: string,
    readonly from: number,
    readonly to: number,
    readonly args: LabelInfo[],
    readonly argKinds: readonly string[],
    private readonly parsed: ParsedExpr,
  ) {}

  get argNodes(): CallArguments | undefined {
    const flat = flatRoot(this.parsed);
    if (!flat) return undefined;
    const { tree, root } = flat;
    const node = tree.find(root, 'FunctionCall', this.from, this.to);
    return node < 0 ? undefined : { tree, nodes: argumentsOf(tree, node) };
  }
}

/** A binary operation between two expressions, with what vector matching needs. */
export interface BinaryRef {
  /** The operator as PromQL writes it: `/`, `>`, `and`, … */
  op: string;
  from: number;
  to: number;
  /** Span of the operator token (where findings about the matching point). */
  opFrom: number;
  opTo: number;
  lhs: LabelInfo;
  rhs: LabelInfo;
  /** `on (…)` or `ignoring (…)`, when written. */
  matching?: { clause: 'on' | 'ignoring'; labels: string[] };
  /** `group_left` / `group_right`, when written. */
  group?: 'left' | 'right';
  /** The labels `group_left (…)` / `group_right (…)` take from the "one" side, when written. */
  included?: string[];
  /** and / or / unless. */
  set: boolean;
  comparison: boolean;
  bool: boolean;
}

export type LabelInfo =
  | { kind: 'scalar'; labels: undefined; exact: undefined; pinned: undefined; bounded: undefined }
  | { kind: 'string'; labels: undefined; exact: undefined; pinned: undefined; bounded: undefined }
  | {
      kind: 'vector';
      labels: ReadonlySet<string>;
      exact: boolean;
      /** Labels fixed to one value (`x{store="a"}`): they never tell two series apart. */
      pinned?: ReadonlySet<string>;
      /**
       * No series carries a label outside `labels` (true where `exact` is): the union of the labels
       * of several metrics (`{__name__=~"a|b"}`), where a series of one may lack a label of another.
       * What "no series has x" needs; not what "every series has x" does.
       */
      bounded: boolean;
    };

export interface SeriesLookup {
  /** Labels a series carries (target labels and `le`/`quantile` included), or undefined if unknown. */
  (seriesName: string): readonly string[] | undefined;
}

export interface Analysis {
  parsed: ParsedExpr;
  selectors: SelectorRef[];
  groupings: GroupingRef[];
  calls: CallRef[];
  /** Binary operations, innermost first. */
  binaries: BinaryRef[];
  /** Comparison operators used (>, ==, …) with and without `bool`. */
  comparisons: Array<{ op: string; bool: boolean; from: number; to: number }>;
  /** Whether the expression filters (returns nothing when the condition is false). */
  filters: boolean;
  result: LabelInfo;
  /**
   * Type errors Prometheus's parser refuses the expression for and lezer's grammar lets through: a
   * range vector as an operand, a comparison of two scalars without `bool`, a set operator on a
   * scalar, a range on something else than a selector.
   */
  typeErrors: SyntaxProblem[];
}

const COMPARISON_OPS: Record<string, string> = { Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=' };
const SET_OPS = new Set(['And', 'Or', 'Unless']);
const OPERATOR_TEXT: Record<string, string> = {
  ...COMPARISON_OPS, Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^', Atan2: 'atan2', And: 'and', Or: 'or', Unless: 'unless',
};
const MATCH_OPS: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };
/** Aggregations that keep the input's labels and only select series. */
const SELECTING_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
/** Aggregations whose first argument is a parameter. */
const PARAM_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio', 'quantile', 'count_values']);
/** Functions that return a vector with no labels, or a scalar. */
const NO_LABEL_FUNCTIONS = new Set(['vector', 'time', 'pi']);
const SCALAR_FUNCTIONS = new Set(['scalar', 'time', 'pi']);

const NOTHING_PINNED: ReadonlySet<string> = new Set();

const pinnedOf = (info: LabelInfo): ReadonlySet<string> => (info.kind === 'vector' && info.pinned) || NOTHING_PINNED;

/**
 * What the checks need to know about an expression (any expression Prometheus accepts: see guarded.ts).
 * `shared` makes the values it keeps: a `Shared` holds equal label sets, names and lists once for
 * many analyses (buildCheckContext passes one for all of a run's expressions); by default every
 * value is the analysis's own.
 */
export function analyzePromql(text: string, lookup: SeriesLookup, parsed: ParsedExpr = parsePromql(text), shared: AnalysisValues = UNSHARED): Analysis {
  return analyzeGuarded(text, lookup, parsed, (t, l, p) => analyzeTree(t, l, p, shared));
}

/** One walk's input and what it has found so far (the Analysis being built, in order of discovery). */
interface Walk {
  text: string;
  parsed: ParsedExpr;
  /** The parse's nodes, as numbers (flat-tree.ts): the walk's nodes are indexes into it. */
  tree: FlatTree;
  lookup: SeriesLookup;
  shared: AnalysisValues;
  selectors: SelectorRef[];
  groupings: GroupingRef[];
  calls: CallRef[];
  binaries: BinaryRef[];
  comparisons: Analysis['comparisons'];
  typeErrors: SyntaxProblem[];
  /** Whether the expression labelsOf last returned for filters (see `filters` on Analysis): read right after each call. */
  filters: boolean;
}

/** No node (what FlatTree's look-ups return when there is none). */
const NONE = -1;

/** The text of a node. */
function textOf(walk: Walk, node: number): string {
  return walk.text.slice(walk.tree.from(node), walk.tree.to(node));
}

function analyzeTree(text: string, lookup: SeriesLookup, parsed: ParsedExpr, shared: AnalysisValues): Analysis {
  const flat = flatRoot(parsed);
  if (!flat) return { parsed, selectors: [], groupings: [], calls: [], binaries: [], comparisons: [], filters: false, result: UNKNOWN, typeErrors: NO_PROBLEMS };
  const walk: Walk = { text, parsed, tree: flat.tree, lookup, shared, selectors: [], groupings: [], calls: [], binaries: [], comparisons: [], typeErrors: [], filters: false };
  const result = labelsOf(walk, flat.root, []);
  // The walk tells whether the expression filters as it goes (one walk, not a second over the tree).
  const filters = walk.filters;
  // Copies as long as their contents: a list grown by push keeps room for a dozen more entries.
  const { selectors, groupings, calls, binaries, comparisons, typeErrors } = walk;
  return {
    parsed,
    selectors: selectors.slice(),
    groupings: groupings.slice(),
    calls: calls.slice(),
    binaries: binaries.slice(),
    comparisons: comparisons.slice(),
    filters,
    result,
    typeErrors: typeErrors.length === 0 ? NO_PROBLEMS : typeErrors.slice(),
  };
}

/** The one empty list of type errors (nearly every expression has none). */
const NO_PROBLEMS: SyntaxProblem[] = [];

/** A range vector, also with `offset`, `@` or parentheses around it: `x[5m] offset 1h`, `(x[5m])`, a subquery. */
export function isRangeVectorNode(tree: FlatTree, node: number): boolean {
  if (node < 0) return false;
  const name = tree.name(node);
  if (name === 'MatrixSelector' || name === 'SubqueryExpr') return true;
  if (name === 'ParenExpr' || name === 'OffsetExpr' || name === 'StepInvariantExpr') return isRangeVectorNode(tree, firstExpressionOf(tree, node));
  return false;
}

/** The right-most operand of a chain of binary operations (`c` in `a > b and c`). */
function lastOperand(tree: FlatTree, node: number): number {
  let operand = node;
  while (tree.name(operand) === 'BinaryExpr') {
    let last = NONE;
    const end = tree.endOf(operand);
    for (let c = tree.firstChild(operand); c >= 0; c = tree.next(c, end)) if (EXPRESSION_NODES.has(tree.name(c))) last = c;
    if (last === NONE) break;
    operand = last;
  }
  return operand;
}

/**
 * The labels of an expression's result, recording on the way every selector, grouping, call and
 * binary operation in it; `walk.filters` says on return whether it filters (returns nothing when a
 * condition is false: a comparison without `bool`, `and`, `unless`, `absent`, …, or an argument or
 * operand that does).
 */
function labelsOf(walk: Walk, node: number, enclosing: string[]): LabelInfo {
  switch (walk.tree.name(node)) {
    case 'VectorSelector':
    case 'MatrixSelector':
      return selectorAt(walk, node, enclosing);
    case 'AggregateExpr':
      return aggregationLabels(walk, node, enclosing);
    case 'FunctionCall':
      return callLabels(walk, node, enclosing);
    case 'BinaryExpr':
      return binaryLabels(walk, node, enclosing);
    case 'NumberDurationLiteral':
      walk.filters = false;
      return SCALAR;
    case 'StringLiteral':
      walk.filters = false;
      return STRING;
    default: {
      // ParenExpr, UnaryExpr, OffsetExpr, SubqueryExpr, StepInvariantExpr, …: the inner expression.
      const inner = firstExpressionOf(walk.tree, node);
      if (inner !== NONE) return labelsOf(walk, inner, enclosing);
      walk.filters = false;
      return UNKNOWN;
    }
  }
}

/**
 * A selector, instant (`x`) or with a range (`x[5m]`). Both reach selectorLabels through its one
 * call here: a large project's rules (which come first) select with a range, so code optimised on
 * them had never seen an instant selector's call, and was thrown away at the first panel's.
 */
function selectorAt(walk: Walk, node: number, enclosing: string[]): LabelInfo {
  const { tree } = walk;
  let selector = node;
  let range = NONE;
  if (tree.name(node) === 'MatrixSelector') {
    selector = firstExpressionOf(tree, node);
    range = tree.child(node, 'DurationExpr');
    if (selector !== NONE && tree.name(selector) !== 'VectorSelector') rangeOnExpression(walk, node, selector);
  }
  const labels =
    selector === NONE ? UNKNOWN : tree.name(selector) === 'VectorSelector' ? selectorLabels(walk, selector, enclosing, range) : labelsOf(walk, selector, enclosing);
  walk.filters = false;
  return labels;
}

/**
 * `(…)[5m]`, `sum(x)[5m]`: Prometheus allows a range only on a selector (a subquery, `[5m:]`, takes
 * any expression). Lezer reads `x > 1 and y[5m]` as `(x > 1 and y)[5m]`; Prometheus as an `and` of a
 * range vector `y[5m]`, which a binary operation refuses.
 */
function rangeOnExpression(walk: Walk, matrix: number, inner: number): void {
  const { tree } = walk;
  const operand = tree.name(inner) === 'BinaryExpr' ? lastOperand(tree, inner) : NONE;
  if (operand !== NONE && tree.name(operand) === 'VectorSelector') {
    const written = walk.text.slice(tree.from(operand), tree.to(matrix));
    walk.typeErrors.push({ from: tree.from(operand), to: tree.to(matrix), message: `binary expression must contain only scalar and instant vector types: ${written} is a range vector` });
    return;
  }
  walk.typeErrors.push({ from: tree.from(matrix), to: tree.to(matrix), message: `ranges only allowed for vector selectors: ${textOf(walk, matrix)}` });
}

/** The labels a `by`/`without`/`on`/`ignoring`/`group_*` clause names, each recorded with the labels available there. */
function groupingLabels(walk: Walk, grouping: number, clause: GroupingClause, available: LabelInfo): string[] {
  const labels: string[] = [];
  if (grouping === NONE) return labels;
  const { tree } = walk;
  const end = tree.endOf(grouping);
  for (let l = tree.firstChild(grouping); l >= 0; l = tree.next(l, end)) {
    const name = tree.name(l);
    if (name !== 'LabelName' && name !== 'QuotedLabelName') continue;
    const label = walk.shared.text(name === 'QuotedLabelName' ? unquote(textOf(walk, l)) : textOf(walk, l));
    labels.push(label);
    // Written whole, `available` undefined when the labels there are not known exactly: one hidden
    // class, and no field added later (each takes a block of its own): see selectorRef.
    walk.groupings.push({ label, clause, from: tree.from(l), to: tree.to(l), available: available.kind === 'vector' && available.bounded ? available.labels : undefined });
  }
  return labels;
}

/** The matchers of a selector, as written. */
function matchersOf(walk: Walk, list: number): MatcherRef[] {
  const { tree, shared } = walk;
  const matchers: MatcherRef[] = [];
  if (list === NONE) return matchers;
  const end = tree.endOf(list);
  for (let m = tree.firstChild(list); m >= 0; m = tree.next(m, end)) {
    const kind = tree.name(m);
    if (kind !== 'UnquotedLabelMatcher' && kind !== 'QuotedLabelMatcher') continue;
    // The first of each kind among the matcher's children, in one pass over them.
    let labelNode = NONE;
    let quotedNode = NONE;
    let matchOp = NONE;
    let valueNode = NONE;
    const matcherEnd = tree.endOf(m);
    for (let c = tree.firstChild(m); c >= 0; c = tree.next(c, matcherEnd)) {
      const name = tree.name(c);
      if (name === 'LabelName') labelNode = labelNode === NONE ? c : labelNode;
      else if (name === 'QuotedLabelName') quotedNode = quotedNode === NONE ? c : quotedNode;
      else if (name === 'MatchOp') matchOp = matchOp === NONE ? c : matchOp;
      else if (name === 'StringLiteral') valueNode = valueNode === NONE ? c : valueNode;
    }
    if (labelNode === NONE) labelNode = quotedNode;
    const opNode = matchOp === NONE ? NONE : tree.firstChild(matchOp);
    if (labelNode === NONE || opNode === NONE || valueNode === NONE) continue;
    const label = shared.text(tree.name(labelNode) === 'QuotedLabelName' ? unquote(textOf(walk, labelNode)) : textOf(walk, labelNode));
    matchers.push({ label, op: MATCH_OPS[tree.name(opNode)] ?? '=', value: shared.text(unquote(textOf(walk, valueNode))), from: tree.from(m), to: tree.to(m) });
  }
  return matchers.slice();
}

/** A selector's series (from the catalogue through `lookup`), recorded with its matchers and range. */
function selectorLabels(walk: Walk, node: number, enclosing: string[], range: number): LabelInfo {
  const { tree } = walk;
  const identifier = tree.child(node, 'Identifier');
  const matchers = matchersOf(walk, tree.child(node, 'LabelMatchers'));
  const nameMatcher = matchers.find((m) => m.label === '__name__' && m.op === '=');
  const name = identifier !== NONE ? walk.shared.text(textOf(walk, identifier)) : nameMatcher?.value;
  walk.selectors.push(selectorRef(matchers, tree.from(node), tree.to(node), enclosing, name, range === NONE ? undefined : walk.shared.text(textOf(walk, range))));
  const labels = name !== undefined ? walk.lookup(name) : undefined;
  // `x="v"` pins x to one value; so do `x=""` and `x!~".+"` (the series without x, all alike in x).
  const pinned = matchers.filter((m) => m.label !== '__name__' && (m.op === '=' || (m.op === '!~' && m.value === '.+'))).map((m) => m.label);
  if (labels) return walk.shared.series(labels, pinned);
  return name === undefined ? regexNamedLabels(walk, matchers, pinned) : UNKNOWN;
}

/**
 * `{__name__=~"a|b"}`: the union of the labels of the series its regex lists, bounded (a series of
 * `a` may lack a label of `b`). Unknown when the regex may match other names (`a_.*`) or lists a
 * name the lookup does not know.
 */
function regexNamedLabels(walk: Walk, matchers: MatcherRef[], pinned: string[]): LabelInfo {
  if (!matchers.some((m) => m.label === '__name__' && m.op === '=~')) return UNKNOWN;
  const listed = finiteNames(matchers);
  if (!listed) return UNKNOWN;
  const union = new Set<string>();
  for (const name of listed.names) {
    const labels = walk.lookup(name);
    if (!labels) return UNKNOWN;
    for (const l of labels) union.add(l);
  }
  return walk.shared.vector([...union].sort(), false, pinned, true);
}

/**
 * A selector's record: every one with all its fields, in this order (`name`, `range`, `rangeMs`
 * undefined where there is none), written whole (a field added to an object after it is made takes
 * a block of its own: ~40 bytes for each of a large project's ~20,000 selectors). One hidden class
 * for them all: the checks loop over the selectors of every expression, and with one class per set
 * of fields V8 threw away the optimised loop of each check that reads them at the first instant
 * selector after many range ones (a dashboard's, after the rules), and compiled it again.
 */
function selectorRef(matchers: MatcherRef[], from: number, to: number, enclosing: string[], name: string | undefined, range: string | undefined): SelectorRef {
  const rangeMs = range === undefined ? undefined : durationMs(range);
  return { matchers, from, to, enclosing, name, range, rangeMs };
}

/**
 * The labels of each argument, in order; `walk.filters` says on return whether any argument filters.
 * A loop, not `map`: the lists it made had one hidden class when full and another when empty.
 */
function argumentLabels(walk: Walk, nodes: readonly number[], enclosing: string[]): LabelInfo[] {
  const infos: LabelInfo[] = [];
  let filters = false;
  for (const node of nodes) {
    infos.push(labelsOf(walk, node, enclosing));
    filters ||= walk.filters;
  }
  walk.filters = filters;
  return infos;
}

/** `sum by (…)`, `topk(…)`, `count_values(…)`, …: what the grouping keeps. */
function aggregationLabels(walk: Walk, node: number, enclosing: string[]): LabelInfo {
  const { tree } = walk;
  const opNode = tree.child(node, 'AggregateOp');
  const op = textOf(walk, opNode === NONE ? node : opNode).trim();
  const args = argumentsOf(tree, node);
  const infos = argumentLabels(walk, args, walk.shared.within(op, enclosing));
  const filters = walk.filters;
  const input = (PARAM_AGGREGATIONS.has(op) ? infos[1] : infos[0]) ?? UNKNOWN;
  const modifier = tree.child(node, 'AggregateModifier');
  const without = modifier !== NONE && tree.child(modifier, 'Without') !== NONE;
  const grouping = modifier === NONE ? NONE : tree.child(modifier, 'GroupingLabels');
  const exact = input.kind === 'vector' && input.exact;
  const bounded = input.kind === 'vector' && input.bounded;
  let result: LabelInfo;
  if (SELECTING_AGGREGATIONS.has(op)) {
    if (modifier !== NONE) groupingLabels(walk, grouping, without ? 'without' : 'by', input);
    result = input;
  } else if (modifier !== NONE && without) {
    const dropped = new Set(groupingLabels(walk, grouping, 'without', input));
    const kept = input.kind === 'vector' ? [...input.labels].filter((l) => !dropped.has(l)) : [];
    result = walk.shared.vector(kept, exact, pinnedOf(input), bounded);
  } else if (modifier !== NONE) {
    const by = groupingLabels(walk, grouping, 'by', input);
    // Only the `by` labels can be left, whatever the input (a metric outside the catalogue, a
    // selector without a name): bounded by them, and by the input's own when it is bounded too.
    // `by (__name__)` keeps the metric name, which no catalogue label set lists.
    result = walk.shared.vector(bounded && input.kind === 'vector' ? by.filter((l) => l === '__name__' || input.labels.has(l)) : by, exact, pinnedOf(input), true);
  } else {
    result = walk.shared.vector([], true);
  }
  const first = args.length > 0 ? args[0]! : NONE;
  if (op === 'count_values' && first !== NONE && tree.name(first) === 'StringLiteral' && result.kind === 'vector') {
    result = walk.shared.vector([...result.labels, unquote(textOf(walk, first))], result.exact, undefined, result.bounded);
  }
  walk.filters = filters;
  return result;
}

/** A function call, recorded with its arguments' labels: what the function keeps, drops or adds. */
function callLabels(walk: Walk, node: number, enclosing: string[]): LabelInfo {
  const { tree } = walk;
  const identifier = tree.child(node, 'FunctionIdentifier');
  const name = walk.shared.text(textOf(walk, identifier === NONE ? node : identifier));
  const argNodes = argumentsOf(tree, node);
  const args = argumentLabels(walk, argNodes, walk.shared.within(name, enclosing));
  const filters = walk.filters;
  const kinds: string[] = [];
  for (const a of argNodes) kinds.push(tree.name(a));
  const from = tree.from(node);
  const to = tree.to(node);
  walk.calls.push(new RecordedCall(name, from, to, args, walk.shared.kinds(kinds), walk.parsed));
  // absent and absent_over_time filter (nothing while the series exist), as does a call on an argument that filters.
  walk.filters = filters || name === 'absent' || name === 'absent_over_time';
  if (SCALAR_FUNCTIONS.has(name)) return SCALAR;
  if (NO_LABEL_FUNCTIONS.has(name) || argNodes.length === 0) return walk.shared.vector([], true);
  const firstVector = args.find((a) => a.kind === 'vector') ?? UNKNOWN;
  if (firstVector.kind !== 'vector') return UNKNOWN;
  switch (name) {
    case 'histogram_quantile':
    case 'histogram_fraction':
      return walk.shared.vector([...firstVector.labels].filter((l) => l !== 'le'), firstVector.exact, pinnedOf(firstVector), firstVector.bounded);
    case 'label_replace':
    case 'label_join': {
      const dst = argNodes.length > 1 ? argNodes[1]! : NONE;
      if (dst === NONE || tree.name(dst) !== 'StringLiteral') return UNKNOWN;
      const written = unquote(textOf(walk, dst));
      return walk.shared.vector([...firstVector.labels, written], firstVector.exact, [...pinnedOf(firstVector)].filter((l) => l !== written), firstVector.bounded);
    }
    case 'info':
      // Adds the data labels of info series the analysis does not follow: no bound any more.
      return walk.shared.vector(firstVector.labels, false, pinnedOf(firstVector), false);
    case 'absent':
    case 'absent_over_time': {
      const sel = walk.selectors.find((s) => s.from >= from && s.to <= to);
      const labels = sel ? sel.matchers.filter((m) => m.op === '=' && m.label !== '__name__').map((m) => m.label) : [];
      return walk.shared.vector(labels, true, labels);
    }
    default:
      return firstVector;
  }
}

/** A binary operation, recorded with both sides' labels and its vector matching: the labels its result keeps. */
function binaryLabels(walk: Walk, node: number, enclosing: string[]): LabelInfo {
  const { tree } = walk;
  // Its two operands (the first two expressions among its children) and the operator token after the first.
  let lhsNode = NONE;
  let rhsNode = NONE;
  const end = tree.endOf(node);
  for (let c = tree.firstChild(node); c >= 0 && rhsNode === NONE; c = tree.next(c, end)) {
    if (!EXPRESSION_NODES.has(tree.name(c))) continue;
    if (lhsNode === NONE) lhsNode = c;
    else rhsNode = c;
  }
  const opToken = operatorAfter(tree, lhsNode, end);
  const opName = opToken === NONE ? '' : tree.name(opToken);
  const bool = tree.child(node, 'BoolModifier') !== NONE;
  const from = tree.from(node);
  const to = tree.to(node);
  if (COMPARISON_OPS[opName]) walk.comparisons.push({ op: COMPARISON_OPS[opName]!, bool, from, to });
  const lhs = lhsNode !== NONE ? labelsOf(walk, lhsNode, enclosing) : UNKNOWN;
  const lhsFilters = lhsNode !== NONE ? walk.filters : false;
  const rhs = rhsNode !== NONE ? labelsOf(walk, rhsNode, enclosing) : UNKNOWN;
  const rhsFilters = rhsNode !== NONE ? walk.filters : false;
  // A comparison without `bool` filters, as do `and` and `unless`; `or` when both sides do; any other when either does.
  walk.filters = COMPARISON_OPS[opName]
    ? !bool
    : opName === 'And' || opName === 'Unless' || (opName === 'Or' ? lhsFilters && rhsFilters : lhsFilters || rhsFilters);
  const ref: BinaryRef = {
    op: OPERATOR_TEXT[opName] ?? opName,
    from,
    to,
    opFrom: opToken === NONE ? from : tree.from(opToken),
    opTo: opToken === NONE ? to : tree.to(opToken),
    lhs,
    rhs,
    set: SET_OPS.has(opName),
    comparison: COMPARISON_OPS[opName] !== undefined,
    bool,
  };
  walk.binaries.push(ref);
  binaryTypeErrors(walk, ref, lhsNode, rhsNode);
  if (lhs.kind !== 'vector' && rhs.kind !== 'vector') return SCALAR;
  if (lhs.kind !== 'vector') return rhs;
  if (rhs.kind !== 'vector') return lhs;
  const clause = tree.child(node, 'MatchingModifierClause');
  if (clause !== NONE) return matchedLabels(walk, clause, ref, opName, lhs, rhs);
  const exact = lhs.exact && rhs.exact;
  const pinnedBoth = [...pinnedOf(lhs), ...pinnedOf(rhs)]; // matched pairs agree on every matching label
  if (opName === 'Or') return walk.shared.vector([...lhs.labels, ...rhs.labels], exact, undefined, lhs.bounded && rhs.bounded);
  if (SET_OPS.has(opName)) return lhs;
  // One-to-one: a result has its left series' labels, equal to its right series' but for the name,
  // so either side's bound is the result's.
  return walk.shared.vector(lhs.bounded || !rhs.bounded ? lhs.labels : rhs.labels, exact, pinnedBoth, lhs.bounded || rhs.bounded);
}

/** What Prometheus's parser refuses in a binary operation: its messages, at the operand or operator. */
function binaryTypeErrors(walk: Walk, ref: BinaryRef, lhsNode: number, rhsNode: number): void {
  const { tree } = walk;
  for (const operand of [lhsNode, rhsNode]) {
    if (!isRangeVectorNode(tree, operand)) continue;
    walk.typeErrors.push({ from: tree.from(operand), to: tree.to(operand), message: `binary expression must contain only scalar and instant vector types: ${textOf(walk, operand)} is a range vector` });
  }
  const { lhs, rhs } = ref;
  if (ref.comparison && !ref.bool && lhs.kind === 'scalar' && rhs.kind === 'scalar') {
    walk.typeErrors.push({ from: ref.opFrom, to: ref.opTo, message: `comparisons between scalars must use bool ("${ref.op}" between two numbers)` });
  }
  if (ref.set && (lhs.kind === 'scalar' || rhs.kind === 'scalar')) {
    walk.typeErrors.push({ from: ref.opFrom, to: ref.opTo, message: `set operator "${ref.op}" not allowed in binary scalar expression (one side is a number)` });
  }
}

/** The labels of `a <op> on/ignoring (…) group_left/right (…) b`, recording the clause's labels on `ref`. */
function matchedLabels(
  walk: Walk,
  clause: number,
  ref: BinaryRef,
  opName: string,
  lhs: Extract<LabelInfo, { kind: 'vector' }>,
  rhs: Extract<LabelInfo, { kind: 'vector' }>,
): LabelInfo {
  const { tree } = walk;
  const exact = lhs.exact && rhs.exact;
  // Upper bounds of both sides' labels (`{__name__=~"a|b"}`): enough for "neither/one side has x".
  const bounded = lhs.bounded && rhs.bounded;
  const pinnedBoth = [...pinnedOf(lhs), ...pinnedOf(rhs)]; // matched pairs agree on every matching label
  const both: LabelInfo = bounded ? walk.shared.vector([...lhs.labels].filter((l) => rhs.labels.has(l)), exact, undefined, true) : UNKNOWN;
  const either: LabelInfo = bounded ? walk.shared.vector([...lhs.labels, ...rhs.labels], exact, undefined, true) : UNKNOWN;
  const ignoring = tree.child(clause, 'Ignoring') !== NONE;
  // on (x) needs x on both sides; ignoring (x) a label that at least one side has.
  const matching = groupingLabels(walk, tree.child(clause, 'GroupingLabels'), ignoring ? 'ignoring' : 'on', ignoring ? either : both);
  ref.matching = { clause: ignoring ? 'ignoring' : 'on', labels: matching };
  // The second GroupingLabels of the clause (after group_left/right) names labels taken from the "one" side.
  const groupLeft = tree.child(clause, 'GroupLeft');
  const groupRight = tree.child(clause, 'GroupRight');
  if (groupLeft !== NONE) ref.group = 'left';
  if (groupRight !== NONE) ref.group = 'right';
  const group = groupLeft !== NONE ? groupLeft : groupRight;
  const extraNode = group === NONE ? NONE : tree.next(group, tree.endOf(clause));
  const extra =
    extraNode !== NONE && tree.name(extraNode) === 'GroupingLabels'
      ? groupingLabels(walk, extraNode, groupLeft !== NONE ? 'group_left' : 'group_right', groupLeft !== NONE ? rhs : lhs)
      : [];
  if (group !== NONE) ref.included = extra;
  if (opName === 'Or') return walk.shared.vector([...lhs.labels, ...rhs.labels], exact, undefined, bounded);
  if (SET_OPS.has(opName)) return lhs;
  // group_left/right keeps the "many" side's labels and the listed ones (a listed label the "one"
  // side lacks is removed): bounded when the "many" side is, whatever the other.
  if (groupLeft !== NONE) return walk.shared.vector([...lhs.labels, ...extra], exact, pinnedOf(lhs), lhs.bounded);
  if (groupRight !== NONE) return walk.shared.vector([...rhs.labels, ...extra], exact, pinnedOf(rhs), rhs.bounded);
  // One-to-one: both sides' series agree on every label but the ignored ones (and the name), so either side's bound holds.
  if (ignoring) {
    const side = lhs.bounded || !rhs.bounded ? lhs : rhs;
    return walk.shared.vector([...side.labels].filter((l) => !matching.includes(l)), exact, pinnedOf(lhs), lhs.bounded || rhs.bounded);
  }
  // on (…) keeps only its labels, whatever the sides: those a bounded side may carry.
  const side = lhs.bounded || !rhs.bounded ? lhs : rhs;
  return walk.shared.vector(matching.filter((l) => !side.bounded || side.labels.has(l)), exact, pinnedBoth, true);
}
