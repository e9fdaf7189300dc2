import { parser } from '@prometheus-io/lezer-promql';
import { TreeBuffer, type SyntaxNode, type Tree } from '@lezer/common';
import { mayBeTooDeepForLezer, parseInParts, type ParsedPart } from './parts.js';
import { storeTree, type StoredTree } from './stored-tree.js';
import { shapeOf, textPosition } from './shapes.js';
import { flatten, type FlatTree } from './flat-tree.js';
import { lezerText } from './lezer-text.js';

export interface SyntaxProblem {
  from: number;
  to: number;
  message: string;
}

export interface ParsedExpr {
  text: string;
  tree: Tree;
  /** The expression node under the PromQL root (undefined for an empty expression). */
  root: SyntaxNode | undefined;
  errors: SyntaxProblem[];
  /**
   * Set when the expression is too deep or long for lezer in one piece (see parts.ts): the pieces,
   * each parsed alone with its positions in the whole text; `tree` and `root` are then not usable.
   */
  parts?: ParsedPart[];
  /** Where the offline analysis gave up (too deep to follow), not the expression's mistake. */
  limits?: SyntaxProblem[];
}

/** Names of the nodes that are expressions (as opposed to tokens and modifiers). */
export const EXPRESSION_NODES = new Set([
  'AggregateExpr',
  'BinaryExpr',
  'FunctionCall',
  'MatrixSelector',
  'NumberDurationLiteral',
  'OffsetExpr',
  'ParenExpr',
  'StringLiteral',
  'SubqueryExpr',
  'UnaryExpr',
  'VectorSelector',
  'StepInvariantExpr',
  'AnchoredExpr',
  'SmoothedExpr',
]);

/** `column 12`, or `line 2, column 3` in an expression written over several lines. */
function position(text: string, from: number): string {
  if (!text.includes('\n')) return `column ${from + 1}`;
  const before = text.slice(0, from);
  const line = before.split('\n').length;
  return `line ${line}, column ${from - (before.lastIndexOf('\n') + 1) + 1}`;
}

function describe(text: string, from: number, to: number): string {
  const near = text.slice(from, Math.max(to, from + 1)).trim();
  if (from >= text.length) return `unexpected end of expression (${position(text, from)})`;
  return `unexpected ${JSON.stringify(near || text[from] || '')} at ${position(text, from)}`;
}

/**
 * Told each text parsePromql is asked to parse (tests count them: each distinct text is parsed once
 * per run, whoever asks). Counted here, not at lezer: lezer parses each shape once (shapes.ts).
 */
let observer: ((text: string) => void) | undefined;
export function observeParses(observe: ((text: string) => void) | undefined): void {
  observer = observe;
}

/** Parses with lezer-promql; syntax errors become problems with the column they start at. */
export function parsePromql(text: string): ParsedExpr {
  observer?.(text);
  // Blank: one clear problem, not also the parser's "unexpected end".
  if (text.trim() === '') {
    const tree = parser.parse(text);
    return { text, tree, root: tree.topNode.firstChild ?? undefined, errors: [{ from: 0, to: 0, message: 'empty expression' }] };
  }
  const shaped = parsedByShape(text);
  if (shaped) return shaped;
  try {
    // Positions in the tree are the text's: lezerText only swaps names for ones of the same length.
    const tree = parser.parse(lezerText(text));
    // The first expression under the root: a leading `# comment` line is not it.
    const root = expressionChildren(tree.topNode)[0];
    const errors: SyntaxProblem[] = [];
    let lastErrorEnd = -1;
    // Nearly every expression has no error node: a scan of the tree's node types says so for a
    // fraction of a walk over its nodes; only one that has them is walked, for their places.
    if (hasErrorNode(tree)) {
      tree.iterate({
        enter(node) {
          if (!node.type.isError) return;
          // Lezer reports a run of errors for one mistake; keep the first of each run.
          if (node.from > lastErrorEnd) errors.push({ from: node.from, to: node.to, message: describe(text, node.from, node.to) });
          lastErrorEnd = Math.max(lastErrorEnd, node.to);
        },
      });
    }
    if (errors.length === 0 || !mayBeTooDeepForLezer(text)) {
      const stored = storeTree(tree);
      return stored ? new StoredParse(text, stored, errors) : { text, tree, root, errors };
    }
  } catch (error) {
    // Lezer builds its tree recursively: a very long chain overflows the stack inside it.
    if (!(error instanceof RangeError)) throw error;
  }
  return parsedInParts(text);
}

/**
 * Each shape's tree (shapes.ts) once parsed, by the shape's text; null when it is parsed with errors
 * or not stored (a text of that shape is then parsed alone). A function of the text alone, so shared
 * by every run of the process; emptied when it grows past SHAPES_KEPT, as a bound on a long-lived
 * process's memory (tests, a watch), not a cache a run depends on.
 */
const shapeTrees = new Map<string, StoredTree | null>();
const SHAPES_KEPT = 20_000;

/** The parse of a text of a shape already parsed (or parsed now) without errors: the shape's tree, its positions moved to the text's. */
export function parsedByShape(text: string): ParsedExpr | undefined {
  const shape = shapeOf(text);
  if (!shape) return undefined;
  let stored = shapeTrees.get(shape.text);
  if (stored === undefined) {
    if (shapeTrees.size >= SHAPES_KEPT) shapeTrees.clear();
    stored = null;
    try {
      const tree = parser.parse(lezerText(shape.text));
      if (!hasErrorNode(tree)) stored = storeTree(tree) ?? null;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    shapeTrees.set(shape.text, stored);
  }
  const moved = stored?.moved((at) => textPosition(shape, at));
  return moved ? new StoredParse(text, moved, []) : undefined;
}

/**
 * A parse whose tree is stored as its node data (stored-tree.ts) and rebuilt at each read of `tree`
 * or `root`: the parses of a run's expressions live until its checks are done.
 */
class StoredParse implements ParsedExpr {
  constructor(
    public text: string,
    private readonly stored: StoredTree,
    readonly errors: SyntaxProblem[],
  ) {}

  get tree(): Tree {
    return this.stored.tree();
  }

  get root(): SyntaxNode | undefined {
    return expressionChildren(this.tree.topNode)[0];
  }

  /** flatRoot's answer, once asked (null: not yet): the analysis and a dozen checks ask for each parse. */
  private flat: FlatRoot | undefined | null = null;

  /** `root` in the stored node data (as flatRoot gives it), found among the top-level nodes as `root` finds it. */
  flatRoot(): FlatRoot | undefined {
    if (this.flat !== null) return this.flat;
    const tree = this.stored.flat();
    this.flat = undefined;
    for (let node = tree.first(); node >= 0; node = tree.next(node, tree.end)) {
      if (EXPRESSION_NODES.has(tree.name(node))) {
        this.flat = { tree, root: node };
        break;
      }
    }
    return this.flat;
  }
}

/** A parse's `root` as a node of a flat tree (flat-tree.ts), and that tree. */
export interface FlatRoot {
  tree: FlatTree;
  root: number;
}

/**
 * The copies of the parses that are not stored (long or deep expressions: few), made once each. The
 * analysis, every check that walks a tree and every read of a call's argument nodes ask again.
 */
const copied = new WeakMap<ParsedExpr, FlatRoot>();

/**
 * The expression's `root` and its subtree as numbers, for the analysis walk and the checks that walk
 * a tree: a stored parse's read in place, any other's copied once (undefined when there is no root).
 */
export function flatRoot(parsed: ParsedExpr): FlatRoot | undefined {
  if (parsed instanceof StoredParse) return parsed.flatRoot();
  if (!parsed.root) return undefined;
  let flat = copied.get(parsed);
  if (flat === undefined) copied.set(parsed, (flat = { tree: flatten(parsed.root, parser.nodeSet), root: 0 }));
  return flat;
}

/** Whether a tree holds an error node anywhere (its buffers read as the node types they list; no recursion). */
export function hasErrorNode(tree: Tree): boolean {
  const pending: Array<Tree | TreeBuffer> = [tree];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next instanceof TreeBuffer) {
      // A buffer lists its nodes as (type, from, to, end) in four numbers each.
      const { buffer, set } = next;
      for (let i = 0; i < buffer.length; i += 4) if (set.types[buffer[i]!]!.isError) return true;
    } else {
      if (next.type.isError) return true;
      for (const child of next.children) pending.push(child as Tree | TreeBuffer);
    }
  }
  return false;
}

/** Too deep or long for lezer in one piece (its own limit, not a mistake): parsed in parts (parts.ts). */
export function parsedInParts(text: string): ParsedExpr {
  const split = parseInParts(lezerText(text));
  const errors = split.errors.map((e) => ({ ...e, message: describe(text, e.from, e.to) }));
  // An empty tree: the parts are what describes the expression.
  const tree = parser.parse('');
  return { text, tree, root: undefined, errors, parts: split.parts };
}

/** Expression children of a node (skipping tokens, modifiers and errors). */
export function expressionChildren(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (EXPRESSION_NODES.has(child.name)) out.push(child);
  }
  return out;
}

/** The first expression among a flat tree's node's children (as expressionChildren(node)[0]), or -1. */
export function firstExpressionOf(tree: FlatTree, node: number): number {
  const end = tree.endOf(node);
  for (let c = tree.firstChild(node); c >= 0; c = tree.next(c, end)) if (EXPRESSION_NODES.has(tree.name(c))) return c;
  return -1;
}

/** The expressions among a flat tree's node's children (as expressionChildren(node)). */
export function expressionsOf(tree: FlatTree, node: number): number[] {
  const out: number[] = [];
  const end = tree.endOf(node);
  for (let c = tree.firstChild(node); c >= 0; c = tree.next(c, end)) if (EXPRESSION_NODES.has(tree.name(c))) out.push(c);
  return out;
}

/** The argument expressions of a call or an aggregation (those of its FunctionCallBody). */
export function argumentsOf(tree: FlatTree, node: number): number[] {
  const body = tree.child(node, 'FunctionCallBody');
  return body < 0 ? [] : expressionsOf(tree, body);
}

/**
 * The operator token of a binary expression (`Gtr`, `Div`, `And`, …): the first of its children
 * after its left side `lhs` (within `end`, the expression's endOf) that is no modifier nor error; -1 when none.
 */
export function operatorAfter(tree: FlatTree, lhs: number, end: number): number {
  if (lhs < 0) return -1;
  for (let c = tree.next(lhs, end); c >= 0; c = tree.next(c, end)) {
    const name = tree.name(c);
    if (name !== 'BoolModifier' && name !== 'MatchingModifierClause' && !tree.isError(c)) return c;
  }
  return -1;
}

/** The range of a range selector or a subquery (`5m` of `x[5m]`, `sum(x)[5m:1m]`) as written, or undefined. */
export function rangeWritten(source: string, tree: FlatTree, node: number): string | undefined {
  const end = tree.endOf(node);
  for (let c = tree.firstChild(node); c >= 0; c = tree.next(c, end)) if (tree.name(c) === 'DurationExpr') return source.slice(tree.from(c), tree.to(c)).trim();
  return undefined;
}

/** The node inside any parentheses around `node`. */
export function unwrapped(tree: FlatTree, node: number): number {
  let n = node;
  while (n >= 0 && tree.name(n) === 'ParenExpr') n = firstExpressionOf(tree, n);
  return n;
}

/** PromQL string literal → its value ("…", '…' or `…`). */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  const body = literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}
