import { argumentsOf, expressionsOf, firstExpressionOf, flatRoot, type ParsedExpr } from './parse.js';
import type { FlatTree } from './flat-tree.js';

/**
 * What kind of value an expression returns, as far as rate() cares:
 * - `counter`: only grows and resets to 0 (a counter, a sum of counters, a counter × a constant);
 * - `rate`: already a per-second rate (rate, irate, sums of rates);
 * - `gauge`: anything else that goes up and down (ratios, increases, averages, quantiles, gauges);
 * - `unknown`: cannot be told (unknown series, ALERTS).
 * Recording rules get their kind from their expression, so `rate()` over a recorded rate or ratio
 * can be caught like `rate()` over a gauge.
 */
export type ValueKind = 'counter' | 'rate' | 'gauge' | 'unknown';

/** Kind of a series by name (catalogue metrics and recorded series). */
export type KindLookup = (seriesName: string) => ValueKind;

const RATES = new Set(['rate', 'irate']);
/** Keep the kind of their (first vector) argument: they pass its values on (src/promql/counter-combination.ts follows them too). */
export const TRANSPARENT_FUNCTIONS: ReadonlySet<string> = new Set(['abs', 'ceil', 'floor', 'round', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join', 'last_over_time', 'clamp_min', 'clamp_max', 'clamp']);
/** Aggregations that keep their input's kind: a sum of counters is a counter, a sum of rates a rate. */
const TRANSPARENT_AGGREGATIONS = new Set(['sum', 'max', 'min', 'topk', 'bottomk', 'limitk', 'limit_ratio']);
/** A scalar stretches or shifts a counter into a counter (`x_bytes_total * 8`). */
const SCALING = new Set(['Mul', 'Div']);

export function valueKind(parsed: ParsedExpr, kindOf: KindLookup): ValueKind {
  const flat = flatRoot(parsed);
  try {
    return nodeValueKind(parsed.text, flat?.tree, flat ? flat.root : -1, kindOf);
  } catch (error) {
    // A tree deeper than this walk follows (the analysis reports it at the expression): unknown.
    if (error instanceof RangeError) return 'unknown';
    throw error;
  }
}

/** The kind of one sub-expression of `source` (e.g. the inside of a subquery): `root` of a parse walked as numbers (flat-tree.ts). */
export function nodeValueKind(source: string, tree: FlatTree | undefined, root: number, kindOf: KindLookup): ValueKind {
  if (!tree) return 'unknown';
  const text = (node: number) => source.slice(tree.from(node), tree.to(node));
  function walk(node: number): ValueKind | 'scalar' {
    if (node < 0) return 'unknown';
    switch (tree!.name(node)) {
      case 'VectorSelector': {
        const identifier = tree!.child(node, 'Identifier');
        return identifier >= 0 ? kindOf(text(identifier)) : 'unknown';
      }
      case 'NumberDurationLiteral':
        return 'scalar';
      case 'StringLiteral':
        return 'unknown';
      case 'FunctionCall': {
        const identifier = tree!.child(node, 'FunctionIdentifier');
        const name = text(identifier >= 0 ? identifier : node);
        if (RATES.has(name)) return 'rate';
        if (name === 'scalar' || name === 'time' || name === 'pi') return 'scalar';
        if (!TRANSPARENT_FUNCTIONS.has(name)) return 'gauge';
        return walk(argumentsOf(tree!, node)[0] ?? -1);
      }
      case 'AggregateExpr': {
        const opNode = tree!.child(node, 'AggregateOp');
        const op = text(opNode >= 0 ? opNode : node).trim();
        const args = argumentsOf(tree!, node);
        if (op === 'avg') return walk(args[0] ?? -1) === 'rate' ? 'rate' : 'gauge';
        if (!TRANSPARENT_AGGREGATIONS.has(op)) return 'gauge';
        return walk((args.length > 1 ? args[1] : args[0]) ?? -1);
      }
      case 'BinaryExpr': {
        const [lhsNode = -1, rhsNode = -1] = expressionsOf(tree!, node);
        const lhs = walk(lhsNode);
        const rhs = walk(rhsNode);
        let op = '';
        const end = tree!.endOf(node);
        for (let c = lhsNode < 0 ? -1 : tree!.next(lhsNode, end); c >= 0; c = tree!.next(c, end)) {
          const name = tree!.name(c);
          if (name !== 'BoolModifier' && name !== 'MatchingModifierClause') {
            op = name;
            break;
          }
        }
        if (lhs === 'scalar' && rhs === 'scalar') return 'scalar';
        if (['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte'].includes(op)) {
          if (tree!.child(node, 'BoolModifier') >= 0) return 'gauge';
          return lhs === 'scalar' ? rhs : lhs; // a filter keeps the values it lets through
        }
        if (op === 'And' || op === 'Unless') return lhs;
        if (op === 'Or') return lhs === rhs ? lhs : 'unknown';
        if (rhs === 'scalar' && SCALING.has(op)) return lhs;
        if (lhs === 'scalar' && op === 'Mul') return rhs;
        if (op === 'Add' && lhs === rhs && lhs !== 'unknown') return lhs;
        if (op === 'Sub' && lhs === 'rate' && rhs === 'rate') return 'rate';
        if (lhs === 'unknown' || rhs === 'unknown') return 'unknown';
        return 'gauge';
      }
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return 'unknown';
      default:
        // ParenExpr, OffsetExpr, StepInvariantExpr, UnaryExpr: the inner expression.
        return walk(firstExpressionOf(tree!, node));
    }
  }
  const kind = walk(root);
  return kind === 'scalar' ? 'gauge' : kind;
}
