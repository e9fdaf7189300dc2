import type { SyntaxNode } from '@lezer/common';
import { childNamed, expressionChildren, type ParsedExpr } from './parse.js';

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
/** Keep the kind of their (first vector) argument. */
const TRANSPARENT_FUNCTIONS = new Set(['abs', 'ceil', 'floor', 'round', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'label_replace', 'label_join', 'last_over_time', 'clamp_min', 'clamp_max', 'clamp']);
/** Aggregations that keep their input's kind: a sum of counters is a counter, a sum of rates a rate. */
const TRANSPARENT_AGGREGATIONS = new Set(['sum', 'max', 'min', 'topk', 'bottomk', 'limitk', 'limit_ratio']);
/** A scalar stretches or shifts a counter into a counter (`x_bytes_total * 8`). */
const SCALING = new Set(['Mul', 'Div']);

export function valueKind(parsed: ParsedExpr, kindOf: KindLookup): ValueKind {
  try {
    return nodeValueKind(parsed.text, parsed.root, kindOf);
  } catch (error) {
    // A tree deeper than this walk follows (the analysis reports it at the expression): unknown.
    if (error instanceof RangeError) return 'unknown';
    throw error;
  }
}

/** The kind of one sub-expression of `source` (e.g. the inside of a subquery). */
export function nodeValueKind(source: string, root: SyntaxNode | undefined, kindOf: KindLookup): ValueKind {
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  function walk(node: SyntaxNode | undefined): ValueKind | 'scalar' {
    if (!node) return 'unknown';
    switch (node.name) {
      case 'VectorSelector': {
        const identifier = childNamed(node, 'Identifier');
        return identifier ? kindOf(text(identifier)) : 'unknown';
      }
      case 'NumberDurationLiteral':
        return 'scalar';
      case 'StringLiteral':
        return 'unknown';
      case 'FunctionCall': {
        const name = text(childNamed(node, 'FunctionIdentifier') ?? node);
        if (RATES.has(name)) return 'rate';
        if (name === 'scalar' || name === 'time' || name === 'pi') return 'scalar';
        if (!TRANSPARENT_FUNCTIONS.has(name)) return 'gauge';
        const body = childNamed(node, 'FunctionCallBody');
        return walk(body ? expressionChildren(body)[0] : undefined);
      }
      case 'AggregateExpr': {
        const op = text(childNamed(node, 'AggregateOp') ?? node).trim();
        const body = childNamed(node, 'FunctionCallBody');
        const args = body ? expressionChildren(body) : [];
        if (op === 'avg') return walk(args[0]) === 'rate' ? 'rate' : 'gauge';
        if (!TRANSPARENT_AGGREGATIONS.has(op)) return 'gauge';
        return walk(args.length > 1 ? args[1] : args[0]);
      }
      case 'BinaryExpr': {
        const [lhsNode, rhsNode] = expressionChildren(node);
        const lhs = walk(lhsNode);
        const rhs = walk(rhsNode);
        let op = '';
        for (let c = lhsNode?.nextSibling; c; c = c.nextSibling) {
          if (c.name !== 'BoolModifier' && c.name !== 'MatchingModifierClause') {
            op = c.name;
            break;
          }
        }
        if (lhs === 'scalar' && rhs === 'scalar') return 'scalar';
        if (['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte'].includes(op)) {
          if (childNamed(node, 'BoolModifier')) return 'gauge';
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
        return walk(expressionChildren(node)[0]);
    }
  }
  const kind = walk(root);
  return kind === 'scalar' ? 'gauge' : kind;
}
