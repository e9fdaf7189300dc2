import { argumentsOf, expressionsOf, firstExpressionOf, operatorAfter, unquote, unwrapped } from './parse.js';
import type { FlatTree } from './flat-tree.js';
import { nodeValueKind, TRANSPARENT_FUNCTIONS, type KindLookup } from './value-kind.js';

/**
 * Where the values of several counters were combined into one series before a counter function
 * reads it: `rate(sum by (job) (x_total)[5m:])`, or rate() over a recorded `sum by (job) (x_total)`.
 * Prometheus' docs (querying/functions, rate()): "When combining rate() with an aggregation
 * operator (e.g. sum()) […], always take a rate() first, then aggregate. Otherwise rate() cannot
 * detect counter resets when your target restarts." A sum drops when any one of its counters
 * resets, and rate() reads that drop as a reset of the whole sum: it counts the sum's whole value
 * again, a spike. The same holds for the largest or smallest of several counters (`max`, `min`).
 */
export interface CounterCombination {
  /** The aggregation: `sum`, `max` or `min`. */
  op: string;
  /** The aggregation as written, from its operator to its closing parenthesis (the recording rule's text for a recorded series). */
  text: string;
  /** Its span in the text walked; for a combination inside a recorded series, the selector's. */
  from: number;
  to: number;
  /** The recorded series the combination happened in, when it is not in the text walked. */
  record?: string;
  /** What was combined, when it is one plain selector (`x_total{code="500"}`): the hint rewrites the expression around it. */
  inner?: string;
  /** The grouping as written (`by (job)`, `without (instance)`), '' for none. */
  grouping: string;
}

/** Combinations a recorded series' own expression made, by series name (the catalogue's). */
export type CombinationLookup = (seriesName: string) => CounterCombination | undefined;

/** Aggregations whose result mixes the values of several series; topk/bottomk/limitk pass series through whole. */
const COMBINING = new Set(['sum', 'max', 'min']);
const FILTERS = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte', 'And', 'Unless']);

/**
 * The combination of counters across targets that the counter value at `root` passed through, if
 * any; undefined when the value is no counter, or when every combination keeps `instance` (the
 * series summed then come from one target, whose restart resets them all together, so the sum
 * drops to the new counts as one counter would).
 */
export function counterCombination(source: string, tree: FlatTree | undefined, root: number, kindOf: KindLookup, combinedOf: CombinationLookup): CounterCombination | undefined {
  if (!tree || root < 0 || nodeValueKind(source, tree, root, kindOf) !== 'counter') return undefined;
  const text = (node: number) => source.slice(tree.from(node), tree.to(node));
  const isCounter = (node: number) => node >= 0 && nodeValueKind(source, tree, node, kindOf) === 'counter';
  function find(node: number): CounterCombination | undefined {
    if (node < 0) return undefined;
    switch (tree!.name(node)) {
      case 'VectorSelector': {
        const identifier = tree!.child(node, 'Identifier');
        const recorded = identifier >= 0 ? combinedOf(text(identifier)) : undefined;
        return recorded && { ...recorded, from: tree!.from(node), to: tree!.to(node), record: recorded.record ?? text(identifier) };
      }
      case 'FunctionCall': {
        const identifier = tree!.child(node, 'FunctionIdentifier');
        return TRANSPARENT_FUNCTIONS.has(text(identifier >= 0 ? identifier : node)) ? find(argumentsOf(tree!, node)[0] ?? -1) : undefined;
      }
      case 'AggregateExpr': {
        const opNode = tree!.child(node, 'AggregateOp');
        const op = text(opNode >= 0 ? opNode : node).trim();
        const args = argumentsOf(tree!, node);
        const input = (args.length > 1 ? args[1] : args[0]) ?? -1;
        const inside = find(input);
        if (!COMBINING.has(op) || !isCounter(input)) return inside;
        const modifier = tree!.child(node, 'AggregateModifier');
        if (keepsInstance(tree!, source, modifier)) return inside;
        const plain = unwrapped(tree!, input);
        return {
          op,
          text: text(node),
          from: tree!.from(node),
          to: tree!.to(node),
          ...(plain >= 0 && tree!.name(plain) === 'VectorSelector' && inside === undefined ? { inner: text(plain) } : {}),
          grouping: modifier >= 0 ? text(modifier).replace(/\s+/g, ' ').trim() : '',
        };
      }
      case 'BinaryExpr': {
        const [lhs = -1, rhs = -1] = expressionsOf(tree!, node);
        const operator = operatorAfter(tree!, lhs, tree!.endOf(node));
        const op = operator >= 0 ? tree!.name(operator) : '';
        // The side whose values the result keeps: a filter's or a scaling's counter side, either side of a sum.
        if (FILTERS.has(op)) return find(isCounter(lhs) ? lhs : rhs);
        return find(isCounter(lhs) ? lhs : -1) ?? find(isCounter(rhs) ? rhs : -1);
      }
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return undefined;
      default:
        // ParenExpr, OffsetExpr, StepInvariantExpr, UnaryExpr: the inner expression.
        return find(firstExpressionOf(tree!, node));
    }
  }
  try {
    return find(root);
  } catch (error) {
    if (error instanceof RangeError) return undefined; // deeper than a walk follows (the analysis reports it)
    throw error;
  }
}

/** `by (…, instance, …)`, or `without (…)` not naming it: each result series combines one target's series. */
function keepsInstance(tree: FlatTree, source: string, modifier: number): boolean {
  if (modifier < 0) return false;
  const without = tree.child(modifier, 'Without') >= 0;
  const grouping = tree.child(modifier, 'GroupingLabels');
  let named = false;
  if (grouping >= 0) {
    const end = tree.endOf(grouping);
    for (let l = tree.firstChild(grouping); l >= 0; l = tree.next(l, end)) {
      const name = tree.name(l);
      if (name !== 'LabelName' && name !== 'QuotedLabelName') continue;
      const written = source.slice(tree.from(l), tree.to(l));
      if ((name === 'QuotedLabelName' ? unquote(written) : written) === 'instance') named = true;
    }
  }
  return without ? !named : named;
}
