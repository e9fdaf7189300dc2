import type { SyntaxNode, Tree } from '@lezer/common';
import { childNamed, EXPRESSION_NODES, expressionChildren, parsePromql, unquote, type ParsedExpr } from './parse.js';
import { durationMs } from '../duration.js';
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
  /** The argument expressions (read from the call's node when asked: most checks never do). */
  readonly argNodes: SyntaxNode[];
}

/**
 * A call as the walk records it: its arguments' nodes found again in its expression's tree when a
 * check asks (a node kept would keep the tree, which a parse stores compactly: stored-tree.ts).
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

  get argNodes(): SyntaxNode[] {
    const node = nodeAt(this.parsed.tree, 'FunctionCall', this.from, this.to);
    const body = node && childNamed(node, 'FunctionCallBody');
    return body ? expressionChildren(body) : [];
  }
}

/** The node named `name` spanning exactly from–to (one that starts at `from` holds it, or is it). */
function nodeAt(tree: Tree, name: string, from: number, to: number): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = tree.resolveInner(from, 1); node; node = node.parent) {
    if (node.name === name && node.from === from && node.to === to) return node;
  }
  return undefined;
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
  /** and / or / unless. */
  set: boolean;
  comparison: boolean;
  bool: boolean;
}

export type LabelInfo =
  | { kind: 'scalar'; labels: undefined; exact: undefined; pinned: undefined }
  | { kind: 'string'; labels: undefined; exact: undefined; pinned: undefined }
  | {
      kind: 'vector';
      labels: ReadonlySet<string>;
      exact: boolean;
      /** Labels fixed to one value (`x{store="a"}`): they never tell two series apart. */
      pinned?: ReadonlySet<string>;
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
  lookup: SeriesLookup;
  shared: AnalysisValues;
  selectors: SelectorRef[];
  groupings: GroupingRef[];
  calls: CallRef[];
  binaries: BinaryRef[];
  comparisons: Analysis['comparisons'];
  /** Whether the expression labelsOf last returned for filters (see `filters` on Analysis): read right after each call. */
  filters: boolean;
}

/**
 * A node's children in one pass, for the look-ups the walk makes among them: lezer makes a node
 * object for every step from child to child, so each search of its own would walk (and allocate) again.
 */
function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/** The first of `children` named `name` (as childNamed on their parent). */
function named(children: readonly SyntaxNode[], name: string): SyntaxNode | undefined {
  for (const child of children) if (child.name === name) return child;
  return undefined;
}

/** The first expression among `children` (as expressionChildren(parent)[0]). */
function firstExpression(children: readonly SyntaxNode[]): SyntaxNode | undefined {
  for (const child of children) if (EXPRESSION_NODES.has(child.name)) return child;
  return undefined;
}

/** The expressions among `children` (as expressionChildren on their parent). */
function expressionsAmong(children: readonly SyntaxNode[]): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const child of children) if (EXPRESSION_NODES.has(child.name)) out.push(child);
  return out;
}

/** The text of a node. */
function textOf(text: string, node: SyntaxNode): string {
  return text.slice(node.from, node.to);
}

function analyzeTree(text: string, lookup: SeriesLookup, parsed: ParsedExpr, shared: AnalysisValues): Analysis {
  const walk: Walk = { text, parsed, lookup, shared, selectors: [], groupings: [], calls: [], binaries: [], comparisons: [], filters: false };
  const root = parsed.root;
  const result = root ? labelsOf(walk, root, []) : UNKNOWN;
  // The walk tells whether the expression filters as it goes (one walk, not a second over the tree).
  const filters = root ? walk.filters : false;
  // Copies as long as their contents: a list grown by push keeps room for a dozen more entries.
  const { selectors, groupings, calls, binaries, comparisons } = walk;
  return {
    parsed,
    selectors: selectors.slice(),
    groupings: groupings.slice(),
    calls: calls.slice(),
    binaries: binaries.slice(),
    comparisons: comparisons.slice(),
    filters,
    result,
  };
}

/**
 * The labels of an expression's result, recording on the way every selector, grouping, call and
 * binary operation in it; `walk.filters` says on return whether it filters (returns nothing when a
 * condition is false: a comparison without `bool`, `and`, `unless`, `absent`, …, or an argument or
 * operand that does).
 */
function labelsOf(walk: Walk, node: SyntaxNode, enclosing: string[]): LabelInfo {
  switch (node.name) {
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
      const inner = expressionChildren(node)[0];
      if (inner) return labelsOf(walk, inner, enclosing);
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
function selectorAt(walk: Walk, node: SyntaxNode, enclosing: string[]): LabelInfo {
  let selector: SyntaxNode | undefined = node;
  let children = childrenOf(node);
  let range: SyntaxNode | undefined;
  if (node.name === 'MatrixSelector') {
    selector = firstExpression(children);
    range = named(children, 'DurationExpr');
    if (selector?.name === 'VectorSelector') children = childrenOf(selector);
  }
  const labels = selector?.name === 'VectorSelector' ? selectorLabels(walk, selector, children, enclosing, range) : selector ? labelsOf(walk, selector, enclosing) : UNKNOWN;
  walk.filters = false;
  return labels;
}

/** The labels a `by`/`without`/`on`/`ignoring`/`group_*` clause names, each recorded with the labels available there. */
function groupingLabels(walk: Walk, grouping: SyntaxNode | undefined, clause: GroupingClause, available: LabelInfo): string[] {
  const labels: string[] = [];
  if (!grouping) return labels;
  for (let l = grouping.firstChild; l; l = l.nextSibling) {
    if (l.name !== 'LabelName' && l.name !== 'QuotedLabelName') continue;
    const label = walk.shared.text(l.name === 'QuotedLabelName' ? unquote(textOf(walk.text, l)) : textOf(walk.text, l));
    labels.push(label);
    // Written whole, `available` undefined when the labels there are not known exactly: one hidden
    // class, and no field added later (each takes a block of its own): see selectorRef.
    walk.groupings.push({ label, clause, from: l.from, to: l.to, available: available.kind === 'vector' && available.exact ? available.labels : undefined });
  }
  return labels;
}

/** The matchers of a selector, as written. */
function matchersOf(walk: Walk, list: SyntaxNode | undefined): MatcherRef[] {
  const { text, shared } = walk;
  const matchers: MatcherRef[] = [];
  for (let m = list?.firstChild; m; m = m.nextSibling) {
    if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher') continue;
    // The first of each kind among the matcher's children, in one pass over them.
    let labelNode: SyntaxNode | undefined;
    let quotedNode: SyntaxNode | undefined;
    let matchOp: SyntaxNode | undefined;
    let valueNode: SyntaxNode | undefined;
    for (let c = m.firstChild; c; c = c.nextSibling) {
      const name = c.name;
      if (name === 'LabelName') labelNode ??= c;
      else if (name === 'QuotedLabelName') quotedNode ??= c;
      else if (name === 'MatchOp') matchOp ??= c;
      else if (name === 'StringLiteral') valueNode ??= c;
    }
    labelNode ??= quotedNode;
    const opNode = matchOp?.firstChild;
    if (!labelNode || !opNode || !valueNode) continue;
    const label = shared.text(labelNode.name === 'QuotedLabelName' ? unquote(textOf(text, labelNode)) : textOf(text, labelNode));
    matchers.push({ label, op: MATCH_OPS[opNode.name] ?? '=', value: shared.text(unquote(textOf(text, valueNode))), from: m.from, to: m.to });
  }
  return matchers.slice();
}

/** A selector's series (from the catalogue through `lookup`), recorded with its matchers and range. */
function selectorLabels(walk: Walk, node: SyntaxNode, children: readonly SyntaxNode[], enclosing: string[], range?: SyntaxNode): LabelInfo {
  const identifier = named(children, 'Identifier');
  const matchers = matchersOf(walk, named(children, 'LabelMatchers'));
  const nameMatcher = matchers.find((m) => m.label === '__name__' && m.op === '=');
  const name = identifier ? walk.shared.text(textOf(walk.text, identifier)) : nameMatcher?.value;
  walk.selectors.push(selectorRef(matchers, node, enclosing, name, range && walk.shared.text(textOf(walk.text, range))));
  const labels = name !== undefined ? walk.lookup(name) : undefined;
  const pinned = matchers.filter((m) => m.op === '=' && m.value !== '' && m.label !== '__name__').map((m) => m.label);
  return labels ? walk.shared.series(labels, pinned) : UNKNOWN;
}

/**
 * A selector's record: every one with all its fields, in this order (`name`, `range`, `rangeMs`
 * undefined where there is none), written whole (a field added to an object after it is made takes
 * a block of its own: ~40 bytes for each of a large project's ~20,000 selectors). One hidden class
 * for them all: the checks loop over the selectors of every expression, and with one class per set
 * of fields V8 threw away the optimised loop of each check that reads them at the first instant
 * selector after many range ones (a dashboard's, after the rules), and compiled it again.
 */
function selectorRef(matchers: MatcherRef[], node: SyntaxNode, enclosing: string[], name: string | undefined, range: string | undefined): SelectorRef {
  const { from, to } = node;
  const rangeMs = range === undefined ? undefined : durationMs(range);
  return { matchers, from, to, enclosing, name, range, rangeMs };
}

/**
 * The labels of each argument, in order; `walk.filters` says on return whether any argument filters.
 * A loop, not `map`: the lists it made had one hidden class when full and another when empty.
 */
function argumentLabels(walk: Walk, nodes: readonly SyntaxNode[], enclosing: string[]): LabelInfo[] {
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
function aggregationLabels(walk: Walk, node: SyntaxNode, enclosing: string[]): LabelInfo {
  const children = childrenOf(node);
  const op = textOf(walk.text, named(children, 'AggregateOp') ?? node).trim();
  const body = named(children, 'FunctionCallBody');
  const args = body ? expressionChildren(body) : [];
  const infos = argumentLabels(walk, args, walk.shared.within(op, enclosing));
  const filters = walk.filters;
  const input = (PARAM_AGGREGATIONS.has(op) ? infos[1] : infos[0]) ?? UNKNOWN;
  const modifier = named(children, 'AggregateModifier');
  const modifierChildren = modifier ? childrenOf(modifier) : [];
  const without = named(modifierChildren, 'Without') !== undefined;
  const grouping = named(modifierChildren, 'GroupingLabels');
  const exact = input.kind === 'vector' && input.exact;
  let result: LabelInfo;
  if (SELECTING_AGGREGATIONS.has(op)) {
    if (modifier) groupingLabels(walk, grouping, without ? 'without' : 'by', input);
    result = input;
  } else if (modifier && without) {
    const dropped = new Set(groupingLabels(walk, grouping, 'without', input));
    const kept = input.kind === 'vector' ? [...input.labels].filter((l) => !dropped.has(l)) : [];
    result = walk.shared.vector(kept, exact, pinnedOf(input));
  } else if (modifier) {
    const by = groupingLabels(walk, grouping, 'by', input);
    result = walk.shared.vector(exact && input.kind === 'vector' ? by.filter((l) => input.labels.has(l)) : by, exact, pinnedOf(input));
  } else {
    result = walk.shared.vector([], true);
  }
  if (op === 'count_values' && args[0]?.name === 'StringLiteral' && result.kind === 'vector') {
    result = walk.shared.vector([...result.labels, unquote(textOf(walk.text, args[0]))], result.exact);
  }
  walk.filters = filters;
  return result;
}

/** A function call, recorded with its arguments' labels: what the function keeps, drops or adds. */
function callLabels(walk: Walk, node: SyntaxNode, enclosing: string[]): LabelInfo {
  const children = childrenOf(node);
  const name = walk.shared.text(textOf(walk.text, named(children, 'FunctionIdentifier') ?? node));
  const body = named(children, 'FunctionCallBody');
  const argNodes = body ? expressionChildren(body) : [];
  const args = argumentLabels(walk, argNodes, walk.shared.within(name, enclosing));
  const filters = walk.filters;
  const kinds: string[] = [];
  for (const a of argNodes) kinds.push(a.name);
  walk.calls.push(new RecordedCall(name, node.from, node.to, args, walk.shared.kinds(kinds), walk.parsed));
  // absent and absent_over_time filter (nothing while the series exist), as does a call on an argument that filters.
  walk.filters = filters || name === 'absent' || name === 'absent_over_time';
  if (SCALAR_FUNCTIONS.has(name)) return SCALAR;
  if (NO_LABEL_FUNCTIONS.has(name) || argNodes.length === 0) return walk.shared.vector([], true);
  const firstVector = args.find((a) => a.kind === 'vector') ?? UNKNOWN;
  if (firstVector.kind !== 'vector') return UNKNOWN;
  switch (name) {
    case 'histogram_quantile':
    case 'histogram_fraction':
      return walk.shared.vector([...firstVector.labels].filter((l) => l !== 'le'), firstVector.exact, pinnedOf(firstVector));
    case 'label_replace':
    case 'label_join': {
      const dst = argNodes[1];
      if (dst?.name !== 'StringLiteral') return UNKNOWN;
      const written = unquote(textOf(walk.text, dst));
      return walk.shared.vector([...firstVector.labels, written], firstVector.exact, [...pinnedOf(firstVector)].filter((l) => l !== written));
    }
    case 'absent':
    case 'absent_over_time': {
      const sel = walk.selectors.find((s) => s.from >= node.from && s.to <= node.to);
      const labels = sel ? sel.matchers.filter((m) => m.op === '=' && m.label !== '__name__').map((m) => m.label) : [];
      return walk.shared.vector(labels, true, labels);
    }
    default:
      return firstVector;
  }
}

/** A binary operation, recorded with both sides' labels and its vector matching: the labels its result keeps. */
function binaryLabels(walk: Walk, node: SyntaxNode, enclosing: string[]): LabelInfo {
  const children = childrenOf(node);
  const [lhsNode, rhsNode] = expressionsAmong(children);
  const opToken = operatorAmong(children, lhsNode);
  const opName = opToken?.name ?? '';
  const bool = named(children, 'BoolModifier') !== undefined;
  if (COMPARISON_OPS[opName]) walk.comparisons.push({ op: COMPARISON_OPS[opName]!, bool, from: node.from, to: node.to });
  const lhs = lhsNode ? labelsOf(walk, lhsNode, enclosing) : UNKNOWN;
  const lhsFilters = lhsNode ? walk.filters : false;
  const rhs = rhsNode ? labelsOf(walk, rhsNode, enclosing) : UNKNOWN;
  const rhsFilters = rhsNode ? walk.filters : false;
  // A comparison without `bool` filters, as do `and` and `unless`; `or` when both sides do; any other when either does.
  walk.filters = COMPARISON_OPS[opName]
    ? !bool
    : opName === 'And' || opName === 'Unless' || (opName === 'Or' ? lhsFilters && rhsFilters : lhsFilters || rhsFilters);
  const ref: BinaryRef = {
    op: OPERATOR_TEXT[opName] ?? opName,
    from: node.from,
    to: node.to,
    opFrom: opToken?.from ?? node.from,
    opTo: opToken?.to ?? node.to,
    lhs,
    rhs,
    set: SET_OPS.has(opName),
    comparison: COMPARISON_OPS[opName] !== undefined,
    bool,
  };
  walk.binaries.push(ref);
  if (lhs.kind !== 'vector' && rhs.kind !== 'vector') return SCALAR;
  if (lhs.kind !== 'vector') return rhs;
  if (rhs.kind !== 'vector') return lhs;
  const clause = named(children, 'MatchingModifierClause');
  if (clause) return matchedLabels(walk, clause, ref, opName, lhs, rhs);
  const exact = lhs.exact && rhs.exact;
  const pinnedBoth = [...pinnedOf(lhs), ...pinnedOf(rhs)]; // matched pairs agree on every matching label
  return opName === 'Or' ? walk.shared.vector([...lhs.labels, ...rhs.labels], exact) : SET_OPS.has(opName) ? lhs : walk.shared.vector(lhs.labels, exact, pinnedBoth);
}

/** The operator token among a binary expression's children (`Gtr`, `Div`, `And`, …): the first after its left side that is no modifier nor error. */
function operatorAmong(children: readonly SyntaxNode[], lhs: SyntaxNode | undefined): SyntaxNode | undefined {
  if (!lhs) return undefined;
  for (let i = children.indexOf(lhs) + 1; i < children.length; i++) {
    const c = children[i]!;
    if (c.name !== 'BoolModifier' && c.name !== 'MatchingModifierClause' && !c.type.isError) return c;
  }
  return undefined;
}

/** The labels of `a <op> on/ignoring (…) group_left/right (…) b`, recording the clause's labels on `ref`. */
function matchedLabels(
  walk: Walk,
  clause: SyntaxNode,
  ref: BinaryRef,
  opName: string,
  lhs: Extract<LabelInfo, { kind: 'vector' }>,
  rhs: Extract<LabelInfo, { kind: 'vector' }>,
): LabelInfo {
  const exact = lhs.exact && rhs.exact;
  const pinnedBoth = [...pinnedOf(lhs), ...pinnedOf(rhs)]; // matched pairs agree on every matching label
  const both: LabelInfo = exact ? walk.shared.vector([...lhs.labels].filter((l) => rhs.labels.has(l)), true) : UNKNOWN;
  const either: LabelInfo = exact ? walk.shared.vector([...lhs.labels, ...rhs.labels], true) : UNKNOWN;
  const children = childrenOf(clause);
  const ignoring = named(children, 'Ignoring') !== undefined;
  // on (x) needs x on both sides; ignoring (x) a label that at least one side has.
  const matching = groupingLabels(walk, named(children, 'GroupingLabels'), ignoring ? 'ignoring' : 'on', ignoring ? either : both);
  ref.matching = { clause: ignoring ? 'ignoring' : 'on', labels: matching };
  // The second GroupingLabels of the clause (after group_left/right) names labels taken from the "one" side.
  const groupLeft = named(children, 'GroupLeft');
  const groupRight = named(children, 'GroupRight');
  if (groupLeft) ref.group = 'left';
  if (groupRight) ref.group = 'right';
  const group = groupLeft ?? groupRight;
  const extraNode = group ? children[children.indexOf(group) + 1] : undefined;
  const extra = extraNode?.name === 'GroupingLabels' ? groupingLabels(walk, extraNode, groupLeft ? 'group_left' : 'group_right', groupLeft ? rhs : lhs) : [];
  if (opName === 'Or') return walk.shared.vector([...lhs.labels, ...rhs.labels], exact);
  if (SET_OPS.has(opName)) return lhs;
  if (groupLeft) return walk.shared.vector([...lhs.labels, ...extra], exact, pinnedOf(lhs));
  if (groupRight) return walk.shared.vector([...rhs.labels, ...extra], exact, pinnedOf(rhs));
  if (ignoring) return walk.shared.vector([...lhs.labels].filter((l) => !matching.includes(l)), exact, pinnedOf(lhs));
  return walk.shared.vector(matching.filter((l) => !exact || lhs.labels.has(l)), exact, pinnedBoth);
}
